import { VolunteersView } from '@/features/volunteers/volunteers-view'

export default function VolunteersPage() {
  return <VolunteersView />
}
