import { ElderHomeView } from '@/features/elder-care/elder-home-view'

export default function Page() {
  return <ElderHomeView />
}
