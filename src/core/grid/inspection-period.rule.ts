/**
 * The periods of a checklist's cadence on the Shanghai calendar (巡检周期): a week runs Monday to Sunday (as Chinese
 * calendars do, staff/period.rule.ts), a month and a quarter are calendar ones. What falls due, what was missed and
 * when the grid worker is reminded are read from these, so the worker's list and the reminder job agree.
 */
import { periodOf } from '../staff/period.rule'
import { addDays, quarterOf, shanghaiDate } from '../shared/shanghai-time'
import type { InspectionCadence } from './grid.model'

const DAY_MS = 86_400_000

export interface InspectionPeriod {
  cadence: InspectionCadence
  /** Part of the inspection's `_id`: `W2026-11-30` (the Monday), `2026-12`, `2026Q4`. */
  key: string
  /** e.g. 11月30日—12月6日, 2026年12月, 2026年第4季度 */
  label: string
  /** Shanghai midnight at its start (inclusive). */
  from: Date
  /** The next period's start (exclusive). */
  to: Date
}

const monthDay = (date: string): string => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`

/** The period of `cadence` containing the instant `at`. */
export function inspectionPeriod(cadence: InspectionCadence, at: Date): InspectionPeriod {
  const day = shanghaiDate(at)
  if (cadence === 'weekly') {
    const week = periodOf('week', day)
    const monday = shanghaiDate(week.from)
    return {
      cadence,
      key: `W${monday}`,
      label: `${monthDay(monday)}—${monthDay(addDays(monday, 6))}`,
      from: week.from,
      to: week.to
    }
  }
  if (cadence === 'monthly') {
    const month = periodOf('month', day)
    return {
      cadence,
      key: month.label,
      label: `${Number(day.slice(0, 4))}年${Number(day.slice(5, 7))}月`,
      from: month.from,
      to: month.to
    }
  }
  const q = quarterOf(at)
  return { cadence, key: q.key, label: q.label, from: q.from, to: q.to }
}

/** The period before `p`. */
export const previousPeriod = (p: InspectionPeriod): InspectionPeriod =>
  inspectionPeriod(p.cadence, new Date(p.from.getTime() - 1))

/**
 * Whether a checklist created at `createdAt` owed an inspection in `p`: it existed for at least half of the period
 * (one made on a Saturday is not missed that week; one made on the 3rd of the month is).
 */
export function owes(createdAt: Date, p: InspectionPeriod): boolean {
  return createdAt.getTime() < (p.from.getTime() + p.to.getTime()) / 2
}

/** Whole Shanghai days left in the period, counting today (the period's last day: 1). */
export function daysLeft(p: InspectionPeriod, now: Date): number {
  const today = Date.parse(`${shanghaiDate(now)}T00:00:00Z`)
  const last = Date.parse(`${shanghaiDate(new Date(p.to.getTime() - 1))}T00:00:00Z`)
  return Math.max(0, Math.round((last - today) / DAY_MS) + 1)
}

/** How many days before a period's end the grid worker is reminded of an inspection not yet done. */
export const REMIND_DAYS: Record<InspectionCadence, number> = { weekly: 2, monthly: 5, quarterly: 14 }

/** Where a checklist stands now, for the worker's list (inspection.usecase.ts `dueInspections`). */
export type DueStatus = 'done' | 'due' | 'soon'

export function dueStatus(cadence: InspectionCadence, now: Date, doneThisPeriod: boolean): DueStatus {
  if (doneThisPeriod) return 'done'
  return daysLeft(inspectionPeriod(cadence, now), now) <= REMIND_DAYS[cadence] ? 'soon' : 'due'
}
