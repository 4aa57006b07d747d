import { FiguresView } from '@/features/grid/figures-view'

export default function Page() {
  return <FiguresView today={new Date()} />
}
