import { useCallback, useEffect, useRef, useState } from 'react'
import type { ZodType } from 'zod'
import type { WireError } from '@/core/shared/wire'
import { callFunction } from './index'

/** A page as every list action answers it: rows and the cursor of the next page (null: last). */
export interface PageOf<T> {
  items: T[]
  cursor: string | null
}

export interface PagedQuery<T> {
  items: T[]
  /** More pages exist. */
  hasMore: boolean
  loading: boolean
  error: WireError | null
  /** Next page, appended. */
  more: () => void
  /** From the first page again (after a change, or for the retry button). */
  reload: () => void
}

export interface PagedQueryOptions<P extends PageOf<unknown>> {
  fn: string
  action: string
  payload?: Record<string, unknown>
  schema: ZodType<P>
  badResponse: string
  onPage?: (page: P) => void
}

/** A cursor-paged list (design.md: 20 per page): first page on mount, `more` for the next. */
export function usePagedQuery<T, P extends PageOf<T> = PageOf<T>> (opts: PagedQueryOptions<P>): PagedQuery<T> {
  const [items, setItems] = useState<T[]>([])
  // Which payload the items were loaded for. A list whose payload changed (the directory going one
  // level down) must not show the old rows, with the new level's buttons, until its reload answers.
  const [itemsFor, setItemsFor] = useState<string | null>(null)
  const payloadKey = JSON.stringify(opts.payload ?? {})
  const [cursor, setCursor] = useState<string | null>(null)
  const [hasMore, setHasMore] = useState(false)
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<WireError | null>(null)
  const options = useRef(opts)
  options.current = opts
  const alive = useRef(true)
  // Answers to an older load (a reload started meanwhile) are dropped.
  const generation = useRef(0)

  const load = useCallback((from: string | null) => {
    const { fn, action, payload, schema, badResponse, onPage } = options.current
    const gen = from === null ? ++generation.current : generation.current
    setLoading(true)
    setError(null)
    void callFunction<unknown>(fn, action, { ...(payload ?? {}), ...(from ? { cursor: from } : {}) }).then((res) => {
      if (!alive.current || gen !== generation.current) return
      setLoading(false)
      if (!res.ok) return setError(res.error)
      const parsed = schema.safeParse(res.data)
      if (!parsed.success) return setError({ code: 'BAD_RESPONSE', message: badResponse })
      onPage?.(parsed.data)
      setItems(prev => from === null ? parsed.data.items as T[] : [...prev, ...parsed.data.items as T[]])
      setItemsFor(JSON.stringify(payload ?? {}))
      setCursor(parsed.data.cursor)
      setHasMore(parsed.data.cursor !== null)
    })
  }, [])

  useEffect(() => {
    alive.current = true
    load(null)
    return () => { alive.current = false }
  }, [load])

  const current = itemsFor === payloadKey
  return {
    items: current ? items : [],
    hasMore: current && hasMore,
    loading,
    error,
    more: useCallback(() => { if (cursor) load(cursor) }, [cursor, load]),
    reload: useCallback(() => load(null), [load])
  }
}
