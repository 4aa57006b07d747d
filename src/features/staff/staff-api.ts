/** Calls to the `staff` cloud function, one place for the function name. */
import { callFunction, newRequestId } from '@/api'
import type { WireResponse } from '@/core/shared/wire'

export const STAFF_FN = 'staff'

export function staffCall<T> (action: string, payload: Record<string, unknown> = {}, opts: { create?: boolean } = {}): Promise<WireResponse<T>> {
  return callFunction<T>(STAFF_FN, action, payload, opts.create ? { requestId: newRequestId() } : {})
}
