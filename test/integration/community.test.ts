/**
 * The BUILT community function (cloudfunctions/community/index.js), called through the local
 * cloud over HTTP with dev login, after seeding the demo community through the SDK.
 * Needs `npm run build:functions` first.
 */
import { applyLocalRuntimeEnv } from '../../src/local-cloud/env'
import { getById } from '../../src/server/db/client'
import { idempotencyRepository } from '../../src/server/idempotency.repository'
import { addDays, shanghaiDate, shanghaiInstant } from '../../src/core/shared/shanghai-time'
import { seedDemoCommunity } from '../../scripts/seed'
import { addGridWorkerAtHome } from '../factories/community.factory'
import { builtFunctionMissing, startCloud, type CloudUnderTest, communityDb } from './local-cloud.helper'

jest.setTimeout(30_000)

let cloud: CloudUnderTest
let seedCounts: Record<string, number>

beforeAll(async () => {
  const missing = builtFunctionMissing('community')
  if (missing) throw new Error(missing)
  cloud = await startCloud()
  applyLocalRuntimeEnv(cloud.port) // this process's SDK talks to the same cloud
  const report = await seedDemoCommunity(communityDb())
  expect(report.seeded).toBe(true)
  seedCounts = report.counts
})

afterAll(async () => {
  await cloud?.dispose()
})

const home = async (openId: string | null, payload: unknown = {}) =>
  await cloud.call('community', openId, { action: 'home', payload })

