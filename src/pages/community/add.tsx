import { AddCommunityView } from '@/features/community/add-community-view'

export default function Page() {
  return <AddCommunityView />
}
