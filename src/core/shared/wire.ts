/**
 * The wire between the app and every cloud function (design.md, "The wire").
 * request  { action, payload, requestId? }
 * response { ok: true, data } | { ok: false, error: { code, message, details? } }
 */
import * as z from 'zod'

export const wireRequestSchema = z.object({
  action: z.string().min(1).max(64),
  payload: z.record(z.string(), z.unknown()).default({}),
  /** Client-generated, kept across retries: makes creates idempotent. */
  requestId: z
    .string()
    .min(8)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/)
    .optional(),
  /**
   * The community the app acts in (issue 20: one street, many communities); absent: the caller's own. The router
   * checks the caller's standing there; it only narrows what the caller may see, never widens it.
   */
  communityId: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/)
    .optional()
})
export type WireRequest = z.infer<typeof wireRequestSchema>

/**
 * What the router tells a use case about the call besides its input and caller: the fourth
 * argument of every action's `run` (src/server/router.ts); a use case that needs none omits it.
 */
export interface CallInfo {
  /**
   * The client's requestId when the router runs the action once per id (an idempotent action
   * called with one), else null. The same request can still reach the use case twice: a call
   * that made its writes but lost its answer (cut off, or its response not stored) leaves its
   * claim pending, and the retry that takes the claim over runs the use case again.
   */
  requestId: string | null
  /**
   * What the router's read of the caller joined for this action (the action's `joinToCaller`), for
   * the use case to hand to its store, which built the join and reads it; opaque here. Absent when
   * nothing was joined (a use case called directly, a router without the joined read).
   */
  joined?: unknown
}

/**
 * Whether `made`, a record stamped with the requestId that created (or revived) it and naming who
 * did (`madeBy`), was made by this very request of this caller: the retry of a call whose answer
 * was lost, to be answered with what that call made, not refused as a second attempt. The app
 * draws a new random requestId per tap (src/api/request-id.ts), so another tap never matches;
 * the router keys requestIds per caller, so another person's equal requestId is not this request.
 */
export function isRetryOf(
  call: CallInfo,
  callerId: string,
  made: { requestId?: string | null },
  madeBy: string
): boolean {
  return call.requestId !== null && made.requestId === call.requestId && madeBy === callerId
}

/** Codes every context may answer; each context adds its own closed union. */
export const commonErrorCodes = [
  'INVALID_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  /** A retry while the first call with its requestId may still run: wait and ask again. */
  'IN_PROGRESS',
  'UNKNOWN_ACTION',
  'INTERNAL'
] as const
export type CommonErrorCode = (typeof commonErrorCodes)[number]

export interface WireError<C extends string = string> {
  code: C
  /** Chinese, fit to show a resident. */
  message: string
  details?: unknown
}

export type WireResponse<T, C extends string = string> = { ok: true; data: T } | { ok: false; error: WireError<C> }

/** A business outcome: failures are values with stable codes, not exceptions. */
export type Result<T, C extends string = string> =
  { ok: true; value: T } | { ok: false; code: C; message: string; details?: unknown }

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value })
export const fail = <C extends string>(code: C, message: string, details?: unknown): Result<never, C> => ({
  ok: false,
  code,
  message,
  details
})
