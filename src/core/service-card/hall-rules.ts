/**
 * Rules of the hall's appointments and hours, pure and clock-free (callers pass `now`).
 *
 * Overlap: a resident's time is cut into 15-minute buckets (UTC, `floor(ms / 15 min)`); a booking
 * holds one lock document per bucket its slot covers, `_id` = `${residentId}@${bucket}`. The
 * database accepts one document per `_id`, so two bookings that share any bucket can never both
 * hold it, however many arrive at once. Slots start and last in whole buckets, so "overlap" and
 * "share a bucket" mean the same thing.
 */
export const BUCKET_MS = 15 * 60_000
/** Cancelling closes this long before the start (the seat can still go to someone else). */
export const CANCEL_CUTOFF_MS = 2 * 60 * 60_000
/** The reminder goes this long before the start (notify.schedule). */
export const REMINDER_BEFORE_MS = 2 * 60 * 60_000
/** Check-in opens this long before the start and closes at the slot's end. */
export const CHECK_IN_OPENS_MS = 30 * 60_000
/** How long after its last confirmation an item counts as stale (and nags its owner). */
export const STALE_AFTER_MS = 90 * 24 * 60 * 60_000

export function bucketsOf (startAt: Date, endAt: Date): number[] {
  const first = Math.floor(startAt.getTime() / BUCKET_MS)
  const last = Math.ceil(endAt.getTime() / BUCKET_MS)
  const out: number[] = []
  for (let b = first; b < last; b++) out.push(b)
  return out
}

export function lockIdsOf (residentId: string, startAt: Date, endAt: Date): string[] {
  return bucketsOf(startAt, endAt).map(b => `${residentId}@${b}`)
}

export function canCancel (startAt: Date, now: Date): boolean {
  return startAt.getTime() - now.getTime() >= CANCEL_CUTOFF_MS
}

export function checkInOpen (startAt: Date, endAt: Date, now: Date): boolean {
  const t = now.getTime()
  return t >= startAt.getTime() - CHECK_IN_OPENS_MS && t <= endAt.getTime()
}

export function isStale (verifiedAt: Date, now: Date): boolean {
  return now.getTime() - new Date(verifiedAt).getTime() > STALE_AFTER_MS
}

/** Working days after `from` (Mon–Fri, community clock, holidays not counted here). */
export function addWorkingDays (from: Date, days: number): Date {
  const SHANGHAI = 8 * 60 * 60_000
  let t = from.getTime()
  let left = days
  while (left > 0) {
    t += 24 * 60 * 60_000
    const weekday = new Date(t + SHANGHAI).getUTCDay()
    if (weekday !== 0 && weekday !== 6) left--
  }
  return new Date(t)
}
