/**
 * The BUILT community function (cloudfunctions/community/index.js), called through the local
 * cloud over HTTP with dev login, after seeding the demo community through the SDK.
 * Needs `npm run build:functions` first.
 */
import { applyLocalRuntimeEnv } from '../../src/local-cloud/env'
import { getDb } from '../../src/server/db/client'
import { idempotencyRepository } from '../../src/server/idempotency.repository'
import { seedDemoCommunity } from '../../scripts/seed'
import { builtFunctionMissing, startCloud, type CloudUnderTest } from './local-cloud.helper'

jest.setTimeout(30_000)

let cloud: CloudUnderTest
let seedCounts: Record<string, number>

beforeAll(async () => {
  const missing = builtFunctionMissing('community')
  if (missing) throw new Error(missing)
  cloud = await startCloud()
  applyLocalRuntimeEnv(cloud.port) // this process's SDK talks to the same cloud
  const report = await seedDemoCommunity(getDb())
  expect(report.seeded).toBe(true)
  seedCounts = report.counts
})

afterAll(async () => {
  await cloud?.dispose()
})

const home = async (openId: string | null, payload: unknown = {}) => await cloud.call('community', openId, { action: 'home', payload })

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
    expect(h.contacts[0]).toEqual({ name: '刘海燕', title: '网格员', phoneMasked: expect.stringMatching(/^140\*{4}\d{4}$/) })
    expect(JSON.stringify(h)).not.toMatch(/1400000\d{4}/)
    expect(h.tiles.filter((t: { available: boolean }) => t.available).map((t: { key: string }) => t.key)).toContain('community')
  })

  it('answers whoami from the users collection', async () => {
    const res = await cloud.call('community', 'demo-guardian', { action: 'whoami', payload: {} })
    expect(res.body).toEqual({ ok: true, data: { registered: true, name: '李建国', roles: ['resident', 'guardian'] } })
  })

  it('ignores an OPENID or roles put in the payload', async () => {
    const res = await home('demo-resident', { openId: 'demo-admin', roles: ['admin'] })
    expect(res.body.data.me.name).toBe('王秀兰')
    expect(res.body.data.workload).toEqual([])
  })

  it('gives an unknown OPENID an unregistered home with the hotline', async () => {
    const res = await home('o-first-time-visitor')
    expect(res.body.data).toMatchObject({ me: { registered: false, name: null, roles: [] }, address: null, contacts: [] })
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
    expect(res.body.data.workload.map((w: { label: string }) => w.label)).toEqual(['本网格户数', '本网格居民', '本网格老人'])
    expect(res.body.data.workload[0].count).toBeGreaterThan(0)
  })

  it('answers INVALID_INPUT and UNKNOWN_ACTION in the envelope', async () => {
    expect((await home('demo-resident', [1])).body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: { issues: [{ path: 'payload' }] } } })
    expect((await cloud.call('community', 'demo-resident', { action: 'dropTables' })).body).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ACTION' } })
  })

  it('answers UNAUTHENTICATED without an identity', async () => {
    expect((await home(null)).body).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  })

  it('serves concurrent calls for different personas, each with its own identity', async () => {
    const ids = ['demo-resident', 'demo-guardian', 'demo-elder', 'demo-volunteer', 'demo-staff', 'demo-admin']
    const results = await Promise.all(ids.flatMap(id => [1, 2, 3].map(async () => ({ id, res: await cloud.call('community', id, { action: 'whoami', payload: {} }) }))))
    const names = new Map([['demo-resident', '王秀兰'], ['demo-guardian', '李建国'], ['demo-elder', '张桂芳'], ['demo-volunteer', '陈志强'], ['demo-staff', '赵丽'], ['demo-admin', '孙卫东']])
    for (const { id, res } of results) expect(res.body.data.name).toBe(names.get(id))
  })

  it('does nothing when seeding again', async () => {
    const again = await seedDemoCommunity(getDb())
    expect(again.seeded).toBe(false)
    expect((await getDb().collection('households').count()).total).toBe(seedCounts.households)
  })
})

describe('idempotency store on the database', () => {
  it('lets exactly one of many concurrent claims of a key win', async () => {
    const store = idempotencyRepository(getDb())
    const now = new Date()
    const outcomes = await Promise.all(Array.from({ length: 12 }, async () => await store.claim('it:create:o-1:req-race-0001', 'fp', now, 60_000)))
    expect(outcomes.filter(o => o.kind === 'claimed')).toHaveLength(1)
    expect(outcomes.filter(o => o.kind === 'pending')).toHaveLength(11)
  })

  it('returns the stored response after completion, and mismatch for another payload', async () => {
    const store = idempotencyRepository(getDb())
    const key = 'it:create:o-1:req-done-0001'
    expect(await store.claim(key, 'fp', new Date(), 60_000)).toEqual({ kind: 'claimed' })
    await store.complete(key, { ok: true, data: { id: 'x1' } }, new Date())
    expect(await store.claim(key, 'fp', new Date(), 60_000)).toEqual({ kind: 'done', response: { ok: true, data: { id: 'x1' } } })
    expect(await store.peek(key, 'other')).toEqual({ kind: 'mismatch' })
  })

  it('lets one caller take over a stale claim', async () => {
    const store = idempotencyRepository(getDb())
    const key = 'it:create:o-1:req-stale-001'
    await store.claim(key, 'fp', new Date(Date.now() - 120_000), 60_000)
    const outcomes = await Promise.all(Array.from({ length: 5 }, async () => await store.claim(key, 'fp', new Date(), 60_000)))
    expect(outcomes.filter(o => o.kind === 'claimed')).toHaveLength(1)
  })
})
