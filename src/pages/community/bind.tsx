import { BindView } from '@/features/community/bind-view'

export default function Page() {
  return <BindView />
}
