import { StreetView } from '@/features/staff/street-view'

export default function Page() {
  return <StreetView />
}
