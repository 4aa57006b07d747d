/** When a waitlist offer (候补名额) must be accepted by. */
import { pushNotBefore } from '../notifications/quiet-hours.rule'

/**
 * `offerHours` from when the family can first be told. An offer made at night counts from 08:00:
 * its push waits for the morning (quiet hours), and a deadline that ran while the family slept
 * would leave a 12-hour offer made at 23:00 with 3 hours to answer.
 */
export function offerDeadline(now: Date, offerHours: number): Date {
  return new Date(pushNotBefore(now, false).getTime() + offerHours * 3600_000)
}
