/**
 * Idempotent creates by `requestId` (design.md, "The wire"): the first call's response is stored
 * under `${fn}:${action}:${openId}:${requestId}` and a retry gets it back.
 *
 * The race this prevents: a user double-taps, or the client retries while the first call is
 * still running. "Read the record, run if absent, then write" would let both calls see nothing
 * and both run the use case (two enrolments, two requests). Instead the first step is an insert
 * with that deterministic `_id`: the database accepts exactly one, so exactly one call owns the
 * key and runs the use case; the other finds the record and answers "still working" (IN_PROGRESS)
 * until the owner's response is there.
 *
 * A claim whose owner died (cut off at the function timeout before `complete`/`release`) is taken
 * over, but only once the owner has surely ended: after its start + the function's time limit +
 * a margin (`takeoverAt`, written by the owner from its own `context.time_limit_in_ms`). Taking
 * over earlier would run a long call (an export, a broadcast) a second time beside the first.
 * (The local cloud's host answers FUNCTION_TIMEOUT at the limit but cannot stop the call's
 * JavaScript, so there a call that outlives limit + margin can still overlap its takeover.)
 *
 * Records hold whole responses (a child's name, an elder's request), so they live only as long as
 * a client retries: the staff function's daily timer removes those started over a day ago
 * (`startedAt`, indexed), and an erasure removes the person's (`openId`, indexed;
 * src/server/staff/personal-data.registry.ts).
 */
import type { WireResponse } from '../core/shared/wire'

/** How long a record, and so a replayable response, is kept: clients retry within minutes. */
export const IDEMPOTENCY_KEEP_MS = 24 * 3600_000

export type ClaimOutcome =
  /** This call owns the key: run the use case, then `complete` (or `release` on a crash). */
  | { kind: 'claimed'; startedAt: Date }
  /** The first call finished: answer with its response. */
  | { kind: 'done'; response: WireResponse<unknown> }
  /** The first call may still be running. */
  | { kind: 'pending' }
  /** The requestId was used before with a different payload. */
  | { kind: 'mismatch' }

export interface ClaimRequest {
  key: string
  fingerprint: string
  /** Whose call it is: an erasure finds the person's records by it. */
  openId: string
  now: Date
  /** From `now`, how long until this claim's owner has surely ended (time limit + margin). */
  holdMs: number
}

export interface IdempotencyStore {
  /**
   * Atomically create the record unless it exists. A `pending` record past its `takeoverAt` is
   * taken over (its owner was cut off), by one conditional update on the `takeoverAt` read, so
   * only one of several simultaneous retries wins the takeover.
   */
  claim: (request: ClaimRequest) => Promise<ClaimOutcome>
  /** Current state of a key this call does not own (for waiting on the owner). */
  peek: (key: string, fingerprint: string) => Promise<Exclude<ClaimOutcome, { kind: 'claimed' }>>
  /** Store the owner's response; a no-op when someone else has taken the claim over since. */
  complete: (key: string, startedAt: Date, response: WireResponse<unknown>, now: Date) => Promise<void>
  /** Forget a claim whose use case threw, so a retry runs again (only if it is still ours). */
  release: (key: string, startedAt: Date) => Promise<void>
  /** Remove records started more than IDEMPOTENCY_KEEP_MS before `now`; how many went. */
  sweep: (now: Date) => Promise<number>
}

export interface IdempotencyRecord {
  _id: string
  openId: string
  state: 'pending' | 'done'
  fingerprint: string
  startedAt: Date
  /** After this instant the owner has surely ended: a retry may take a pending claim over. */
  takeoverAt?: Date
  finishedAt?: Date
  response?: WireResponse<unknown>
}

/** The record a claim made at `now` writes. */
export function newRecord({ key, fingerprint, openId, now, holdMs }: ClaimRequest): IdempotencyRecord {
  return {
    _id: key,
    openId,
    state: 'pending',
    fingerprint,
    startedAt: now,
    takeoverAt: new Date(now.getTime() + holdMs)
  }
}

/** The outcome a stored record means for a caller with this fingerprint. */
export function outcomeOf(record: IdempotencyRecord, fingerprint: string): Exclude<ClaimOutcome, { kind: 'claimed' }> {
  if (record.fingerprint !== fingerprint) return { kind: 'mismatch' }
  if (record.state === 'done' && record.response) return { kind: 'done', response: record.response }
  return { kind: 'pending' }
}

/** Records written before `takeoverAt` existed were held a minute (the old rule). */
const LEGACY_HOLD_MS = 60_000

/** A pending record whose owner has surely ended, so a retry may take it over. */
export function abandoned(record: IdempotencyRecord, now: Date): boolean {
  if (record.state !== 'pending') return false
  const at = record.takeoverAt ?? new Date(new Date(record.startedAt).getTime() + LEGACY_HOLD_MS)
  return now.getTime() >= new Date(at).getTime()
}

/** Records started before this instant are past any retry and are removed. */
export function sweepBefore(now: Date): Date {
  return new Date(now.getTime() - IDEMPOTENCY_KEEP_MS)
}

export function idempotencyKey(fn: string, action: string, openId: string, requestId: string): string {
  return `${fn}:${action}:${openId}:${requestId}`
}
