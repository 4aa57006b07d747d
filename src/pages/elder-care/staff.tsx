import { StaffView } from '@/features/elder-care/staff-view'

export default function Page() {
  return <StaffView />
}
