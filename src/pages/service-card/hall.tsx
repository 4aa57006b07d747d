import { HallView } from '@/features/service-card/hall-view'

export default function HallPage() {
  return <HallView />
}
