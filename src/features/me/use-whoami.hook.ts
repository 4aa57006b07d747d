import { whoamiSchema, type Whoami } from '@/core/community/home.schema'
import type { WireError } from '@/core/shared/wire'
import { useCloudQuery } from '@/api/use-cloud-query.hook'
import { readCachedHome } from '@/features/home/home-cache'
import { meCopy } from './copy'

/** `community.whoami`; starts from the cached home's `me` so the page never opens blank. */
export function useWhoami (): { me: Whoami | null; loading: boolean; error: WireError | null; reload: () => void } {
  const q = useCloudQuery({
    fn: 'community',
    action: 'whoami',
    schema: whoamiSchema,
    badResponse: meCopy.loadFailed,
    initial: () => readCachedHome()?.home.me ?? null
  })
  return { me: q.data, loading: q.loading, error: q.error, reload: q.reload }
}
