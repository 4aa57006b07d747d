/**
 * The community's stored records (one collection each, `_id` deterministic where the seed or a
 * rule needs it). `members` are the people of a household, as the community knows them; `users`
 * are WeChat accounts (`_id` = OPENID), optionally bound to a member. Most residents never open
 * the app, so a building head or unit head is a member, not necessarily a user.
 */
import type { Role } from './roles'

/** A community's profile, as the app shows it: `communities/<communityId>` (issue 20). */
export interface CommunityProfile {
  /** The communityId. */
  _id: string
  name: string
  /** The community's main service hotline (服务热线); the hall's other numbers are in HallSettings. */
  hotline: string
}

/**
 * `communities` (street-wide, `_id` = communityId): one community of the street (街道) and where it stands in the
 * street's order. Its hall hours and further hotlines are the community's own `settings` (HallSettings).
 */
export interface CommunityRecord extends CommunityProfile {
  /** The street's order (pickers, the street's totals); ties go by `_id`. */
  order: number
  createdAt: Date
  /**
   * false while `addCommunity` is still writing the community (grids, buildings, the hall, the first admin's
   * invite): such a community is in no picker. Absent on a community migrated or seeded whole.
   */
  ready?: boolean
  /** The request that added it (addCommunity), whose retry finishes it; absent when migrated or seeded. */
  requestId?: string
  createdBy?: string
  /** The first admin's invite code (staff_invites), drawn once, so a retry invites with the same code. */
  inviteCode?: string
}

/**
 * The community an installation from before the street (issue 20) becomes when migrated, and the one a call acts in
 * when it names none and its caller has none: a street of one community needs no choosing.
 */
export const DEFAULT_COMMUNITY_ID = 'community'

export interface UserRecord {
  _id: string
  name: string
  /**
   * The community this person belongs to: where their household is, or where they were given a staff role. Null
   * for someone not yet in any (a street role holder need not be).
   */
  communityId?: string | null
  /** Roles in `communityId`, and the street roles (街道管理员, 街道社工), which hold in every community. */
  roles: Role[]
  /** Staff roles held in further communities of the street (a 社工 covering two), by communityId. */
  rolesIn?: Record<string, Role[]>
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

/** One duty shift (值班表), in the community's local time (Asia/Shanghai). */
export interface DutyRecord {
  _id: string
  /** YYYY-MM-DD, Shanghai date. */
  date: string
  /** HH:mm, Shanghai time; `end` after `start` on the same day. */
  start: string
  end: string
  personName: string
  /** `users._id` when the person is a Linli user (staff), else null. The field name is shared
   * with the day-only entries elder-care writes to the same collection. */
  userId: string | null
  place: string
  updatedBy: string
  updatedAt: Date
}

export interface OpeningRange {
  /** HH:mm, Shanghai time. */
  open: string
  close: string
}

/** The service hall's hours and the community hotlines: `settings` document `_id: 'hall'`. */
export interface HallSettings {
  _id: 'hall'
  /** Index 0 = Sunday … 6 = Saturday; an empty list is a closed day. */
  weekly: OpeningRange[][]
  /** Holidays and special days (调休, 节假日值班): replace the weekly hours on that date. */
  exceptions: Array<{ date: string; ranges: OpeningRange[]; note: string }>
  hotlines: Array<{ name: string; number: string }>
}
