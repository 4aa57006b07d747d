/**
 * What the staff use cases need from storage and the platform. Writes that must not race are
 * single conditional updates behind these methods; the comments say which race each prevents.
 */
import type { UserRecord } from '../community/community.model'
import type { Role } from '../community/roles'
import type { AuditPort } from '../shared/audit'
import type { Clock } from '../shared/clock'
import type { NotifyPort } from '../notifications/notify.port'
import type { Page } from '../shared/page'
import type { InviteRecord, SurveyAnswerRecord, SurveyRecord } from './staff.model'

export interface StaffUsers {
  get: (openId: string) => Promise<UserRecord | null>
  /** Insert; false when a user with this `_id` already exists. */
  create: (user: UserRecord) => Promise<boolean>
  /** Adds `role` unless held, in one conditional update; true only for the call that added it. */
  addRole: (openId: string, role: Role, set?: { gridId?: string | null }) => Promise<boolean>
  /** Removes `role` if held, in one conditional update; true only for the call that removed it. */
  removeRole: (openId: string, role: Role) => Promise<boolean>
  list: (filter: { role?: Role }, cursor: string | undefined) => Promise<Page<UserRecord>>
}

/**
 * How many admins there are, as a counter in one document. "Is this the last admin?" answered by
 * counting users and then removing would let two admins revoke each other at the same moment and
 * leave none; the counter is decremented by one conditional update (`count > 1`) instead.
 */
export interface AdminSeats {
  /** Counts the admins once, when the counter is first needed: call before changing an admin role. */
  ensure: () => Promise<void>
  add: () => Promise<void>
  /** true when a seat was given up; false when it is the last one. */
  release: () => Promise<boolean>
}

export interface InviteStore {
  /** Insert with `_id` = code; false when the code already exists. */
  insert: (invite: InviteRecord) => Promise<boolean>
  get: (code: string) => Promise<InviteRecord | null>
  /**
   * Marks the invite used by `openId` only if still unused and unexpired, in one conditional
   * update: of two people redeeming the same code at once, exactly one gets `true`.
   */
  consume: (code: string, openId: string, now: Date) => Promise<boolean>
  listOpen: (now: Date, cursor: string | undefined) => Promise<Page<InviteRecord>>
}

export interface StaffGrids {
  name: (gridId: string) => Promise<string | null>
  list: () => Promise<Array<{ _id: string, name: string }>>
  /** The grid's 网格员 shown to its residents. */
  setWorker: (gridId: string, openId: string) => Promise<void>
}

export interface SurveyStore {
  insert: (survey: SurveyRecord) => Promise<void>
  get: (id: string) => Promise<SurveyRecord | null>
  /** The newest survey open at `now`, if any. */
  openAt: (now: Date) => Promise<SurveyRecord | null>
  latest: () => Promise<SurveyRecord | null>
  /** Insert with `_id` = `${surveyId}:${openId}`; false when this person already answered. */
  answer: (answer: SurveyAnswerRecord) => Promise<boolean>
  hasAnswered: (surveyId: string, openId: string) => Promise<boolean>
  answers: (surveyId: string) => Promise<SurveyAnswerRecord[]>
}

export interface StaffDeps {
  users: StaffUsers
  adminSeats: AdminSeats
  invites: InviteStore
  grids: StaffGrids
  surveys: SurveyStore
  audit: AuditPort
  clock: Clock
  notify: NotifyPort
  /** Crypto-random 32-bit integers, for invite codes. */
  randomInts: (count: number) => number[]
  /** A fresh unique id (exports, surveys). */
  newId: () => string
}
