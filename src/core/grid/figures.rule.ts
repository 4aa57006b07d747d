/**
 * The honest figures of a month's reports (网格 数据): what each rate means, in one place. A report counts in the
 * month it was made (Shanghai calendar); merged duplicates and withdrawn reports are shown but count in no rate.
 * - response rate (及时受理率): accepted within acceptBy, of the reports whose accept deadline has come (or that
 *   were accepted); a report still waiting inside its time is not yet judged either way;
 * - resolution rate (按时办结率): closed with the reporter confirming "solved", resolved within solveBy, of the
 *   reports closed or past their solve deadline. A report closed because the wait for the reporter ran out
 *   (`closedUnconfirmed`) is never solved: it is its own figure;
 * - reopen rate (重办率): reports reopened at least once, of the reports ever resolved (a report reopened twice
 *   counts once here; `reopens` counts each time);
 * - satisfaction: the average stars of the rated reports, and the share of closed reports that were rated;
 * - overdue now: open reports past a deadline at this moment, whatever month they were made in.
 * The server counts these with aggregate reads (figures.repository.ts): its expressions must say what reportFacts
 * says; test/integration/grid-inspections.test.ts holds the two together.
 */
import type { ReportCategory, ReportRecord, ReportState } from './grid.model'
import { reportCategories, reportStates } from './grid.model'

/** The fields of a report the figures read. */
export type FigureReport = Pick<
  ReportRecord,
  | 'category'
  | 'gridId'
  | 'state'
  | 'acceptBy'
  | 'solveBy'
  | 'acceptedAt'
  | 'resolvedAt'
  | 'reopenCount'
  | 'confirmation'
  | 'closedUnconfirmed'
  | 'rating'
>

/** What one report adds to each sum (0 or 1, `reopens` and `stars` their numbers). */
export interface FigureFacts {
  count: number
  counted: number
  acceptDue: number
  acceptedOnTime: number
  solveDue: number
  solvedOnTime: number
  /** Closed with the reporter saying it is solved, on time or not. */
  solved: number
  /** Closed with the reporter saying it is partly solved. */
  partly: number
  closed: number
  closedUnconfirmed: number
  resolvedEver: number
  reopened: number
  reopens: number
  rated: number
  stars: number
}

export const factKeys = [
  'count',
  'counted',
  'acceptDue',
  'acceptedOnTime',
  'solveDue',
  'solvedOnTime',
  'solved',
  'partly',
  'closed',
  'closedUnconfirmed',
  'resolvedEver',
  'reopened',
  'reopens',
  'rated',
  'stars'
] as const satisfies ReadonlyArray<keyof FigureFacts>

/** A group of the month's reports (one category, grid and state) and its sums. */
export interface FigureGroup extends FigureFacts {
  category: ReportCategory
  gridId: string | null
  state: ReportState
}

const NOT_COUNTED: readonly ReportState[] = ['merged', 'withdrawn']
const OPEN: readonly ReportState[] = ['submitted', 'accepted', 'passed']
const n = (b: boolean): number => (b ? 1 : 0)
const t = (d: Date | null): number | null => (d ? new Date(d).getTime() : null)

/** What one report adds to the month's figures at `now` (the definitions above, report by report). */
export function reportFacts(r: FigureReport, now: Date): FigureFacts {
  const counted = !NOT_COUNTED.includes(r.state)
  const accepted = t(r.acceptedAt)
  const resolved = t(r.resolvedAt)
  const closed = r.state === 'closed'
  const solved = closed && !r.closedUnconfirmed && r.confirmation === 'solved'
  return {
    count: 1,
    counted: n(counted),
    acceptDue: n(counted && (accepted !== null || t(r.acceptBy)! <= now.getTime())),
    acceptedOnTime: n(counted && accepted !== null && accepted <= t(r.acceptBy)!),
    solveDue: n(counted && (closed || t(r.solveBy)! <= now.getTime())),
    solvedOnTime: n(solved && resolved !== null && resolved <= t(r.solveBy)!),
    solved: n(solved),
    partly: n(closed && !r.closedUnconfirmed && r.confirmation === 'partly'),
    closed: n(closed),
    closedUnconfirmed: n(closed && r.closedUnconfirmed),
    resolvedEver: n(counted && (resolved !== null || r.reopenCount > 0)),
    reopened: n(counted && r.reopenCount > 0),
    reopens: counted ? r.reopenCount : 0,
    rated: n(r.rating !== null),
    stars: r.rating?.stars ?? 0
  }
}

