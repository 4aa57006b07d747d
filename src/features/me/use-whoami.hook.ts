import type { Whoami } from '@/core/community/home.schemas'
import type { StreetWhoami } from '@/core/community/street.schemas'
import { communityContract } from '@/core/community/community.contract'
import type { WireError } from '@/core/shared/wire'
import { useQuery } from '@/api'
import { readCachedHome } from '@/features/home/home-cache'

/**
 * `community.whoami`; `me` starts from the cached home's so the page never opens blank. `street` (the community
 * this screen acts in, those I may switch to) comes with the answer only.
 */
export function useWhoami(): {
  me: Whoami | null
  street: StreetWhoami | null
  loading: boolean
  error: WireError | null
  reload: () => void
} {
  const q = useQuery(communityContract.whoami, {})
  const me = q.data ?? readCachedHome()?.home.me ?? null
  return { me, street: q.data, loading: q.loading, error: q.error, reload: q.reload }
}
