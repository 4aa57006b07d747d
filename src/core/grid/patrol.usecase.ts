/**
 * Patrols (巡查, 每天巡查一小时): a grid worker starts one, reports what they find on it (the report names the
 * patrol: PatrolLink), and finishes it; a patrol left open is closed at the cap by the job. The worker sees today's
 * and this month's time against the plan; staff see each grid worker's month.
 */
import type { Caller } from '../community/caller'
import type { Page } from '../shared/page'
import type { CallInfo, Result } from '../shared/wire'
import { fail, ok } from '../shared/wire'
import { PATROL_CAP_MINUTES, PATROL_PLAN_MINUTES_PER_DAY, type PatrolRecord } from './grid.model'
import type { GridDeps } from './grid.ports'
import { capEnd, dayOf, monthOf, patrolMinutes, planOfMonth, planSoFar } from './patrol-time.rule'
import { periodOf } from '../staff/period.rule'
import { shanghaiDate } from '../shared/shanghai-time'
import type * as z from 'zod'
import type * as v from './grid.views'

type PatrolView = z.input<typeof v.patrolView>

export const patrolViewOf = (p: PatrolRecord): PatrolView => ({
  id: p._id,
  startedAt: p.startedAt,
  endedAt: p.endedAt,
  open: p.endedAt === null,
  minutes: p.minutes,
  closedByCap: p.closedBy === 'cap',
  note: p.note
})

/**
 * 开始巡查. The store's one insert decides (unique `openKey`): a retry, a double tap or a second phone answers the
 * patrol already open rather than a second one.
 */
export async function startPatrol(
  deps: GridDeps,
  _input: unknown,
  caller: Caller,
  call: CallInfo = { requestId: null }
): Promise<Result<PatrolView, never>> {
  const now = deps.clock.now()
  const id = deps.newId('patrol')
  const { patrol, created } = await deps.patrols.start({
    _id: id,
    workerUserId: caller.openId,
    workerName: caller.name ?? '',
    gridId: caller.gridId,
    startedAt: now,
    endedAt: null,
    minutes: 0,
    openKey: caller.openId,
    closedBy: null,
    note: '',
    requestId: call.requestId,
    updatedAt: now
  })
  // Keyed: a retry that lost its answer after the insert records the start once.
  await deps.audit.record({
    actor: caller.openId,
    action: 'grid.patrol-start',
    target: `grid_patrols/${patrol._id}`,
    key: `grid.patrol-start:${patrol._id}`,
    data: created ? {} : { alreadyOpen: true }
  })
  return ok(patrolViewOf(patrol))
}

/** 结束巡查: closes the caller's patrol; a second finish (a retry) answers the patrol as it was closed. */
export async function finishPatrol(
  deps: GridDeps,
  input: { patrolId: string; note: string },
  caller: Caller
): Promise<Result<PatrolView, 'NOT_FOUND'>> {
  const patrol = await deps.patrols.byId(input.patrolId)
  if (!patrol || patrol.workerUserId !== caller.openId) return fail('NOT_FOUND', '没有找到这次巡查，请刷新后再试')
  if (patrol.endedAt !== null) return ok(patrolViewOf(patrol))
  const now = deps.clock.now()
  const end = {
    endedAt: now,
    minutes: patrolMinutes(patrol.startedAt, now),
    // Past the cap the job may have got there first; if not, the worker's finish counts the cap all the same.
    closedBy: 'worker' as const,
    note: input.note,
    updatedAt: now
  }
  if (!(await deps.patrols.close(patrol._id, caller.openId, end))) {
    // Closed meanwhile (the cap job, another tap): answer it as it stands.
    const closed = await deps.patrols.byId(patrol._id)
    return closed ? ok(patrolViewOf(closed)) : fail('NOT_FOUND', '没有找到这次巡查，请刷新后再试')
  }
  await deps.audit.record({
    actor: caller.openId,
    action: 'grid.patrol-finish',
    target: `grid_patrols/${patrol._id}`,
    key: `grid.patrol-finish:${patrol._id}`,
    data: { minutes: end.minutes }
  })
  return ok(patrolViewOf({ ...patrol, ...end, openKey: patrol._id }))
}

