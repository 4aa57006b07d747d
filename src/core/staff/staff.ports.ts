/**
 * What the staff use cases need from storage and the platform. Writes that must not race are
 * single conditional updates behind these methods; the comments say which race each prevents.
 */
import type { UserRecord } from '../community/community.model'
import type { Role } from '../community/roles'
import type { AuditPort } from '../shared/audit'
import type { Clock } from '../shared/clock'
import type { NotifyPort } from '../notifications/notify.ports'
import type { Page } from '../shared/page'
import type { AttendanceRecord as ClassAttendanceRecord, ChildRecord, EnrolmentRecord } from '../classes/class.model'
import type { CareRequest, SosCall } from '../elder-care/elder-care.model'
import type { ServiceRequestRecord } from '../service-card/service-card.model'
import type { AttendanceRecord as VolunteerAttendanceRecord, VolunteerRecord } from '../volunteers/volunteers.model'
import type { InviteRecord, SurveyAnswerRecord, SurveyRecord } from './staff.model'

export interface StaffUsers {
  /** A person with standing in this community (its own, given a role here, the street's, newcomers). */
  get: (openId: string) => Promise<UserRecord | null>
  /** The caller's own record, wherever they belong (someone accepting an invite here may belong elsewhere). */
  self: (openId: string) => Promise<UserRecord | null>
  /** Insert; false when a user with this `_id` already exists. */
  create: (user: UserRecord) => Promise<boolean>
  /**
   * Adds `role` in this community unless held, where it belongs (role-place.rule.ts), in one update conditional on
   * the person's community being what `user` says: true only for the call that added it.
   */
  addRole: (user: UserRecord, role: Role, set?: { gridId?: string | null }) => Promise<boolean>
  /** addRole, by the person themselves with this community's invite: also someone of another community. */
  acceptRole: (user: UserRecord, role: Role, set?: { gridId?: string | null }) => Promise<boolean>
  /** Removes `role` in this community if held, in one conditional update; true only for the call that removed it. */
  removeRole: (user: UserRecord, role: Role) => Promise<boolean>
  /** The people of this community (its own and those given a role in it), newest first. */
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
  /** An invite of any community of the street (or the street's own) by its code, with the community it was made in. */
  find: (code: string) => Promise<(InviteRecord & { communityId: string }) | null>
  /**
   * Marks the invite used by `openId` only if still unused and unexpired, in one conditional
   * update: of two people redeeming the same code at once, exactly one gets `true`.
   */
  consume: (code: string, openId: string, now: Date) => Promise<boolean>
  listOpen: (now: Date, cursor: string | undefined) => Promise<Page<InviteRecord>>
}

export interface StaffGrids {
  name: (gridId: string) => Promise<string | null>
  list: () => Promise<Array<{ _id: string; name: string }>>
  /** The grid's 网格员 shown to its residents. */
  setWorker: (gridId: string, openId: string) => Promise<void>
}

/** An answer as results read it: whose grid and the scores, not the comment. */
export type SurveyScores = Pick<SurveyAnswerRecord, '_id' | 'gridId' | 'scores'>

/** A survey with every answer's grid and scores. */
export interface SurveyWithAnswers {
  survey: SurveyRecord
  answers: SurveyScores[]
}

export interface SurveyStore {
  insert: (survey: SurveyRecord) => Promise<void>
  get: (id: string) => Promise<SurveyRecord | null>
  /** The newest survey open at `now`, if any, and whether this person answered it (one read). */
  openFor: (now: Date, openId: string) => Promise<{ survey: SurveyRecord; answered: boolean } | null>
  /** Insert with `_id` = `${surveyId}:${openId}`; false when this person already answered. */
  answer: (answer: SurveyAnswerRecord) => Promise<boolean>
  /**
   * This survey (or the newest when none is named) with its answers and the community's grids, in
   * one read; null when there is no such survey.
   */
  results: (
    surveyId: string | undefined
  ) => Promise<(SurveyWithAnswers & { grids: Array<{ _id: string; name: string }> }) | null>
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
  /**
   * The same deps over another community's records, writable (or the street office's own, STREET_OFFICE_SCOPE): where
   * an invite made there is redeemed, and where street roles and their invites are kept. Only an invite's own
   * community, or the street's, is ever asked for.
   */
  inCommunity: (communityId: string) => StaffDeps
}

/**
 * The workbench's 待办 queues, each counted by the context that owns the records (through that
 * context's repository). A context not deployed here counts nothing rather than failing the page.
 */
