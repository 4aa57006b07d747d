import { InboxView } from '@/features/notifications/inbox-view'

export default function InboxPage() {
  return <InboxView />
}
