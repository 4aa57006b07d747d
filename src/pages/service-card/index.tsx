import { useRouter } from '@tarojs/taro'
import { CatalogView } from '@/features/service-card/catalog-view'

export default function ServiceCardPage() {
  const { params } = useRouter()
  return <CatalogView initialCategory={params.cat ?? ''} initialQuery={decodeURIComponent(params.q ?? '')} />
}
