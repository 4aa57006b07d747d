/**
 * Today's hall hours and the "open now" badge, on the community's clock (Asia/Shanghai, UTC+8, a
 * fixed offset: no daylight saving). A dated exception (holiday, weekend duty) replaces the weekly
 * hours for that day. Pure: callers pass `now`.
 */
import { isoWeekday, shanghaiDate, shanghaiHHmm } from '../shared/shanghai-time'
import type { DutyRecord, HallSettings, OpeningRange } from './community.model'

/** Shanghai date (YYYY-MM-DD), time (HH:mm) and weekday (0 = Sunday, as `weekly` is indexed) of an instant. */
export function shanghaiParts(at: Date): { date: string; time: string; weekday: number } {
  const date = shanghaiDate(at)
  return { date, time: shanghaiHHmm(at), weekday: isoWeekday(date) % 7 }
}

export interface TodayHours {
  ranges: OpeningRange[]
  openNow: boolean
  /** The holiday note when an exception applies (e.g. 国庆节休息), else ''. */
  note: string
}

export function todayHours(hall: Pick<HallSettings, 'weekly' | 'exceptions'>, now: Date): TodayHours {
  const { date, time, weekday } = shanghaiParts(now)
  const exception = hall.exceptions.find(e => e.date === date)
  const ranges = exception ? exception.ranges : (hall.weekly[weekday] ?? [])
  return { ranges, openNow: ranges.some(r => r.open <= time && time < r.close), note: exception?.note ?? '' }
}

/** Shifts running at `now` (start inclusive, end exclusive), in start order. */
export function onDutyNow(shifts: DutyRecord[], now: Date): DutyRecord[] {
  const { date, time } = shanghaiParts(now)
  // The roster is shared: a day-only entry (no start/end, e.g. elder-care's) is not a shift.
  return shifts
    .filter(
      s =>
        typeof s.start === 'string' && typeof s.end === 'string' && s.date === date && s.start <= time && time < s.end
    )
    .sort((a, b) => a.start.localeCompare(b.start))
}
