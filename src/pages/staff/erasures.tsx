import { ErasuresView } from '@/features/staff/erasures-view'

export default function Page() {
  return <ErasuresView />
}
