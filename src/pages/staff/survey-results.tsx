import { SurveyResultsView } from '@/features/staff/survey-results-view'

export default function Page() {
  return <SurveyResultsView />
}
