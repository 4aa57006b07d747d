import { CommunityView } from '@/features/community/community-view'

export default function CommunityPage() {
  return <CommunityView />
}
