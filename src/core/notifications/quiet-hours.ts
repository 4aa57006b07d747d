/**
 * Quiet hours (免打扰): no non-urgent subscribe message between 21:00 and 08:00 Beijing time.
 * The inbox item is written at once either way; only the phone push waits. China has no
 * daylight saving, so Beijing time is UTC+8 all year and plain arithmetic is exact.
 */
const BEIJING_OFFSET_MS = 8 * 3600_000
const QUIET_FROM_HOUR = 21
const QUIET_UNTIL_HOUR = 8

/** Beijing wall-clock hour of an instant. */
function beijingHour (at: Date): number {
  return new Date(at.getTime() + BEIJING_OFFSET_MS).getUTCHours()
}

export function inQuietHours (at: Date): boolean {
  const h = beijingHour(at)
  return h >= QUIET_FROM_HOUR || h < QUIET_UNTIL_HOUR
}

/**
 * The earliest instant a push may go: `at` itself outside quiet hours (or when urgent),
 * else the next 08:00 Beijing time.
 */
export function pushNotBefore (at: Date, urgent: boolean): Date {
  if (urgent || !inQuietHours(at)) return at
  const local = new Date(at.getTime() + BEIJING_OFFSET_MS)
  const next = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), QUIET_UNTIL_HOUR)
  const nextLocal = local.getUTCHours() >= QUIET_FROM_HOUR ? next + 24 * 3600_000 : next
  return new Date(nextLocal - BEIJING_OFFSET_MS)
}
