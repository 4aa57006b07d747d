import { GuardianView } from '@/features/classes/guardian-view'

export default function ClassesPage() {
  return <GuardianView />
}
