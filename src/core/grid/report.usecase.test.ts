/**
 * Residents' reports from the resident's tap to the reporter's confirmation, in process: routing to the building's
 * grid worker, 首问负责 under a race, who sees what, the jobs (overdue escalation, closing unconfirmed) and a stop
 * between two writes; over the real grid repositories, notifier and audit writer on the local cloud's database
 * engine in memory and an in-memory photo store, at a frozen Shanghai clock (test/support/in-memory-deps.ts).
 */
import { addGridWorld, callerOf, gridPeople as p } from '../../../test/factories/grid.factory'
import { failingOnce } from '../../../test/factories/faults.fake'
import { jpegBytes } from '../../../test/support/in-memory-photo-store'
import { gridDeps, minutes, rows, useWorld } from '../../../test/support/in-memory-deps'
import type { Caller } from '../community/caller'
import { DEFAULT_COMMUNITY_ID } from '../community/community.model'
import { HALF_DONE_AFTER_MS } from '../shared/half-done'
import type { CallInfo } from '../shared/wire'
import { submitReportInput } from './grid.schemas'
import { startPatrol } from './patrol.usecase'
import type { GridDeps } from './grid.ports'
import { CONFIRM_WAIT_MS } from './report-deadline.rule'
import {
  acceptReport,
  closeUnconfirmedReports,
  communityReports,
  confirmReport,
  escalateOverdueReports,
  finishUntoldReports,
  followReport,
  getReport,
  mergeReport,
  myReports,
  nearbyReports,
  openReport,
  passReport,
  rateReport,
  reportOptions,
  reportQueue,
  resolveReport,
  submitReport,
  withdrawReport
} from './report.usecase'

// Wednesday 3 September 2025, 09:00 in Shanghai.
const world = useWorld('2025-09-03 09:00')
const deps = () => gridDeps(world())
const clock = () => world().clock
const HOUR = 60 * minutes(1)

beforeEach(async () => {
  await addGridWorld(world().db)
})

const inbox = async (where: Record<string, unknown>) => await rows(world().db, 'inbox', where)
const told = async (kind: string) => [...new Set((await inbox({ kind })).map(i => i.to as string))].sort()
const reports = async () => await rows(world().db, 'grid_reports')
const call = (requestId: string): CallInfo => ({ requestId })

const form = (over: Record<string, unknown> = {}) =>
  submitReportInput.parse({
    category: 'clutter',
    description: '楼道里堆了很多纸箱，挡住了消防通道',
    place: { buildingId: 'b-3', unitId: 'u-3-2', text: '楼道' },
    ...over
  })

async function submitted(over: Record<string, unknown> = {}, who: Caller = callerOf(p.reporter)): Promise<string> {
  const res = await submitReport(deps(), form(over), who)
  if (!res.ok) throw new Error(`${res.code}: ${res.message}`)
  return res.value.id
}

async function accepted(over: Record<string, unknown> = {}): Promise<string> {
  const id = await submitted(over)
  expect(await acceptReport(deps(), { reportId: id }, callerOf(p.worker))).toMatchObject({ ok: true })
  return id
}

async function resolved(): Promise<string> {
  const id = await accepted()
  const res = await resolveReport(deps(), { reportId: id, note: '已联系物业清走纸箱', photos: [] }, callerOf(p.worker))
  expect(res).toMatchObject({ ok: true, value: { state: 'resolved' } })
  return id
}

describe('reportOptions', () => {
  it('offers the categories with their promise in plain words, the buildings and the caller’s own', async () => {
    const res = await reportOptions(deps(), {}, callerOf(p.reporter))
    if (!res.ok) throw new Error(res.code)
    expect(res.value.categories.find(c => c.key === 'safety')).toEqual({
      key: 'safety',
      label: '安全隐患',
      promise: '1 小时内受理，24 小时内处理'
    })
    expect(res.value.categories.find(c => c.key === 'illegal_building')?.promise).toBe('24 小时内受理，15 天内处理')
    expect(res.value.buildings.map(b => b.name)).toEqual(['1栋', '3栋', '5栋'])
    expect(res.value.buildings[1].units.map(u => u.name)).toEqual(['1单元', '2单元'])
    expect(res.value.homeBuildingId).toBe('b-3')
  })
})

