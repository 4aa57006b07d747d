/**
 * One community's view of the database (issue 20): over the local cloud's own engine behind the real SDK, what one
 * community wrote is invisible and untouchable from another, whatever ids a call brings.
 */
import { inMemoryDb } from '../../../test/support/in-memory-db'
import { dataOf, getById, updatedOf, deletedOf, type Db } from './client'
import { homeLookup, keyIn, scopeDb, scopeOf, unscoped } from './community-scope'

let close = (): void => {}
let raw: Db
let a: Db
let b: Db

beforeEach(async () => {
  const mem = inMemoryDb()
  close = mem.close
  raw = mem.db
  a = scopeDb(raw, { communityId: 'chunhui' })
  b = scopeDb(raw, { communityId: 'dongsheng' })
  await a.collection('elders').add({ _id: 'e-a', name: '王奶奶', gridId: 'g1', memberId: 'm-a' })
  await b.collection('elders').add({ _id: 'e-b', name: '李爷爷', gridId: 'g1', memberId: 'm-b' })
})
afterEach(() => close())

const names = async (db: Db, where: Record<string, unknown> = {}): Promise<string[]> =>
  dataOf<{ name: string }>(await db.collection('elders').where(where).limit(10).get()).map(e => e.name)

it('writes the community into what it adds, and each community reads only its own', async () => {
  expect((await getById<{ communityId: string }>(raw, 'elders', 'e-a'))?.communityId).toBe('chunhui')
  expect(await names(a)).toEqual(['王奶奶'])
  expect(await names(b, { gridId: 'g1' })).toEqual(['李爷爷'])
  expect(dataOf(await a.collection('elders').limit(10).get())).toHaveLength(1)
  expect(Number(((await a.collection('elders').count()) as { total: number }).total)).toBe(1)
})

it("another community's id reads as missing, and updating or removing it changes nothing", async () => {
  expect(await getById(a, 'elders', 'e-b')).toBeNull()
  expect(updatedOf(await a.collection('elders').doc('e-b').update({ name: '改掉' }))).toBe(0)
  expect(updatedOf(await a.collection('elders').where({ _id: 'e-b' }).update({ name: '改掉' }))).toBe(0)
  expect(deletedOf(await a.collection('elders').doc('e-b').remove())).toBe(0)
  expect(deletedOf(await a.collection('elders').where({ gridId: 'g1' }).remove())).toBe(1)
  expect(await names(b)).toEqual(['李爷爷'])
})

it('a condition, a document or an update naming another community is refused before anything is sent', () => {
  expect(() => a.collection('elders').where({ communityId: 'dongsheng' })).toThrow(/another community/)
  expect(() => a.collection('elders').add({ name: 'x', communityId: 'dongsheng' })).toThrow(/another community/)
  expect(() => a.collection('elders').doc('e-a').update({ communityId: 'dongsheng' })).toThrow(/moving/)
})

it('a command condition is joined to the community', async () => {
  const _ = raw.command
  const found = dataOf<{ name: string }>(
    await a
      .collection('elders')
      .where(_.or([{ _id: 'e-a' }, { _id: 'e-b' }]))
      .limit(10)
      .get()
  )
  expect(found.map(e => e.name)).toEqual(['王奶奶'])
})

it('an aggregate starts in the community, and its sub-pipeline lookups stay there', async () => {
  await a.collection('care_requests').add({ _id: 'r-a', elderId: 'e-a' })
  await b.collection('care_requests').add({ _id: 'r-b', elderId: 'e-a' })
  const $ = raw.command.aggregate
  const rows = dataOf<{ _id: string; mine: unknown[] }>(
    await a
      .collection('elders')
      .aggregate()
      .lookup({ from: 'care_requests', let: {}, pipeline: $.pipeline().match({ elderId: 'e-a' }).done(), as: 'mine' })
      .end()
  )
  expect(rows.map(r => [r._id, r.mine.length])).toEqual([['e-a', 1]])
  const matched = dataOf(
    await b
      .collection('elders')
      .aggregate()
      .match({ _id: raw.command.in(['e-a', 'e-b']) })
      .end()
  )
  expect(matched.map(r => (r as { _id: string })._id)).toEqual(['e-b'])
})

it('set writes the community; street-wide collections pass through', async () => {
  await a
    .collection('meal_menus')
    .doc('2026-12-05')
    .set({ dishes: ['面'] })
  expect(await getById(raw, 'meal_menus', '2026-12-05')).toMatchObject({ communityId: 'chunhui' })
  await a.collection('users').add({ _id: 'o-1', name: '居民', roles: [] })
  expect(await getById(a, 'users', 'o-1')).toMatchObject({ name: '居民', communityId: 'chunhui' })
  await a
    .collection('timer_runs')
    .doc('x.y')
    .set({ lastRunAt: new Date(0) })
  expect(await getById(b, 'timer_runs', 'x.y')).not.toHaveProperty('communityId')
})

