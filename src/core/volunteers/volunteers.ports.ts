/**
 * What the volunteers use cases need from the outside. The store's atomic operations
 * (`takeSlot`, `hold`, `transitionClaim`, …) are each ONE conditional write on ONE document;
 * their comments in the server repository say which race each prevents.
 */
import type { AuditPort } from '../shared/audit'
import type { Page } from '../shared/page'
import type { Clock } from '../shared/clock'
import type { NotifyPort } from '../notifications/notify.ports'
import type { ContentCheckPort } from '../notifications/content-check.ports'
import type { RoundingRule } from './hours.rule'
import type { HoldCheck } from './overlap.rule'
import type {
  AttendanceRecord,
  AttendanceStatus,
  CertificateRecord,
  ClaimRecord,
  ClaimStatus,
  Hold,
  MarkRecord,
  PostClaimRecord,
  PostRecord,
  SeriesRecord,
  TaskRecord,
  TeamRecord,
  VolunteerRecord
} from './volunteers.model'

export interface UserSummary {
  _id: string
  name: string
  phone: string | null
  memberId: string | null
  householdId: string | null
  gridId: string | null
  roles: string[]
}

/** What the volunteer's own page (`me`) shows of one volunteer, read in one query. */
export interface VolunteerStanding {
  volunteer: VolunteerRecord
  /** The teams the volunteer joined (their names for the profile). */
  teams: Array<Pick<TeamRecord, '_id' | 'name'>>
  /** Verified service in all: hours and activities. */
  hours: number
  activities: number
  /** Verified activities that started in the quarter asked for. */
  inQuarter: number
  /** Service posts (双报到) the volunteer holds now. */
  posts: number
}

/** A page of the task board, with what each task card needs beside it, read in one query. */
export interface TaskBoard {
  page: Page<TaskRecord>
  teams: TeamRecord[]
  /** The caller's claims of tasks ending after the board's `from` ([] when not a volunteer). */
  mine: ClaimRecord[]
}

/** A task's page as one person opens it, read in one query. */
export interface TaskOfUser {
  task: TaskRecord
  /** The task's team ([] without one). */
  teams: TeamRecord[]
  /** The caller's volunteer record's claim of the task, and its attendance record (null: none). */
  mine: ClaimRecord | null
  attendance: AttendanceRecord | null
  /** The name of the task's community (null: unknown), for a volunteer serving away from home. */
  community: string | null
}

/** A task's roster as its organiser sees it, read in one query. */
export interface TaskRoster {
  task: TaskRecord
  /** Every claim of the task, first claimed first. */
  claims: ClaimRecord[]
  /** The claims' volunteers, by `_id`: their names and phones. */
  volunteers: Array<Pick<VolunteerRecord, '_id' | 'name' | 'phone'>>
  attendance: AttendanceRecord[]
}

/**
 * The store of one community's view (issue 20): per-community records (tasks, claims, attendance, posts…) are that
 * community's; the street-wide ones (a volunteer's one record, their ledger, certificates) are the person's, and a
 * read of them for the community's staff names the community (`volunteerHere`, `pendingVolunteers`…).
 */
export interface VolunteersStore {
  user: (openId: string) => Promise<UserSummary | null>
  /** The names of these communities of the street (a missing one is absent from the map). */
  communityNames: (ids: string[]) => Promise<Map<string, string>>
  /** Every community of the street in its order, with its name (this one's from settings if its profile has none). */
  streetCommunities: () => Promise<Array<{ id: string; name: string }>>

