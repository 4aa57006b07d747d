import { InspectionListView } from '@/features/grid/inspection-list-view'

export default function Page() {
  return <InspectionListView />
}
