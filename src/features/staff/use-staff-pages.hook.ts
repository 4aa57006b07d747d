import { useCallback, useEffect, useRef, useState } from 'react'
import type { WireError } from '@/core/shared/wire'
import { staffCall } from './staff-api'
import type { Paged } from './staff.types'

export interface StaffPages<T> {
  items: T[] | null
  hasMore: boolean
  loading: boolean
  error: WireError | null
  more: () => void
  reload: () => void
}

/** A staff list, 20 a page with the server's cursor: first page on mount, `more` appends. */
export function useStaffPages<T> (action: string): StaffPages<T> {
  const [items, setItems] = useState<T[] | null>(null)
  const [next, setNext] = useState<string | null>(null)
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<WireError | null>(null)
  const alive = useRef(true)
  // An answer to an older load (a reload started meanwhile) is dropped.
  const generation = useRef(0)

  const load = useCallback((cursor: string | null) => {
    const gen = cursor === null ? ++generation.current : generation.current
    setLoading(true)
    setError(null)
    void staffCall<Paged<T>>(action, cursor ? { cursor } : {}).then(res => {
      if (!alive.current || gen !== generation.current) return
      setLoading(false)
      if (!res.ok) return setError(res.error)
      setItems(prev => cursor && prev ? [...prev, ...res.data.items] : res.data.items)
      setNext(res.data.cursor)
    })
  }, [action])

  useEffect(() => {
    alive.current = true
    load(null)
    return () => { alive.current = false }
  }, [load])

  return { items, hasMore: next !== null, loading, error, more: () => { if (next) load(next) }, reload: () => load(null) }
}
