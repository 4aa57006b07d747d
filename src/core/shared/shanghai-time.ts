/**
 * The community's calendar: Asia/Shanghai is UTC+8 all year (no daylight saving), so shifting by
 * a fixed 8 hours is exact and needs no time-zone data (nor a date library in the function bundle).
 */
const OFFSET_MS = 8 * 3600_000
const DAY_MS = 86_400_000

/** The Shanghai wall time of `d` as an ISO string (`YYYY-MM-DDTHH:mm:ss.sssZ`, the Z meaning nothing). */
const wall = (d: Date): string => new Date(d.getTime() + OFFSET_MS).toISOString()

/** `YYYY-MM-DD` of the Shanghai day containing `d`. */
export function shanghaiDate(d: Date): string {
  return wall(d).slice(0, 10)
}

/** `HH:mm` Shanghai wall time of `d`. */
export function shanghaiHHmm(d: Date): string {
  return wall(d).slice(11, 16)
}

/** 周日 … 周六, indexed by `getUTCDay()` of a wall time (0 = Sunday). */
export const WEEKDAY_NAMES = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'] as const

/**
 * `11月24日 周二` of the Shanghai day containing `d`: every date a person reads carries its weekday,
 * so "11月29日" never hides that it is a Sunday.
 */
export function shanghaiDay(d: Date): string {
  const w = wall(d)
  return `${Number(w.slice(5, 7))}月${Number(w.slice(8, 10))}日 ${WEEKDAY_NAMES[new Date(d.getTime() + OFFSET_MS).getUTCDay()]}`
}

/** `11月24日 周二` of a Shanghai calendar date `YYYY-MM-DD`. */
export function dateLabel(date: string): string {
  return shanghaiDay(new Date(`${date}T00:00:00+08:00`))
}

/** `11月24日 周二 09:00`, for notices and the app's lists. */
export function shanghaiTime(d: Date): string {
  return `${shanghaiDay(d)} ${wall(d).slice(11, 16)}`
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a date. */
export function isoWeekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay()
  return day === 0 ? 7 : day
}

/** The UTC instant of Shanghai wall time `HH:mm` on `date`. */
export function shanghaiInstant(date: string, hhmm: string): Date {
  return new Date(Date.parse(`${date}T${hhmm}:00Z`) - OFFSET_MS)
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)
}

export interface Quarter {
  /** e.g. '2026Q4' */
  key: string
  /** e.g. '2026年第4季度' */
  label: string
  from: Date
  /** The next quarter's start: the quarter is [from, to). */
  to: Date
}

/** The calendar quarter (Shanghai) containing `at`, e.g. for 双报到's quarterly rule and its exports. */
export function quarterOf(at: Date): Quarter {
  const date = shanghaiDate(new Date(at))
  const year = Number(date.slice(0, 4))
  const q = Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1
  const start = (y: number, month: number): Date =>
    shanghaiInstant(`${y}-${String(month).padStart(2, '0')}-01`, '00:00')
  return {
    key: `${year}Q${q}`,
    label: `${year}年第${q}季度`,
    from: start(year, q * 3 - 2),
    to: q === 4 ? start(year + 1, 1) : start(year, q * 3 + 1)
  }
}
