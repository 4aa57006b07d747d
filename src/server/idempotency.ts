/**
 * Idempotent creates by `requestId` (design.md, "The wire"): the first call's response is stored
 * under `${fn}:${action}:${openId}:${requestId}` and a retry gets it back.
 *
 * The race this prevents: a user double-taps, or the client retries while the first call is
 * still running. "Read the record, run if absent, then write" would let both calls see nothing
 * and both run the use case (two enrolments, two requests). Instead the first step is an insert
 * with that deterministic `_id`: the database accepts exactly one, so exactly one call owns the
 * key and runs the use case; the other finds the record and waits for the owner's response.
 */
import type { WireResponse } from '../core/shared/wire'

export type ClaimOutcome =
  /** This call owns the key: run the use case, then `complete` (or `release` on a crash). */
  | { kind: 'claimed' }
  /** The first call finished: answer with its response. */
  | { kind: 'done', response: WireResponse<unknown> }
  /** The first call is still running. */
  | { kind: 'pending' }
  /** The requestId was used before with a different payload. */
  | { kind: 'mismatch' }

export interface IdempotencyStore {
  /**
   * Atomically create the record unless it exists. A `pending` record older than `staleMs` is
   * taken over (its owner crashed before `complete`/`release`), again by one conditional update,
   * so only one retry wins the takeover.
   */
  claim: (key: string, fingerprint: string, now: Date, staleMs: number) => Promise<ClaimOutcome>
  /** Current state of a key this call does not own (for waiting on the owner). */
  peek: (key: string, fingerprint: string) => Promise<Exclude<ClaimOutcome, { kind: 'claimed' }>>
  complete: (key: string, response: WireResponse<unknown>, now: Date) => Promise<void>
  /** Forget a claim whose use case threw, so a retry runs again. */
  release: (key: string) => Promise<void>
}

export interface IdempotencyRecord {
  _id: string
  state: 'pending' | 'done'
  fingerprint: string
  startedAt: Date
  finishedAt?: Date
  response?: WireResponse<unknown>
}

/** The outcome a stored record means for a caller with this fingerprint. */
export function outcomeOf (record: IdempotencyRecord, fingerprint: string): Exclude<ClaimOutcome, { kind: 'claimed' }> {
  if (record.fingerprint !== fingerprint) return { kind: 'mismatch' }
  if (record.state === 'done' && record.response) return { kind: 'done', response: record.response }
  return { kind: 'pending' }
}

export function idempotencyKey (fn: string, action: string, openId: string, requestId: string): string {
  return `${fn}:${action}:${openId}:${requestId}`
}
