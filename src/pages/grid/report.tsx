import { ReportFormView } from '@/features/grid/report-form-view'

export default function Page() {
  return <ReportFormView />
}
