import type { AuditEntry } from './audit'

/**
 * How old a half-done multi-step write must be before a timer sweep finishes or undoes it. A
 * function that stopped between two writes (a failed request, cut off at its timeout) leaves its
 * record in an in-between state; while its call may still be running, or its client still
 * retrying with the same requestId (the router takes a pending claim over only after the call's
 * time limit + 5 s), a sweep leaves it alone. A minute is longer than that for every function that
 * writes such records (cloudbaserc.json: 20 s; scripts/deploy.test.ts checks it). Every sweep step
 * is conditional anyway, so a sweep that meets the call finishing the same record does nothing
 * twice.
 */
export const HALF_DONE_AFTER_MS = 60_000

/**
 * A seat taken for a holder by an idempotent take (server/db/seats.ts): `taken` by this call,
 * `held` already (an earlier attempt whose answer was lost, or a concurrent call for the same
 * holder that got there first: not this call's to give back), or false: no seat.
 */
export type SeatTake = 'taken' | 'held' | false

/**
 * A state change stored but not yet followed through: its audit entry (keyed) and its keyed
 * notices are still to come. Set in the change's own conditional write, cleared by a conditional
 * write once they are done; the caller's retry (same requestId), the next change of the record,
 * or a timer after HALF_DONE_AFTER_MS finishes it, so a stop after the change loses neither.
 */
export interface Untold {
  at: Date
  audit: AuditEntry & { key: string }
}

export const halfDoneBefore = (now: Date): Date => new Date(now.getTime() - HALF_DONE_AFTER_MS)
