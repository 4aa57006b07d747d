import { useCallback, useState } from 'react'
import type { WireError, WireResponse } from '@/core/shared/wire'

export interface Refusal {
  /** The "can't" for the button drawn with this key (FormProblem's `problem`); null for any other. */
  at: (key: string) => string | null
  /** Shows a refusal beside the button with this key, in place of any earlier one. */
  refuse: (key: string, error: WireError | string) => void
  clear: () => void
  /**
   * One tap of a one-tap button (报名, 取消预约, 领取, 签到...): clears the last refusal, makes the
   * call, and on a failure keeps its message for the button tapped. Returns the answer.
   */
  tap: <T>(key: string, call: () => Promise<WireResponse<T>>) => Promise<WireResponse<T>>
}

/**
 * The refusal of a one-tap action that is not a form field, shown where the person looks: beside
 * the button just tapped (<FormProblem problem={refusal.at(key)} />), until the next tap. Never a
 * toast: a toast sits over that button and swallows the next tap, and it is gone before an elder
 * has read it. A toast stays only for a success. Per list, `key` names the row (a booking's id).
 */
export function useRefusal(): Refusal {
  const [shown, setShown] = useState<{ key: string; message: string } | null>(null)
  const refuse = useCallback(
    (key: string, error: WireError | string) =>
      setShown({ key, message: typeof error === 'string' ? error : error.message }),
    []
  )
  const clear = useCallback(() => setShown(null), [])
  const tap = useCallback(async <T>(key: string, call: () => Promise<WireResponse<T>>): Promise<WireResponse<T>> => {
    setShown(null)
    const res = await call()
    if (!res.ok) setShown({ key, message: res.error.message })
    return res
  }, [])
  return { at: key => (shown?.key === key ? shown.message : null), refuse, clear, tap }
}
