import { useRef, useState } from 'react'
import { callFunction, newRequestId } from '@/api'
import { useRefusal } from '@/components/form/use-refusal.hook'
import type { WireError, WireResponse } from '@/core/shared/wire'

/**
 * One button press of a classes action: one requestId per intent (kept if the user taps again
 * while it runs, so the server answers a retry with the first result), a busy flag for the
 * buttons, and the server's Chinese message on failure: to the form's `onError` (shown at its
 * fields, components/form), else kept as the refusal of the button pressed: `refused(key)`, shown
 * beside that button with FormProblem until the next press (never a toast over it).
 */
type Act = <T>(key: string, action: string, payload: Record<string, unknown>, opts?: { onError?: (e: WireError) => void }) => Promise<WireResponse<T>>
export function useAct (): { busy: string | null, act: Act, refused: (key: string) => string | null } {
  const [busy, setBusy] = useState<string | null>(null)
  const refusal = useRefusal()
  const pending = useRef(new Map<string, string>())
  const act: Act = async <T,>(key: string, action: string, payload: Record<string, unknown>, opts: { onError?: (e: WireError) => void } = {}): Promise<WireResponse<T>> => {
    const intent = `${action}:${key}`
    const requestId = pending.current.get(intent) ?? newRequestId()
    pending.current.set(intent, requestId)
    refusal.clear()
    setBusy(key)
    const res = await callFunction<T>('classes', action, payload, { requestId })
    setBusy(null)
    // A definite answer ends this intent; a network failure keeps the id for the retry.
    if (res.ok || res.error.code !== 'NETWORK') pending.current.delete(intent)
    if (!res.ok && opts.onError) opts.onError(res.error)
    else if (!res.ok) refusal.refuse(key, res.error)
    return res
  }
  return { busy, act, refused: refusal.at }
}