/** The worker's patrol screen: the open patrol, today's and this month's time (Shanghai) against the plan. */
export async function patrolStatus(
  deps: GridDeps,
  _input: unknown,
  caller: Caller
): Promise<Result<z.input<typeof v.patrolStatusView>, never>> {
  const now = deps.clock.now()
  const month = monthOf(now)
  const today = dayOf(now)
  const [open, monthTotals, dayTotals] = await Promise.all([
    deps.patrols.openOf(caller.openId),
    deps.patrols.totals([caller.openId], month.from, month.to),
    deps.patrols.totals([caller.openId], today.from, today.to)
  ])
  return ok({
    open: open ? patrolViewOf(open) : null,
    todayMinutes: dayTotals.get(caller.openId)?.minutes ?? 0,
    dayPlanMinutes: PATROL_PLAN_MINUTES_PER_DAY,
    monthMinutes: monthTotals.get(caller.openId)?.minutes ?? 0,
    monthPlanMinutes: planSoFar(now),
    monthLabel: monthLabel(month.label),
    capMinutes: PATROL_CAP_MINUTES
  })
}

export async function myPatrols(
  deps: GridDeps,
  input: { cursor: string | null },
  caller: Caller
): Promise<Result<Page<PatrolView>, never>> {
  const page = await deps.patrols.mine(caller.openId, input.cursor)
  return ok({ items: page.items.map(patrolViewOf), cursor: page.cursor })
}

/** `2026-11` → `2026年11月`. */
const monthLabel = (key: string): string => `${key.slice(0, 4)}年${Number(key.slice(5, 7))}月`

/** Staff's board: per grid, its worker's patrol time in a Shanghai month (this month by default), a page of grids. */
export async function patrolBoard(
  deps: GridDeps,
  input: { month: string | null; cursor: string | null }
): Promise<Result<z.input<typeof v.patrolBoardView>, never>> {
  const now = deps.clock.now()
  const thisMonth = monthOf(now)
  const month = input.month ? periodOf('month', `${input.month}-01`) : thisMonth
  const running = month.label === thisMonth.label
  const grids = await deps.roster.grids(input.cursor)
  const workerIds = grids.items.map(g => g.workerUserId).filter((w): w is string => w !== null)
  const [totals, workers] = await Promise.all([
    deps.patrols.totals(workerIds, month.from, month.to),
    Promise.all(workerIds.map(async w => await deps.roster.user(w)))
  ])
  const names = new Map(workers.filter(u => u !== null).map(u => [u._id, u.name]))
  return ok({
    month: month.label,
    monthLabel: monthLabel(month.label),
    planMinutes: running ? planSoFar(now) : month.from > now ? 0 : planOfMonth(month),
    items: grids.items.map(g => {
      const t = g.workerUserId ? totals.get(g.workerUserId) : undefined
      return {
        gridId: g._id,
        gridName: g.name,
        workerName: g.workerUserId ? (names.get(g.workerUserId) ?? null) : null,
        minutes: t?.minutes ?? 0,
        patrols: t?.count ?? 0,
        capped: t?.capped ?? 0
      }
    }),
    cursor: grids.cursor
  })
}

/**
 * Job: closes patrols open past the cap, at the cap (超时自动结束), counted the cap at most. Conditional on still open,
 * so a worker's finish at the same moment wins or loses cleanly; the worker is told, so they start afresh next time.
 */
export async function closeForgottenPatrols(deps: GridDeps, now: Date): Promise<{ closed: number }> {
  let closed = 0
  const before = new Date(now.getTime() - PATROL_CAP_MINUTES * 60_000)
  for (const p of await deps.patrols.openBefore(before)) {
    const endedAt = capEnd(p.startedAt)
    const end = { endedAt, minutes: PATROL_CAP_MINUTES, closedBy: 'cap' as const, note: '', updatedAt: now }
    if (!(await deps.patrols.close(p._id, p.workerUserId, end))) continue
    closed++
    await deps.audit.record({
      actor: 'system:patrol-cap',
      action: 'grid.patrol-capped',
      target: `grid_patrols/${p._id}`,
      key: `grid.patrol-capped:${p._id}`,
      data: { minutes: PATROL_CAP_MINUTES }
    })
    await deps.notify.notify({
      to: p.workerUserId,
      kind: 'grid.patrol-capped',
      key: `grid.patrol-capped:${p._id}`,
      title: '巡查已自动结束',
      body: `您${shanghaiDate(p.startedAt)}开始的巡查超过${PATROL_CAP_MINUTES / 60}小时没有结束，已自动结束，按${PATROL_CAP_MINUTES / 60}小时计。下次巡查完请点“结束巡查”。`,
      link: '/pages/grid/patrol'
    })
  }
  return { closed }
}
