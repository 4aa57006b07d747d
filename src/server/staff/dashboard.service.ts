/**
 * The staff dashboard (数据看板): for a week or a month and one grid (or all), what each context's
 * collections say. Each section reads only its own collections; one whose collections don't exist
 * in this environment (a context not deployed yet) shows 暂无数据 instead of failing the page.
 */
import type { Caller } from '../../core/community/caller'
import type { Result } from '../../core/shared/wire'
import { ok } from '../../core/shared/wire'
import { periodOf } from '../../core/staff/period.rule'
import { shanghaiDate } from '../../core/shared/shanghai-time'
import { gridScopeFor } from '../../core/staff/scope.rule'
import type { DashboardInput } from '../../core/staff/staff.schemas'
import type { Clock } from '../../core/shared/clock'
import type { Db } from '../db/client'
import type { DashboardSection, DashboardView, SectionContext } from './dashboard.parts'
import { metric, readOrNull, unavailable } from './dashboard.parts'
import { careSection, classesSection, serviceRequestsSection, sosSection, volunteersSection } from './dashboard-sections'

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
  serviceRequestsSection, careSection, classesSection, volunteersSection, sosSection, surveySection
]

export interface DashboardDeps {
  db: Db
  clock: Clock
}

export async function dashboard (deps: DashboardDeps, input: DashboardInput, caller: Caller): Promise<Result<DashboardView, 'FORBIDDEN'>> {
  const scope = gridScopeFor(caller, input.gridId)
  if (!scope.ok) return scope
  const now = deps.clock.now()
  const period = periodOf(input.period, input.day ?? shanghaiDate(now))
  const gridsRes = await deps.db.collection('grids').orderBy('order', 'asc').limit(100).get()
  const grids = (gridsRes.data as Array<{ _id: string, name: string }>).map(g => ({ _id: g._id, name: g.name }))
  const ctx: SectionContext = {
    db: deps.db, period, gridId: scope.value, now, grids,
    async gridsOfUsers (openIds) {
      const _ = deps.db.command
      const wanted = [...new Set(openIds)]
      const out = new Map<string, string | null>()
      // One query per 500 users rather than one per record.
      for (let i = 0; i < wanted.length; i += 500) {
        const res = await deps.db.collection('users').where({ _id: _.in(wanted.slice(i, i + 500)) }).field({ gridId: true }).limit(500).get()
        for (const u of res.data as Array<{ _id: string, gridId?: string | null }>) out.set(u._id, u.gridId ?? null)
      }
      return out
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