describe('community function through the local cloud', () => {
  it('shows demo-resident their address, masked contacts and tiles', async () => {
    const res = await home('demo-resident')
    expect(res.status).toBe(200)
    expect(res.body.ok).toBe(true)
    const h = res.body.data
    expect(h.me).toEqual({ registered: true, name: '王秀兰', roles: ['resident'] })
    expect(h.community.name).toBe('春晖社区')
    expect(h.address).toEqual({ grid: '第一网格', building: '1栋', unit: '1单元' })
    expect(h.contacts.map((c: { title: string }) => c.title)).toEqual(['网格员', '楼长', '单元长'])
    expect(h.contacts[0]).toEqual({
      name: '刘海燕',
      title: '网格员',
      phoneMasked: expect.stringMatching(/^140\*{4}\d{4}$/)
    })
    expect(JSON.stringify(h)).not.toMatch(/1400000\d{4}/)
    expect(h.tiles.filter((t: { available: boolean }) => t.available).map((t: { key: string }) => t.key)).toContain(
      'community'
    )
  })

  it('answers whoami from the users collection', async () => {
    const res = await cloud.call('community', 'demo-guardian', { action: 'whoami', payload: {} })
    expect(res.body).toMatchObject({
      ok: true,
      data: { registered: true, name: '李建国', roles: ['resident', 'guardian'] }
    })
  })

  it('ignores an OPENID or roles put in the payload', async () => {
    const res = await home('demo-resident', { openId: 'demo-admin', roles: ['admin'] })
    expect(res.body.data.me.name).toBe('王秀兰')
    expect(res.body.data.workload).toEqual([])
  })

  it('never takes a users document a client wrote (it carries _openid) as the caller, and logs it', async () => {
    // What a mini-program could do if a collection's security rule let it: write users/<own OPENID>
    // with admin roles; the platform stamps `_openid` on every client write.
    await communityDb()
      .collection('users')
      .add({
        _id: 'o-self-made-admin',
        _openid: 'o-self-made-admin',
        name: '我',
        roles: ['admin'],
        householdId: null,
        gridId: null
      })
    const who = await cloud.call('community', 'o-self-made-admin', { action: 'whoami', payload: {} })
    expect(who.body).toMatchObject({ ok: true, data: { registered: false, name: null, roles: [], switchable: [] } })
    expect(cloud.output()).toContain('"event":"client-written-user"')
  })

  it('gives an unknown OPENID an unregistered home with the hotline', async () => {
    const res = await home('o-first-time-visitor')
    expect(res.body.data).toMatchObject({
      me: { registered: false, name: null, roles: [] },
      address: null,
      contacts: []
    })
    expect(res.body.data.community.hotline).toBe('021-0000-8000')
  })

  it('gives staff the community totals', async () => {
    const res = await home('demo-staff')
    expect(res.body.data.workload).toEqual([
      { label: '社区户数', count: seedCounts.households },
      { label: '居民人数', count: seedCounts.members },
      { label: '登记老人', count: seedCounts.elders },
      { label: '登记儿童', count: seedCounts.children }
    ])
  })

  it('gives the grid worker the counts of 第一网格', async () => {
    const res = await home('demo-grid-worker')
    expect(res.body.ok).toBe(true)
    expect(res.body.data.workload.map((w: { label: string }) => w.label)).toEqual([
      '本网格户数',
      '本网格居民',
      '本网格老人'
    ])
    expect(res.body.data.workload[0].count).toBeGreaterThan(0)
    // Each as a plain count of the grid's records says (home counts them all in one query).
    const inGrid = async (c: string): Promise<number> =>
      Number(((await communityDb().collection(c).where({ gridId: 'grid-1' }).count()) as { total: number }).total)
    expect(res.body.data.workload.map((w: { count: number }) => w.count)).toEqual([
      await inGrid('households'),
      await inGrid('members'),
      await inGrid('elders')
    ])
  })

  it("gives a grid worker who lives in the community her household card and her grid's counts", async () => {
    const { household } = await addGridWorkerAtHome(communityDb(), 'it-grid-worker-at-home', 'grid-1')
    const h = (await home('it-grid-worker-at-home')).body.data
    const name = async (collection: string, id: string): Promise<string | undefined> =>
      (await getById<{ _id: string; name: string }>(communityDb(), collection, id))?.name
    expect(h.address).toEqual({
      grid: '第一网格',
      building: await name('buildings', household.buildingId),
      unit: await name('units', household.unitId)
    })
    expect(h.contacts[0]).toEqual({
      name: '刘海燕',
      title: '网格员',
      phoneMasked: expect.stringMatching(/^1\d\d\*{4}\d{4}$/)
    })
    expect(JSON.stringify(h)).not.toMatch(/1\d{10}/) // no full number anywhere
    const inGrid = async (c: string): Promise<number> =>
      Number(((await communityDb().collection(c).where({ gridId: 'grid-1' }).count()) as { total: number }).total)
    expect(h.workload).toEqual([
      { label: '本网格户数', count: await inGrid('households') },
      { label: '本网格居民', count: await inGrid('members') },
      { label: '本网格老人', count: await inGrid('elders') }
    ])
    expect(h.tiles.map((t: { key: string }) => t.key)).toContain('staff')
  })

  it("keeps a grid worker's counts when her household is gone, without a card", async () => {
    await communityDb()
      .collection('users')
      .add({
        _id: 'it-grid-worker-household-gone',
        name: '吴敏',
        roles: ['resident', 'grid_worker'],
        phone: null,
        memberId: null,
        householdId: 'hh-no-longer-there',
        gridId: 'grid-2',
        createdAt: new Date()
      })
    const h = (await home('it-grid-worker-household-gone')).body.data
    expect(h.address).toBeNull()
    expect(h.contacts).toEqual([])
    const households = Number(
      ((await communityDb().collection('households').where({ gridId: 'grid-2' }).count()) as { total: number }).total
    )
    expect(h.workload[0]).toEqual({ label: '本网格户数', count: households })
    expect(households).toBeGreaterThan(0)
  })

  it('answers INVALID_INPUT and UNKNOWN_ACTION in the envelope', async () => {
    expect((await home('demo-resident', [1])).body).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', details: { issues: [{ path: 'payload' }] } }
    })
    expect((await cloud.call('community', 'demo-resident', { action: 'dropTables' })).body).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_ACTION' }
    })
  })

  it('answers UNAUTHENTICATED without an identity', async () => {
    expect((await home(null)).body).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  })

  it('serves concurrent calls for different personas, each with its own identity', async () => {
    const ids = ['demo-resident', 'demo-guardian', 'demo-elder', 'demo-volunteer', 'demo-staff', 'demo-admin']
    const results = await Promise.all(
      ids.flatMap(id =>
        [1, 2, 3].map(async () => ({ id, res: await cloud.call('community', id, { action: 'whoami', payload: {} }) }))
      )
    )
    const names = new Map([
      ['demo-resident', '王秀兰'],
      ['demo-guardian', '李建国'],
      ['demo-elder', '张桂芳'],
      ['demo-volunteer', '陈志强'],
      ['demo-staff', '赵丽'],
      ['demo-admin', '孙卫东']
    ])
    for (const { id, res } of results) expect(res.body.data.name).toBe(names.get(id))
  })

  it('does nothing when seeding again', async () => {
    const again = await seedDemoCommunity(communityDb())
    expect(again.seeded).toBe(false)
    expect((await communityDb().collection('households').count()).total).toBe(seedCounts.households)
  })
})