  /** The person's one record, whichever community's (a volunteer serving this community's task). */
  volunteer: (id: string) => Promise<VolunteerRecord | null>
  /** The record when this community is its home (what its staff review and export); else null. */
  volunteerHere: (id: string) => Promise<VolunteerRecord | null>
  volunteerOfUser: (openId: string) => Promise<VolunteerRecord | null>
  /**
   * The caller's volunteer record with their teams, their verified totals in every community of the street (the one
   * record) and their home community's posts (null: not registered).
   */
  standingOfUser: (openId: string, quarter: { from: Date; to: Date }) => Promise<VolunteerStanding | null>
  /** Insert under the deterministic _id; false when a record exists. */
  insertVolunteer: (rec: VolunteerRecord) => Promise<boolean>
  /** Re-apply after a rejection: only from status 'rejected', this community's own record. */
  reapply: (id: string, patch: Partial<VolunteerRecord>) => Promise<boolean>
  /** Conditional on the status still being 'pending' and the record this community's: two staff at once, one wins. */
  review: (id: string, patch: Partial<VolunteerRecord>) => Promise<boolean>
  /** Adds the 'volunteer' role to the user's roles (set semantics). */
  grantVolunteerRole: (openId: string) => Promise<void>
  /** This community's own registrations waiting for review. */
  pendingVolunteers: (cursor: string | null, limit: number) => Promise<Page<VolunteerRecord>>
  /** This community's own approved party members (双报到 is to the community where they live). */
  approvedPartyMembers: () => Promise<VolunteerRecord[]>
  teamMembers: (teamId: string, limit: number) => Promise<VolunteerRecord[]>

  teams: () => Promise<TeamRecord[]>
  team: (id: string) => Promise<TeamRecord | null>
  insertTeam: (rec: TeamRecord) => Promise<boolean>

  task: (id: string) => Promise<TaskRecord | null>
  insertTask: (rec: TaskRecord) => Promise<boolean>
  /** open → cancelled, conditional on still open; true when this call cancelled it. */
  cancelTask: (id: string, reason: string, at: Date) => Promise<boolean>
  /** Open tasks not ended at `from`, soonest first, with the teams and the caller's claims. */
  taskBoard: (openId: string, from: Date, cursor: string | null, limit: number, teamId?: string) => Promise<TaskBoard>
  /** The task with what its page shows the caller (null: no such task). */
  taskOfUser: (taskId: string, openId: string) => Promise<TaskOfUser | null>
  /** The task with its claims, their volunteers and its attendance (null: no such task). */
  taskRoster: (taskId: string) => Promise<TaskRoster | null>
  insertSeries: (rec: SeriesRecord) => Promise<boolean>
  activeSeries: () => Promise<SeriesRecord[]>

  /**
   * One conditional decrement of the role's free slots, listing `holder`: true when it holds a
   * slot (also when an earlier attempt took it).
   */
  takeSlot: (taskId: string, roleKey: string, holder: string) => Promise<boolean>
  /** Gives `holder`'s slot back; false when it held none (given back already). */
  returnSlot: (taskId: string, roleKey: string, holder: string) => Promise<boolean>
  /** Adds a hold to the person's ledger unless it duplicates or overlaps one (optimistic, by version). */
  hold: (volunteerId: string, hold: Hold, now: Date) => Promise<HoldCheck | { ok: false; reason: 'BUSY' }>
  release: (volunteerId: string, claimId: string) => Promise<void>

  claim: (id: string) => Promise<ClaimRecord | null>
  /**
   * Records a claim as `pending` unless one is there already, or replaces one that ended
   * (withdrawn, handed over) by a conditional update: true when this call owns it now.
   */
  startClaim: (rec: ClaimRecord) => Promise<boolean>
  /** Removes a claim still `pending` (one that could not be held). */
  dropPendingClaim: (id: string) => Promise<void>
  /** Pending claims (half-done) claimed at or before `before`. */
  pendingClaims: (before: Date) => Promise<ClaimRecord[]>
  /** Open tasks not yet ended at `now`, with slot holders, at most `limit`. */
  heldTasks: (now: Date, limit: number) => Promise<TaskRecord[]>
  /** Originals of takeovers left half-done (`handingOver`), handed over at or before `before`. */
  halfDoneTakeOvers: (before: Date) => Promise<ClaimRecord[]>
  /**
   * Ends a half-done takeover, conditional on it still being one: 'finished' keeps the original
   * handed over, 'undone' makes it 'seeking_substitute' again. true when this call ended it.
   */
  endHandOver: (id: string, how: 'finished' | 'undone') => Promise<boolean>
  /** Conditional on the current status being one of `from`; true when this call changed it. */
  transitionClaim: (id: string, from: ClaimStatus[], patch: Partial<ClaimRecord>) => Promise<boolean>
  claimsOfTask: (taskId: string) => Promise<ClaimRecord[]>
  /**
   * The claims of the caller's volunteer record in every community of the street ending after `endAfter`, soonest
   * first, each with its `communityId`, and the names of the street's communities ([] and none when not a volunteer).
   */
  shiftsOfUser: (openId: string, endAfter: Date) => Promise<{ claims: ClaimRecord[]; names: Map<string, string> }>
  /** Claims of tasks that ended in [from, to), still 'claimed' (no-show candidates). */
  claimsEndedBetween: (from: Date, to: Date) => Promise<ClaimRecord[]>

