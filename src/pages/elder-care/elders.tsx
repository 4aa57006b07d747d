import { EldersView } from '@/features/elder-care/elders-view'

export default function Page() {
  return <EldersView />
}
