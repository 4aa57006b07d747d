import { useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { callFunction, newRequestId } from '@/api'
import type { WireError, WireResponse } from '@/core/shared/wire'

/**
 * One button press of a classes action: one requestId per intent (kept if the user taps again
 * while it runs, so the server answers a retry with the first result), a busy flag for the
 * buttons, and the server's Chinese message on failure: to the form's `onError` (shown at its
 * fields, components/form), else in a toast.
 */
type Act = <T>(key: string, action: string, payload: Record<string, unknown>, opts?: { onError?: (e: WireError) => void }) => Promise<WireResponse<T>>
export function useAct (): { busy: string | null, act: Act } {
  const [busy, setBusy] = useState<string | null>(null)
  const pending = useRef(new Map<string, string>())
  const act: Act = async <T,>(key: string, action: string, payload: Record<string, unknown>, opts: { onError?: (e: WireError) => void } = {}): Promise<WireResponse<T>> => {
    const intent = `${action}:${key}`
    const requestId = pending.current.get(intent) ?? newRequestId()
    pending.current.set(intent, requestId)
    setBusy(key)
    const res = await callFunction<T>('classes', action, payload, { requestId })
    setBusy(null)
    // A definite answer ends this intent; a network failure keeps the id for the retry.
    if (res.ok || res.error.code !== 'NETWORK') pending.current.delete(intent)
    if (!res.ok && opts.onError) opts.onError(res.error)
    else if (!res.ok) void Taro.showToast({ title: res.error.message, icon: 'none', duration: 3000 })
    return res
  }
  return { busy, act }
}