export type WorkQueue =
  /** Care requests waiting to be triaged or dispatched, of one grid or all. */
  | 'careToDispatch'
  /** Home visits assigned to this person and not yet finished. */
  | 'careAssignedTo'
  /** 上门/代办 requests nobody has accepted yet, of one grid or all. */
  | 'serviceUnassigned'
  | 'serviceEligibilityPending'
  /** 上门/代办 requests this person handles and has not finished. */
  | 'serviceHandledBy'
  | 'followUpsOpen'
  | 'volunteerApplications'
  | 'erasuresPending'
  /** Residents' reports (随手拍) nobody has accepted yet, of one grid or all. */
  | 'reportsNew'
  /** Reports this person owns (首问负责) and has not resolved. */
  | 'reportsOwned'
  /** Follow-ups promised on household visits (走访跟进) not yet done, of one grid or all. */
  | 'visitFollowUpsOpen'

export interface WorkQueues {
  /**
   * How many wait in each of these queues for this person (`openId`) and grid (`gridId`, null for
   * the community), read together (the workbench opens all day: one request, not one per queue).
   */
  counts: (
    queues: readonly WorkQueue[],
    who: { openId: string; gridId: string | null }
  ) => Promise<Record<WorkQueue, number>>
}

/** One entry of the audit log as stored (server/audit.ts). */
export interface AuditEntryRecord {
  _id: string
  at: Date
  actor: string
  action: string
  target: string
  reason?: string | null
  data?: Record<string, unknown> | null
}

export interface AuditSearch {
  actor?: string | { in: string[] }
  action?: string | { in: string[] }
  target?: string
  onBehalfOf?: string
  /** [from, to) instants. */
  from?: Date
  to?: Date
}

/** An entry with the names of the accounts it mentions (its actor, a `users/<id>` target, whom it was for). */
export interface NamedAuditEntry {
  entry: AuditEntryRecord
  /** OPENID → name, for those of them whose account still exists. */
  names: Map<string, string>
}

export interface AuditLog {
  /** Newest first, a page at a time, each entry with the names it mentions (one read). */
  search: (filter: AuditSearch, cursor: string | undefined) => Promise<Page<NamedAuditEntry>>
}

/** People's names as staff know them (the community's accounts). */
export interface PeopleNames {
  /** Accounts with this name (several may share one). */
  idsNamed: (name: string) => Promise<string[]>
}

/** The fields of each context's records the dashboard reads (and the only ones its read brings back). */
export const DASHBOARD_FIELDS = {
  serviceRequests: ['residentId', 'status', 'overdue', 'dueAt', 'createdAt', 'history', 'rating'],
  careRequests: ['gridId', 'state', 'acceptBy', 'createdAt', 'history', 'rating'],
  sosCalls: ['gridId', 'state', 'pressedAt', 'ackBy'],
  classAttendance: ['childId', 'status', 'markedAt', 'sessionEndsAt'],
  classEnrolments: ['childId', 'status'],
  children: [],
  volunteerAttendance: ['volunteerId', 'status', 'hours', 'checkInAt', 'startAt'],
  volunteers: ['gridId']
} as const satisfies Record<string, readonly string[]>

type Fields<T, K extends keyof typeof DASHBOARD_FIELDS> = Pick<
  T,
  Extract<'_id' | (typeof DASHBOARD_FIELDS)[K][number], keyof T>
>

/**
 * What the dashboard reads, of one grid (or the community), each part from the context that owns
 * it. null: that context's records don't exist in this environment (not deployed yet), shown as 暂无数据.
 */
export interface DashboardRecords {
  grids: Array<{ _id: string; name: string }>
  /** Every 上门/代办 request, with its resident's home grid (a request names the resident, not the grid). */
  serviceRequests: Array<Fields<ServiceRequestRecord, 'serviceRequests'> & { residentGridId: string | null }> | null
  careRequests: Array<Fields<CareRequest, 'careRequests'>> | null
  sosCalls: Array<Fields<SosCall, 'sosCalls'>> | null
  classAttendance: Array<Fields<ClassAttendanceRecord, 'classAttendance'>> | null
  classEnrolments: Array<Fields<EnrolmentRecord, 'classEnrolments'>> | null
  /** The children of the grid: their records decide a class record's grid. */
  children: Array<Fields<ChildRecord, 'children'>> | null
  volunteerAttendance: Array<Fields<VolunteerAttendanceRecord, 'volunteerAttendance'>> | null
  volunteers: Array<Fields<VolunteerRecord, 'volunteers'>> | null
  /** The newest survey and its answers. */
  latestSurvey: SurveyWithAnswers | null
}

export interface DashboardSources {
  /** All of it at once (the staff home opens all day: one request, not one per context). */
  read: (gridId: string | null, readerId: string) => Promise<DashboardRecords>
}

/** One community's dashboard records, with its name (the street's workbench). */
export interface CommunityRecords {
  communityId: string
  name: string
  records: DashboardRecords
}

export interface StreetDashboardSources {
  /** Every community of the street, in the street's order, each read as its staff's dashboard reads it. */
  read: (readerId: string) => Promise<CommunityRecords[]>
}
