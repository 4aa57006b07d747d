/** The directory's writes over the local cloud's database engine in memory (test/support/in-memory-db.ts). */
import type { HouseholdRecord, UserRecord } from '../../core/community/community.model'
import { rows, useWorld } from '../../../test/support/in-memory-deps'
import { communityRegistry } from './community-registry.repository'
import { DEFAULT_COMMUNITY_ID } from '../../core/community/community.model'
import { scopeDb, unscoped } from '../db/community-scope'
import { callerFrom } from './user.repository'

const world = useWorld('2025-09-02 10:00')
const household = { _id: 'hh-7', gridId: 'grid-2' } as HouseholdRecord

async function userAfterBinding(before: Partial<UserRecord>): Promise<UserRecord> {
  const { db, clock } = world()
  await db.collection('users').add({ _id: 'o-1', name: '刘海燕', phone: null, memberId: null, ...before })
  await communityRegistry(db).bindUser('o-1', household, '刘海燕', clock.now())
  const [user] = await rows<UserRecord>(db, 'users', { _id: 'o-1' })
  return user
}

describe('bindUser', () => {
  it("moves a resident's home grid to the household's", async () => {
    expect(await userAfterBinding({ roles: ['resident'], householdId: null, gridId: 'grid-1' })).toMatchObject({
      householdId: 'hh-7',
      gridId: 'grid-2',
      roles: ['resident']
    })
  })

  it('leaves a grid worker the grid she looks after when she binds her own home in another grid', async () => {
    expect(await userAfterBinding({ roles: ['grid_worker'], householdId: null, gridId: 'grid-1' })).toMatchObject({
      householdId: 'hh-7',
      gridId: 'grid-1',
      roles: ['grid_worker', 'resident']
    })
  })
})

describe('bindUser in a street of communities (issue 20)', () => {
  const inDongsheng = async (before: Partial<UserRecord>): Promise<UserRecord> => {
    const { db, clock } = world()
    const street = unscoped(db)
    await street.collection('users').add({ _id: 'o-2', name: '赵丽', phone: null, memberId: null, ...before })
    const there = scopeDb(street, { communityId: 'dongsheng' })
    await communityRegistry(there).bindUser('o-2', household, '赵丽', clock.now(), true)
    const [user] = await rows<UserRecord>(street, 'users', { _id: 'o-2' })
    return user
  }

  it('a first-time visitor belongs to the community of the household they bound', async () => {
    const { db, clock } = world()
    await communityRegistry(scopeDb(unscoped(db), { communityId: 'dongsheng' })).bindUser(
      'o-3',
      household,
      '新',
      clock.now()
    )
    const [user] = await rows<UserRecord>(unscoped(db), 'users', { _id: 'o-3' })
    expect(user).toMatchObject({ communityId: 'dongsheng', roles: ['resident'], householdId: 'hh-7' })
  })

  it('a 社工 of 春晖 binding her home in 东圣 keeps her staff role in 春晖 only', async () => {
    const user = await inDongsheng({
      roles: ['staff'],
      communityId: DEFAULT_COMMUNITY_ID,
      householdId: null,
      gridId: null
    })
    expect(user).toMatchObject({
      communityId: 'dongsheng',
      roles: ['resident'],
      rolesIn: { [DEFAULT_COMMUNITY_ID]: ['staff'] }
    })
    expect(callerFrom('o-2', user, DEFAULT_COMMUNITY_ID).roles).toEqual(['staff'])
    expect(callerFrom('o-2', user, 'dongsheng')).toMatchObject({ roles: ['resident'], householdId: 'hh-7' })
  })
})
