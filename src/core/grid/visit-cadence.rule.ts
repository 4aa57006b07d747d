/**
 * When a household is due a visit (走访): priority households (重点户) by the shortest cadence of their tags (独居老人
 * weekly …), counted in Shanghai calendar days from the last visit; every household at least once a quarter (串百家门).
 */
import { addDays, quarterOf, shanghaiDate, shanghaiInstant } from '../shared/shanghai-time'
import { priorityTagRules, type PriorityTag } from './grid.model'

/** Days between visits for these tags: the shortest cadence wins; null without tags. */
export function cadenceDays(tags: readonly PriorityTag[]): number | null {
  if (tags.length === 0) return null
  return Math.min(...tags.map(t => priorityTagRules[t].everyDays))
}

/**
 * The Shanghai date a priority household is next due by: its cadence after the last visit's day, or the day it was
 * tagged when never visited (a new priority household is due at once). null without tags.
 */
export function dueDate(tags: readonly PriorityTag[], lastVisitAt: Date | null, taggedAt: Date): string | null {
  const days = cadenceDays(tags)
  if (days === null) return null
  return lastVisitAt ? addDays(shanghaiDate(lastVisitAt), days) : shanghaiDate(taggedAt)
}

/** The instant the due date starts (stored, so the list orders by it). */
export function dueAtOf(date: string | null): Date | null {
  return date === null ? null : shanghaiInstant(date, '00:00')
}

export type DueState = 'overdue' | 'today' | 'soon'

/** Overdue once the due day has passed in Shanghai; 'today' on the day itself. */
export function dueState(dueAt: Date, now: Date): DueState {
  const due = shanghaiDate(dueAt)
  const today = shanghaiDate(now)
  return today > due ? 'overdue' : today === due ? 'today' : 'soon'
}

/** Whether a visit at `lastVisitAt` counts for the Shanghai quarter containing `now`. */
export function visitedThisQuarter(lastVisitAt: Date | null, now: Date): boolean {
  if (!lastVisitAt) return false
  const q = quarterOf(now)
  return lastVisitAt.getTime() >= q.from.getTime() && lastVisitAt.getTime() < q.to.getTime()
}
