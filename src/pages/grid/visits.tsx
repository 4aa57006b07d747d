import { useRouter } from '@tarojs/taro'
import { VisitsView } from '@/features/grid/visits-view'

export default function Page() {
  // ?tab=tasks: the 待办's 走访跟进事项 opens the follow-ups.
  const { params } = useRouter()
  return <VisitsView initialTab={params.tab} />
}
