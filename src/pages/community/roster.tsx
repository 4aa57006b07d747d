import { RosterView } from '@/features/community/roster-view'

export default function Page() {
  return <RosterView />
}
