/**
 * The staff dashboard (数据看板): for a week or a month and one grid (or all), what each context's
 * records say. Each section uses only its own context's records (DashboardSources, read through that
 * context's repository, all in one request); one whose records don't exist in this environment (a context not
 * deployed yet) shows 暂无数据 instead of failing the page. Field names follow each context's model.
 */
import type { Caller } from '../community/caller'
import { careKpis } from '../elder-care/care-kpi.rule'
import { shanghaiDate } from '../shared/shanghai-time'
import type { Clock } from '../shared/clock'
import type { Result } from '../shared/wire'
import { ok } from '../shared/wire'
import type { Outcome, Period } from './period.rule'
import { inPeriod, median, minutesBetween, periodOf, satisfaction } from './period.rule'
import { gridScopeFor } from './scope.rule'
import type { DashboardRecords, DashboardSources, StreetDashboardSources } from './staff.ports'
import type { DashboardInput, StreetDashboardInput } from './staff.schemas'
import type { BarView, DashboardSectionView, DashboardView, MetricView, StreetDashboardView } from './staff.views'

export interface DashboardDeps {
  dashboardSources: DashboardSources
  clock: Clock
}

interface SectionContext {
  data: DashboardRecords
  period: Period
  /** The grid the figures are limited to, or null for the whole community. */
  gridId: string | null
  now: Date
}

const metric = (label: string, value: number | null, unit = ''): MetricView => ({ label, value, unit })
const unavailable = (key: string, title: string): DashboardSectionView => ({
  key,
  title,
  available: false,
  metrics: [],
  bars: [],
  barsTitle: ''
})
const oneDecimal = (x: number): number => Math.round(x * 10) / 10
const average = (xs: readonly number[]): number | null =>
  xs.length === 0 ? null : oneDecimal(xs.reduce((a, b) => a + b, 0) / xs.length)

/** Counts per grid name, for the "by grid" chart when the whole community is shown. */
function perGrid<T>(ctx: SectionContext, records: readonly T[], gridOf: (r: T) => string | null): BarView[] {
  if (ctx.gridId) return []
  return ctx.data.grids.map(g => ({ label: g.name, value: records.filter(r => gridOf(r) === g._id).length }))
}

const OPEN_SERVICE: readonly string[] = ['submitted', 'accepted', 'in_progress', 'needs_materials']
const OPEN_CARE: readonly string[] = ['submitted', 'triaged', 'assigned', 'accepted', 'in_service']
const WAITING_CARE: readonly string[] = ['submitted', 'triaged', 'assigned']

/** 便民服务 requests: open and overdue now; new, response and completion in the period. */
function serviceRequestsSection(ctx: SectionContext): DashboardSectionView {
  const title = '便民服务诉求'
  const all = ctx.data.serviceRequests
  if (!all) return unavailable('service-requests', title)
  // Requests name the resident, not the grid: the resident's home grid decides.
  const gridOf = (r: { residentGridId: string | null }): string | null => r.residentGridId
  const mine = all.filter(r => !ctx.gridId || gridOf(r) === ctx.gridId)
  const open = mine.filter(r => OPEN_SERVICE.includes(r.status))
  const overdue = open.filter(r => r.overdue || (r.dueAt && new Date(r.dueAt) < ctx.now))
  const created = mine.filter(r => inPeriod(r.createdAt, ctx.period))
  const minutesTo = (event: string): number[] =>
    created.flatMap(r => {
      const e = (r.history ?? []).find(h => h.event === event)
      return e ? [minutesBetween(r.createdAt, e.at)] : []
    })
  const stars = created.map(r => r.rating?.stars).filter((s): s is number => typeof s === 'number')
  return {
    key: 'service-requests',
    title,
    available: true,
    metrics: [
      metric('办理中', open.length, '件'),
      metric('已逾期', overdue.length, '件'),
      metric('本期新诉求', created.length, '件'),
      metric('受理用时中位数', median(minutesTo('accept')), '分钟'),
      metric('办结用时中位数', median(minutesTo('finish')), '分钟'),
      metric('平均评分', average(stars), '星')
    ],
    bars: perGrid(ctx, open, gridOf),
    barsTitle: '各网格办理中'
  }
}

