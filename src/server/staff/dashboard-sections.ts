/**
 * The dashboard's sections, one per context, each reading only that context's collections. A
 * section whose collections don't exist here answers "unavailable" (暂无数据). Field names follow
 * each context's model in src/core/<context>/.
 */
import { careKpis } from '../../core/elder-care/care-kpi.rule'
import type { Outcome } from '../../core/staff/period.rules'
import type { Bar, DashboardSection, Doc, SectionContext } from './dashboard.parts'
import { inPeriod, median, metric, minutesBetween, perGrid, readOrNull, satisfaction, unavailable } from './dashboard.parts'

const OPEN_SERVICE = ['submitted', 'accepted', 'in_progress', 'needs_materials']
const OPEN_CARE = ['submitted', 'triaged', 'assigned', 'accepted', 'in_service']
const WAITING_CARE = ['submitted', 'triaged', 'assigned']

const at = (h: Doc[] | undefined, event: string): Date | null => {
  const e = (h ?? []).find(x => x.event === event)
  return e ? new Date(e.at) : null
}

/** 便民服务 requests: open and overdue now; new, response and completion in the period. */
export async function serviceRequestsSection (ctx: SectionContext): Promise<DashboardSection> {
  const title = '便民服务诉求'
  const all = await readOrNull(ctx.db, 'service_requests', {})
  if (!all) return unavailable('service-requests', title)
  // Requests name the resident, not the grid: the resident's home grid decides.
  const byUser = await ctx.gridsOfUsers(all.map(r => String(r.residentId)))
  const grids = new Map<string, string | null>(all.map(r => [String(r._id), byUser.get(String(r.residentId)) ?? null]))
  const mine = all.filter(r => !ctx.gridId || grids.get(r._id) === ctx.gridId)
  const open = mine.filter(r => OPEN_SERVICE.includes(r.status))
  const overdue = open.filter(r => r.overdue === true || (r.dueAt && new Date(r.dueAt) < ctx.now))
  const created = mine.filter(r => inPeriod(r.createdAt, ctx.period))
  const response = created.map(r => at(r.history, 'accept')).map((t, i) => t ? minutesBetween(created[i].createdAt, t) : null).filter((x): x is number => x !== null)
  const completion = created.map(r => at(r.history, 'finish')).map((t, i) => t ? minutesBetween(created[i].createdAt, t) : null).filter((x): x is number => x !== null)
  const stars = created.map(r => r.rating?.stars).filter((s): s is number => typeof s === 'number')
  return {
    key: 'service-requests', title, available: true,
    metrics: [
      metric('办理中', open.length, '件'), metric('已逾期', overdue.length, '件'), metric('本期新诉求', created.length, '件'),
      metric('受理用时中位数', median(response), '分钟'), metric('办结用时中位数', median(completion), '分钟'),
      metric('平均评分', stars.length ? Math.round(stars.reduce((a, b) => a + b, 0) / stars.length * 10) / 10 : null, '星')
    ],
    bars: perGrid(ctx, open, r => grids.get(r._id) ?? null),
    barsTitle: '各网格办理中'
  }
}

/** 居家养老 care requests, with follow-up satisfaction where 部分解决 is its own share. */
export async function careSection (ctx: SectionContext): Promise<DashboardSection> {
  const title = '居家养老服务'
  const all = await readOrNull(ctx.db, 'care_requests', ctx.gridId ? { gridId: ctx.gridId } : {})
  if (!all) return unavailable('care', title)
  const open = all.filter(r => OPEN_CARE.includes(r.state))
  const overdue = open.filter(r => WAITING_CARE.includes(r.state) && r.acceptBy && new Date(r.acceptBy) < ctx.now)
  const created = all.filter(r => inPeriod(r.createdAt, ctx.period))
  const kpi = careKpis(created.map(r => ({ state: r.state, createdAt: new Date(r.createdAt), history: (r.history ?? []).map((h: Doc) => ({ ...h, at: new Date(h.at) })), rating: r.rating ?? null })))
  const outcomes: Outcome[] = [
    ...Array<Outcome>(kpi.followUps.solved).fill('solved'), ...Array<Outcome>(kpi.followUps.partly).fill('partly'), ...Array<Outcome>(kpi.followUps.notSolved).fill('unsolved')
  ]
  const s = satisfaction(outcomes)
  return {
    key: 'care', title, available: true,
    metrics: [
      metric('服务中', open.length, '件'), metric('超时未接单', overdue.length, '件'), metric('本期新需求', created.length, '件'),
      metric('接单用时中位数', kpi.medianResponseMinutes, '分钟'), metric('完成用时中位数', kpi.medianCompletionMinutes, '分钟'),
      metric('回访：完全解决', s.solvedRate, '%'), metric('回访：部分解决', s.partlyRate, '%'), metric('回访：未解决', s.unsolvedRate, '%')
    ],
    bars: perGrid(ctx, open, r => r.gridId ?? null),
    barsTitle: '各网格服务中'
  }
}

