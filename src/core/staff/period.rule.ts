/**
 * Calendar periods in Asia/Shanghai (UTC+8 all year, no daylight saving) as UTC instants, and the
 * small statistics the dashboard needs.
 */
import { isoWeekday, shanghaiDate, shanghaiInstant } from '../shared/shanghai-time'

const DAY_MS = 24 * 60 * 60 * 1000

export interface Period {
  kind: 'week' | 'month'
  /** Inclusive start, UTC instant of Shanghai midnight. */
  from: Date
  /** Exclusive end. */
  to: Date
  /** e.g. 2026-11-16 ~ 2026-11-22, or 2026-11 */
  label: string
}

/** Shanghai midnight at the start of `day` (YYYY-MM-DD). */
const shanghaiDayStart = (day: string): Date => shanghaiInstant(day, '00:00')

/** The week (Monday first, as Chinese calendars are) or month containing `day`. */
export function periodOf(kind: 'week' | 'month', day: string): Period {
  const start = shanghaiDayStart(day)
  if (kind === 'week') {
    const weekday = isoWeekday(day) - 1 // Monday = 0
    const from = new Date(start.getTime() - weekday * DAY_MS)
    const to = new Date(from.getTime() + 7 * DAY_MS)
    return { kind, from, to, label: `${shanghaiDate(from)} ~ ${shanghaiDate(new Date(to.getTime() - DAY_MS))}` }
  }
  const [y, m] = day.split('-').map(Number)
  const from = shanghaiDayStart(`${y}-${String(m).padStart(2, '0')}-01`)
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`
  return { kind, from, to: shanghaiDayStart(next), label: `${y}-${String(m).padStart(2, '0')}` }
}

export function inPeriod(at: Date | string | null | undefined, p: Pick<Period, 'from' | 'to'>): boolean {
  if (!at) return false
  const t = new Date(at).getTime()
  return t >= p.from.getTime() && t < p.to.getTime()
}

/** Median of the values, or null when there are none (shown as 暂无数据, never as 0). */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

export type Outcome = 'solved' | 'partly' | 'unsolved'

/**
 * Satisfaction counted honestly: "partly solved" (部分解决) is not a success. The rate is fully
 * solved over all rated; the partly share is reported beside it instead of being folded in.
 */
export function satisfaction(outcomes: readonly Outcome[]): {
  rated: number
  solvedRate: number | null
  partlyRate: number | null
  unsolvedRate: number | null
} {
  const rated = outcomes.length
  if (rated === 0) return { rated, solvedRate: null, partlyRate: null, unsolvedRate: null }
  const share = (o: Outcome): number => Math.round((outcomes.filter(x => x === o).length / rated) * 1000) / 10
  return { rated, solvedRate: share('solved'), partlyRate: share('partly'), unsolvedRate: share('unsolved') }
}

export function minutesBetween(from: Date | string, to: Date | string): number {
  return Math.round((new Date(to).getTime() - new Date(from).getTime()) / 60000)
}