/** 居家养老 care requests, with follow-up satisfaction where 部分解决 is its own share. */
function careSection(ctx: SectionContext): DashboardSectionView {
  const title = '居家养老服务'
  const all = ctx.data.careRequests
  if (!all) return unavailable('care', title)
  const open = all.filter(r => OPEN_CARE.includes(r.state))
  const overdue = open.filter(r => WAITING_CARE.includes(r.state) && r.acceptBy && new Date(r.acceptBy) < ctx.now)
  const created = all.filter(r => inPeriod(r.createdAt, ctx.period))
  const kpi = careKpis(
    created.map(r => ({
      state: r.state,
      createdAt: new Date(r.createdAt),
      history: (r.history ?? []).map(h => ({ ...h, at: new Date(h.at) })),
      rating: r.rating ?? null
    }))
  )
  const outcomes: Outcome[] = [
    ...Array<Outcome>(kpi.followUps.solved).fill('solved'),
    ...Array<Outcome>(kpi.followUps.partly).fill('partly'),
    ...Array<Outcome>(kpi.followUps.notSolved).fill('unsolved')
  ]
  const s = satisfaction(outcomes)
  return {
    key: 'care',
    title,
    available: true,
    metrics: [
      metric('服务中', open.length, '件'),
      metric('超时未接单', overdue.length, '件'),
      metric('本期新需求', created.length, '件'),
      metric('接单用时中位数', kpi.medianResponseMinutes, '分钟'),
      metric('完成用时中位数', kpi.medianCompletionMinutes, '分钟'),
      metric('回访：完全解决', s.solvedRate, '%'),
      metric('回访：部分解决', s.partlyRate, '%'),
      metric('回访：未解决', s.unsolvedRate, '%')
    ],
    bars: perGrid(ctx, open, r => r.gridId ?? null),
    barsTitle: '各网格服务中'
  }
}

/** 一键呼叫: calls in the period, minutes to acknowledge, calls still open. */
function sosSection(ctx: SectionContext): DashboardSectionView {
  const title = '一键呼叫（SOS）'
  const all = ctx.data.sosCalls
  if (!all) return unavailable('sos', title)
  const inside = all.filter(c => inPeriod(c.pressedAt, ctx.period))
  const ack = inside.flatMap(c => (c.ackBy?.at ? [minutesBetween(c.pressedAt, c.ackBy.at)] : []))
  return {
    key: 'sos',
    title,
    available: true,
    metrics: [
      metric('本期呼叫', inside.length, '次'),
      metric('响应用时中位数', median(ack), '分钟'),
      metric('尚未响应', all.filter(c => c.state === 'open').length, '次')
    ],
    bars: perGrid(ctx, inside, c => c.gridId ?? null),
    barsTitle: '各网格呼叫次数'
  }
}

/** 四点半课堂: attendance in the period and the waitlist now. */
function classesSection(ctx: SectionContext): DashboardSectionView {
  const title = '四点半课堂'
  const { classAttendance: attendance, classEnrolments: enrolments } = ctx.data
  if (!attendance || !enrolments) return unavailable('classes', title)
  // Class records name the child; the child's grid decides.
  const children = ctx.data.children ?? []
  const ofGrid = new Set(children.map(c => c._id))
  const inScope = (childId: string | null): boolean => !ctx.gridId || (childId !== null && ofGrid.has(childId))
  const marks = attendance.filter(a => inScope(a.childId) && inPeriod(a.sessionEndsAt ?? a.markedAt, ctx.period))
  const present = marks.filter(a => a.status === 'present' || a.status === 'late').length
  const waiting = enrolments.filter(e => e.status === 'waitlisted' && inScope(e.childId))
  const enrolled = enrolments.filter(e => e.status === 'enrolled' && inScope(e.childId))
  const bars: BarView[] = [
    { label: '出勤', value: marks.filter(a => a.status === 'present').length },
    { label: '迟到', value: marks.filter(a => a.status === 'late').length },
    { label: '缺勤', value: marks.filter(a => a.status === 'absent').length }
  ]
  return {
    key: 'classes',
    title,
    available: true,
    metrics: [
      metric('出勤率', marks.length ? Math.round((present / marks.length) * 1000) / 10 : null, '%'),
      metric('在读', enrolled.length, '人'),
      metric('候补', waiting.length, '人')
    ],
    bars,
    barsTitle: '本期签到'
  }
}

/** 志愿服务: verified hours and active volunteers in the period. */
function volunteersSection(ctx: SectionContext): DashboardSectionView {
  const title = '志愿服务'
  const attendance = ctx.data.volunteerAttendance
  if (!attendance) return unavailable('volunteers', title)
  const volunteers = ctx.data.volunteers ?? []
  const gridOf = new Map(volunteers.map(v => [v._id, v.gridId ?? null]))
  const rows = attendance.filter(
    a => inPeriod(a.checkInAt ?? a.startAt, ctx.period) && (!ctx.gridId || gridOf.has(a.volunteerId))
  )
  const verified = rows.filter(a => a.status === 'verified')
  return {
    key: 'volunteers',
    title,
    available: true,
    metrics: [
      metric('认证时长', oneDecimal(verified.reduce((s, a) => s + Number(a.hours ?? 0), 0)), '小时'),
      metric('参与志愿者', new Set(rows.map(a => a.volunteerId)).size, '人'),
      metric('待认证', rows.filter(a => a.status !== 'verified').length, '条')
    ],
    bars: perGrid(ctx, verified, a => gridOf.get(a.volunteerId) ?? null),
    barsTitle: '各网格认证次数'
  }
}