it('a read-only (street role) view reads and writes nothing but the audit', async () => {
  const street = scopeDb(raw, { communityId: 'chunhui', readOnly: true })
  expect(await names(street)).toEqual(['王奶奶'])
  expect(() => street.collection('elders').add({ name: 'x' })).toThrow(/read-only/)
  expect(() => street.collection('elders').doc('e-a').update({ name: 'x' })).toThrow(/read-only/)
  expect(() => street.collection('elders').where({}).remove()).toThrow(/read-only/)
  expect(() => street.collection('elders').doc('e-a').set({ name: 'x' })).toThrow(/read-only/)
  await street.collection('audit').add({ action: 'elder.phone.reveal', at: new Date(0) })
  expect(dataOf(await a.collection('audit').limit(10).get())).toHaveLength(1)
  expect(scopeOf(street)).toEqual({ communityId: 'chunhui', readOnly: true })
  expect(scopeOf(unscoped(street))).toBeNull()
})

it("an aggregate from a street-wide record (the caller's) joins only the community's documents, at any depth", async () => {
  await raw.collection('users').add({ _id: 'o-1', name: '居民' })
  await a.collection('care_requests').add({ _id: 'r-a', elderId: 'e-a' })
  await b.collection('care_requests').add({ _id: 'r-b', elderId: 'e-a' })
  const $ = raw.command.aggregate
  const inner = $.pipeline()
    .match({ elderId: 'e-a' })
    .lookup({ from: 'elders', let: {}, pipeline: $.pipeline().match({ gridId: 'g1' }).done(), as: 'elders' })
    .done()
  const row = dataOf<{ requests: Array<{ _id: string; elders: Array<{ _id: string }> }> }>(
    await b
      .collection('users')
      .aggregate()
      .match({ _id: 'o-1' })
      .lookup({ from: 'care_requests', let: {}, pipeline: inner, as: 'requests' })
      .end()
  )[0]
  expect(row.requests.map(r => [r._id, r.elders.map(e => e._id)])).toEqual([['r-b', ['e-b']]])
})

it('a fixed id is unique across the street: the first community keeps it bare', () => {
  expect(keyIn(a, 'hall')).toBe('chunhui:hall')
  expect(keyIn(scopeDb(raw, { communityId: 'community' }), 'hall')).toBe('hall')
  expect(keyIn(raw, 'hall')).toBe('hall')
})

it("lists only the community's people; by identity, those with standing here; changes only its own", async () => {
  await a.collection('users').add({ _id: 'o-a', name: '春晖社工', roles: ['staff'] })
  await b.collection('users').add([{ _id: 'o-b', name: '东圣社工', roles: ['staff'] }])
  await b.collection('users').add({ _id: 'o-v', name: '东圣志愿者', roles: ['resident', 'volunteer'] })
  await raw.collection('users').add({ _id: 'o-s', name: '街道社工', roles: ['street_staff'], communityId: null })
  const _ = raw.command
  const staffOf = async (db: Db): Promise<string[]> =>
    dataOf<{ _id: string }>(await db.collection('users').where({ roles: 'staff' }).limit(10).get()).map(u => u._id)
  expect(await staffOf(a)).toEqual(['o-a'])
  expect(await staffOf(b)).toEqual(['o-b'])
  const range = dataOf<{ _id: string }>(
    await a
      .collection('users')
      .where({ _id: _.gt('') })
      .limit(10)
      .get()
  )
  expect(range.map(u => u._id)).toEqual(['o-a'])
  // Another community's resident or staff is not found by OPENID; the street's volunteers and roles are.
  expect(await getById(a, 'users', 'o-b')).toBeNull()
  expect(await getById(a, 'users', 'o-v')).toMatchObject({ name: '东圣志愿者' })
  expect(await getById(a, 'users', 'o-s')).toMatchObject({ name: '街道社工' })
  const known = dataOf<{ _id: string }>(
    await a
      .collection('users')
      .where({ _id: _.in(['o-a', 'o-b', 'o-v']) })
      .limit(10)
      .get()
  )
  expect(known.map(u => u._id).sort()).toEqual(['o-a', 'o-v'])
  // Read, never changed from here: A's admin cannot give B's volunteer a role.
  expect(
    updatedOf(
      await a
        .collection('users')
        .doc('o-v')
        .update({ roles: ['resident', 'volunteer', 'staff'] })
    )
  ).toBe(0)
  expect(updatedOf(await a.collection('users').where({ _id: 'o-v' }).update({ name: 'x' }))).toBe(0)
  expect(updatedOf(await a.collection('users').doc('o-a').update({ name: '春晖社工甲' }))).toBe(1)
  const grouped = dataOf<{ n: number }>(
    await a.collection('users').aggregate().match({ roles: 'staff' }).count('n').end()
  )
  expect(grouped).toEqual([{ n: 1 }])
  const rooted = dataOf(await a.collection('users').aggregate().match({ _id: 'o-b' }).end())
  expect(rooted).toEqual([])
})

