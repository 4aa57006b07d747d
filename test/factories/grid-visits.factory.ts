/**
 * A small grid world for the patrol and visit use-case specs: two grids of one building each, three households in
 * each, a grid worker per grid, a 社工 and a resident (written into the test's database, the first community's).
 */
import type { Caller } from '../../src/core/community/caller'
import type { GridRecord, HouseholdRecord, UserRecord } from '../../src/core/community/community.model'
import type { Db } from '../../src/server/db/client'
import { aCaller } from './caller.factory'

const user = (u: Partial<UserRecord> & Pick<UserRecord, '_id' | 'name' | 'roles'>): UserRecord => ({
  phone: null,
  memberId: null,
  householdId: null,
  gridId: null,
  createdAt: new Date('2025-01-01T00:00:00Z'),
  ...u
})

export const gridPeople = {
  worker1: user({ _id: 'o-grid-worker-1', name: '王网格', roles: ['grid_worker'], gridId: 'grid-a' }),
  worker2: user({ _id: 'o-grid-worker-2', name: '李网格', roles: ['grid_worker'], gridId: 'grid-b' }),
  staff: user({ _id: 'o-grid-staff', name: '陈社工', roles: ['staff'] }),
  resident: user({ _id: 'o-grid-resident', name: '赵居民', roles: ['resident'], gridId: 'grid-a' })
}

const household = (id: string, gridId: string, building: string, door: string): HouseholdRecord => ({
  _id: id,
  gridId,
  buildingId: building,
  unitId: `${building}-u1`,
  door,
  room: door.slice(-3),
  bindCode: `code-${id}`
})

/** Households h-a1..h-a3 in grid-a (1栋), h-b1..h-b3 in grid-b (2栋). */
export const gridHouseholds: HouseholdRecord[] = [
  household('h-a1', 'grid-a', 'b-1', '1栋1单元101'),
  household('h-a2', 'grid-a', 'b-1', '1栋1单元102'),
  household('h-a3', 'grid-a', 'b-1', '1栋1单元201'),
  household('h-b1', 'grid-b', 'b-2', '2栋1单元101'),
  household('h-b2', 'grid-b', 'b-2', '2栋1单元102'),
  household('h-b3', 'grid-b', 'b-2', '2栋1单元201')
]

export const gridRecords: GridRecord[] = [
  { _id: 'grid-a', name: '第一网格', workerUserId: gridPeople.worker1._id, order: 1 },
  { _id: 'grid-b', name: '第二网格', workerUserId: gridPeople.worker2._id, order: 2 }
]

export async function addGridWorld(db: Db): Promise<void> {
  for (const g of gridRecords) await db.collection('grids').add({ ...g })
  for (const h of gridHouseholds) await db.collection('households').add({ ...h })
  for (const u of Object.values(gridPeople)) await db.collection('users').add({ ...u, communityId: 'community' })
}

export const gridCallerOf = (u: UserRecord): Caller =>
  aCaller({ openId: u._id, name: u.name, roles: u.roles, gridId: u.gridId, householdId: u.householdId })
