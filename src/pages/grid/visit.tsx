import { useRouter } from '@tarojs/taro'
import { VisitHouseholdView } from '@/features/grid/visit-household-view'

export default function Page() {
  const { params } = useRouter()
  return <VisitHouseholdView householdId={params.householdId ?? ''} />
}
