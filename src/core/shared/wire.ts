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
  requestId: z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/).optional()
})
export type WireRequest = z.infer<typeof wireRequestSchema>

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

export type WireResponse<T, C extends string = string> =
  | { ok: true; data: T }
  | { ok: false; error: WireError<C> }

/** A business outcome: failures are values with stable codes, not exceptions. */
export type Result<T, C extends string = string> =
  | { ok: true; value: T }
  | { ok: false; code: C; message: string; details?: unknown }

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value })
export const fail = <C extends string>(code: C, message: string, details?: unknown): Result<never, C> =>
  ({ ok: false, code, message, details })
