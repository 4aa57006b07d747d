import { ReportHomeView } from '@/features/grid/report-home-view'

export default function Page() {
  return <ReportHomeView />
}
