import { useCallback, useRef, useState } from 'react'
import { useRefusal } from '@/components/form/use-refusal.hook'
import type { ActionContract, InputOf } from '@/core/shared/contract'
import type { WireError } from '@/core/shared/wire'
import type { ActionResponse } from './call-action'
import { callAction } from './call-action'
import { useCallCommunity } from './call-community'
import { newRequestId } from './request-id'

export interface ActionPress {
  /** Names the button pressed (a row's id in a list): busy and the refusal are per key. Default ''. */
  key?: string
  /** A form's handler: the refusal goes to its fields (components/form) instead of beside the button. */
  onError?: (error: WireError) => void
}

export interface Action<A extends ActionContract> {
  /** One press: parses the reply; on failure keeps the message for that button (or calls onError). */
  run: (input: InputOf<A>, press?: ActionPress) => Promise<ActionResponse<A>>
  /** The key of the press still running, or null. */
  busy: string | null
  /** The refusal to show beside the button with this key (<FormProblem problem={…} />), else null. */
  refused: (key?: string) => string | null
}

/**
 * One action of a contract, pressed from a screen. It owns the requestId of an intent: the same
 * button with the same input keeps its id until a definite answer, so a retry after a lost answer
 * (NETWORK) is the same request and the server answers it with the first call's result rather than
 * doing it twice (design.md, "The wire"); a new input or an answered press draws a new id.
 */
export function useAction<A extends ActionContract>(contract: A): Action<A> {
  const [busy, setBusy] = useState<string | null>(null)
  const refusal = useRefusal()
  const pending = useRef(new Map<string, string>())
  const { communityId } = useCallCommunity()
  const run = useCallback(
    async (input: InputOf<A>, press: ActionPress = {}): Promise<ActionResponse<A>> => {
      const key = press.key ?? ''
      const intent = `${key}\u0000${JSON.stringify(input)}`
      const requestId = pending.current.get(intent) ?? newRequestId()
      pending.current.set(intent, requestId)
      refusal.clear()
      setBusy(key)
      const where = communityId ? { communityId } : {}
      const res = await callAction(contract, input, contract.idempotent === true ? { requestId, ...where } : where)
      setBusy(null)
      // A definite answer ends this intent; a network failure keeps the id for the retry.
      if (res.ok || res.error.code !== 'NETWORK') pending.current.delete(intent)
      if (!res.ok && press.onError) press.onError(res.error)
      else if (!res.ok) refusal.refuse(key, res.error)
      return res
    },
    [contract, communityId, refusal.clear, refusal.refuse]
  )
  return { run, busy, refused: (key = '') => refusal.at(key) }
}
