import { ExportsView } from '@/features/staff/exports-view'

export default function Page() {
  return <ExportsView />
}
