import { SosView } from '@/features/elder-care/sos-view'

export default function Page () {
  return <SosView />
}
