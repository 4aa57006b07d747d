/** Pickup hand-over rules (接送): who may collect a child, and when a child counts as not collected. */
import type { AttendanceRecord, PickupAdult } from './class.model'

/** A child not collected this long after the session's end alerts guardians and staff. */
export const OVERDUE_AFTER_MS = 30 * 60_000
export const MAX_PICKUP_ADULTS = 5

/** The authorised adult whose own code this is, or null (refuse the hand-over). */
export function authorisedAdult(adults: readonly PickupAdult[], code: string): PickupAdult | null {
  return adults.find(a => a.code === code) ?? null
}

export function isOverdue(
  a: Pick<AttendanceRecord, 'status' | 'pickup' | 'sessionEndsAt' | 'overdueAlertedAt'>,
  now: Date
): boolean {
  return (
    (a.status === 'present' || a.status === 'late') &&
    a.pickup === null &&
    a.overdueAlertedAt === null &&
    now.getTime() - a.sessionEndsAt.getTime() >= OVERDUE_AFTER_MS
  )
}

/** A fresh 6-digit code that no other adult of this child holds. `random` gives 0 ≤ n < 1e6. */
export function newPickupCode(taken: readonly string[], random: () => number): string {
  for (;;) {
    const code = String(random() % 1_000_000).padStart(6, '0')
    if (!taken.includes(code)) return code
  }
}