describe('submitReport', () => {
  it('routes the report to the worker of its building’s grid, with its deadlines, audited', async () => {
    const res = await submitReport(deps(), form(), callerOf(p.reporter))
    if (!res.ok) throw new Error(res.code)
    expect(res.value).toMatchObject({
      state: 'submitted',
      stateLabel: '待受理',
      place: { label: '3栋2单元 · 楼道' },
      gridName: '第一网格',
      relation: 'reporter',
      can: ['withdraw']
    })
    // 乱堆乱放: accept within 4 hours, solve within 3 days
    expect(res.value.acceptBy).toEqual(new Date(clock().now().getTime() + 4 * HOUR))
    expect(await told('grid.report-new')).toEqual([p.worker._id])
    expect(await rows(world().db, 'audit', { action: 'grid.report-submit' })).toHaveLength(1)
    expect((await reports())[0].untold).toBeNull()
  })

  it('goes to the 社工 when only a point or words say where (no grid)', async () => {
    await submitted({ place: { text: '北门停车场' }, category: 'parking' })
    expect(await told('grid.report-new')).toEqual([p.staff._id])
  })

  it('refuses a building that is not this community’s, and writes nothing', async () => {
    const res = await submitReport(deps(), form({ place: { buildingId: 'b-elsewhere' } }), callerOf(p.reporter))
    expect(res).toMatchObject({ ok: false, code: 'PLACE_UNKNOWN' })
    expect(!res.ok && res.message).toContain('本社区')
    expect(await reports()).toHaveLength(0)
  })

  it('refuses a unit of another building', async () => {
    const res = await submitReport(
      deps(),
      form({ place: { buildingId: 'b-1', unitId: 'u-3-2' } }),
      callerOf(p.reporter)
    )
    expect(res).toMatchObject({ ok: false, code: 'PLACE_UNKNOWN', message: '这个单元不在所选楼栋里，请重新选择单元' })
  })

  it('keeps uploaded photos, and refuses one that is not there (nothing written)', async () => {
    const photo = world().photos.upload(DEFAULT_COMMUNITY_ID, jpegBytes())
    const id = await submitted({ photos: [photo] })
    const view = await getReport(deps(), { reportId: id }, callerOf(p.reporter))
    expect(view).toMatchObject({
      ok: true,
      value: { photos: [{ id: photo, url: expect.stringContaining('memory://') }] }
    })
    world().photos.deleteBehind(photo)
    const res = await submitReport(deps(), form({ photos: [photo] }), callerOf(p.reporter))
    expect(res).toMatchObject({ ok: false, code: 'PHOTO_INVALID' })
    expect(await reports()).toHaveLength(1)
  })

  it('makes one report however often the same request comes (one requestId)', async () => {
    const results = await Promise.all(
      Array.from(
        { length: 5 },
        async () => await submitReport(deps(), form(), callerOf(p.reporter), call('req-same-1'))
      )
    )
    expect(results.every(r => r.ok)).toBe(true)
    expect(new Set(results.map(r => r.ok && r.value.id)).size).toBe(1)
    expect(await reports()).toHaveLength(1)
    expect(await told('grid.report-new')).toEqual([p.worker._id])
    expect((await inbox({ kind: 'grid.report-new' })).length).toBe(1)
  })

  it('opens a patrol’s find as the worker’s own report (openReport, once per key)', async () => {
    const worker = callerOf(p.worker)
    const draft = { ...form(), hidden: false, patrolId: 'patrol-1' }
    const first = await openReport(deps(), draft, worker, { requestId: null }, 'patrol-1:find-1')
    const again = await openReport(deps(), draft, worker, { requestId: null }, 'patrol-1:find-1')
    expect(first.ok && again.ok && first.value._id === again.value._id).toBe(true)
    expect(await reports()).toEqual([expect.objectContaining({ patrolId: 'patrol-1', reporterUserId: p.worker._id })])
    expect((await reports())[0].steps[0]).toMatchObject({ by: '网格员', note: '巡查发现，已上报' })
  })
})

describe('a report found on a patrol (巡查发现)', () => {
  it('links the worker’s own open patrol, and refuses anyone else’s', async () => {
    const started = await startPatrol(deps(), {}, callerOf(p.worker))
    if (!started.ok) throw new Error(started.code)
    const patrolId = started.value.id
    const id = await submitted({ patrolId }, callerOf(p.worker))
    expect((await reports()).find(r => r._id === id)).toMatchObject({ patrolId, reporterUserId: p.worker._id })
    expect(await submitReport(deps(), form({ patrolId }), callerOf(p.secondWorker))).toMatchObject({
      ok: false,
      code: 'NOT_FOUND'
    })
    expect(await submitReport(deps(), form({ patrolId }), callerOf(p.reporter))).toMatchObject({
      ok: false,
      code: 'FORBIDDEN'
    })
  })
})

