import { useCallback, useEffect, useRef, useState } from 'react'
import type { ZodType } from 'zod'
import type { ActionContract, InputOf, ReplyOf } from '@/core/shared/contract'
import type { Page } from '@/core/shared/page'
import type { WireError } from '@/core/shared/wire'
import { callAction } from './call-action'
import { callFunction } from './index'

/** @deprecated use Page from '@/core/shared/page' */
export type PageOf<T> = Page<T>

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

/** @deprecated: call `usePagedQuery(contract.listX, input)` (the contract parses the reply). */
export interface PagedQueryOptions<P extends PageOf<unknown>> {
  fn: string
  action: string
  payload?: Record<string, unknown>
  schema: ZodType<P>
  badResponse: string
  onPage?: (page: P) => void
}

type ItemOf<A> = ReplyOf<A> extends Page<infer T> ? T : never

/**
 * A cursor-paged list (design.md: 20 per page) of a contract's list action: first page on mount
 * and whenever the input changes, `more` for the next.
 */
export function usePagedQuery<A extends ActionContract> (
  contract: A, input: InputOf<A>, opts?: { onPage?: (page: ReplyOf<A>) => void }
): PagedQuery<ItemOf<A>>
/** @deprecated the string form, until every list calls through its contract. */
export function usePagedQuery<T, P extends PageOf<T> = PageOf<T>> (opts: PagedQueryOptions<P>): PagedQuery<T>
export function usePagedQuery (first: ActionContract | PagedQueryOptions<PageOf<unknown>>, input?: unknown,
  extra?: { onPage?: (page: any) => void }): PagedQuery<unknown> {
  const opts: PagedQueryOptions<PageOf<unknown>> & { contract?: ActionContract } = 'reply' in first
    ? { contract: first, fn: first.fn, action: first.name, payload: (input ?? {}) as Record<string, unknown>, schema: first.reply, badResponse: '', onPage: extra?.onPage }
    : first
  return usePaged(opts)
}

function usePaged (opts: PagedQueryOptions<PageOf<unknown>> & { contract?: ActionContract }): PagedQuery<unknown> {
  type T = unknown
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
    const { fn, action, payload, schema, badResponse, onPage, contract } = options.current
    const gen = from === null ? ++generation.current : generation.current
    setLoading(true)
    setError(null)
    const withCursor = { ...(payload ?? {}), ...(from ? { cursor: from } : {}) }
    const call = contract ? callAction(contract, withCursor) : callFunction<unknown>(fn, action, withCursor)
    void call.then((res) => {
      if (!alive.current || gen !== generation.current) return
      setLoading(false)
      if (!res.ok) return setError(res.error)
      // callAction has parsed the contract's reply already.
      const parsed = contract ? { success: true as const, data: res.data as PageOf<unknown> } : schema.safeParse(res.data)
      if (!parsed.success) return setError({ code: 'BAD_RESPONSE', message: badResponse })
      onPage?.(parsed.data)
      setItems(prev => from === null ? parsed.data.items as T[] : [...prev, ...parsed.data.items as T[]])
      setItemsFor(JSON.stringify(payload ?? {}))
      setCursor(parsed.data.cursor)
      setHasMore(parsed.data.cursor !== null)
    })
  }, [])

  // The contract form asks again when the input changes (the deprecated form reloads by hand).
  const reloadOn = opts.contract ? payloadKey : ''
  useEffect(() => {
    alive.current = true
    load(null)
    return () => { alive.current = false }
  }, [load, reloadOn])

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
