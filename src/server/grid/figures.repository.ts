/**
 * The month's figures counted by the database (figures.rule.ts defines them; this says the same in CloudBase's
 * aggregation): one `group` of the month's reports by category, grid and state with each figure's sum, one of the
 * open reports overdue now per grid. However many reports a month holds, the figures are these reads, never a load of
 * every report. Stages and operators as CloudBase documents them: docs.cloudbase.net/api-reference/server/node-sdk/
 * database/aggregate/stages/group (`$sum`, and `$cond`, `$and`, `$or`, `$in`, `$ifNull`, `$lte` among the aggregate
 * operators); dates in a stage travel as EJSON (@cloudbase/database's Aggregation._pipe), so `now` is a date there.
 */
import type { FigureGroup } from '../../core/grid/figures.rule'
import { factKeys } from '../../core/grid/figures.rule'
import type { ReportCategory, ReportRecord, ReportState } from '../../core/grid/grid.model'
import type { FiguresSource } from '../../core/grid/grid.ports'
import { UNNAMED_COMMUNITY } from '../../core/community/street.rule'
import { communityProfile } from '../community/street.repository'
import type { Db } from '../db/client'
import { countWhere } from '../db/client'
import { keysetFilter, keysetPage } from '../db/page'

type Expr = Record<string, unknown> | string | number | boolean | Date | null

const OPEN_STATES: ReportState[] = ['submitted', 'accepted', 'passed']

/** A stored date field that is set (a null, and a missing field, are not). */
const isSet = (field: string): Expr => ({ $ne: [{ $ifNull: [field, null] }, null] })
const and = (...xs: Expr[]): Expr => ({ $and: xs })
const or = (...xs: Expr[]): Expr => ({ $or: xs })
const eq = (a: Expr, b: Expr): Expr => ({ $eq: [a, b] })
const lte = (a: Expr, b: Expr): Expr => ({ $lte: [a, b] })
const one = (when: Expr): Expr => ({ $sum: { $cond: [when, 1, 0] } })

/** Each of figures.rule.ts `reportFacts`, as a `$group` accumulator. */
function sums(now: Date): Record<(typeof factKeys)[number], Expr> {
  const counted: Expr = { $not: [{ $in: ['$state', ['merged', 'withdrawn']] }] }
  const closed = eq('$state', 'closed')
  const confirmed = and(closed, { $ne: ['$closedUnconfirmed', true] })
  const solved = and(confirmed, eq('$confirmation', 'solved'))
  return {
    count: { $sum: 1 },
    counted: one(counted),
    acceptDue: one(and(counted, or(isSet('$acceptedAt'), lte('$acceptBy', now)))),
    acceptedOnTime: one(and(counted, isSet('$acceptedAt'), lte('$acceptedAt', '$acceptBy'))),
    solveDue: one(and(counted, or(closed, lte('$solveBy', now)))),
    solvedOnTime: one(and(solved, isSet('$resolvedAt'), lte('$resolvedAt', '$solveBy'))),
    solved: one(solved),
    partly: one(and(confirmed, eq('$confirmation', 'partly'))),
    closed: one(closed),
    closedUnconfirmed: one(and(closed, eq('$closedUnconfirmed', true))),
    resolvedEver: one(and(counted, or(isSet('$resolvedAt'), { $gt: ['$reopenCount', 0] }))),
    reopened: one(and(counted, { $gt: ['$reopenCount', 0] })),
    reopens: { $sum: { $cond: [counted, '$reopenCount', 0] } },
    rated: one(isSet('$rating')),
    stars: { $sum: { $ifNull: ['$rating.stars', 0] } }
  }
}

interface GroupRow extends Record<(typeof factKeys)[number], number> {
  _id: { category: ReportCategory; gridId?: string | null; state: ReportState }
}

export function figuresSource(db: Db): FiguresSource {
  const _ = db.command
  const reports = db.collection('grid_reports')
  const made = (from: Date, to: Date): object => ({ createdAt: _.gte(from).and(_.lt(to)) })
  return {
    async groups(from, to, now) {
      // At most 9 categories × (grids + 1) × 7 states groups: far under one answer's 1000.
      const res = (await reports
        .aggregate()
        .match(made(from, to))
        .group({ _id: { category: '$category', gridId: '$gridId', state: '$state' }, ...sums(now) })
        .limit(1000)
        .end()) as { data?: GroupRow[] }
      return (res.data ?? []).map((row): FigureGroup => ({
        category: row._id.category,
        gridId: row._id.gridId ?? null,
        state: row._id.state,
        ...(Object.fromEntries(factKeys.map(k => [k, Number(row[k] ?? 0)])) as Record<
          (typeof factKeys)[number],
          number
        >)
      }))
    },
    async overdue(now) {
      // figures.rule.ts overdueAt: waiting past its accept deadline, or in hand past its solve deadline.
      const res = (await reports
        .aggregate()
        .match(
          _.or([
            { state: 'submitted', acceptBy: _.lt(now) },
            { state: _.in(OPEN_STATES), solveBy: _.lt(now) }
          ])
        )
        .group({ _id: '$gridId', count: { $sum: 1 } })
        .limit(1000)
        .end()) as { data?: Array<{ _id: string | null; count: number }> }
      return (res.data ?? []).map(r => ({ gridId: r._id ?? null, count: r.count }))
    },
    count: async (from, to) => await countWhere(db, 'grid_reports', made(from, to) as Record<string, unknown>),
    async page(from, to, cursor, size) {
      // Oldest first by (createdAt, _id): served by the createdAt index.
      const res = await reports
        .where(keysetFilter(db, made(from, to), 'createdAt', 'asc', cursor ?? undefined))
        .orderBy('createdAt', 'asc')
        .orderBy('_id', 'asc')
        .limit(size + 1)
        .get()
      return keysetPage(res.data as ReportRecord[], 'createdAt', size)
    },
    communityName: async () => (await communityProfile(db))?.name ?? UNNAMED_COMMUNITY
  }
}
