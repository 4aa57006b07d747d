import { useRouter } from '@tarojs/taro'
import { ReportFormView } from '@/features/grid/report-form-view'

export default function Page() {
  // ?patrolId=: 发现问题 on a patrol (网格巡查) links the report to it.
  const { params } = useRouter()
  return <ReportFormView patrolId={params.patrolId ?? null} />
}
