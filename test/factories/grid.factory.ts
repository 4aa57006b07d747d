/**
 * A small community for the grid's report specs, written straight into a spec's database as the app stores it: two
 * grids (第一网格 with buildings 1栋 and 3栋, 第二网格 with 5栋), a resident of 3栋2单元 who reports, a neighbour, the
 * grid's worker (网格员) and a second worker of the same grid, the other grid's worker, a 社工 and the admin.
 */
import type {
  BuildingRecord,
  GridRecord,
  HouseholdRecord,
  MemberRecord,
  UnitRecord,
  UserRecord
} from '../../src/core/community/community.model'
import type { Db } from '../../src/server/db/client'
import { aCaller } from './caller.factory'
import { user } from './elder-care.factory'
export const gridPeople = {
  reporter: user('o-reporter', '李秀英', ['resident'], {
    householdId: 'h-3-2-501',
    memberId: 'm-reporter',
    gridId: 'grid-1',
    phone: '13800003333'
  }),
  neighbour: user('o-neighbour', '王建国', ['resident'], { gridId: 'grid-1' }),
  worker: user('o-worker', '刘海燕', ['grid_worker'], { gridId: 'grid-1' }),
  secondWorker: user('o-worker-2', '孙立', ['grid_worker'], { gridId: 'grid-1' }),
  otherWorker: user('o-worker-b', '周敏', ['grid_worker'], { gridId: 'grid-2' }),
  staff: user('o-staff', '赵丽', ['staff']),
  admin: user('o-admin', '王书记', ['admin'])
}

export const callerOf = (u: UserRecord) =>
  aCaller({ openId: u._id, name: u.name, roles: u.roles, householdId: u.householdId, gridId: u.gridId })

export const grids: GridRecord[] = [
  { _id: 'grid-1', name: '第一网格', workerUserId: gridPeople.worker._id, order: 1 },
  { _id: 'grid-2', name: '第二网格', workerUserId: gridPeople.otherWorker._id, order: 2 }
]

export const buildings: BuildingRecord[] = [
  { _id: 'b-1', gridId: 'grid-1', name: '1栋', headMemberId: null, order: 1 },
  { _id: 'b-3', gridId: 'grid-1', name: '3栋', headMemberId: null, order: 3 },
  { _id: 'b-5', gridId: 'grid-2', name: '5栋', headMemberId: null, order: 5 }
]

export const units: UnitRecord[] = [
  { _id: 'u-3-1', gridId: 'grid-1', buildingId: 'b-3', name: '1单元', headMemberId: null, order: 1 },
  { _id: 'u-3-2', gridId: 'grid-1', buildingId: 'b-3', name: '2单元', headMemberId: null, order: 2 },
  { _id: 'u-5-1', gridId: 'grid-2', buildingId: 'b-5', name: '1单元', headMemberId: null, order: 1 }
]

const household: HouseholdRecord = {
  _id: 'h-3-2-501',
  gridId: 'grid-1',
  buildingId: 'b-3',
  unitId: 'u-3-2',
  door: '3栋2单元501',
  room: '501',
  bindCode: 'GRID01'
}

const member: MemberRecord = {
  _id: 'm-reporter',
  householdId: household._id,
  gridId: 'grid-1',
  name: '李秀英',
  gender: 'F',
  birthYear: 1956,
  relation: '户主',
  phone: '13800003333',
  partyMember: false
}

/** Writes the community of `gridPeople` into `db`. */
export async function addGridWorld(db: Db): Promise<void> {
  const put = async (collection: string, docs: Array<{ _id: string }>) => {
    for (const d of docs) await db.collection(collection).add(d)
  }
  await put('grids', grids)
  await put('buildings', buildings)
  await put('units', units)
  await put('households', [household])
  await put('members', [member])
  await put('users', Object.values(gridPeople))
}
