import { MeView } from '@/features/me/me-view'

export default function MePage () {
  return <MeView />
}
