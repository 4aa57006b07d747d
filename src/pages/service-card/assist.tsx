import { AssistView } from '@/features/service-card/assist-view'

export default function AssistPage() {
  return <AssistView />
}
