/** Weekly rosters (每周固定排班): the dates and times a series of tasks falls on, in Shanghai time. */
import { addDays, isoWeekday, shanghaiDate, shanghaiInstant } from '../shared/shanghai-time'

export interface Occurrence {
  date: string
  startAt: Date
  endAt: Date
}

/**
 * The next `weeks` dates (Shanghai) falling on `weekday` (1 = Monday), starting from the day of
 * `from`, with the start and end instants of the wall-clock times `HH:mm`; none when the end is
 * not after the start.
 */
export function weeklyOccurrences(
  from: Date,
  weekday: number,
  startTime: string,
  endTime: string,
  weeks: number
): Occurrence[] {
  if (!(endTime > startTime)) return []
  const today = shanghaiDate(from)
  const ahead = (weekday - isoWeekday(today) + 7) % 7
  return Array.from({ length: weeks }, (_, w) => {
    const date = addDays(today, ahead + w * 7)
    return { date, startAt: shanghaiInstant(date, startTime), endAt: shanghaiInstant(date, endTime) }
  })
}
