import { MyDataView } from '@/features/staff/my-data-view'

export default function Page() {
  return <MyDataView />
}
