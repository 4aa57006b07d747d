/**
 * Community accounts the demo seed has no one for, written straight into the test's database
 * beside the seeded community (run after `seedDemoCommunity`).
 */
import type { HouseholdRecord, UserRecord } from '../../src/core/community/community.model'
import type { Db } from '../../src/server/db/client'

/**
 * A grid worker (网格员) who also lives in the community: bound to a seeded household of the grid she
 * looks after, as binding with a household's code leaves an account (roles gain 'resident', the
 * household's grid becomes `gridId`). Her home page shows her household card and her grid's counts.
 */
export async function addGridWorkerAtHome(
  db: Db,
  openId = 'it-grid-worker-at-home',
  gridId = 'grid-1'
): Promise<{ user: UserRecord; household: HouseholdRecord }> {
  const found = await db.collection('households').where({ gridId }).limit(1).get()
  const household = (found.data as HouseholdRecord[])[0]
  if (!household) throw new Error(`no seeded household in ${gridId}: seed the demo community first`)
  const user: UserRecord = {
    _id: openId,
    name: '周晓燕',
    roles: ['resident', 'grid_worker'],
    phone: '13900007777',
    memberId: null,
    householdId: household._id,
    gridId,
    createdAt: new Date()
  }
  await db.collection('users').add({ ...user })
  return { user, household }
}