it("joins from the caller's record list only the community's people, yet join a person by identity anywhere", async () => {
  await a.collection('users').add({ _id: 'o-a', name: '春晖志愿者', roles: ['volunteer'] })
  await b.collection('users').add({ _id: 'o-b', name: '东圣志愿者', roles: ['volunteer'] })
  await b.collection('users').add({ _id: 'o-c', name: '东圣居民', roles: ['resident'] })
  const $ = raw.command.aggregate
  const row = dataOf<{ volunteers: Array<{ _id: string }>; someone: unknown[]; stranger: unknown[] }>(
    await a
      .collection('users')
      .aggregate()
      .match({ _id: 'o-a' })
      .lookup({ from: 'users', let: {}, pipeline: $.pipeline().match({ roles: 'volunteer' }).done(), as: 'volunteers' })
      .lookup({ from: 'users', let: {}, pipeline: $.pipeline().match({ _id: 'o-b' }).done(), as: 'someone' })
      .lookup({ from: 'users', let: {}, pipeline: $.pipeline().match({ _id: 'o-c' }).done(), as: 'stranger' })
      .end()
  )[0]
  expect(row.volunteers.map(u => u._id)).toEqual(['o-a'])
  expect(row.someone).toHaveLength(1)
  expect(row.stranger).toEqual([])
})

describe("a volunteer's one record (issue 20): one of the street's people", () => {
  it('is found by identity (id, OPENID) from any community, listed and counted only by its home community', async () => {
    await a
      .collection('volunteers')
      .add({ _id: 'vol-a', memberId: 'm-a', userId: 'o-a', name: '春晖志愿者', status: 'pending' })
    await b
      .collection('volunteers')
      .add({ _id: 'vol-b', memberId: 'm-b', userId: 'o-b', name: '东圣志愿者', status: 'pending' })
    expect(await getById(raw, 'volunteers', 'vol-a')).toMatchObject({ communityId: 'chunhui' })
    expect(await getById(b, 'volunteers', 'vol-a')).toMatchObject({ name: '春晖志愿者' })
    expect(dataOf(await b.collection('volunteers').where({ userId: 'o-a' }).get())).toHaveLength(1)
    const pending = async (db: Db): Promise<string[]> =>
      dataOf<{ _id: string }>(await db.collection('volunteers').where({ status: 'pending' }).get()).map(v => v._id)
    expect(await pending(a)).toEqual(['vol-a'])
    expect(await pending(b)).toEqual(['vol-b'])
    expect(await b.collection('volunteers').count()).toMatchObject({ total: 1 })
  })
})

it("joins in a person's own community when the call names none (homeLookup), in the one read", async () => {
  await raw.collection('users').add([
    { _id: 'o-a', name: '春晖居民', communityId: 'chunhui' },
    { _id: 'o-b', name: '东圣居民', communityId: 'dongsheng' },
    { _id: 'o-old', name: '旧居民' }
  ])
  await raw.collection('class_terms').add([
    { _id: 't-a', communityId: 'chunhui' },
    { _id: 't-b', communityId: 'dongsheng' },
    { _id: 't-1', communityId: 'community' }
  ])
  const $ = raw.command.aggregate
  const termOf = async (openId: string, termId: string): Promise<string[]> => {
    const join = homeLookup(
      { from: 'class_terms', let: {}, pipeline: $.pipeline().match({ _id: termId }).limit(1).done(), as: 'term' },
      'community'
    )
    const rows = dataOf<{ term: Array<{ _id: string }> }>(
      await raw
        .collection('users')
        .aggregate()
        .match({ _id: openId })
        .lookup(join as never)
        .end()
    )
    return rows[0].term.map(t => t._id)
  }
  expect(await termOf('o-a', 't-a')).toEqual(['t-a'])
  expect(await termOf('o-a', 't-b')).toEqual([])
  expect(await termOf('o-b', 't-b')).toEqual(['t-b'])
  expect(await termOf('o-old', 't-1')).toEqual(['t-1'])
  expect(await termOf('o-old', 't-a')).toEqual([])
})
