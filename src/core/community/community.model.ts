/**
 * The community's stored records (one collection each, `_id` deterministic where the seed or a
 * rule needs it). `members` are the people of a household, as the community knows them; `users`
 * are WeChat accounts (`_id` = OPENID), optionally bound to a member. Most residents never open
 * the app, so a building head or unit head is a member, not necessarily a user.
 */
import type { Role } from './roles'

export interface CommunityProfile {
  _id: 'community'
  name: string
  hotline: string
}

export interface UserRecord {
  _id: string
  name: string
  roles: Role[]
  phone: string | null
  memberId: string | null
  householdId: string | null
  /** Home grid for residents; the grid they look after for grid workers. */
  gridId: string | null
  createdAt: Date
}

export interface GridRecord {
  _id: string
  name: string
  /** `users._id` of the grid worker (网格员). */
  workerUserId: string | null
  order: number
}

export interface BuildingRecord {
  _id: string
  gridId: string
  name: string
  /** `members._id` of the building head (楼长). */
  headMemberId: string | null
  order: number
}

export interface UnitRecord {
  _id: string
  gridId: string
  buildingId: string
  name: string
  /** `members._id` of the unit head (单元长). */
  headMemberId: string | null
  order: number
}

export interface HouseholdRecord {
  _id: string
  gridId: string
  buildingId: string
  unitId: string
  /** Full door number, e.g. 3栋2单元501; shown masked (3栋2单元) to roles that don't need it. */
  door: string
  room: string
  /** One-time code a resident enters to bind their account to this household. */
  bindCode: string
}

export interface MemberRecord {
  _id: string
  householdId: string
  gridId: string
  name: string
  gender: 'F' | 'M'
  birthYear: number
  /** 户主, 配偶, 子女, 父母, 其他 */
  relation: string
  /** Adults only; children's numbers are not collected. */
  phone: string | null
  partyMember: boolean
}

/** Count scopes for the staff workload; `gridId` narrows to one grid. */
export type CountedCollection = 'households' | 'members' | 'elders' | 'children'