  insertMark: (rec: MarkRecord) => Promise<boolean>
  marks: (cursor: string | null, limit: number) => Promise<Page<MarkRecord>>
  purgeMarksBefore: (before: Date) => Promise<number>

  attendance: (id: string) => Promise<AttendanceRecord | null>
  insertAttendance: (rec: AttendanceRecord) => Promise<boolean>
  /** Conditional on the status being `from`; true when this call changed it. */
  updateAttendance: (id: string, from: AttendanceStatus, patch: Partial<AttendanceRecord>) => Promise<boolean>
  attendanceOfTask: (taskId: string) => Promise<AttendanceRecord[]>
  /** Verified records of one volunteer in every community of the street (the one record), oldest first. */
  verifiedOf: (volunteerId: string, from?: Date, to?: Date) => Promise<AttendanceRecord[]>
  /** How many verified activities each of these volunteers did in [from, to), in every community of the street. */
  verifiedCountsOf: (volunteerIds: string[], from: Date, to: Date) => Promise<Map<string, number>>
  /** Every team in its order, with its verified hours, activities and people, in one query. */
  teamsWithTotals: () => Promise<Array<TeamRecord & { hours: number; activities: number; people: number }>>

  posts: () => Promise<PostRecord[]>
  post: (id: string) => Promise<PostRecord | null>
  insertPost: (rec: PostRecord) => Promise<boolean>
  /** Sets the post claim active (upsert on the deterministic _id); true when it was not active. */
  activatePostClaim: (rec: PostClaimRecord) => Promise<boolean>
  deactivatePostClaim: (id: string) => Promise<boolean>
  activePostClaimsOf: (volunteerId: string) => Promise<PostClaimRecord[]>
  /** Every post in its order and the active post claims of the caller's volunteer record ([] when none). */
  postsOfUser: (openId: string) => Promise<{ posts: PostRecord[]; mine: PostClaimRecord[] }>
  activePostClaimCounts: () => Promise<Map<string, number>>

  /** Next number of the year's certificate sequence (one conditional increment). */
  nextCertificateSeq: (year: number) => Promise<number>
  insertCertificate: (rec: CertificateRecord) => Promise<boolean>
  certificate: (serial: string) => Promise<CertificateRecord | null>
  certificatesOf: (volunteerId: string) => Promise<CertificateRecord[]>
}

/** Rotating check-in codes (HMAC of task id and time window with a server secret). */
export interface CheckinCodes {
  current: (
    taskId: string,
    at: Date
  ) => Promise<{ code: string; qrText: string; validUntil: Date; windowSeconds: number }>
  /** Accepts the 6 digits or the whole QR text, for the current or the previous window. */
  accepts: (taskId: string, scanned: string, at: Date) => Promise<boolean>
}

/** Renders a certificate to PDF bytes (heavy: loaded only when called). */
export interface CertificateRenderer {
  render: (cert: CertificateRecord) => Promise<Uint8Array>
}

export interface VolunteersDeps {
  /** The community these deps serve (its view of the database): a task's page link names it (taskLink). */
  communityId: string
  store: VolunteersStore
  audit: AuditPort
  notify: NotifyPort
  /** Task texts volunteers will read are checked before they are published. */
  contentCheck: ContentCheckPort
  clock: Clock
  codes: CheckinCodes
  pdf: CertificateRenderer
  rounding: RoundingRule
  /** A new unique, sortable id with this prefix. */
  newId: (prefix: string) => string
}
