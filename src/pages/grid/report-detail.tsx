import { useRouter } from '@tarojs/taro'
import { ReportDetailView } from '@/features/grid/report-detail-view'

export default function Page() {
  // ?id=<report>: opened from a list, or from a notice about it (the reporter's, a follower's, a handler's).
  const { params } = useRouter()
  return <ReportDetailView reportId={params.id ?? ''} />
}
