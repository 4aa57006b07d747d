import { StaffView } from '@/features/classes/staff-view'

export default function ClassesStaffPage() {
  return <StaffView />
}
