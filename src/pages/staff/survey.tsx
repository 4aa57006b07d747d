import { SurveyView } from '@/features/staff/survey-view'

export default function Page() {
  return <SurveyView />
}
