/** Time rules for claims: overlap, the withdraw cutoff, and what a ledger may hold. */
import type { Hold } from './volunteers.model'

/** Half-open ranges [start, end): a task ending at 10:00 does not overlap one starting at 10:00. */
export function overlaps(a: { startAt: Date; endAt: Date }, b: { startAt: Date; endAt: Date }): boolean {
  return (
    new Date(a.startAt).getTime() < new Date(b.endAt).getTime() &&
    new Date(b.startAt).getTime() < new Date(a.endAt).getTime()
  )
}

export type HoldCheck = { ok: true } | { ok: false; reason: 'ALREADY_CLAIMED' | 'TIME_CONFLICT'; with?: Hold }

/** Whether `hold` may join `holds`: not the same claim, not overlapping any held range. */
export function canHold(holds: readonly Hold[], hold: Hold): HoldCheck {
  if (holds.some(h => h.claimId === hold.claimId)) return { ok: false, reason: 'ALREADY_CLAIMED' }
  const clash = holds.find(h => overlaps(h, hold))
  return clash ? { ok: false, reason: 'TIME_CONFLICT', with: clash } : { ok: true }
}

/** Holds whose task ended before `now` no longer block anything; the ledger drops them. */
export function liveHolds(holds: readonly Hold[], now: Date): Hold[] {
  return holds.filter(h => new Date(h.endAt).getTime() > now.getTime())
}

/** Withdrawing at `now` is late when it is within `cutoffHours` of the start. */
export function isLateWithdrawal(startAt: Date, cutoffHours: number, now: Date): boolean {
  return new Date(startAt).getTime() - now.getTime() < cutoffHours * 3_600_000
}
