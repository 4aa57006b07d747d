import type { Whoami } from '@/core/community/home.schemas'
import { communityContract } from '@/core/community/community.contract'
import type { WireError } from '@/core/shared/wire'
import { useQuery } from '@/api'
import { readCachedHome } from '@/features/home/home-cache'

/** `community.whoami`; starts from the cached home's `me` so the page never opens blank. */
export function useWhoami(): { me: Whoami | null; loading: boolean; error: WireError | null; reload: () => void } {
  const q = useQuery(communityContract.whoami, {}, { initial: () => readCachedHome()?.home.me ?? null })
  return { me: q.data, loading: q.loading, error: q.error, reload: q.reload }
}
