/**
 * The staff dashboard (数据看板): for a week or a month and one grid (or all), what each context's
 * collections say. Each section reads only its own collections; one whose collections don't exist
 * in this environment (a context not deployed yet) shows 暂无数据 instead of failing the page.
 */
import type { Caller } from '../../core/community/caller'
import type { Result } from '../../core/shared/wire'
import { ok } from '../../core/shared/wire'
import type { Outcome, Period } from '../../core/staff/period.rules'
import { inPeriod, median, minutesBetween, periodOf, satisfaction, shanghaiDay } from '../../core/staff/period.rules'
import { gridScopeFor } from '../../core/staff/scope.rules'
import type { DashboardInput } from '../../core/staff/staff.schemas'
import type { Clock } from '../../core/shared/clock'
import type { Db } from '../db/client'
import { getById } from '../db/client'

export interface Metric {
  label: string
  /** null: nothing to compute from (shown as 暂无数据, never as 0). */
  value: number | null
  unit: string
}

export interface Bar {
  label: string
  value: number
}

export interface DashboardSection {
  key: string
  title: string
  /** false: the context's records don't exist here yet. */
  available: boolean
  metrics: Metric[]
  /** A small chart: per grid or per outcome. */
  bars: Bar[]
  barsTitle: string
}

export interface DashboardView {
  period: { kind: Period['kind'], label: string }
  gridId: string | null
  gridName: string | null
  sections: DashboardSection[]
}

type Doc = Record<string, any>

export interface SectionContext {
  db: Db
  period: Period
  gridId: string | null
  now: Date
  /** Grid of a user, for records that only name the resident (e.g. service requests). */
  gridOfUser: (openId: string) => Promise<string | null>
  grids: Array<{ _id: string, name: string }>
}

/** All documents matching `where`, or null when the collection doesn't exist. */
export async function readOrNull (db: Db, collection: string, where: Record<string, unknown>, max = 20_000): Promise<Doc[] | null> {
  const _ = db.command
  const out: Doc[] = []
  let last: string | null = null
  try {
    while (out.length < max) {
      const filter: Record<string, unknown> = last ? { ...where, _id: _.gt(last) } : where
      const page = (await db.collection(collection).where(filter).orderBy('_id', 'asc').limit(1000).get()).data as Doc[]
      out.push(...page)
      if (page.length < 1000) break
      last = String(page[page.length - 1]._id)
    }
  } catch (err) {
    if (/COLLECTION_NOT_EXIST|not exist/i.test(String((err as { code?: string }).code ?? (err as Error).message))) return null
    throw err
  }
  return out
}

const metric = (label: string, value: number | null, unit = ''): Metric => ({ label, value, unit })
export const unavailable = (key: string, title: string): DashboardSection => ({ key, title, available: false, metrics: [], bars: [], barsTitle: '' })

/** Counts per grid name, for the "by grid" chart when the whole community is shown. */
export function perGrid (ctx: SectionContext, docs: Doc[], gridOf: (d: Doc) => string | null): Bar[] {
  if (ctx.gridId) return []
  return ctx.grids.map(g => ({ label: g.name, value: docs.filter(d => gridOf(d) === g._id).length }))
}

async function surveySection (ctx: SectionContext): Promise<DashboardSection> {
  const title = '满意度调查'
  const surveys = await readOrNull(ctx.db, 'staff_surveys', {})
  if (!surveys || surveys.length === 0) return unavailable('survey', title)
  const latest = surveys.sort((a, b) => new Date(b.opensAt).getTime() - new Date(a.opensAt).getTime())[0]
  const answers = (await readOrNull(ctx.db, 'staff_survey_answers', { surveyId: latest._id }) ?? [])
    .filter(a => !ctx.gridId || a.gridId === ctx.gridId)
  const all = answers.flatMap(a => (a.scores as number[]))
  const avg = all.length === 0 ? null : Math.round(all.reduce((s, x) => s + x, 0) / all.length * 10) / 10
  return {
    key: 'survey', title: `${title}：${String(latest.title)}`, available: true,
    metrics: [metric('答卷', answers.length, '份'), metric('平均分（5分制）', avg, '分')],
    bars: (latest.aspects as string[]).map((aspect, i) => ({
      label: aspect,
      value: answers.length === 0 ? 0 : Math.round(answers.reduce((s, a) => s + (a.scores[i] ?? 0), 0) / answers.length * 10) / 10
    })),
    barsTitle: '各方面平均分'
  }
}

/** Each context's section; new contexts add theirs here. */
export const dashboardSections: Array<(ctx: SectionContext) => Promise<DashboardSection>> = [
  surveySection
]

export interface DashboardDeps {
  db: Db
  clock: Clock
}

export async function dashboard (deps: DashboardDeps, input: DashboardInput, caller: Caller): Promise<Result<DashboardView, 'FORBIDDEN'>> {
  const scope = gridScopeFor(caller, input.gridId)
  if (!scope.ok) return scope
  const now = deps.clock.now()
  const period = periodOf(input.period, input.day ?? shanghaiDay(now))
  const gridsRes = await deps.db.collection('grids').orderBy('order', 'asc').limit(100).get()
  const grids = (gridsRes.data as Array<{ _id: string, name: string }>).map(g => ({ _id: g._id, name: g.name }))
  const userGrid = new Map<string, string | null>()
  const ctx: SectionContext = {
    db: deps.db, period, gridId: scope.value, now, grids,
    async gridOfUser (openId) {
      if (!userGrid.has(openId)) userGrid.set(openId, (await getById<{ gridId: string | null }>(deps.db, 'users', openId))?.gridId ?? null)
      return userGrid.get(openId) ?? null
    }
  }
  const sections = await Promise.all(dashboardSections.map(async s => await s(ctx)))
  return ok({
    period: { kind: period.kind, label: period.label },
    gridId: scope.value,
    gridName: scope.value ? grids.find(g => g._id === scope.value)?.name ?? null : null,
    sections
  })
}

// Shared helpers for the sections below and in the other files of this folder.
export { inPeriod, median, minutesBetween, satisfaction, metric }
export type { Outcome, Doc }
