/**
 * Inspections in process (巡检): defining a checklist, recording a period with failures, and a stop between the
 * inspection and its reports — finished by the caller's retry or by the tick, never opened twice — and two phones
 * recording the same period at once; over the real grid repositories, notifier and audit writer on the local cloud's
 * database engine in memory, at a frozen Shanghai clock (test/support/in-memory-deps.ts).
 */
import { addGridWorld, callerOf, gridPeople as p } from '../../../test/factories/grid.factory'
import { failingOnce } from '../../../test/factories/faults.fake'
import { gridDeps, minutes, rows, useWorld } from '../../../test/support/in-memory-deps'
import type { CallInfo } from '../shared/wire'
import { defineChecklistInput, recordInspectionInput } from './grid.schemas'
import type { GridDeps } from './grid.ports'
import { defineChecklist, dueInspections, finishHalfDoneInspections, recordInspection } from './inspection.usecase'

// Wednesday 3 September 2025, 09:00 in Shanghai: the week of Monday 1 September.
const world = useWorld('2025-09-03 09:00')
const deps = () => gridDeps(world())
const call = (requestId: string): CallInfo => ({ requestId })
const reports = async () => await rows(world().db, 'grid_reports')
const inspections = async () => await rows(world().db, 'grid_inspections')

let checklistId = ''
beforeEach(async () => {
  await addGridWorld(world().db)
  const made = await defineChecklist(
    deps(),
    defineChecklistInput.parse({
      title: '每周卫生检查',
      cadence: 'weekly',
      place: { buildingId: 'b-3' },
      items: [
        { text: '楼道无杂物', category: 'clutter' },
        { text: '消防通道畅通', category: 'safety' },
        { text: '垃圾桶干净', category: 'hygiene' }
      ]
    }),
    callerOf(p.staff),
    call('req-define')
  )
  if (!made.ok) throw new Error(made.message)
  checklistId = made.value.id
})

const twoFailures = () =>
  recordInspectionInput.parse({
    checklistId,
    results: [
      { key: 'i1', passed: false, note: '3栋2单元堆了纸箱' },
      { key: 'i2', passed: false, note: '一楼停了电动车' },
      { key: 'i3', passed: true }
    ]
  })

/** openReport's store failing on the second report: the call stops between its writes. */
const reportsFailingOnSecond = (): GridDeps => {
  const d = deps()
  let n = 0
  return { ...d, reports: failingOnce(d.reports, 'create', () => ++n === 2) }
}

describe('recording a period', () => {
  it('opens one 待受理 report of the grid per failed item, each carrying the inspection', async () => {
    const res = await recordInspection(deps(), twoFailures(), callerOf(p.worker), call('req-1'))
    expect(res).toMatchObject({ ok: true, value: { failed: 2, reporting: false } })
    const all = await reports()
    expect(all.map(r => [r.category, r.gridId, r.state, r.inspectionId])).toEqual(
      expect.arrayContaining([
        ['clutter', 'grid-1', 'submitted', `${checklistId}:W2025-09-01`],
        ['safety', 'grid-1', 'submitted', `${checklistId}:W2025-09-01`]
      ])
    )
    expect(all).toHaveLength(2)
    expect((await rows(world().db, 'audit', { action: 'grid.record-inspection' })).length).toBe(1)
  })

  it('two phones recording the same period at once: one record, one set of reports, the other told it is done', async () => {
    const [a, b] = await Promise.all([
      recordInspection(deps(), twoFailures(), callerOf(p.worker), call('req-a')),
      recordInspection(deps(), twoFailures(), callerOf(p.secondWorker), call('req-b'))
    ])
    expect([a.ok, b.ok].sort()).toEqual([false, true])
    const refused = (a.ok ? b : a) as { code: string; message: string }
    expect(refused.code).toBe('ALREADY_INSPECTED')
    expect(await inspections()).toHaveLength(1)
    expect(await reports()).toHaveLength(2)
  })

  it('the next week is a new period: due again', async () => {
    await recordInspection(deps(), twoFailures(), callerOf(p.worker), call('req-1'))
    expect((await dueInspections(deps(), { cursor: null }, callerOf(p.worker))).ok).toBe(true)
    world().clock.advance(7 * 24 * 60 * minutes(1))
    const due = await dueInspections(deps(), { cursor: null }, callerOf(p.worker))
    expect(due).toMatchObject({ ok: true, value: { items: [{ status: 'due', missed: null }] } })
  })
})

describe('a stop between the inspection and its reports', () => {
  it('is finished by the retry with the same requestId, the first report not opened twice', async () => {
    await expect(
      recordInspection(reportsFailingOnSecond(), twoFailures(), callerOf(p.worker), call('req-cut'))
    ).rejects.toThrow()
    expect((await inspections())[0]).toMatchObject({ state: 'reporting' })
    expect(await reports()).toHaveLength(1)
    const retry = await recordInspection(deps(), twoFailures(), callerOf(p.worker), call('req-cut'))
    expect(retry).toMatchObject({ ok: true, value: { failed: 2, reporting: false } })
    expect(await reports()).toHaveLength(2)
    const [done] = await inspections()
    expect(done.state).toBe('done')
    expect((done.results as Array<{ reportId: string | null }>).filter(r => r.reportId)).toHaveLength(2)
  })

  it('is finished by the tick once the call can no longer be running, and only then', async () => {
    await expect(
      recordInspection(reportsFailingOnSecond(), twoFailures(), callerOf(p.worker), call('req-cut'))
    ).rejects.toThrow()
    expect(await finishHalfDoneInspections(deps())).toBe(0)
    world().clock.advance(minutes(2))
    expect(await finishHalfDoneInspections(deps())).toBe(1)
    expect(await reports()).toHaveLength(2)
    expect((await inspections())[0]).toMatchObject({ state: 'done' })
    // Another tick finds nothing left.
    expect(await finishHalfDoneInspections(deps())).toBe(0)
  })
})
