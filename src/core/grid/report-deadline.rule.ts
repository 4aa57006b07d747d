/**
 * A report's deadlines (categoryRules): accept within `acceptHours`, solve within `solveHours` of the report, and
 * what is overdue. Past acceptBy the community's 社工 are told (level 1); past twice the accept window its admins too
 * (level 2). Past solveBy the owner and the 社工 are told once. A resolved report the reporter never answers closes
 * after CONFIRM_WAIT_MS, counted apart (closedUnconfirmed).
 */
import type { ReportCategory, ReportRecord } from './grid.model'
import { categoryRules } from './grid.model'

const HOUR_MS = 60 * 60 * 1000

/** How long a resolved report waits for the reporter's answer before it closes by itself. */
export const CONFIRM_WAIT_MS = 7 * 24 * HOUR_MS

export function deadlinesOf(category: ReportCategory, at: Date): { acceptBy: Date; solveBy: Date } {
  const rule = categoryRules[category]
  return {
    acceptBy: new Date(at.getTime() + rule.acceptHours * HOUR_MS),
    solveBy: new Date(at.getTime() + rule.solveHours * HOUR_MS)
  }
}

/** Hours in plain words: 1 小时, 4 小时, 2 天, 15 天. */
function hoursInWords(hours: number): string {
  return hours >= 48 && hours % 24 === 0 ? `${hours / 24} 天` : `${hours} 小时`
}

/** What the form promises a resident for a category, e.g. 4 小时内受理，2 天内处理. */
export function promiseOf(category: ReportCategory): string {
  const rule = categoryRules[category]
  return `${hoursInWords(rule.acceptHours)}内受理，${hoursInWords(rule.solveHours)}内处理`
}

/** Not accepted by acceptBy, or still being handled after solveBy. */
export function isOverdue(r: Pick<ReportRecord, 'state' | 'acceptBy' | 'solveBy'>, now: Date): boolean {
  if (r.state === 'submitted') return now >= r.acceptBy
  return (r.state === 'accepted' || r.state === 'passed') && now >= r.solveBy
}

/**
 * The escalation level an unaccepted report should be at now: 0 before acceptBy, 1 (staff told) from acceptBy,
 * 2 (admins told) from acceptBy plus another accept window.
 */
export function acceptEscalationDue(r: Pick<ReportRecord, 'category' | 'acceptBy' | 'state'>, now: Date): number {
  if (r.state !== 'submitted' || now < r.acceptBy) return 0
  const window = categoryRules[r.category].acceptHours * HOUR_MS
  return now.getTime() >= r.acceptBy.getTime() + window ? 2 : 1
}

/** Whether the reporter's wait for an answer ran out: resolved at least CONFIRM_WAIT_MS ago. */
export function confirmWaitOver(r: Pick<ReportRecord, 'state' | 'resolvedAt'>, now: Date): boolean {
  return r.state === 'resolved' && r.resolvedAt !== null && now.getTime() - r.resolvedAt.getTime() >= CONFIRM_WAIT_MS
}
