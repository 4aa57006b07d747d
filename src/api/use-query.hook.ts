import { useCallback, useEffect, useRef, useState } from 'react'
import type { ActionContract, InputOf, ReplyOf } from '@/core/shared/contract'
import type { WireError } from '@/core/shared/wire'
import { callAction } from './call-action'
import { useCallCommunity } from './call-community'
import { useCommunityChoice } from './community-choice'

export interface Query<T> {
  /** The last good answer (or the initial value, e.g. from the device cache); null until known. */
  data: T | null
  /** A request is in flight. */
  loading: boolean
  /** The last request failed; `data` stays on screen. */
  error: WireError | null
  reload: () => void
}

export interface QueryOptions<T> {
  /** Shown before the first answer (e.g. the cached copy), so a page never opens blank. */
  initial?: () => T | null
  /** Called with each good answer (e.g. to cache it). */
  onData?: (data: T) => void
  /** False: don't ask yet (e.g. until the page knows which record). Default true. */
  enabled?: boolean
}

/**
 * Loads one read action of a contract on mount, and again when its input changes, with loading
 * and error state and a reload for the retry button. The reply is parsed by the contract.
 */
export function useQuery<A extends ActionContract>(
  contract: A,
  input: InputOf<A>,
  opts: QueryOptions<ReplyOf<A>> = {}
): Query<ReplyOf<A>> {
  const [data, setData] = useState<ReplyOf<A> | null>(() => opts.initial?.() ?? null)
  const enabled = opts.enabled ?? true
  const [loading, setLoading] = useState(enabled)
  const [error, setError] = useState<WireError | null>(null)
  // The screen's community (CallCommunity) is part of what is asked: another community, another answer.
  const call = useCallCommunity()
  const inputKey = JSON.stringify([input ?? {}, call])
  // So is the app's (issue 20): after a switch the query asks again.
  const community = useCommunityChoice()
  // Read when a request starts; a ref keeps `reload` stable across renders.
  const latest = useRef({ input, opts, call })
  latest.current = { input, opts, call }
  // An answer arriving after the page closed, or for an older input, is dropped.
  const alive = useRef(true)
  const generation = useRef(0)

  const reload = useCallback(() => {
    const { input: now, opts: o, call: where } = latest.current
    if (o.enabled === false) return
    const gen = ++generation.current
    setLoading(true)
    setError(null)
    void callAction(contract, now, where).then(res => {
      if (!alive.current || gen !== generation.current) return
      setLoading(false)
      if (!res.ok) return setError(res.error)
      o.onData?.(res.data)
      setData(res.data)
    })
  }, [contract])

  // Another community's answer is not this one's: shown no longer once the community changed (the initial value,
  // e.g. that community's cached copy, until the answer comes).
  const askedIn = useRef(community)
  useEffect(() => {
    if (askedIn.current === community) return
    askedIn.current = community
    setData(latest.current.opts.initial?.() ?? null)
  }, [community])

  useEffect(() => {
    alive.current = true
    reload()
    return () => {
      alive.current = false
    }
  }, [reload, inputKey, enabled, community])

  return { data, loading, error, reload }
}
