/**
 * One elder and the people around her, written straight into a spec's database as the app stores
 * them: her household and grid, her account, a son who acts for her with her recorded consent (家属
 * 代办) and a daughter reachable by phone only, the grid worker (网格员), a social worker on duty
 * today (值班社工), a second social worker off duty, and the community's admin (负责人).
 */
import type { GridRecord, HouseholdRecord, MemberRecord, UserRecord } from '../../src/core/community/community.model'
import type { ElderProfile, ProxyLink, ServiceType } from '../../src/core/elder-care/elder-care.model'
import { shanghaiDate } from '../../src/core/shared/shanghai-time'
import type { Db } from '../../src/server/db/client'
import { aCaller } from './caller.factory'

export const user = (
  id: string,
  name: string,
  roles: UserRecord['roles'],
  over: Partial<UserRecord> = {}
): UserRecord => ({
  _id: id,
  name,
  roles,
  phone: null,
  memberId: null,
  householdId: null,
  gridId: null,
  createdAt: new Date('2025-01-01T00:00:00Z'),
  ...over
})

export const elderPeople = {
  elder: user('o-elder', '张桂芳', ['resident', 'elder'], {
    memberId: 'm-elder',
    householdId: 'h-1',
    gridId: 'grid-1',
    phone: '13800001111'
  }),
  son: user('o-son', '张伟', ['resident']),
  gridWorker: user('o-grid', '刘海燕', ['grid_worker'], { gridId: 'grid-1' }),
  onDuty: user('o-duty', '赵丽', ['staff']),
  offDuty: user('o-staff-2', '陈静', ['staff']),
  admin: user('o-admin', '王书记', ['admin']),
  helper: user('o-helper', '孙师傅', ['volunteer']),
  otherGridWorker: user('o-grid-2', '周敏', ['grid_worker'], { gridId: 'grid-2' })
}

/** The service the elder asks for (as the demo seed declares it). */
export const homeCare: ServiceType = {
  _id: 'home-care',
  name: '上门照护',
  description: '生活照料',
  minutes: 60,
  paid: false,
  active: true,
  order: 1
}

export const DAUGHTER_PHONE = '13900002222'

/** A caller for one of `elderPeople`. */
export const callerOf = (u: UserRecord) =>
  aCaller({ openId: u._id, name: u.name, roles: u.roles, householdId: u.householdId, gridId: u.gridId })

/** Writes the elder's world; `today` decides the duty roster's date (the on-duty shift is all day). */
export async function addElderWorld(db: Db, today: Date): Promise<{ elder: ElderProfile }> {
  const grid: GridRecord = { _id: 'grid-1', name: '第一网格', workerUserId: elderPeople.gridWorker._id, order: 1 }
  const household: HouseholdRecord = {
    _id: 'h-1',
    gridId: 'grid-1',
    buildingId: 'b-3',
    unitId: 'u-3-2',
    door: '3栋2单元501',
    room: '501',
    bindCode: 'BIND01'
  }
  const member: MemberRecord = {
    _id: 'm-elder',
    householdId: 'h-1',
    gridId: 'grid-1',
    name: '张桂芳',
    gender: 'F',
    birthYear: 1942,
    relation: '户主',
    phone: '13800001111',
    partyMember: false
  }
  const elder: ElderProfile = {
    _id: 'elder-1',
    memberId: 'm-elder',
    householdId: 'h-1',
    gridId: 'grid-1',
    name: '张桂芳',
    birthYear: 1942,
    livesAlone: true,
    careNotes: '高血压，耳背',
    familyContacts: [
      { name: '张伟', relation: '儿子', phone: '13700003333', userId: elderPeople.son._id },
      { name: '张丽', relation: '女儿', phone: DAUGHTER_PHONE, userId: null }
    ]
  }
  const proxy: ProxyLink = {
    _id: `elder-1:${elderPeople.son._id}`,
    elderId: 'elder-1',
    userId: elderPeople.son._id,
    name: '张伟',
    relation: '儿子',
    consent: {
      method: 'in_person',
      statement: '张桂芳本人在服务站口头同意由儿子代办',
      recordedBy: elderPeople.onDuty._id,
      at: new Date('2025-01-01T00:00:00Z')
    },
    active: true
  }
  await db.collection('grids').add({ ...grid })
  await db.collection('households').add({ ...household })
  await db.collection('members').add({ ...member })
  await db.collection('users').add(Object.values(elderPeople).map(u => ({ ...u })))
  await db.collection('elders').add({ ...elder })
  await db.collection('elder_proxies').add({ ...proxy })
  await db.collection('care_service_types').add({ ...homeCare })
  await db.collection('duty_roster').add({
    _id: 'duty-1',
    date: shanghaiDate(today),
    start: '00:00',
    end: '23:59',
    personName: '赵丽',
    userId: elderPeople.onDuty._id,
    place: '社区服务站',
    updatedBy: 'o-admin',
    updatedAt: today
  })
  return { elder }
}

/** A second elder (李秀英, another grid) with her own account, and an elder account bound to no member. */
export const otherElderPeople = {
  elder: user('o-elder-2', '李秀英', ['resident', 'elder'], {
    memberId: 'm-elder-2',
    householdId: 'h-2',
    gridId: 'grid-2'
  }),
  unbound: user('o-elder-unbound', '王老伯', ['resident', 'elder'])
}

/**
 * Writes the second elder beside addElderWorld's: her household, member record, profile (`elder-2`) and account; with
 * `sonActsForHer`, the son is her consented proxy too (a proxy for two elders).
 */
export async function addOtherElder(db: Db, sonActsForHer = false): Promise<{ elder: ElderProfile }> {
  const elder: ElderProfile = {
    _id: 'elder-2',
    memberId: 'm-elder-2',
    householdId: 'h-2',
    gridId: 'grid-2',
    name: '李秀英',
    birthYear: 1940,
    livesAlone: false,
    familyContacts: []
  }
  await db.collection('households').add({
    _id: 'h-2',
    gridId: 'grid-2',
    buildingId: 'b-7',
    unitId: 'u-7-1',
    door: '7栋1单元302',
    room: '302',
    bindCode: 'BIND02'
  } satisfies HouseholdRecord)
  await db.collection('members').add({
    _id: 'm-elder-2',
    householdId: 'h-2',
    gridId: 'grid-2',
    name: '李秀英',
    gender: 'F',
    birthYear: 1940,
    relation: '户主',
    phone: '13800004444',
    partyMember: false
  } satisfies MemberRecord)
  await db.collection('users').add(Object.values(otherElderPeople).map(u => ({ ...u })))
  await db.collection('elders').add({ ...elder })
  if (sonActsForHer) {
    await db.collection('elder_proxies').add({
      _id: `elder-2:${elderPeople.son._id}`,
      elderId: 'elder-2',
      userId: elderPeople.son._id,
      name: '张伟',
      relation: '女婿',
      consent: {
        method: 'in_person',
        statement: '李秀英本人在服务站口头同意由女婿代办',
        recordedBy: elderPeople.onDuty._id,
        at: new Date('2025-01-01T00:00:00Z')
      },
      active: true
    } satisfies ProxyLink)
  }
  return { elder }
}

/** Ends the son's consent for 张桂芳 (elder-1), as unlinkProxy leaves it: the link kept, inactive. */
export async function revokeSon(db: Db): Promise<void> {
  await db.collection('elder_proxies').doc(`elder-1:${elderPeople.son._id}`).update({ active: false })
}
