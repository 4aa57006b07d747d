import { StreetExportsView } from '@/features/staff/street-exports-view'

export default function Page() {
  return <StreetExportsView />
}
