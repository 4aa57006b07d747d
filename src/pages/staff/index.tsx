import { StaffHomeView } from '@/features/staff/staff-home-view'

export default function Page() {
  return <StaffHomeView />
}
