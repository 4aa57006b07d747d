import { useCallback, useEffect, useRef, useState } from 'react'
import { whoamiSchema, type Whoami } from '@/core/community/home.schema'
import type { WireError } from '@/core/shared/wire'
import { callFunction } from '@/api'
import { readCachedHome } from '@/features/home/home-cache'
import { meCopy } from './copy'

/** `community.whoami`; starts from the cached home's `me` so the page never opens blank. */
export function useWhoami (): { me: Whoami | null; loading: boolean; error: WireError | null; reload: () => void } {
  const [me, setMe] = useState<Whoami | null>(() => readCachedHome()?.home.me ?? null)
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<WireError | null>(null)
  const alive = useRef(true)

  const reload = useCallback(() => {
    setLoading(true)
    setError(null)
    void callFunction<unknown>('community', 'whoami', {}).then(res => {
      if (!alive.current) return
      setLoading(false)
      if (!res.ok) return setError(res.error)
      const parsed = whoamiSchema.safeParse(res.data)
      if (parsed.success) setMe(parsed.data)
      else setError({ code: 'BAD_RESPONSE', message: meCopy.loadFailed })
    })
  }, [])

  useEffect(() => {
    alive.current = true
    reload()
    return () => { alive.current = false }
  }, [reload])

  return { me, loading, error, reload }
}
