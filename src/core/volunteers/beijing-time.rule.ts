/**
 * Beijing time arithmetic without a time-zone database: China has kept UTC+8 with no daylight
 * saving since 1991, so a fixed offset is exact for every date Linli handles.
 */
import { shanghaiDate } from '../shared/shanghai-time'

const OFFSET_MS = 8 * 3_600_000

/** Calendar fields of an instant as read on a Beijing clock. */
export function beijingParts (at: Date): { year: number, month: number, day: number, weekday: number, hour: number, minute: number } {
  const d = new Date(new Date(at).getTime() + OFFSET_MS)
  const dow = d.getUTCDay()
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    weekday: dow === 0 ? 7 : dow,
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes()
  }
}

/** The UTC instant of a Beijing wall-clock time. */
export function fromBeijing (year: number, month: number, day: number, hour = 0, minute = 0): Date {
  return new Date(Date.UTC(year, month - 1, day, hour, minute) - OFFSET_MS)
}


export interface Quarter {
  /** e.g. '2026Q4' */
  key: string
  label: string
  from: Date
  to: Date
}

/** The calendar quarter (Beijing) containing `at`: [from, to). */
export function quarterOf (at: Date): Quarter {
  const { year, month } = beijingParts(at)
  const q = Math.floor((month - 1) / 3) + 1
  const from = fromBeijing(year, (q - 1) * 3 + 1, 1)
  const to = q === 4 ? fromBeijing(year + 1, 1, 1) : fromBeijing(year, q * 3 + 1, 1)
  return { key: `${year}Q${q}`, label: `${year}年第${q}季度`, from, to }
}

/** 'HH:mm' → minutes after midnight; null when malformed. */
export function parseHHmm (s: string): number | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(s)
  return m ? Number(m[1]) * 60 + Number(m[2]) : null
}

/**
 * The next `weeks` dates (Beijing) falling on `weekday` (1 = Monday), starting from the day of
 * `from`, with the start and end instants for the given wall-clock times.
 */
export function weeklyOccurrences (from: Date, weekday: number, startTime: string, endTime: string, weeks: number): Array<{ date: string, startAt: Date, endAt: Date }> {
  const start = parseHHmm(startTime)
  const end = parseHHmm(endTime)
  if (start === null || end === null || end <= start) return []
  const p = beijingParts(from)
  const ahead = (weekday - p.weekday + 7) % 7
  const out: Array<{ date: string, startAt: Date, endAt: Date }> = []
  for (let w = 0; w < weeks; w++) {
    const day = fromBeijing(p.year, p.month, p.day + ahead + w * 7)
    const dp = beijingParts(day)
    out.push({
      date: shanghaiDate(day),
      startAt: fromBeijing(dp.year, dp.month, dp.day, Math.floor(start / 60), start % 60),
      endAt: fromBeijing(dp.year, dp.month, dp.day, Math.floor(end / 60), end % 60)
    })
  }
  return out
}
