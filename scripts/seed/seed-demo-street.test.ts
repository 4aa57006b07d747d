/**
 * The demo street written to a database (issue 20, item 6): three communities through their own views, each
 * document carrying its community, the street's personas, and each community's first-run check its own.
 */
import { inMemoryDb, type InMemoryDb } from '../../test/support/in-memory-db'
import { collections } from '../../src/server/db/collections'
import { countWhere } from '../../src/server/db/client'
import { scopeDb } from '../../src/server/db/community-scope'
import { personasOf, streetPersonas } from '../../src/core/community/personas'
import { seedDemoCommunity, seedDemoStreet, type StreetSeedReport } from './seed-demo-community'

let mem: InMemoryDb
let report: StreetSeedReport

beforeAll(async () => {
  mem = inMemoryDb()
  report = await seedDemoStreet(mem.db, { communities: 3 })
}, 120_000)
afterAll(() => mem.close())

const all = async (name: string): Promise<Array<Record<string, unknown>>> => {
  const out: Array<Record<string, unknown>> = []
  for (;;) {
    const page = (await mem.db.collection(name).skip(out.length).limit(1000).get()) as {
      data: Array<Record<string, unknown>>
    }
    out.push(...page.data)
    if (page.data.length < 1000) return out
  }
}

test('seeds 春晖社区, 东圣社区 and 新苑社区, each listed in the street in order', async () => {
  expect(report.communities.map(c => [c.communityId, c.seeded])).toEqual([
    ['community', true],
    ['dongsheng', true],
    ['xinyuan', true]
  ])
  const listed = (await mem.db.collection('communities').orderBy('order', 'asc').get()) as {
    data: Array<{ _id: string; name: string; hotline: string; order: number }>
  }
  expect(listed.data.map(c => [c._id, c.name, c.order])).toEqual([
    ['community', '春晖社区', 1],
    ['dongsheng', '东圣社区', 2],
    ['xinyuan', '新苑社区', 3]
  ])
  expect(new Set(listed.data.map(c => c.hotline)).size).toBe(3)
})

test('every per-community document carries its community, and each community holds its own share', async () => {
  for (const spec of collections.filter(c => !c.street)) {
    const docs = await all(spec.name)
    for (const d of docs) expect([spec.name, d.communityId]).toEqual([spec.name, expect.stringMatching(/\w/)])
    const of = (id: string): number => docs.filter(d => d.communityId === id).length
    // What the first community has, the others have as much of (their own copies, not shared documents).
    if (of('community') > 0)
      expect([spec.name, of('dongsheng') > 0, of('xinyuan') > 0]).toEqual([spec.name, true, true])
  }
  for (const id of ['community', 'dongsheng', 'xinyuan']) {
    expect(await countWhere(scopeDb(mem.db, { communityId: id }), 'households')).toBe(300)
  }
})

test('every account names its community; the street personas name none and hold street roles', async () => {
  const users = await all('users')
  for (const id of ['community', 'dongsheng', 'xinyuan']) {
    for (const p of personasOf(id)) {
      expect(users.find(u => u._id === p.openId)).toMatchObject({ communityId: id, roles: p.roles, name: p.name })
    }
  }
  for (const p of streetPersonas) {
    expect(users.find(u => u._id === p.openId)).toMatchObject({ communityId: null, roles: p.roles })
  }
  expect(
    users
      .filter(u => !u.communityId)
      .map(u => u._id)
      .sort()
  ).toEqual(streetPersonas.map(p => p.openId).sort())
})

test("the demo elder's care, the guardian's class and the volunteer's hours are seeded in each community", async () => {
  for (const id of ['community', 'dongsheng', 'xinyuan']) {
    const db = scopeDb(mem.db, { communityId: id })
    const [, guardian, elder, volunteer] = personasOf(id)
    expect(await countWhere(db, 'class_enrolments', { guardianUserId: guardian.openId })).toBe(1)
    expect(await countWhere(db, 'elder_proxies', { active: true })).toBe(1)
    expect(await countWhere(db, 'vol_attendance', { userId: volunteer.openId })).toBe(3)
    expect(await countWhere(db, 'resident_tags', { _id: elder.openId })).toBe(1)
  }
})

test('seeding again changes nothing: each community checks its own first run', async () => {
  const before = (await all('households')).length
  const again = await seedDemoStreet(mem.db, { communities: 3 })
  expect(again.communities.map(c => c.seeded)).toEqual([false, false, false])
  expect((await all('households')).length).toBe(before)
  // A fourth community is new, though the street is not.
  const fourth = await seedDemoCommunity(mem.db, { communityId: 'jinxiu', households: 48 })
  expect(fourth.seeded).toBe(true)
  expect(await countWhere(scopeDb(mem.db, { communityId: 'jinxiu' }), 'households')).toBe(48)
}, 60_000)
