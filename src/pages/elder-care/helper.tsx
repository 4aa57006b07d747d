import { HelperView } from '@/features/elder-care/helper-view'

export default function Page() {
  return <HelperView />
}
