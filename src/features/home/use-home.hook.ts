import { useCallback, useEffect, useRef, useState } from 'react'
import { homeSchema, type Home } from '@/core/community/home.schema'
import type { WireError } from '@/core/shared/wire'
import { callFunction } from '@/api'
import { readCachedHome, writeCachedHome } from './home-cache'
import { homeCopy } from './copy'

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
export function useHome (): HomeState {
  const [cached] = useState(readCachedHome)
  const [home, setHome] = useState<Home | null>(cached?.home ?? null)
  const [savedAt, setSavedAt] = useState<number | null>(cached?.savedAt ?? null)
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<WireError | null>(null)
  const alive = useRef(true)

  const reload = useCallback(() => {
    setLoading(true)
    setError(null)
    void loadHome().then(result => {
      if (!alive.current) return
      setLoading(false)
      if (result.ok) {
        const entry = { home: result.home, savedAt: Date.now() }
        writeCachedHome(entry)
        setHome(entry.home)
        setSavedAt(entry.savedAt)
      } else {
        setError(result.error)
      }
    })
  }, [])

  useEffect(() => {
    alive.current = true
    reload()
    return () => { alive.current = false }
  }, [reload])

  return { home, savedAt, loading, error, reload }
}

type LoadResult = { ok: true; home: Home } | { ok: false; error: WireError }

async function loadHome (): Promise<LoadResult> {
  const res = await callFunction<unknown>('community', 'home', {})
  if (!res.ok) return { ok: false, error: res.error }
  const parsed = homeSchema.safeParse(res.data)
  if (!parsed.success) return { ok: false, error: { code: 'BAD_RESPONSE', message: homeCopy.badResponse } }
  return { ok: true, home: parsed.data }
}