/** 一键呼叫: calls in the period, minutes to acknowledge, calls still open. */
export async function sosSection (ctx: SectionContext): Promise<DashboardSection> {
  const title = '一键呼叫（SOS）'
  const all = await readOrNull(ctx.db, 'sos_calls', ctx.gridId ? { gridId: ctx.gridId } : {})
  if (!all) return unavailable('sos', title)
  const inside = all.filter(c => inPeriod(c.pressedAt, ctx.period))
  const ack = inside.filter(c => c.ackBy?.at).map(c => minutesBetween(c.pressedAt, c.ackBy.at))
  return {
    key: 'sos', title, available: true,
    metrics: [
      metric('本期呼叫', inside.length, '次'), metric('响应用时中位数', median(ack), '分钟'),
      metric('尚未响应', all.filter(c => c.state === 'open').length, '次')
    ],
    bars: perGrid(ctx, inside, c => c.gridId ?? null),
    barsTitle: '各网格呼叫次数'
  }
}

/** 四点半课堂: attendance in the period and the waitlist now. */
export async function classesSection (ctx: SectionContext): Promise<DashboardSection> {
  const title = '四点半课堂'
  const [attendance, enrolments] = await Promise.all([readOrNull(ctx.db, 'class_attendance', {}), readOrNull(ctx.db, 'class_enrolments', {})])
  if (!attendance || !enrolments) return unavailable('classes', title)
  // Class records name the child; the child's grid decides.
  const children = await readOrNull(ctx.db, 'children', ctx.gridId ? { gridId: ctx.gridId } : {}) ?? []
  const gridOfChild = new Map(children.map(c => [String(c._id), c.gridId as string]))
  const inScope = (childId: unknown): boolean => !ctx.gridId || gridOfChild.has(String(childId))
  const marks = attendance.filter(a => inScope(a.childId) && inPeriod(a.sessionEndsAt ?? a.markedAt, ctx.period))
  const present = marks.filter(a => a.status === 'present' || a.status === 'late').length
  const waiting = enrolments.filter(e => e.status === 'waitlisted' && inScope(e.childId))
  const enrolled = enrolments.filter(e => e.status === 'enrolled' && inScope(e.childId))
  const bars: Bar[] = [
    { label: '出勤', value: marks.filter(a => a.status === 'present').length },
    { label: '迟到', value: marks.filter(a => a.status === 'late').length },
    { label: '缺勤', value: marks.filter(a => a.status === 'absent').length }
  ]
  return {
    key: 'classes', title, available: true,
    metrics: [
      metric('出勤率', marks.length ? Math.round(present / marks.length * 1000) / 10 : null, '%'),
      metric('在读', enrolled.length, '人'), metric('候补', waiting.length, '人')
    ],
    bars,
    barsTitle: '本期签到'
  }
}

/** 志愿服务: verified hours and active volunteers in the period. */
export async function volunteersSection (ctx: SectionContext): Promise<DashboardSection> {
  const title = '志愿服务'
  const attendance = await readOrNull(ctx.db, VOLUNTEER_ATTENDANCE, {})
  if (!attendance) return unavailable('volunteers', title)
  const volunteers = await readOrNull(ctx.db, 'volunteers', ctx.gridId ? { gridId: ctx.gridId } : {}) ?? []
  const gridOf = new Map(volunteers.map(v => [String(v._id), v.gridId as string | null]))
  const rows = attendance.filter(a => inPeriod(a.checkInAt ?? a.startAt, ctx.period) && (!ctx.gridId || gridOf.has(String(a.volunteerId))))
  const verified = rows.filter(a => a.status === 'verified')
  const hours = Math.round(verified.reduce((s, a) => s + Number(a.hours ?? 0), 0) * 10) / 10
  return {
    key: 'volunteers', title, available: true,
    metrics: [
      metric('认证时长', hours, '小时'), metric('参与志愿者', new Set(rows.map(a => a.volunteerId)).size, '人'),
      metric('待认证', rows.filter(a => a.status !== 'verified').length, '条')
    ],
    bars: perGrid(ctx, verified, a => gridOf.get(String(a.volunteerId)) ?? null),
    barsTitle: '各网格认证次数'
  }
}

/** The volunteers context's check-in/out records (see src/core/volunteers/volunteers.model.ts). */
export const VOLUNTEER_ATTENDANCE = 'vol_attendance'