/** 满意度调查: the latest survey's answers, overall and per aspect. */
function surveySection(ctx: SectionContext): DashboardSectionView {
  const title = '满意度调查'
  if (!ctx.data.latestSurvey) return unavailable('survey', title)
  const { survey: latest, answers: all } = ctx.data.latestSurvey
  const answers = all.filter(a => !ctx.gridId || a.gridId === ctx.gridId)
  return {
    key: 'survey',
    title: `${title}：${latest.title}`,
    available: true,
    metrics: [
      metric('答卷', answers.length, '份'),
      metric('平均分（5分制）', average(answers.flatMap(a => a.scores)), '分')
    ],
    bars: latest.aspects.map((aspect, i) => ({
      label: aspect,
      value: answers.length === 0 ? 0 : oneDecimal(answers.reduce((s, a) => s + (a.scores[i] ?? 0), 0) / answers.length)
    })),
    barsTitle: '各方面平均分'
  }
}

/** Each context's section; new contexts add theirs here. */
const sections: Array<(ctx: SectionContext) => DashboardSectionView> = [
  serviceRequestsSection,
  careSection,
  classesSection,
  volunteersSection,
  sosSection,
  surveySection
]

/** The sections of one grid's or one community's records (null grid: the whole). */
function sectionsOf(data: DashboardRecords, period: Period, gridId: string | null, now: Date): DashboardSectionView[] {
  const ctx: SectionContext = { data, period, gridId, now }
  return sections.map(s => s(ctx))
}

export async function dashboard(
  deps: DashboardDeps,
  input: DashboardInput,
  caller: Caller
): Promise<Result<DashboardView, 'FORBIDDEN'>> {
  const scope = gridScopeFor(caller, input.gridId)
  if (!scope.ok) return scope
  const now = deps.clock.now()
  const period = periodOf(input.period, input.day ?? shanghaiDate(now))
  const data = await deps.dashboardSources.read(scope.value, caller.openId)
  return ok({
    period: { kind: period.kind, label: period.label },
    gridId: scope.value,
    gridName: scope.value ? (data.grids.find(g => g._id === scope.value)?.name ?? null) : null,
    sections: sectionsOf(data, period, scope.value, now)
  })
}

export interface StreetDashboardDeps {
  streetDashboardSources: StreetDashboardSources
  clock: Clock
}

/** Every community's records as one: the street's totals are the same rules over all of them. */
function together(all: readonly DashboardRecords[]): DashboardRecords {
  const joined = <K extends keyof DashboardRecords>(key: K): DashboardRecords[K] => {
    const present = all.map(d => d[key]).filter((v): v is NonNullable<DashboardRecords[K]> => v !== null)
    return (present.length === 0 ? null : present.flat()) as DashboardRecords[K]
  }
  return {
    // No grid bars: a grid is one community's; the totals' bars are the communities (below).
    grids: [],
    serviceRequests: joined('serviceRequests'),
    careRequests: joined('careRequests'),
    sosCalls: joined('sosCalls'),
    classAttendance: joined('classAttendance'),
    classEnrolments: joined('classEnrolments'),
    children: joined('children'),
    volunteerAttendance: joined('volunteerAttendance'),
    volunteers: joined('volunteers'),
    // Each community asks its own survey: no one set of answers for the street.
    latestSurvey: null
  }
}

/**
 * The street's workbench (街道工作台, issue 20): each community's dashboard figures (the whole community, as its staff
 * see them) side by side, and the street's totals: the same figures over every community's records, each section's
 * bars a community's headline figure. Read-only, like everything a street role does in a community.
 */
export async function streetDashboard(
  deps: StreetDashboardDeps,
  input: StreetDashboardInput,
  caller: Caller
): Promise<Result<StreetDashboardView, never>> {
  const now = deps.clock.now()
  const period = periodOf(input.period, input.day ?? shanghaiDate(now))
  const read = await deps.streetDashboardSources.read(caller.openId)
  const communities = read.map(c => ({
    communityId: c.communityId,
    name: c.name,
    sections: sectionsOf(c.records, period, null, now)
  }))
  const totals = sectionsOf(together(read.map(c => c.records)), period, null, now)
    .filter(s => s.key !== 'survey')
    .map(section => {
      const headline = section.metrics[0]
      const ofEach = communities.map(c => c.sections.find(s => s.key === section.key)?.metrics[0]?.value ?? 0)
      return headline
        ? {
            ...section,
            bars: communities.map((c, i) => ({ label: c.name, value: ofEach[i] ?? 0 })),
            barsTitle: `各社区${headline.label}`
          }
        : section
    })
  return ok({ period: { kind: period.kind, label: period.label }, communities, totals })
}
