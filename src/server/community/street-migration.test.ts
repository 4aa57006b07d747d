/**
 * migrateToStreet over the local cloud's engine in memory: an installation from before the street becomes a
 * street of one community, once, and a run cut off half way is finished by the next.
 */
import { inMemoryDb } from '../../../test/support/in-memory-db'
import { DEFAULT_COMMUNITY_ID } from '../../core/community/community.model'
import { fixedClock } from '../../core/shared/clock'
import type { Db } from '../db/client'
import { dataOf } from '../db/client'
import { scopeDb } from '../db/community-scope'
import { communityRepository } from './community.repository'
import { migrateToStreet, STREET_MIGRATION_ID } from './street-migration'
import { callerFrom, userRepository } from './user.repository'

const clock = fixedClock('2025-09-01T01:00:00Z')
let mem: ReturnType<typeof inMemoryDb>
let db: Db

beforeEach(async () => {
  mem = inMemoryDb()
  db = mem.db
  // As a single-community installation wrote it: no communityId anywhere, the profile in settings.
  await db.collection('settings').add([
    { _id: 'community', name: '幸福里社区', hotline: '021-5555-0000' },
    {
      _id: 'hall',
      weekly: [[], [], [], [], [], [], []],
      exceptions: [],
      hotlines: [{ name: '法律援助', number: '12348' }]
    }
  ])
  await db.collection('grids').add([
    { _id: 'grid-1', name: '第一网格', workerUserId: 'u-worker', order: 1 },
    { _id: 'grid-2', name: '第二网格', workerUserId: null, order: 2 }
  ])
  await db.collection('elders').add([{ _id: 'elder-1', name: '张奶奶', gridId: 'grid-1' }])
  await db.collection('users').add([
    { _id: 'u-worker', name: '刘海燕', roles: ['grid_worker'], gridId: 'grid-1', householdId: null },
    { _id: 'u-resident', name: '王秀兰', roles: ['resident'], gridId: 'grid-2', householdId: 'hh-1' }
  ])
})
afterEach(() => mem.close())

const all = async (name: string, where: Record<string, unknown> = {}): Promise<any[]> =>
  dataOf(await db.collection(name).where(where).limit(1000).get())

describe('migrateToStreet', () => {
  it('makes the installation a street of one community that reads as before', async () => {
    const report = await migrateToStreet(db, { clock })
    expect(report).toEqual({
      ran: true,
      profile: true,
      stamped: { grids: 2, elders: 1, settings: 2, users: 2 }
    })
    expect(await all('communities')).toEqual([
      expect.objectContaining({ _id: DEFAULT_COMMUNITY_ID, name: '幸福里社区', hotline: '021-5555-0000', order: 1 })
    ])
    // The first community's view now sees what the installation had, profile and hall together.
    const here = scopeDb(db, { communityId: DEFAULT_COMMUNITY_ID })
    expect((await all('grids')).every(g => g.communityId === DEFAULT_COMMUNITY_ID)).toBe(true)
    const settings = await communityRepository(here).homeSettings()
    expect(settings.profile).toMatchObject({ name: '幸福里社区', hotline: '021-5555-0000' })
    expect(settings.hall?.hotlines).toEqual([{ name: '法律援助', number: '12348' }])
    // People keep their standing: the grid worker is the first community's, with her grid.
    const worker = await userRepository(db).findById('u-worker')
    expect(worker).toMatchObject({ communityId: DEFAULT_COMMUNITY_ID })
    expect(callerFrom('u-worker', worker)).toMatchObject({ roles: ['grid_worker'], gridId: 'grid-1' })
  })

  it('a second run only reads its marker', async () => {
    await migrateToStreet(db, { clock })
    const stamp = (await all('grids'))[0].communityId
    await db.collection('grids').add({ _id: 'grid-late', name: '后来的网格', order: 3 })
    expect(await migrateToStreet(db, { clock })).toEqual({ ran: false, profile: false, stamped: {} })
    expect(stamp).toBe(DEFAULT_COMMUNITY_ID)
    expect((await all('grids', { _id: 'grid-late' }))[0].communityId).toBeUndefined()
  })

  it('finishes on the next start what a run cut off half way began', async () => {
    // The database fails once, on `elders`, after `grids` and `settings` were stamped.
    let failed = false
    const flaky = Object.create(db) as Db
    ;(flaky as unknown as { collection: (name: string) => unknown }).collection = (name: string) => {
      if (name !== 'elders' || failed) return db.collection(name)
      return {
        where: () => ({
          update: async () => {
            failed = true
            throw new Error('DATABASE_REQUEST_FAILED')
          }
        })
      }
    }
    await expect(migrateToStreet(flaky, { clock })).rejects.toThrow('DATABASE_REQUEST_FAILED')
    expect(await all('timer_runs', { _id: STREET_MIGRATION_ID })).toEqual([])
    expect((await all('grids')).every(g => g.communityId === DEFAULT_COMMUNITY_ID)).toBe(true)
    expect((await all('elders'))[0].communityId).toBeUndefined()

    const resumed = await migrateToStreet(db, { clock })
    // Only what the first run left: the elder and the users; the profile was written already.
    expect(resumed).toEqual({ ran: true, profile: false, stamped: { elders: 1, users: 2 } })
    expect((await all('elders'))[0].communityId).toBe(DEFAULT_COMMUNITY_ID)
    expect(await all('communities')).toHaveLength(1)
    expect(await all('timer_runs', { _id: STREET_MIGRATION_ID })).toHaveLength(1)
  })

  it('on a new installation stamps nothing and records no profile (the seed writes its own)', async () => {
    const fresh = inMemoryDb()
    try {
      expect(await migrateToStreet(fresh.db, { clock })).toEqual({ ran: true, profile: false, stamped: {} })
    } finally {
      fresh.close()
    }
  })
})
