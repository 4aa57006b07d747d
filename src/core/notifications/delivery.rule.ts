/**
 * What to do after one attempt to send a subscribe message. The rule that matters: a message is
 * never sent twice. So only answers in which WeChat says it did NOT deliver are retried; an
 * attempt whose outcome is unknown (timeout, connection dropped) is recorded and left alone.
 */

/** What the sender port reports for one attempt. */
export type SendOutcome =
  | { ok: true }
  | { ok: false; errcode: number; errmsg?: string }
  /** No answer: it may or may not have been delivered. */
  | { ok: false; unknown: true; errmsg?: string }

export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'no_grant' | 'rejected' | 'failed' | 'unknown'

export type NextStep =
  | { status: 'sent' }
  /** 43101: the user has no subscription left for this template; the ledger is zeroed. */
  | { status: 'no_grant'; zeroGrant: true }
  /** WeChat refused the message itself (bad template, field, page or user): retrying can't help. */
  | { status: 'rejected' }
  | { status: 'pending'; retryAt: Date }
  | { status: 'failed' }
  | { status: 'unknown' }

/** WeChat's "try again" answers: system busy, and rate limits. */
const transient = new Set([-1, 45009, 45011, 45047])

/** Minutes to wait before attempts 2, 3 and 4. */
export const backoffMinutes = [1, 5, 30] as const
export const maxAttempts = backoffMinutes.length + 1

/**
 * -604101: this function has no permission for the API yet. Right after an upload WeChat answers
 * it until the new config.json `permissions.openapi` has propagated, "some minutes" (about 10 by
 * community reports; research/cloudbase.md §4). Nothing was sent, so waiting is safe: about an
 * hour in all before the message is given up.
 */
export const NO_API_PERMISSION_YET = -604101
export const permissionBackoffMinutes = [1, 2, 5, 10, 15, 30] as const

/** `attempts` counts the attempt just made (1 for the first). */
export function nextStep(outcome: SendOutcome, attempts: number, now: Date): NextStep {
  if (outcome.ok) return { status: 'sent' }
  if ('unknown' in outcome) return { status: 'unknown' }
  if (outcome.errcode === 43101) return { status: 'no_grant', zeroGrant: true }
  if (outcome.errcode === NO_API_PERMISSION_YET) {
    if (attempts > permissionBackoffMinutes.length) return { status: 'failed' }
    return { status: 'pending', retryAt: new Date(now.getTime() + permissionBackoffMinutes[attempts - 1] * 60_000) }
  }
  if (!transient.has(outcome.errcode)) return { status: 'rejected' }
  if (attempts >= maxAttempts) return { status: 'failed' }
  return { status: 'pending', retryAt: new Date(now.getTime() + backoffMinutes[attempts - 1] * 60_000) }
}
