/**
 * Patrol time (巡查时长) against the plan of an hour a day (每天巡查一小时), in the Shanghai calendar: what a patrol
 * counts, and the plan of the month so far.
 */
import { periodOf, type Period } from '../staff/period.rule'
import { shanghaiDate, shanghaiInstant } from '../shared/shanghai-time'
import { PATROL_CAP_MINUTES, PATROL_PLAN_MINUTES_PER_DAY } from './grid.model'

const MINUTE = 60_000

/** Whole minutes of a patrol, never below 0 nor above the cap (a forgotten patrol is not a day's work). */
export function patrolMinutes(startedAt: Date, endedAt: Date): number {
  return Math.min(PATROL_CAP_MINUTES, Math.max(0, Math.floor((endedAt.getTime() - startedAt.getTime()) / MINUTE)))
}

/** When the job closes a patrol still open: the cap after its start. */
export function capEnd(startedAt: Date): Date {
  return new Date(startedAt.getTime() + PATROL_CAP_MINUTES * MINUTE)
}

/** The Shanghai calendar month containing `at`, e.g. to total its patrols. */
export function monthOf(at: Date): Period {
  return periodOf('month', shanghaiDate(at))
}

/** The Shanghai day containing `at`, as [from, to). */
export function dayOf(at: Date): { from: Date; to: Date } {
  const from = shanghaiInstant(shanghaiDate(at), '00:00')
  return { from, to: new Date(from.getTime() + 24 * 60 * MINUTE) }
}

/** The month's plan up to and including the day of `now` (1 h per calendar day so far): 3 days in → 180 minutes. */
export function planSoFar(now: Date): number {
  return Number(shanghaiDate(now).slice(8, 10)) * PATROL_PLAN_MINUTES_PER_DAY
}

/** The whole month's plan: 1 h for each of its days. */
export function planOfMonth(month: Pick<Period, 'from' | 'to'>): number {
  return Math.round((month.to.getTime() - month.from.getTime()) / (24 * 60 * MINUTE)) * PATROL_PLAN_MINUTES_PER_DAY
}

/** `1小时05分`, `45分钟`: patrol time as a person says it. */
export function minutesLabel(minutes: number): string {
  const h = Math.floor(minutes / 60)
  const m = minutes % 60
  if (h === 0) return `${m}分钟`
  return m === 0 ? `${h}小时` : `${h}小时${String(m).padStart(2, '0')}分`
}