describe('first response (首问负责)', () => {
  it('of two workers accepting at once, exactly one owns it; the other is told who', async () => {
    const id = await submitted()
    const [a, b] = await Promise.all([
      acceptReport(deps(), { reportId: id }, callerOf(p.worker)),
      acceptReport(deps(), { reportId: id }, callerOf(p.secondWorker))
    ])
    const won = [a, b].filter(r => r.ok)
    const lost = [a, b].filter(r => !r.ok)
    expect(won).toHaveLength(1)
    expect(lost).toEqual([expect.objectContaining({ code: 'REPORT_TAKEN' })])
    const owner = (await reports())[0]
    expect(lost[0].ok === false && lost[0].message).toContain(owner.ownerLabel)
    expect(owner.steps.filter((s: { kind: string }) => s.kind === 'accepted')).toHaveLength(1)
  })

  it('names the owner by role and surname to the reporter', async () => {
    const id = await accepted()
    const view = await getReport(deps(), { reportId: id }, callerOf(p.reporter))
    expect(view).toMatchObject({ ok: true, value: { ownerLabel: '网格员 刘老师', state: 'accepted' } })
  })

  it('keeps a worker of another grid out', async () => {
    const id = await submitted()
    expect(await acceptReport(deps(), { reportId: id }, callerOf(p.otherWorker))).toMatchObject({
      ok: false,
      code: 'FORBIDDEN'
    })
  })
})

describe('the report’s life', () => {
  it('accepted, passed, resolved, reopened, solved and rated; the reporter told of every step', async () => {
    const reporter = callerOf(p.reporter)
    const worker = callerOf(p.worker)
    const id = await accepted()
    const passed = await passReport(
      deps(),
      { reportId: id, kind: 'department', name: '物业公司', note: '请物业清理' },
      worker
    )
    expect(passed).toMatchObject({ ok: true, value: { state: 'passed', passedToLabel: '物业公司' } })
    clock().advance(HOUR)
    await resolveReport(deps(), { reportId: id, note: '纸箱已清走', photos: [] }, worker)
    const reopened = await confirmReport(deps(), { reportId: id, outcome: 'unsolved', note: '还有两个柜子' }, reporter)
    expect(reopened).toMatchObject({ ok: true, value: { state: 'accepted', reopenCount: 1 } })
    expect(await told('grid.report-reopened')).toEqual([p.worker._id])
    await resolveReport(deps(), { reportId: id, note: '柜子也已搬走', photos: [] }, worker)
    const closed = await confirmReport(deps(), { reportId: id, outcome: 'solved', note: '' }, reporter)
    expect(closed).toMatchObject({ ok: true, value: { state: 'closed', confirmation: 'solved', can: ['rate'] } })
    const rated = await rateReport(deps(), { reportId: id, stars: 5, note: '很及时' }, reporter)
    expect(rated).toMatchObject({ ok: true, value: { rating: { stars: 5, note: '很及时' }, can: [] } })
    expect(await rateReport(deps(), { reportId: id, stars: 1, note: '' }, reporter)).toMatchObject({
      ok: false,
      code: 'INVALID_TRANSITION'
    })
    const steps = (await reports())[0].steps.map((s: { kind: string }) => s.kind)
    expect(steps).toEqual(['submitted', 'accepted', 'passed', 'resolved', 'reopened', 'resolved', 'confirmed', 'rated'])
    // Every step but the reporter's own (reopen, confirm, rate) reached the reporter.
    expect((await inbox({ to: p.reporter._id, kind: 'grid.report-status' })).length).toBe(4)
    expect((await rows(world().db, 'audit')).length).toBe(8)
  })

  it('can’t be withdrawn once someone accepted it, and says so', async () => {
    const id = await accepted()
    const res = await withdrawReport(deps(), { reportId: id, reason: '' }, callerOf(p.reporter))
    expect(res).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' })
    expect(!res.ok && res.message).toContain('已经有人在处理')
  })

  it('is withdrawn by its reporter before anyone accepted it', async () => {
    const id = await submitted()
    expect(await withdrawReport(deps(), { reportId: id, reason: '自己处理了' }, callerOf(p.reporter))).toMatchObject({
      ok: true,
      value: { state: 'withdrawn' }
    })
  })

  it('answers a retried move with what it made, not CONFLICT', async () => {
    const id = await submitted()
    const once = await acceptReport(deps(), { reportId: id }, callerOf(p.worker), call('req-accept-1'))
    const twice = await acceptReport(deps(), { reportId: id }, callerOf(p.worker), call('req-accept-1'))
    expect(once).toMatchObject({ ok: true })
    expect(twice).toMatchObject({ ok: true, value: { state: 'accepted' } })
    expect((await reports())[0].steps).toHaveLength(2)
  })
})

