import { RequestView } from '@/features/elder-care/request-view'

export default function Page() {
  return <RequestView />
}
