/**
 * The BUILT grid function's reports through the local cloud (HTTP, dev login, real SDK), over the seeded demo
 * community: a resident reports, the grid worker accepts, passes, resolves; the resident says not solved (reopened),
 * then solved, and rates. First response under a race, one report per requestId, another community's building,
 * oversized text, and a stop between the move and its notices finished by the tick.
 * Needs `npm run build:functions` first.
 */
import { acceptReport } from '../../src/core/grid/report.usecase'
import type { GridDeps } from '../../src/core/grid/grid.ports'
import { HALF_DONE_AFTER_MS } from '../../src/core/shared/half-done'
import { userRepository } from '../../src/server/community/user.repository'
import { gridDeps } from '../../src/server/grid/grid.actions'
import { failingOnce } from '../factories/faults.fake'
import { erasureLeftovers } from '../support/erasure-traces'
import { communityDb, useSeededCloud } from './local-cloud.helper'

jest.setTimeout(60_000)

const cloud = useSeededCloud('grid')
const { call, data, tick, docs, count } = cloud

const resident = 'demo-resident'
const worker = 'demo-grid-worker'

/** The resident's own building and unit, as the form preselects it. */
async function home(): Promise<{ buildingId: string; unitId: string }> {
  const options = await data(resident, 'reportOptions', {})
  const building = options.buildings.find((b: { id: string }) => b.id === options.homeBuildingId)
  return { buildingId: building.id, unitId: building.units[0].id }
}

const report = async (over: Record<string, unknown> = {}, requestId?: string) =>
  await call(
    resident,
    'submitReport',
    {
      category: 'facility',
      description: '单元门的门禁坏了，关不上',
      place: { ...(await home()), text: '单元门' },
      ...over
    },
    requestId
  )

describe('a resident’s report, owned to the end', () => {
  let id: string

  it('goes to the grid worker of the resident’s building', async () => {
    const res = await report({}, 'req-grid-report-1')
    expect(res).toMatchObject({ ok: true, data: { state: 'submitted', gridName: expect.any(String) } })
    id = res.data.id
    const told = await docs('inbox', { to: worker, kind: 'grid.report-new' })
    expect(told.map(n => n.body)).toContain(`${res.data.place.label}：单元门的门禁坏了，关不上`)
    const queue = await data(worker, 'reportQueue', { view: 'new' })
    expect(queue.items.map((r: { id: string }) => r.id)).toContain(id)
  })

  it('is accepted, passed and resolved by the grid worker; the resident sees every step', async () => {
    expect(await data(worker, 'acceptReport', { reportId: id })).toMatchObject({ state: 'accepted' })
    const passed = await data(worker, 'passReport', { reportId: id, kind: 'department', name: '物业公司', note: '' })
    expect(passed).toMatchObject({ state: 'passed', passedToLabel: '物业公司' })
    const done = await data(worker, 'resolveReport', { reportId: id, note: '物业已更换门禁锁', photos: [] })
    expect(done.state).toBe('resolved')
    const seen = await data(resident, 'getReport', { reportId: id })
    expect(seen.steps.map((s: { kind: string }) => s.kind)).toEqual(['submitted', 'accepted', 'passed', 'resolved'])
    expect(seen.can).toEqual(['confirm'])
    expect(await count('inbox', { to: resident, kind: 'grid.report-status' })).toBeGreaterThanOrEqual(3)
  })

  it('reopens when the resident says not solved, then closes solved and is rated', async () => {
    const reopened = await data(resident, 'confirmReport', { reportId: id, outcome: 'unsolved', note: '还是关不上' })
    expect(reopened).toMatchObject({ state: 'accepted', reopenCount: 1 })
    expect(await count('inbox', { to: worker, kind: 'grid.report-reopened' })).toBe(1)
    await data(worker, 'resolveReport', { reportId: id, note: '已调整闭门器', photos: [] })
    expect(await data(resident, 'confirmReport', { reportId: id, outcome: 'solved', note: '' })).toMatchObject({
      state: 'closed',
      confirmation: 'solved'
    })
    expect(await data(resident, 'rateReport', { reportId: id, stars: 5, note: '' })).toMatchObject({
      rating: { stars: 5, note: '' }
    })
    expect(await count('audit', { target: `grid_reports/${id}` })).toBe(8)
  })
})

