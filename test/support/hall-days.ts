/**
 * Days and times the seeded hall serves (周一至周五 9:00–17:00), for tests and benches that publish
 * slots: publishing refuses a time outside the items' hours. Built on the app's one Shanghai
 * calendar (src/core/shared/shanghai-time.ts).
 */
import { addDays, isoWeekday, shanghaiDate, shanghaiInstant } from '../../src/core/shared/shanghai-time'

/** ISO weekdays, 1 = Monday … 7 = Sunday. */
export const WEEKDAYS = [1, 2, 3, 4, 5]

/** `date` (YYYY-MM-DD) or the first Shanghai date after it whose ISO weekday is one of `weekdays`. */
export function firstDayFrom(date: string, weekdays: number[] = WEEKDAYS): string {
  let day = date
  while (!weekdays.includes(isoWeekday(day))) day = addDays(day, 1)
  return day
}

/** The first Shanghai date at least `days` from today whose ISO weekday is one of `weekdays`. */
export function shanghaiDayAhead(days: number, weekdays: number[] = WEEKDAYS): string {
  return firstDayFrom(addDays(shanghaiDate(new Date()), days), weekdays)
}

/** `hhmm` Shanghai on the first weekday at least `days` from today: a time the hall serves. */
export function hallTime(days: number, hhmm = '10:00'): Date {
  return shanghaiInstant(shanghaiDayAhead(days), hhmm)
}
