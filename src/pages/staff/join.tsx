import { JoinView } from '@/features/staff/join-view'

export default function Page() {
  return <JoinView />
}
