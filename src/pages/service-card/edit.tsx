import { useRouter } from '@tarojs/taro'
import { EditItemView } from '@/features/service-card/edit-item-view'

export default function EditItemPage() {
  const { params } = useRouter()
  return <EditItemView id={params.id ?? ''} />
}