describe('idempotency store on the database', () => {
  const claimAt = (key: string, now: Date, fingerprint = 'fp') => ({
    key,
    fingerprint,
    openId: 'o-1',
    now,
    holdMs: 4000
  })

  it('lets exactly one of many concurrent claims of a key win', async () => {
    const store = idempotencyRepository(communityDb())
    const now = new Date()
    const outcomes = await Promise.all(
      Array.from({ length: 12 }, async () => await store.claim(claimAt('it:create:o-1:req-race-0001', now)))
    )
    expect(outcomes.filter(o => o.kind === 'claimed')).toHaveLength(1)
    expect(outcomes.filter(o => o.kind === 'pending')).toHaveLength(11)
  })

  it('returns the stored response after completion, and mismatch for another payload', async () => {
    const store = idempotencyRepository(communityDb())
    const key = 'it:create:o-1:req-done-0001'
    const claim = await store.claim(claimAt(key, new Date()))
    if (claim.kind !== 'claimed') throw new Error(`not claimed: ${claim.kind}`)
    await store.complete(key, claim.startedAt, { ok: true, data: { id: 'x1' } }, new Date())
    expect(await store.claim(claimAt(key, new Date()))).toEqual({
      kind: 'done',
      response: { ok: true, data: { id: 'x1' } }
    })
    expect(await store.peek(key, 'other')).toEqual({ kind: 'mismatch' })
  })

  it('keeps a running claim until its time limit + margin, then lets exactly one of many retries take it over', async () => {
    const store = idempotencyRepository(communityDb())
    const key = 'it:create:o-1:req-stale-001'
    const start = new Date('2025-06-01T08:00:00Z')
    await store.claim(claimAt(key, start))
    expect(await store.claim(claimAt(key, new Date(start.getTime() + 3999)))).toEqual({ kind: 'pending' })
    const later = new Date(start.getTime() + 4000)
    const outcomes = await Promise.all(Array.from({ length: 5 }, async () => await store.claim(claimAt(key, later))))
    expect(outcomes.filter(o => o.kind === 'claimed')).toHaveLength(1)
  })

  it('keeps the response of the retry that took over when the old owner answers late', async () => {
    const store = idempotencyRepository(communityDb())
    const key = 'it:create:o-1:req-late-0001'
    const start = new Date('2025-06-01T08:00:00Z')
    const old = await store.claim(claimAt(key, start))
    const taken = await store.claim(claimAt(key, new Date(start.getTime() + 5000)))
    if (old.kind !== 'claimed' || taken.kind !== 'claimed') throw new Error('both should have claimed')
    await store.complete(key, taken.startedAt, { ok: true, data: 'retry' }, new Date())
    await store.complete(key, old.startedAt, { ok: true, data: 'late owner' }, new Date())
    await store.release(key, old.startedAt)
    expect(await store.peek(key, 'fp')).toEqual({ kind: 'done', response: { ok: true, data: 'retry' } })
  })

  it('sweeps records started over a day ago, and only those', async () => {
    const store = idempotencyRepository(communityDb())
    const now = new Date('2030-01-02T00:00:00Z')
    await store.claim(claimAt('it:create:o-1:req-sweep-old', new Date(now.getTime() - 24 * 3600_000 - 1)))
    await store.claim(claimAt('it:create:o-1:req-sweep-new', new Date(now.getTime() - 24 * 3600_000 + 60_000)))
    expect(await store.sweep(now)).toBeGreaterThanOrEqual(1)
    expect(await getById(communityDb(), 'idempotency', 'it:create:o-1:req-sweep-old')).toBeNull()
    expect(await getById(communityDb(), 'idempotency', 'it:create:o-1:req-sweep-new')).not.toBeNull()
  })
})

