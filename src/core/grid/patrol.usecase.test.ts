/**
 * Patrols (巡查) over the real grid repositories, audit writer and notifier on the local cloud's database engine in
 * memory, at a frozen Shanghai clock (test/support/in-memory-deps.ts).
 */
import { addGridWorld, gridCallerOf, gridPeople as p } from '../../../test/factories/grid-visits.factory'
import { gridDeps, minutes, rows, useWorld } from '../../../test/support/in-memory-deps'
import {
  closeForgottenPatrols,
  finishPatrol,
  myPatrols,
  patrolBoard,
  patrolStatus,
  startPatrol
} from './patrol.usecase'

// Saturday 5 December 2026, 09:00 in Shanghai.
const world = useWorld('2026-12-05 09:00')
const deps = () => gridDeps(world())
const clock = () => world().clock
const worker = () => gridCallerOf(p.worker1)

beforeEach(async () => {
  await addGridWorld(world().db)
})

async function started(): Promise<string> {
  const res = await startPatrol(deps(), {}, worker())
  if (!res.ok) throw new Error(res.code)
  return res.value.id
}

describe('startPatrol', () => {
  it('opens one patrol however many starts arrive at once, and a later start answers the same one', async () => {
    const all = await Promise.all(Array.from({ length: 6 }, async () => await startPatrol(deps(), {}, worker())))
    const ids = new Set(all.map(r => (r.ok ? r.value.id : r.code)))
    expect(ids.size).toBe(1)
    expect(await rows(world().db, 'grid_patrols')).toHaveLength(1)
    const again = await startPatrol(deps(), {}, worker(), { requestId: 'retry-1234' })
    expect(again).toMatchObject({ ok: true, value: { id: [...ids][0], open: true } })
    // One audit entry for the start, however often it was asked.
    expect(await rows(world().db, 'audit', { action: 'grid.patrol-start' })).toHaveLength(1)
  })

  it('lets another worker patrol at the same time', async () => {
    await started()
    const other = await startPatrol(deps(), {}, gridCallerOf(p.worker2))
    expect(other.ok).toBe(true)
    expect(await rows(world().db, 'grid_patrols', { endedAt: null })).toHaveLength(2)
  })
})

describe('finishPatrol', () => {
  it('counts the minutes walked, and a second finish answers the same patrol', async () => {
    const id = await started()
    expect(await deps().patrols.openPatrolOf(p.worker1._id, id)).not.toBeNull()
    clock().advance(minutes(65))
    const done = await finishPatrol(deps(), { patrolId: id, note: '3栋门口有垃圾' }, worker())
    expect(done).toMatchObject({ ok: true, value: { open: false, minutes: 65, closedByCap: false } })
    clock().advance(minutes(5))
    expect(await finishPatrol(deps(), { patrolId: id, note: '' }, worker())).toMatchObject({
      ok: true,
      value: { minutes: 65, note: '3栋门口有垃圾' }
    })
    // Closed: reports can no longer name it, and a new start opens a new patrol.
    expect(await deps().patrols.openPatrolOf(p.worker1._id, id)).toBeNull()
    expect(await started()).not.toBe(id)
  })

  it('refuses someone else’s patrol', async () => {
    const id = await started()
    const res = await finishPatrol(deps(), { patrolId: id, note: '' }, gridCallerOf(p.worker2))
    expect(res).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect(await deps().patrols.openPatrolOf(p.worker2._id, id)).toBeNull()
    expect(await rows(world().db, 'grid_patrols', { endedAt: null })).toHaveLength(1)
  })
})

describe('patrol time', () => {
  it('shows the worker today and this month against an hour a day', async () => {
    const first = await started()
    clock().advance(minutes(40))
    await finishPatrol(deps(), { patrolId: first, note: '' }, worker())
    clock().advance(minutes(60))
    await started()
    const status = await patrolStatus(deps(), {}, worker())
    expect(status).toMatchObject({
      ok: true,
      value: {
        todayMinutes: 40,
        dayPlanMinutes: 60,
        monthMinutes: 40,
        monthPlanMinutes: 5 * 60,
        monthLabel: '2026年12月'
      }
    })
    expect(status.ok && status.value.open?.open).toBe(true)
    const mine = await myPatrols(deps(), { cursor: null }, worker())
    expect(mine.ok && mine.value.items.map(x => x.open)).toEqual([true, false])
  })

  it('closes a forgotten patrol at 4 hours, says so, and counts 4 hours on the board', async () => {
    const id = await started()
    clock().advance(minutes(3 * 60 + 59))
    expect(await closeForgottenPatrols(deps(), clock().now())).toEqual({ closed: 0 })
    clock().advance(minutes(6 * 60))
    expect(await closeForgottenPatrols(deps(), clock().now())).toEqual({ closed: 1 })
    expect(await closeForgottenPatrols(deps(), clock().now())).toEqual({ closed: 0 })
    const [patrol] = await rows(world().db, 'grid_patrols', { _id: id })
    expect(patrol).toMatchObject({ closedBy: 'cap', minutes: 240 })
    expect(await rows(world().db, 'inbox', { to: p.worker1._id, kind: 'grid.patrol-capped' })).toHaveLength(1)
    // The worker's late tap answers the patrol as the job closed it.
    expect(await finishPatrol(deps(), { patrolId: id, note: '' }, worker())).toMatchObject({
      ok: true,
      value: { closedByCap: true, minutes: 240 }
    })
    const board = await patrolBoard(deps(), { month: null, cursor: null })
    expect(board.ok && board.value.items).toEqual([
      { gridId: 'grid-a', gridName: '第一网格', workerName: '王网格', minutes: 240, patrols: 1, capped: 1 },
      { gridId: 'grid-b', gridName: '第二网格', workerName: '李网格', minutes: 0, patrols: 0, capped: 0 }
    ])
  })

  it('totals a past month whole, by the Shanghai calendar', async () => {
    // 23:30 on 30 November in Shanghai: a November patrol, though UTC says the same day.
    clock().advance(-minutes(5 * 24 * 60) + minutes(14 * 60 + 30))
    const id = await started()
    clock().advance(minutes(50))
    await finishPatrol(deps(), { patrolId: id, note: '' }, worker())
    const nov = await patrolBoard(deps(), { month: '2026-11', cursor: null })
    expect(nov).toMatchObject({ ok: true, value: { planMinutes: 30 * 60, monthLabel: '2026年11月' } })
    expect(nov.ok && nov.value.items[0].minutes).toBe(50)
    const dec = await patrolBoard(deps(), { month: '2026-12', cursor: null })
    expect(dec.ok && dec.value.items[0].minutes).toBe(0)
  })
})
