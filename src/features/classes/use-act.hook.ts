import { useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { callFunction, newRequestId } from '@/api'
import type { WireResponse } from '@/core/shared/wire'

/**
 * One button press of a classes action: one requestId per intent (kept if the user taps again
 * while it runs, so the server answers a retry with the first result), a busy flag for the
 * buttons, and the server's Chinese message in a toast on failure.
 */
export function useAct (): { busy: string | null, act: <T>(key: string, action: string, payload: Record<string, unknown>) => Promise<WireResponse<T>> } {
  const [busy, setBusy] = useState<string | null>(null)
  const pending = useRef(new Map<string, string>())
  const act = async <T,>(key: string, action: string, payload: Record<string, unknown>): Promise<WireResponse<T>> => {
    const intent = `${action}:${key}`
    const requestId = pending.current.get(intent) ?? newRequestId()
    pending.current.set(intent, requestId)
    setBusy(key)
    const res = await callFunction<T>('classes', action, payload, { requestId })
    setBusy(null)
    // A definite answer ends this intent; a network failure keeps the id for the retry.
    if (res.ok || res.error.code !== 'NETWORK') pending.current.delete(intent)
    if (!res.ok) void Taro.showToast({ title: res.error.message, icon: 'none', duration: 3000 })
    return res
  }
  return { busy, act }
}