/** Whether an open report is past a deadline at `now`: not accepted in time, or not solved in time. */
export function overdueAt(r: Pick<ReportRecord, 'state' | 'acceptBy' | 'solveBy'>, now: Date): boolean {
  if (!OPEN.includes(r.state)) return false
  const late = (d: Date): boolean => new Date(d).getTime() < now.getTime()
  return (r.state === 'submitted' && late(r.acceptBy)) || late(r.solveBy)
}

const zero = (): FigureFacts => Object.fromEntries(factKeys.map(k => [k, 0])) as unknown as FigureFacts
const add = (into: FigureFacts, more: FigureFacts): void => {
  for (const k of factKeys) into[k] += more[k]
}

/** The groups of a list of reports: what the aggregate read answers, computed over loaded reports (for tests). */
export function groupFacts(reports: readonly FigureReport[], now: Date): FigureGroup[] {
  const groups = new Map<string, FigureGroup>()
  for (const r of reports) {
    const key = `${r.category}|${r.gridId ?? ''}|${r.state}`
    const g = groups.get(key) ?? { category: r.category, gridId: r.gridId, state: r.state, ...zero() }
    add(g, reportFacts(r, now))
    groups.set(key, g)
  }
  return [...groups.values()]
}

/** A rate: its numerator, denominator and percent (one decimal); null when nothing was due (暂无, never 0%). */
export interface Rate {
  num: number
  den: number
  percent: number | null
}

export const rate = (num: number, den: number): Rate => ({
  num,
  den,
  percent: den === 0 ? null : Math.round((num / den) * 1000) / 10
})

export interface MonthFigures {
  totals: FigureFacts
  byCategory: Array<{ category: ReportCategory; count: number }>
  byState: Array<{ state: ReportState; count: number }>
  byGrid: Array<{ gridId: string | null; count: number; overdueNow: number }>
  response: Rate
  resolution: Rate
  reopen: Rate & { reopens: number }
  satisfaction: { averageStars: number | null; rated: Rate }
  overdueNow: number
}

/**
 * The month's figures from its groups and the open reports overdue now per grid. Every category and state is listed
 * (a zero is a figure too); grids as they have reports or overdue ones.
 */
export function monthFigures(
  groups: readonly FigureGroup[],
  overdue: ReadonlyArray<{ gridId: string | null; count: number }>
): MonthFigures {
  const totals = zero()
  for (const g of groups) add(totals, g)
  const sum = (pick: (g: FigureGroup) => boolean): number => groups.filter(pick).reduce((s, g) => s + g.count, 0)
  const grids = new Map<string | null, { gridId: string | null; count: number; overdueNow: number }>()
  const gridRow = (gridId: string | null) => {
    const row = grids.get(gridId) ?? { gridId, count: 0, overdueNow: 0 }
    grids.set(gridId, row)
    return row
  }
  for (const g of groups) gridRow(g.gridId).count += g.count
  for (const o of overdue) gridRow(o.gridId).overdueNow += o.count
  return {
    totals,
    byCategory: reportCategories.map(category => ({ category, count: sum(g => g.category === category) })),
    byState: reportStates.map(state => ({ state, count: sum(g => g.state === state) })),
    byGrid: [...grids.values()],
    response: rate(totals.acceptedOnTime, totals.acceptDue),
    resolution: rate(totals.solvedOnTime, totals.solveDue),
    reopen: { ...rate(totals.reopened, totals.resolvedEver), reopens: totals.reopens },
    satisfaction: {
      averageStars: totals.rated === 0 ? null : Math.round((totals.stars / totals.rated) * 10) / 10,
      rated: rate(totals.rated, totals.closed)
    },
    overdueNow: overdue.reduce((s, o) => s + o.count, 0)
  }
}
