import { useRouter } from '@tarojs/taro'
import { RequestsView } from '@/features/service-card/requests-view'

export default function RequestsPage() {
  const { params } = useRouter()
  return <RequestsView staff={params.staff === '1'} initialScope={params.scope} />
}
