/** The directory's writes over the local cloud's database engine in memory (test/support/in-memory-db.ts). */
import type { HouseholdRecord, UserRecord } from '../../core/community/community.model'
import { rows, useWorld } from '../../../test/support/in-memory-deps'
import { communityRegistry } from './community-registry.repository'

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
