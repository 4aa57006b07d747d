import { BroadcastView } from '@/features/notifications/broadcast-view'

export default function Page() {
  return <BroadcastView />
}
