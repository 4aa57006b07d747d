import { InspectionChecklistView } from '@/features/grid/inspection-checklist-view'

export default function Page() {
  return <InspectionChecklistView />
}
