/**
 * Quiet hours (免打扰): no non-urgent subscribe message between 21:00 and 08:00 Beijing time.
 * The inbox item is written at once either way; only the phone push waits.
 */
import { addDays, shanghaiDate, shanghaiHHmm, shanghaiInstant } from '../shared/shanghai-time'

const QUIET_FROM = '21:00'
const QUIET_UNTIL = '08:00'

export function inQuietHours(at: Date): boolean {
  const hhmm = shanghaiHHmm(at)
  return hhmm >= QUIET_FROM || hhmm < QUIET_UNTIL
}

/**
 * The earliest instant a push may go: `at` itself outside quiet hours (or when urgent),
 * else the next 08:00 Beijing time.
 */
export function pushNotBefore(at: Date, urgent: boolean): Date {
  if (urgent || !inQuietHours(at)) return at
  const today = shanghaiDate(at)
  return shanghaiInstant(shanghaiHHmm(at) >= QUIET_FROM ? addDays(today, 1) : today, QUIET_UNTIL)
}
