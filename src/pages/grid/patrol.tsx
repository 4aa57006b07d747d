import { PatrolView } from '@/features/grid/patrol-view'

export default function Page() {
  return <PatrolView />
}
