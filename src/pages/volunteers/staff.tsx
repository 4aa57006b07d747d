import { VolunteersStaffView } from '@/features/volunteers/staff-view'

export default function VolunteerStaffPage() {
  return <VolunteersStaffView />
}