describe('a stop between the move and its notices', () => {
  const notifyFailingOnce = (): GridDeps => {
    const d = deps()
    return { ...d, notify: failingOnce(d.notify, 'notify') }
  }

  it('is finished by the retry with the same requestId', async () => {
    const id = await submitted()
    const broken = notifyFailingOnce()
    await expect(acceptReport(broken, { reportId: id }, callerOf(p.worker), call('req-accept-2'))).rejects.toThrow()
    expect((await reports())[0]).toMatchObject({ state: 'accepted', untold: expect.anything() })
    expect(await inbox({ to: p.reporter._id, kind: 'grid.report-status' })).toHaveLength(0)
    const retry = await acceptReport(deps(), { reportId: id }, callerOf(p.worker), call('req-accept-2'))
    expect(retry).toMatchObject({ ok: true, value: { state: 'accepted' } })
    expect(await inbox({ to: p.reporter._id, kind: 'grid.report-status' })).toHaveLength(1)
    expect(await rows(world().db, 'audit', { action: 'grid.report-accept' })).toHaveLength(1)
    expect((await reports())[0].untold).toBeNull()
  })

  it('is finished by the tick when nobody retries, once the call is surely over', async () => {
    const broken = notifyFailingOnce()
    await expect(submitReport(broken, form(), callerOf(p.reporter), call('req-stop-1'))).rejects.toThrow()
    expect(await told('grid.report-new')).toEqual([])
    expect(await finishUntoldReports(deps(), clock().now())).toEqual({ finished: 0 })
    clock().advance(HALF_DONE_AFTER_MS)
    expect(await finishUntoldReports(deps(), clock().now())).toEqual({ finished: 1 })
    expect(await told('grid.report-new')).toEqual([p.worker._id])
    expect(await finishUntoldReports(deps(), clock().now())).toEqual({ finished: 0 })
  })
})

describe('who sees what', () => {
  it('another resident sees a report without its reporter or photos; a hidden one not at all', async () => {
    const open = await submitted({ photos: [world().photos.upload(DEFAULT_COMMUNITY_ID, jpegBytes())] })
    const hidden = await submitted({ hidden: true, category: 'noise', description: '楼上每天半夜装修' })
    const seen = await getReport(deps(), { reportId: open }, callerOf(p.neighbour))
    expect(seen).toMatchObject({
      ok: true,
      value: { relation: 'resident', reporter: null, photos: [], can: ['follow'] }
    })
    expect(await getReport(deps(), { reportId: hidden }, callerOf(p.neighbour))).toMatchObject({
      ok: false,
      code: 'FORBIDDEN'
    })
    const board = await communityReports(deps(), { cursor: null }, callerOf(p.neighbour))
    expect(board.ok && board.value.items.map(r => r.id)).toEqual([open])
    expect(board.ok && board.value.items[0].thumbUrl).toBeNull()
  })

  it('the owner gets the reporter’s phone to call back; another handler only the masked name', async () => {
    const id = await accepted()
    const owner = await getReport(deps(), { reportId: id }, callerOf(p.worker))
    expect(owner).toMatchObject({
      ok: true,
      value: { relation: 'handler', reporter: { name: '李*英', phone: '13800003333' } }
    })
    const other = await getReport(deps(), { reportId: id }, callerOf(p.secondWorker))
    expect(other).toMatchObject({ ok: true, value: { reporter: { name: '李*英', phone: null } } })
    const staff = await getReport(deps(), { reportId: id }, callerOf(p.staff))
    expect(staff).toMatchObject({ ok: true, value: { relation: 'staff', reporter: { phone: null } } })
  })

  it('hands a photo’s fileID only to its uploader', async () => {
    const photo = world().photos.upload(DEFAULT_COMMUNITY_ID, jpegBytes())
    const id = await submitted({ photos: [photo] })
    const worker = await getReport(deps(), { reportId: id }, callerOf(p.worker))
    expect(worker.ok && worker.value.photos[0].id).not.toBe(photo)
    expect(worker.ok && worker.value.photos[0].url).toContain('memory://')
  })
})

