import { RolesView } from '@/features/staff/roles-view'

export default function Page() {
  return <RolesView />
}