describe('first response (首问负责) under a race', () => {
  it('gives the report to exactly one of two handlers accepting at once', async () => {
    const { data: made } = await report({ description: '三楼楼道灯不亮了' })
    const [a, b] = await Promise.all([
      call(worker, 'acceptReport', { reportId: made.id }),
      call('demo-staff', 'acceptReport', { reportId: made.id })
    ])
    expect([a, b].filter(r => r.ok)).toHaveLength(1)
    expect([a, b].filter(r => !r.ok).map(r => r.error.code)).toEqual(['REPORT_TAKEN'])
    const [stored] = await docs('grid_reports', { _id: made.id })
    expect(stored.steps.filter((s: { kind: string }) => s.kind === 'accepted')).toHaveLength(1)
  })
})

describe('bad and repeated input', () => {
  it('makes one report of 20 submits with one requestId', async () => {
    const before = await count('grid_reports')
    const all = await Promise.all(Array.from({ length: 20 }, async () => await report({}, 'req-grid-dup-20')))
    const ids = new Set(all.filter(r => r.ok).map(r => r.data.id))
    expect(ids.size).toBe(1)
    // The ones that came while the first still ran are asked to wait (IN_PROGRESS); none made a second report.
    expect(all.every(r => r.ok || r.error.code === 'IN_PROGRESS')).toBe(true)
    expect(await count('grid_reports')).toBe(before + 1)
  })

  it('refuses another community’s building in Chinese, and writes nothing', async () => {
    const other = (await communityDb('dongsheng').collection('buildings').limit(1).get()).data[0] as
      { _id: string } | undefined
    const before = await count('grid_reports')
    const res = await report({ place: { buildingId: other?._id ?? 'dongsheng-bldg-1', text: '' } })
    expect(res).toMatchObject({ ok: false, error: { code: 'PLACE_UNKNOWN', message: expect.stringMatching(/本社区/) } })
    expect(await count('grid_reports')).toBe(before)
  })

  it('refuses text beyond its limit with a Chinese message', async () => {
    const res = await report({ description: '漏水'.repeat(300) })
    expect(res).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: '提交的内容有误，请检查后重试',
        details: { issues: [{ path: 'payload.description', message: '最多 500 个字' }] }
      }
    })
  })
})

describe('a stop between the move and its notices (a failed database request)', () => {
  /** The grid function's deps over the local cloud with telling failing once, as a failed request does. */
  function notifyFails(): GridDeps {
    const deps = gridDeps()
    return { ...deps, notify: failingOnce(deps.notify, 'notify') }
  }
  const statusNotices = async (id: string) =>
    (await docs('inbox', { to: resident, kind: 'grid.report-status' })).filter(n => n.link?.includes(id)).length

  it('is finished by the worker’s retry with the same requestId: told and audited once', async () => {
    const { data: made } = await report({ description: '消防栓的门被锁住了', category: 'safety' })
    const me = await userRepository(communityDb()).loadCaller(worker)
    await expect(
      acceptReport(notifyFails(), { reportId: made.id }, me, { requestId: 'req-grid-accept-f1' })
    ).rejects.toThrow('database request failed')
    expect((await docs('grid_reports', { _id: made.id }))[0]).toMatchObject({
      state: 'accepted',
      untold: expect.anything()
    })
    expect(await statusNotices(made.id)).toBe(0)
    const again = await call(worker, 'acceptReport', { reportId: made.id }, 'req-grid-accept-f1')
    expect(again).toMatchObject({ ok: true, data: { state: 'accepted' } })
    expect((await docs('grid_reports', { _id: made.id }))[0].untold).toBeNull()
    expect(await statusNotices(made.id)).toBe(1)
    expect(await count('audit', { _id: `grid-report:${made.id}:2` })).toBe(1)
  })

  it('is finished by the tick when nobody retries, once the call is surely over', async () => {
    const { data: made } = await report({ description: '电动车在楼道里充电', category: 'safety' })
    const me = await userRepository(communityDb()).loadCaller(worker)
    await expect(acceptReport(notifyFails(), { reportId: made.id }, me)).rejects.toThrow()
    // Not while the call may still run (HALF_DONE_AFTER_MS); the next 5-minute sweep after that finishes it.
    await tick('tick', new Date(Date.now() + 30_000))
    expect((await docs('grid_reports', { _id: made.id }))[0].untold).not.toBeNull()
    await tick('tick', new Date(Math.ceil((Date.now() + HALF_DONE_AFTER_MS) / 300_000) * 300_000 + 30_000))
    expect((await docs('grid_reports', { _id: made.id }))[0].untold).toBeNull()
    expect(await statusNotices(made.id)).toBe(1)
    expect(await count('audit', { _id: `grid-report:${made.id}:2` })).toBe(1)
  })
})

