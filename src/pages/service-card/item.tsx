import { useRouter } from '@tarojs/taro'
import { ItemView } from '@/features/service-card/item-view'

export default function ServiceItemPage() {
  const { params } = useRouter()
  return <ItemView id={params.id ?? ''} />
}
