import { AuditView } from '@/features/staff/audit-view'

export default function Page() {
  return <AuditView />
}
