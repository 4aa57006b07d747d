import { ChooseCommunityView } from '@/features/community/street-view'

export default function Page() {
  return <ChooseCommunityView />
}
