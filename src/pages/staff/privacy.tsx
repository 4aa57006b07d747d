import { PrivacyView } from '@/features/staff/privacy-view'

export default function Page() {
  return <PrivacyView />
}
