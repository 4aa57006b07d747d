import { useCallback, useEffect, useRef, useState } from 'react'
import type { ActionContract, InputOf, ReplyOf } from '@/core/shared/contract'
import type { Page } from '@/core/shared/page'
import type { WireError } from '@/core/shared/wire'
import { callAction } from './call-action'
import { useCallCommunity } from './call-community'
import { getCommunityChoice, useCommunityChoice } from './community-choice'

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

type ItemOf<A> = ReplyOf<A> extends Page<infer T> ? T : never

/**
 * A cursor-paged list (design.md: 20 per page) of a contract's list action: the first page on
 * mount and whenever the input changes, `more` for the next. The contract parses every page.
 */
export function usePagedQuery<A extends ActionContract>(
  contract: A,
  input: InputOf<A>,
  opts: { onPage?: (page: ReplyOf<A>) => void } = {}
): PagedQuery<ItemOf<A>> {
  const [items, setItems] = useState<Array<ItemOf<A>>>([])
  // Which input the items were loaded for. A list whose input changed (the directory going one
  // level down) must not show the old rows, with the new level's buttons, until its reload answers.
  // The community is part of what was asked (issue 20): the screen's (CallCommunity), else the app's; after a switch
  // the list starts again from its first page.
  const call = useCallCommunity()
  const inputKey = JSON.stringify([input ?? {}, call, useCommunityChoice()])
  const [itemsFor, setItemsFor] = useState<string | null>(null)
  const [cursor, setCursor] = useState<string | null>(null)
  const [hasMore, setHasMore] = useState(false)
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<WireError | null>(null)
  const latest = useRef({ input, opts, call })
  latest.current = { input, opts, call }
  const alive = useRef(true)
  // Answers to an older load (a reload started meanwhile) are dropped.
  const generation = useRef(0)

  const load = useCallback(
    (from: string | null) => {
      const { input: now, opts: o, call: where } = latest.current
      const gen = from === null ? ++generation.current : generation.current
      setLoading(true)
      setError(null)
      const withCursor = { ...(now as Record<string, unknown>), ...(from ? { cursor: from } : {}) } as InputOf<A>
      void callAction(contract, withCursor, where).then(res => {
        if (!alive.current || gen !== generation.current) return
        setLoading(false)
        if (!res.ok) return setError(res.error)
        const page = res.data as Page<ItemOf<A>>
        o.onPage?.(res.data)
        setItems(prev => (from === null ? page.items : [...prev, ...page.items]))
        setItemsFor(JSON.stringify([now ?? {}, where, getCommunityChoice()]))
        setCursor(page.cursor)
        setHasMore(page.cursor !== null)
      })
    },
    [contract]
  )

  useEffect(() => {
    alive.current = true
    load(null)
    return () => {
      alive.current = false
    }
  }, [load, inputKey])

  const current = itemsFor === inputKey
  return {
    items: current ? items : [],
    hasMore: current && hasMore,
    loading,
    error,
    more: useCallback(() => {
      if (cursor) load(cursor)
    }, [cursor, load]),
    reload: useCallback(() => load(null), [load])
  }
}
