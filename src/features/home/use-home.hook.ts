import { useState } from 'react'
import type { Home } from '@/core/community/home.schemas'
import { communityContract } from '@/core/community/community.contract'
import type { WireError } from '@/core/shared/wire'
import { useQuery } from '@/api'
import { readCachedHome, writeCachedHome } from './home-cache'

export interface HomeState {
  /** What to show: fresh or cached; null until anything is known. */
  home: Home | null
  /** When `home` was loaded (epoch ms). */
  savedAt: number | null
  /** A request is in flight. */
  loading: boolean
  /** The last request failed (the cached home, if any, stays on screen). */
  error: WireError | null
  reload: () => void
}

/** `community.home`, shown from the device cache first, then refreshed. */
export function useHome(): HomeState {
  const [cached] = useState(readCachedHome)
  const [savedAt, setSavedAt] = useState<number | null>(cached?.savedAt ?? null)
  const q = useQuery(
    communityContract.home,
    {},
    {
      // Read again after a switch of community (use-query.hook.ts): that community's cached home.
      initial: () => readCachedHome()?.home ?? null,
      onData: home => {
        const entry = { home, savedAt: Date.now() }
        writeCachedHome(entry)
        setSavedAt(entry.savedAt)
      }
    }
  )
  return { home: q.data, savedAt, loading: q.loading, error: q.error, reload: q.reload }
}