describe('a photo, and erasing its reporter', () => {
  const who = 'it-grid-reporter'
  const name = '韩梅梅'
  const phone = '13912345678'

  /** A call of another built function with a requestId (the staff function's erasure). */
  async function other(fn: string, openId: string, action: string, payload: unknown, requestId?: string) {
    const res = await fetch(`http://127.0.0.1:${cloud.port()}/functions/${fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-wx-openid': openId },
      body: JSON.stringify({ action, payload, ...(requestId ? { requestId } : {}) })
    })
    return (await res.json()) as any
  }

  /** The phone's upload (wx.cloud.uploadFile through the local cloud's dev stand-in): the fileID. */
  async function upload(openId: string): Promise<string> {
    const jpeg = Buffer.alloc(2048)
    jpeg.set([0xff, 0xd8, 0xff, 0xe0])
    const cloudPath = `photos/community/${'ab12'.repeat(8)}.jpg`
    const res = await fetch(`http://127.0.0.1:${cloud.port()}/dev/storage/upload?cloudPath=${cloudPath}`, {
      method: 'POST',
      headers: { 'x-wx-openid': openId, 'content-type': 'application/octet-stream' },
      body: jpeg
    })
    const body = (await res.json()) as { fileID?: string }
    if (!body.fileID) throw new Error(`upload: ${JSON.stringify(body)}`)
    return body.fileID
  }

  it('shows the photo to the worker, and takes reports and photos away with the person', async () => {
    await communityDb()
      .collection('users')
      .add({ _id: who, name, roles: ['resident'], phone, memberId: null, householdId: null, gridId: null })
    const photo = await upload(who)
    const options = await data(who, 'reportOptions', {})
    const made = await data(
      who,
      'submitReport',
      {
        category: 'hygiene',
        description: '草坪上有很多狗粪',
        photos: [photo],
        place: { buildingId: options.buildings[0].id }
      },
      'req-grid-eraser-1'
    )
    const seen = await data(worker, 'getReport', { reportId: made.id })
    expect(seen.photos).toHaveLength(1)
    expect(seen.photos[0].id).not.toBe(photo)
    const url = seen.photos[0].url as string
    expect((await fetch(url)).status).toBe(200)
    await data(who, 'followReport', { reportId: 'report-stairs' })

    expect((await other('staff', who, 'requestErasure', { confirm: true }, 'req-grid-eraser-2')).ok).toBe(true)
    expect((await other('staff', 'demo-staff', 'confirmErasure', { userId: who })).ok).toBe(true)

    expect(await count('grid_reports', { _id: made.id })).toBe(0)
    expect((await fetch(url)).status).toBe(404)
    const [stairs] = await docs('grid_reports', { _id: 'report-stairs' })
    expect(stairs.followerUserIds).not.toContain(who)
    expect(await erasureLeftovers(who, name, phone)).toEqual({ openId: [], nameOrPhone: [] })
  })
})
