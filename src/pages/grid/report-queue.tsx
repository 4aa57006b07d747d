import { useRouter } from '@tarojs/taro'
import { ReportQueueView } from '@/features/grid/report-queue-view'

export default function Page() {
  // ?view=mine|overdue|done: a tab named by a link (an overdue notice opens 已超时).
  const { params } = useRouter()
  return <ReportQueueView initialView={params.view} />
}