describe("the resident's card, binding, directory and duty roster", () => {
  const call = async (openId: string | null, action: string, payload: unknown = {}) =>
    (await cloud.call('community', openId, { action, payload })).body
  const count = async (collection: string, where: Record<string, unknown>) =>
    Number(((await communityDb().collection(collection).where(where).count()) as { total: number }).total)

  it("shows today's hall hours, who is on duty now and the hotlines on the home card", async () => {
    // The functions' clock stopped at tomorrow 18:00 (Shanghai), inside the seeded fortnight: the answer
    // doesn't depend on when the suite runs. The seeded roster covers every hour, weekends included.
    await cloud.setClock(shanghaiInstant(addDays(shanghaiDate(new Date()), 1), '18:00'))
    try {
      const h = (await home('demo-resident')).body.data
      expect(h.hall.ranges.length).toBeGreaterThanOrEqual(0)
      expect(typeof h.hall.openNow).toBe('boolean')
      expect(h.hotlines.map((x: { name: string }) => x.name)).toContain('法律援助热线')
      expect(h.onDuty.length).toBeGreaterThanOrEqual(1)
    } finally {
      await cloud.setClock(null)
    }
  })

  it('closes the hall for a holiday set by staff: the badge says closed, with the note', async () => {
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
    expect((await call('demo-staff', 'setHallDay', { date: today, ranges: [], note: '临时停水休息' })).ok).toBe(true)
    expect((await home('demo-resident')).body.data.hall).toEqual({ ranges: [], openNow: false, note: '临时停水休息' })
    expect((await call('demo-staff', 'setHallDay', { date: today, ranges: null })).ok).toBe(true)
    expect((await home('demo-resident')).body.data.hall.note).toBe('')
  })

  it('lets staff change the weekly hours and the hotlines the card shows', async () => {
    const hall = (await call('demo-staff', 'hallSettings', {})).data
    expect(hall.weekly).toHaveLength(7)
    const allDay = [{ open: '00:00', close: '23:59' }]
    expect((await call('demo-staff', 'setHallWeek', { weekly: Array(7).fill(allDay) })).ok).toBe(true)
    const shanghai = new Date(Date.now() + 8 * 3600_000).toISOString().slice(11, 16)
    if (shanghai < '23:59')
      expect((await home('demo-resident')).body.data.hall).toMatchObject({ ranges: allDay, openNow: true })
    expect(
      (await call('demo-staff', 'setHotlines', { hotlines: [{ name: '物业报修', number: '021-0000-8044' }] })).ok
    ).toBe(true)
    expect((await home('demo-resident')).body.data.hotlines).toEqual([{ name: '物业报修', number: '021-0000-8044' }])
    expect(
      (
        await call('demo-staff', 'setHallWeek', {
          weekly: [[{ open: '12:00', close: '09:00' }], [], [], [], [], [], []]
        })
      ).error.code
    ).toBe('INVALID_INPUT')
    await call('demo-staff', 'setHallWeek', { weekly: hall.weekly })
  })

  it("reveals one contact's full number on a tap, and logs it", async () => {
    const before = await count('audit', { actor: 'demo-resident', action: 'community.reveal-phone' })
    const res = await call('demo-resident', 'callContact', { title: '网格员' })
    expect(res).toEqual({ ok: true, data: { name: '刘海燕', phone: expect.stringMatching(/^1400000\d{4}$/) } })
    expect(await count('audit', { actor: 'demo-resident', action: 'community.reveal-phone' })).toBe(before + 1)
    expect((await call('demo-grid-worker', 'callContact', { title: '楼长' })).error.code).toBe('NOT_FOUND') // no home, no contacts
  })

  it('gives on a tap the number of each person on the home card, and logs whose it gave', async () => {
    const card = (await home('demo-resident')).body.data.contacts as Array<{ title: string; name: string }>
    const grid = await getById<{ workerUserId: string }>(communityDb(), 'grids', 'grid-1')
    const building = await getById<{ headMemberId: string }>(communityDb(), 'buildings', 'bldg-1')
    const unit = await getById<{ headMemberId: string }>(communityDb(), 'units', 'unit-1-1')
    const whose: Record<string, string> = {
      网格员: `users/${grid!.workerUserId}`,
      楼长: `members/${building!.headMemberId}`,
      单元长: `members/${unit!.headMemberId}`
    }
    for (const { title, name } of card) {
      const res = await call('demo-resident', 'callContact', { title })
      expect(res).toEqual({ ok: true, data: { name, phone: expect.stringMatching(/^1\d{10}$/) } })
      const logged = await communityDb()
        .collection('audit')
        .where({ actor: 'demo-resident', action: 'community.reveal-phone', reason: `居民拨打${title}电话` })
        .get()
      expect((logged.data as Array<{ target: string }>).map(a => a.target)).toContain(whose[title])
    }
    expect(card.map(c => c.title)).toEqual(['网格员', '楼长', '单元长'])
  })

  it('binds a first-time visitor with a one-time code; of ten using one code at once exactly one binds; the code is rotated', async () => {
    const hh =
      (
        (await communityDb().collection('households').where({ _id: 'hh-20-1-101' }).get()) as {
          data: Array<{ _id: string; bindCode: string }>
        }
      ).data[0] ??
      (
        (await communityDb().collection('households').where({ gridId: 'grid-7' }).limit(1).get()) as {
          data: Array<{ _id: string; bindCode: string }>
        }
      ).data[0]
    const visitors = Array.from({ length: 10 }, (_, i) => `o-binder-${i}`)
    const results = await Promise.all(
      visitors.map(
        async (v, i) => await call(v, 'bindHousehold', { code: hh.bindCode.toLowerCase(), name: `新居民${i}` })
      )
    )
    expect(results.filter(r => r.ok)).toHaveLength(1)
    expect(new Set(results.filter(r => !r.ok).map(r => r.error.code))).toEqual(new Set(['BIND_CODE_INVALID']))
    const winner = visitors[results.findIndex(r => r.ok)]
    expect(results.find(r => r.ok).data.address).toMatch(/单元$/)
    const who = await call(winner, 'whoami')
    expect(who.data).toMatchObject({ registered: true, roles: ['resident'] })
    const rotated = (
      (await communityDb().collection('households').doc(hh._id).get()) as { data: Array<{ bindCode: string }> }
    ).data[0].bindCode
    expect(rotated).not.toBe(hh.bindCode)
    expect(rotated).toMatch(/^[A-Z2-9]{8}$/)
    expect((await home(winner)).body.data.contacts.map((c: { title: string }) => c.title)).toContain('网格员')
  })

  it('lets staff issue a fresh bind code for a household (the old one stops working), audited; a grid worker only in their grid', async () => {
    const hh = (await call('demo-staff', 'directory', { level: 'households', parentId: 'unit-2-2' })).data.items[0]
    const issued = await call('demo-staff', 'issueBindCode', { householdId: hh._id, reason: '居民到窗口办理绑定' })
    expect(issued.data.code).toMatch(/^[A-Z2-9]{8}$/)
    const again = await call('demo-admin', 'issueBindCode', { householdId: hh._id, reason: '补发' })
    expect((await call('o-late-binder', 'bindHousehold', { code: issued.data.code, name: '迟到' })).error.code).toBe(
      'BIND_CODE_INVALID'
    )
    expect((await call('o-on-time-binder', 'bindHousehold', { code: again.data.code, name: '准时' })).ok).toBe(true)
    expect(await count('audit', { target: `households/${hh._id}`, action: 'community.issue-bind-code' })).toBe(2)
    const outOfGrid = (await call('demo-staff', 'directory', { level: 'households', parentId: 'unit-24-3' })).data
      .items[0]
    expect(
      (await call('demo-grid-worker', 'issueBindCode', { householdId: outOfGrid._id, reason: '越权' })).error.code
    ).toBe('FORBIDDEN')
  })

  it('lets staff bind a resident who cannot type the code to a household, audited, answering the address without the door', async () => {
    const hh = (await call('demo-staff', 'directory', { level: 'households', parentId: 'unit-2-2' })).data.items[1]
    await communityDb()
      .collection('users')
      .add({
        _id: 'o-staff-bound',
        name: '窗口居民',
        roles: ['resident'],
        phone: null,
        memberId: null,
        householdId: null,
        gridId: null,
        createdAt: new Date()
      })
    const bound = await call('demo-staff', 'staffBind', {
      userId: 'o-staff-bound',
      householdId: hh._id,
      reason: '老人不会输入绑定码'
    })
    expect(bound.data).toEqual({ householdId: hh._id, address: expect.stringMatching(/单元$/) })
    expect((await call('o-staff-bound', 'whoami')).data.registered).toBe(true)
    expect(await count('audit', { target: 'users/o-staff-bound', action: 'community.staff-bind' })).toBe(1)
    expect(
      (await call('demo-staff', 'staffBind', { userId: 'o-nobody', householdId: hh._id, reason: '写错了' })).error.code
    ).toBe('NOT_FOUND')
  })

  it('pages the directory for staff with phones masked and no bind codes; a grid worker sees their grid only', async () => {
    const grids = await call('demo-staff', 'directory', { level: 'grids' })
    expect(grids.data.items).toHaveLength(8)
    const members = await call('demo-staff', 'directory', { level: 'members' })
    expect(members.data.items).toHaveLength(20)
    expect(members.data.cursor).not.toBeNull()
    expect(JSON.stringify(members.data)).not.toMatch(/1400000\d{4}/)
    const households = await call('demo-staff', 'directory', { level: 'households', parentId: 'unit-1-1' })
    expect(households.data.items[0].bindCode).toBeUndefined()
    const workerView = await call('demo-grid-worker', 'directory', { level: 'buildings' })
    expect(new Set(workerView.data.items.map((b: { gridId: string }) => b.gridId))).toEqual(new Set(['grid-1']))
    const outside =
      members.data.items.find((m: { gridId: string }) => m.gridId !== 'grid-1') ??
      (await call('demo-staff', 'directory', { level: 'members', parentId: 'hh-24-3-' })).data.items[0]
    if (outside)
      expect((await call('demo-grid-worker', 'revealMemberPhone', { memberId: outside._id, reason: '核实' })).ok).toBe(
        false
      )
  })

  it('lets staff edit a member and set a unit head, each audited', async () => {
    const m =
      (await call('demo-staff', 'directory', { level: 'members', parentId: 'hh-1-1-101' })).data.items[0] ??
      (await call('demo-staff', 'directory', { level: 'members' })).data.items[0]
    const edited = await call('demo-staff', 'editMember', {
      memberId: m._id,
      changes: { phone: '14000009999' },
      reason: '居民更换手机号'
    })
    expect(edited).toMatchObject({ ok: true, data: { phoneMasked: '140****9999' } })
    expect((await call('demo-admin', 'setHead', { level: 'units', id: 'unit-1-1', memberId: m._id })).ok).toBe(true)
    expect(await count('audit', { target: `members/${m._id}`, action: 'community.edit-member' })).toBe(1)
    expect(await count('audit', { target: 'units/unit-1-1', action: 'community.set-head' })).toBe(1)
    // The home page joins the directory when it is read (no copy kept in step): the new head, with
    // the new phone masked, is what a resident of the unit sees next.
    const contacts = (await home('demo-resident')).body.data.contacts as Array<{ title: string }>
    const head = contacts.find(c => c.title === '单元长')
    expect(head).toEqual({ name: m.name, title: '单元长', phoneMasked: '140****9999' })
  })

  it('keeps a duty roster staff edit, with evening and weekend shifts, read by residents', async () => {
    const saved = await call('demo-staff', 'saveDuty', {
      date: '2030-01-05',
      start: '18:00',
      end: '21:00',
      personName: '孔令辉',
      place: '社区值班室（延时服务）'
    })
    expect(saved.ok).toBe(true)
    const week = await call('demo-resident', 'roster', { from: '2030-01-05' })
    expect(week.data).toEqual([
      {
        id: saved.data.id,
        date: '2030-01-05',
        start: '18:00',
        end: '21:00',
        personName: '孔令辉',
        place: '社区值班室（延时服务）'
      }
    ])
    expect((await call('demo-staff', 'removeDuty', { id: saved.data.id })).ok).toBe(true)
    expect((await call('demo-resident', 'roster', { from: '2030-01-05' })).data).toEqual([])
  })

  const valid: Record<string, unknown> = {
    staffBind: { userId: 'demo-resident', householdId: 'hh-1-1-101', reason: '越权' },
    directory: { level: 'grids' },
    editMember: { memberId: 'x-1', changes: { name: '越权' }, reason: '越权' },
    setHead: { level: 'units', id: 'unit-1-1', memberId: null },
    revealMemberPhone: { memberId: 'x-1', reason: '越权' },
    callContact: { title: '网格员' },
    roster: {},
    saveDuty: { date: '2030-01-06', start: '09:00', end: '10:00', personName: '越权', place: '大厅' },
    removeDuty: { id: 'duty-x' },
    setHallDay: { date: '2030-01-06', ranges: [] },
    issueBindCode: { householdId: 'hh-none', reason: '越权' },
    setHallWeek: { weekly: [[], [], [], [], [], [], []] },
    setHotlines: { hotlines: [] },
    hallSettings: {}
  }
  const staff = ['demo-staff', 'demo-admin']
  const allowed: Record<string, string[]> = {
    staffBind: staff,
    editMember: staff,
    setHead: staff,
    saveDuty: staff,
    removeDuty: staff,
    setHallDay: staff,
    setHallWeek: staff,
    setHotlines: staff,
    hallSettings: staff,
    directory: [...staff, 'demo-grid-worker'],
    revealMemberPhone: [...staff, 'demo-grid-worker'],
    issueBindCode: [...staff, 'demo-grid-worker'],
    callContact: ['demo-resident', 'demo-elder', 'demo-volunteer', 'demo-grid-worker', ...staff],
    roster: ['demo-resident', 'demo-elder', 'demo-volunteer', 'demo-grid-worker', ...staff]
  }
  const everyone = [
    'o-visitor-2',
    'demo-resident',
    'demo-elder',
    'demo-volunteer',
    'demo-grid-worker',
    'demo-staff',
    'demo-admin'
  ]
  const denied = Object.entries(allowed).flatMap(([a, who]) =>
    everyone.filter(p => !who.includes(p)).map(p => [a, p] as const)
  )
  const writes = async (): Promise<string> =>
    JSON.stringify(
      await Promise.all(
        ['audit', 'users', 'members', 'households', 'duty_roster', 'settings', 'units'].map(async c =>
          Number(((await communityDb().collection(c).count()) as { total: number }).total)
        )
      )
    )

  it.each(denied)('%s is FORBIDDEN to %s and writes nothing', async (a, persona) => {
    const before = await writes()
    expect(await call(persona, a, valid[a])).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await writes()).toBe(before)
  })

  const hostile: unknown[] = [
    [1],
    { code: { $ne: '' } },
    { memberId: { $gt: '' }, reason: 'x' },
    { date: '2030-01-06', start: '10:00', end: '09:00', personName: 'x', place: 'y' },
    { level: 'users' },
    { unknown: 1 }
  ]
  it.each([...Object.keys(valid), 'bindHousehold'].flatMap(a => hostile.map((p, i) => [a, i, p] as const)))(
    '%s with hostile payload #%s answers INVALID_INPUT and writes nothing',
    async (a, _i, payload) => {
      const before = await writes()
      expect(await call('demo-admin', a, payload)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
      expect(await writes()).toBe(before)
    }
  )
})
