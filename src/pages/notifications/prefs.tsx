import { PrefsView } from '@/features/notifications/prefs-view'

export default function Page() {
  return <PrefsView />
}