describe('已有人报告 and 我也遇到', () => {
  it('offers open reports of the kind in the building; a hidden one shows no words', async () => {
    await submitted()
    await submitted({ hidden: true, description: '门口电动车乱停放充电' })
    await submitted({ category: 'noise', description: '广场舞音响太响了' })
    const res = await nearbyReports(
      deps(),
      { category: 'clutter', place: { buildingId: 'b-3', unitId: null, point: null, text: '' } },
      callerOf(p.neighbour)
    )
    expect(res.ok && res.value.items.map(i => i.summary).sort()).toEqual(['', '楼道里堆了很多纸箱，挡住了消防通道'])
    expect(res.ok && res.value.items.find(i => i.summary === '')?.placeLabel).toBe('3栋2单元')
  })

  it('a follower is told as the reporter is, and finds it among their reports', async () => {
    const id = await submitted()
    expect(await followReport(deps(), { reportId: id }, callerOf(p.neighbour))).toMatchObject({
      ok: true,
      value: { relation: 'follower', can: [] }
    })
    await acceptReport(deps(), { reportId: id }, callerOf(p.worker))
    expect(await told('grid.report-status')).toEqual([p.neighbour._id, p.reporter._id].sort())
    const mine = await myReports(deps(), { cursor: null }, callerOf(p.neighbour))
    expect(mine.ok && mine.value.items.map(r => r.id)).toEqual([id])
  })

  it('a merged duplicate’s reporter follows the report it was folded into', async () => {
    const first = await submitted()
    const dup = await submitted({ description: '三栋楼道纸箱没人管' }, callerOf(p.neighbour))
    const res = await mergeReport(deps(), { reportId: dup, intoId: first }, callerOf(p.worker))
    expect(res).toMatchObject({ ok: true, value: { state: 'merged', mergedInto: first } })
    const into = (await reports()).find(r => r._id === first)
    expect(into.followerUserIds).toEqual([p.neighbour._id])
  })
})

describe('the queue', () => {
  it('shows a worker the new reports of their grid only, and staff all', async () => {
    await submitted()
    await submitted({ place: { buildingId: 'b-5' }, description: '五栋门口路灯坏了', category: 'facility' })
    const mine = await reportQueue(deps(), { view: 'new', cursor: null }, callerOf(p.worker))
    expect(mine.ok && mine.value.items.map(r => r.placeLabel)).toEqual(['3栋2单元 · 楼道'])
    const all = await reportQueue(deps(), { view: 'new', cursor: null }, callerOf(p.staff))
    expect(all.ok && all.value.items).toHaveLength(2)
  })

  it('pages by 20 with a cursor', async () => {
    for (let i = 0; i < 21; i++) {
      await submitted({ description: `第${i + 1}处纸箱堆放` })
      clock().advance(minutes(1))
    }
    const first = await reportQueue(deps(), { view: 'all', cursor: null }, callerOf(p.worker))
    if (!first.ok) throw new Error(first.code)
    expect(first.value.items).toHaveLength(20)
    const next = await reportQueue(deps(), { view: 'all', cursor: first.value.cursor }, callerOf(p.worker))
    expect(next.ok && next.value.items.map(r => r.summary)).toEqual(['第1处纸箱堆放'])
  })
})

describe('the jobs', () => {
  it('escalates an unaccepted report to the 社工, then the admins, each once', async () => {
    await submitted()
    clock().advance(4 * HOUR)
    expect(await escalateOverdueReports(deps(), clock().now())).toEqual({ escalated: 1 })
    expect(await escalateOverdueReports(deps(), clock().now())).toEqual({ escalated: 0 })
    expect(await told('grid.report-overdue')).toEqual([p.staff._id])
    clock().advance(4 * HOUR)
    expect(await escalateOverdueReports(deps(), clock().now())).toEqual({ escalated: 1 })
    expect(await told('grid.report-overdue')).toEqual([p.admin._id, p.staff._id].sort())
    const overdue = await reportQueue(deps(), { view: 'overdue', cursor: null }, callerOf(p.worker))
    expect(overdue.ok && overdue.value.items[0].overdue).toBe(true)
    expect((await reports())[0].steps.filter((s: { kind: string }) => s.kind === 'escalated')).toHaveLength(2)
  })

  it('tells the owner and the 社工 once when it is not solved in time', async () => {
    await accepted()
    clock().advance(72 * HOUR)
    expect(await escalateOverdueReports(deps(), clock().now())).toEqual({ escalated: 1 })
    expect(await escalateOverdueReports(deps(), clock().now())).toEqual({ escalated: 0 })
    expect(await told('grid.report-overdue')).toEqual([p.staff._id, p.worker._id].sort())
  })

  it('closes a resolved report the reporter never answered after 7 days, counted apart', async () => {
    await resolved()
    clock().advance(CONFIRM_WAIT_MS - minutes(1))
    expect(await closeUnconfirmedReports(deps(), clock().now())).toEqual({ closed: 0 })
    clock().advance(minutes(1))
    expect(await closeUnconfirmedReports(deps(), clock().now())).toEqual({ closed: 1 })
    expect((await reports())[0]).toMatchObject({ state: 'closed', closedUnconfirmed: true, confirmation: null })
  })
})
