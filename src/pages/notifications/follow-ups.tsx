import { FollowUpsView } from '@/features/notifications/follow-ups-view'

export default function Page() {
  return <FollowUpsView />
}
