import { OutboxView } from '@/features/notifications/outbox-view'

export default function Page() {
  return <OutboxView />
}
