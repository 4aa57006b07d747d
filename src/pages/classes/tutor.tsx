import { TutorView } from '@/features/classes/tutor-view'

export default function ClassesTutorPage() {
  return <TutorView />
}
