/**
 * 关爱巡访: recurring visits to elders living alone. Each visit moves the plan's next due date;
 * a visit not made by then alerts the grid worker (once per due date), from a timer.
 */
import type { Caller } from '../community/caller'
import { gridScope, hasAnyRole, inGridScope } from '../community/caller'
import type { Result } from '../shared/wire'
import { fail, ok } from '../shared/wire'
import { policies } from '../community/roles'
import type { GeoPoint, PatrolPlan } from './elder-care.model'
import type { ElderCareDeps } from './elder-care.ports'
import type { PatrolView } from './elder-care.views'
import type { Page } from '../shared/page'
import { shanghaiDate, shanghaiDay } from '../shared/shanghai-time'

const DAY = 24 * 3600_000

const viewOf = (p: PatrolPlan, now: Date): PatrolView => ({
  elderId: p.elderId,
  elderName: p.elderName,
  everyDays: p.everyDays,
  lastVisitAt: p.lastVisitAt,
  nextDueAt: p.nextDueAt,
  overdue: new Date(p.nextDueAt).getTime() < now.getTime()
})

/** Staff set how often an elder is visited (a new plan is due one interval from now). */
export async function setPatrolPlan(
  deps: ElderCareDeps,
  input: { elderId: string; everyDays: number },
  caller: Caller
): Promise<Result<PatrolView, 'NOT_FOUND'>> {
  const elder = await deps.elders.elder(input.elderId)
  if (!elder) return fail('NOT_FOUND', '没有找到这位老人的档案')
  const now = deps.clock.now()
  const existing = await deps.patrols.plan(elder._id)
  const from = existing?.lastVisitAt ? new Date(existing.lastVisitAt) : now
  const plan: PatrolPlan = {
    _id: elder._id,
    elderId: elder._id,
    elderName: elder.name,
    gridId: elder.gridId,
    everyDays: input.everyDays,
    lastVisitAt: existing?.lastVisitAt ?? null,
    nextDueAt: new Date(from.getTime() + input.everyDays * DAY),
    alertedFor: null
  }
  await deps.patrols.savePlan(plan)
  await deps.audit.record({
    actor: caller.openId,
    action: 'elder-care.patrol-plan',
    target: `patrol_plans/${elder._id}`,
    data: { everyDays: input.everyDays }
  })
  return ok(viewOf(plan, now))
}

/** A grid worker, volunteer or staff member records a visit (time; location only now). */
export async function recordPatrol(
  deps: ElderCareDeps,
  input: { elderId: string; note: string; location: GeoPoint | null },
  caller: Caller
): Promise<Result<PatrolView, 'NOT_FOUND' | 'FORBIDDEN'>> {
  const plan = await deps.patrols.plan(input.elderId)
  if (!plan) return fail('NOT_FOUND', '这位老人还没有巡访计划')
  if (
    !hasAnyRole(caller, policies.staff) &&
    !caller.roles.includes('volunteer') &&
    !(caller.roles.includes('grid_worker') && inGridScope(caller, plan.gridId))
  ) {
    return fail('FORBIDDEN', '只有本网格网格员、志愿者或社工可以登记巡访')
  }
  const now = deps.clock.now()
  const nextDueAt = new Date(now.getTime() + plan.everyDays * DAY)
  await deps.patrols.recordVisit(
    {
      _id: deps.newId('patrol'),
      elderId: plan.elderId,
      by: caller.openId,
      byName: caller.name ?? '',
      at: now,
      location: input.location,
      note: input.note
    },
    nextDueAt
  )
  await deps.audit.record({
    actor: caller.openId,
    action: 'elder-care.patrol-visit',
    target: `patrol_plans/${plan._id}`
  })
  return ok(viewOf({ ...plan, lastVisitAt: now, nextDueAt }, now))
}

export async function patrolList(
  deps: ElderCareDeps,
  input: { cursor: string | null },
  caller: Caller
): Promise<Result<Page<PatrolView>, never>> {
  const gridId = gridScope(caller) ?? undefined
  const page = await deps.patrols.plans({ gridId }, input.cursor)
  const now = deps.clock.now()
  return ok({ items: page.items.map(p => viewOf(p, now)), cursor: page.cursor })
}

/** Timer: tell each grid worker about overdue visits in their grid, once per due date. */
export async function alertOverduePatrols(deps: ElderCareDeps, now: Date): Promise<{ alerted: number }> {
  let alerted = 0
  for (const plan of await deps.patrols.overdue(now)) {
    if (!(await deps.patrols.markAlerted(plan.elderId, plan.nextDueAt))) continue
    const grid = await deps.people.grid(plan.gridId)
    const to = grid?.workerUserId
    if (!to) continue
    alerted++
    await deps.notify.notify({
      to,
      kind: 'elder-care.patrol-overdue',
      key: `elder-care.patrol-overdue:${plan.elderId}:${shanghaiDate(new Date(plan.nextDueAt))}`,
      title: `巡访逾期：${plan.elderName}`,
      body: `独居老人${plan.elderName}的关爱巡访已逾期（应于${shanghaiDay(new Date(plan.nextDueAt))}前），请尽快上门或电话问候。`,
      link: '/pages/elder-care/staff',
      template: 'reminder',
      status: '逾期',
      mustReachBy: new Date(now.getTime() + 4 * 3600_000)
    })
    await deps.audit.record({
      actor: 'system:patrol-overdue',
      action: 'elder-care.patrol-overdue',
      target: `patrol_plans/${plan._id}`
    })
  }
  return { alerted }
}
