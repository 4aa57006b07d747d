/**
 * Calls one action of a context's contract (core/<ctx>/<ctx>.contract.ts) and parses the reply
 * with the contract's schema: a function out of step with the app answers BAD_RESPONSE, never a
 * value the screen would trip over. The hooks (use-action, use-query, use-paged-query) and the few
 * calls outside a component go through here.
 */
import type { ActionContract, CodeOf, InputOf, ReplyOf } from '@/core/shared/contract'
import type { CommonErrorCode, WireResponse } from '@/core/shared/wire'
import type { CallOptions, ClientErrorCode } from './call-function'
// From the module itself, not the package entry: a component test mocks the transport with
// jest.mock('@/api/call-function', ...) and keeps every hook real (use-action.hook.test.tsx).
import { callFunction } from './call-function'

/** Every code an action's call may answer: its own, the router's and the app's. */
export type ActionErrorCode<A> = CodeOf<A> | CommonErrorCode | ClientErrorCode | 'BAD_RESPONSE'

export type ActionResponse<A> = WireResponse<ReplyOf<A>, ActionErrorCode<A>>

export const badResponseMessage = '小程序版本过旧，请关闭后重新打开再试'

export async function callAction<A extends ActionContract>(
  contract: A,
  input: InputOf<A>,
  opts: CallOptions = {}
): Promise<ActionResponse<A>> {
  const res = await callFunction<unknown>(contract.fn, contract.name, input as Record<string, unknown>, opts)
  if (!res.ok) return res as ActionResponse<A>
  const parsed = contract.reply.safeParse(res.data)
  if (!parsed.success) return { ok: false, error: { code: 'BAD_RESPONSE', message: badResponseMessage } }
  return { ok: true, data: parsed.data as ReplyOf<A> }
}
