import { useCallback, useEffect, useRef, useState } from 'react'
import type { ZodType } from 'zod'
import type { WireError } from '@/core/shared/wire'
// Through the package entry, so tests that mock '@/api' reach this call too.
import { callFunction } from './index'

export interface CloudQuery<T> {
  /** The last good answer (or the initial value, e.g. from the device cache); null until known. */
  data: T | null
  /** A request is in flight. */
  loading: boolean
  /** The last request failed; `data` stays on screen. */
  error: WireError | null
  reload: () => void
}

export interface CloudQueryOptions<T> {
  fn: string
  action: string
  payload?: Record<string, unknown>
  /** The answer is parsed before use: a server out of step with the app shows an error, not a crash. */
  schema: ZodType<T>
  /** Chinese message when the answer doesn't parse. */
  badResponse: string
  /** Shown before the first answer (e.g. the cached copy), so a page never opens blank. */
  initial?: () => T | null
  /** Called with each good answer (e.g. to cache it). */
  onData?: (data: T) => void
}

/**
 * Load one cloud-function query on mount, with loading/error state and a reload for the retry
 * button. The reads every page does, in one place.
 */
export function useCloudQuery<T> (opts: CloudQueryOptions<T>): CloudQuery<T> {
  const [data, setData] = useState<T | null>(() => opts.initial?.() ?? null)
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<WireError | null>(null)
  // Options are read when a request starts; keeping them in a ref keeps `reload` stable.
  const options = useRef(opts)
  options.current = opts
  // An answer arriving after the page closed must not set state on an unmounted component.
  const alive = useRef(true)

  const reload = useCallback(() => {
    const { fn, action, payload, schema, badResponse, onData } = options.current
    setLoading(true)
    setError(null)
    void callFunction<unknown>(fn, action, payload ?? {}).then((res) => {
      if (!alive.current) return
      setLoading(false)
      if (!res.ok) return setError(res.error)
      const parsed = schema.safeParse(res.data)
      if (!parsed.success) return setError({ code: 'BAD_RESPONSE', message: badResponse })
      onData?.(parsed.data)
      setData(parsed.data)
    })
  }, [])

  useEffect(() => {
    alive.current = true
    reload()
    return () => { alive.current = false }
  }, [reload])

  return { data, loading, error, reload }
}
