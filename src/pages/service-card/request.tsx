import { useRouter } from '@tarojs/taro'
import { RequestView } from '@/features/service-card/request-view'

export default function RequestPage() {
  const { params } = useRouter()
  return <RequestView id={params.id ?? ''} />
}
