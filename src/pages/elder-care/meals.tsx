import { MealsView } from '@/features/elder-care/meals-view'

export default function Page() {
  return <MealsView />
}
