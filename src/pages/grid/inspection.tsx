import { useRouter } from '@tarojs/taro'
import { InspectionFormView } from '@/features/grid/inspection-form-view'

export default function Page() {
  // ?checklistId=: the due list's row, or the reminder's link.
  const { params } = useRouter()
  return <InspectionFormView checklistId={params.checklistId ?? ''} />
}
