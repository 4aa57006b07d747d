import { DashboardView } from '@/features/staff/dashboard-view'

export default function Page() {
  return <DashboardView />
}
