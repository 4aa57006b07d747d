/**
 * The honest figures of a month (figures.rule.ts says what each means) and the month's reports as Open311 GeoReport
 * v2 requests (open311.rule.ts), for staff, and for the street's roles reading a community (read-only). Both are
 * counted or paged by the database: the figures are three aggregate reads whatever the month holds, the export a
 * chunk of reports per call.
 */
import type * as z from 'zod'
import type { Caller } from '../community/caller'
import { periodOf } from '../staff/period.rule'
import type { Result } from '../shared/wire'
import { ok } from '../shared/wire'
import { monthFigures } from './figures.rule'
import { categoryRules, reportStateLabels } from './grid.model'
import type { GridDeps } from './grid.ports'
import type * as S from './grid.schemas'
import type * as V from './grid.views'
import { toGeoReport } from './open311.rule'

type In<T extends z.ZodType> = z.output<T>
type Out<T extends z.ZodType> = z.input<T>

/** Reports per Open311 chunk: a function's answer stays well under its size limit (a request is < 1 KB). */
export const OPEN311_CHUNK = 100

const monthOf = (month: string): { from: Date; to: Date; label: string } => {
  const p = periodOf('month', `${month}-01`)
  return { from: p.from, to: p.to, label: `${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月` }
}

export async function gridFigures(
  deps: GridDeps,
  input: In<typeof S.figuresInput>
): Promise<Result<Out<typeof V.figuresView>, never>> {
  const now = deps.clock.now()
  const { from, to, label } = monthOf(input.month)
  const [groups, overdue, grids] = await Promise.all([
    deps.figures.groups(from, to, now),
    deps.figures.overdue(now),
    deps.places.grids()
  ])
  const f = monthFigures(groups, overdue)
  const names = new Map(grids.map(g => [g._id, g.name]))
  const order = new Map(grids.map(g => [g._id, g.order]))
  return ok({
    month: input.month,
    monthLabel: label,
    reports: f.totals.count,
    notCounted: f.totals.count - f.totals.counted,
    byCategory: f.byCategory.map(c => ({ key: c.category, label: categoryRules[c.category].label, count: c.count })),
    byState: f.byState.map(s => ({ key: s.state, label: reportStateLabels[s.state], count: s.count })),
    byGrid: [...f.byGrid]
      .sort((a, b) => (order.get(a.gridId ?? '') ?? 1e9) - (order.get(b.gridId ?? '') ?? 1e9))
      .map(g => ({
        gridId: g.gridId,
        name: g.gridId === null ? '未分网格' : (names.get(g.gridId) ?? '已撤销的网格'),
        count: g.count,
        overdueNow: g.overdueNow
      })),
    response: f.response,
    resolution: f.resolution,
    reopen: f.reopen,
    satisfaction: f.satisfaction,
    closed: f.totals.closed,
    solved: f.totals.solved,
    partly: f.totals.partly,
    closedUnconfirmed: f.totals.closedUnconfirmed,
    overdueNow: f.overdueNow,
    countedAt: now
  })
}

export async function open311Requests(
  deps: GridDeps,
  input: In<typeof S.open311Input>,
  caller: Caller
): Promise<Result<Out<typeof V.open311View>, never>> {
  const { from, to } = monthOf(input.month)
  // Every export is audited (as the ledgers are, export.service.ts): once per export, at its first chunk.
  if (input.cursor === null)
    await deps.audit.record({
      actor: caller.openId,
      action: 'grid.export-open311',
      target: `grid_reports/${input.month}`,
      reason: `导出 ${input.month} 的报事（Open311）`
    })
  const [page, total, grids, community] = await Promise.all([
    deps.figures.page(from, to, input.cursor, OPEN311_CHUNK),
    deps.figures.count(from, to),
    deps.places.grids(),
    deps.figures.communityName()
  ])
  const names = new Map(grids.map(g => [g._id, g.name]))
  return ok({
    month: input.month,
    total,
    requests: page.items.map(report =>
      toGeoReport(report, {
        community,
        grid: report.gridId ? (names.get(report.gridId) ?? null) : null,
        place: report.place.label
      })
    ),
    cursor: page.cursor
  })
}
