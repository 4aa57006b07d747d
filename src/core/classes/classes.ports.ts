/**
 * What the classes use cases need from storage. The atomic operations are named for the rule
 * they keep; the server implements each as ONE conditional update or insert (see
 * src/server/classes/classes.repository.ts for the races each one prevents).
 */
import type { AuditPort } from '../shared/audit'
import type { Clock } from '../shared/clock'
import type { SeatTake } from '../shared/half-done'
import type { Page } from '../shared/page'
import type { NotifyPort } from '../notifications/notify.ports'
import type { FigureInputs } from './figures.rule'
import type {
  AttendanceMark,
  AttendanceRecord,
  ChildRecord,
  ConsentRecord,
  EnrolmentRecord,
  EnrolmentStatus,
  GuardianInviteRecord,
  PickupAdult,
  SessionBookingRecord,
  SessionRecord,
  TermRecord
} from './class.model'

export interface ClassesStore {
  term: (id: string) => Promise<TermRecord | null>
  /**
   * A term and one child (none for a lecture), read together (one query): what an enrolment checks
   * first. `joined`: the router's read of the caller already read them (CallInfo.joined): no query.
   */
  termWithChild: (
    termId: string,
    childId: string | null,
    joined?: unknown
  ) => Promise<{ term: TermRecord | null; child: ChildRecord | null }>
  /** Inserts the term and its sessions (all `_id`s deterministic, so a retry inserts nothing twice). */
  insertTerm: (term: TermRecord, sessions: SessionRecord[]) => Promise<void>
  /** Newest first, 20 a page. */
  terms: (cursor?: string) => Promise<Page<TermRecord>>
  session: (id: string) => Promise<SessionRecord | null>
  sessionsOfTerm: (termId: string) => Promise<SessionRecord[]>
  /**
   * The term and its sessions dated `from` or later and after `after` (when given), by date, at most
   * `limit`, in one query; null when there is no such term.
   */
  termWithSessions: (
    termId: string,
    from: string,
    after: string | null,
    limit: number
  ) => Promise<{ term: TermRecord; sessions: SessionRecord[] } | null>
  sessionsOn: (date: string) => Promise<SessionRecord[]>
  /** The session with what its attendance sheet lists (see SessionRoster), in one query; null: no such session. */
  sessionRoster: (sessionId: string) => Promise<SessionRoster | null>
  /** Every session dated `date` (YYYY-MM-DD), by `_id`, each with its roster, in one query. */
  sessionRostersOn: (date: string) => Promise<SessionRoster[]>
  /** Sessions dated `from` to `to` (YYYY-MM-DD, both included), in one query. */
  sessionsBetween: (from: string, to: string) => Promise<SessionRecord[]>
  /** scheduled → cancelled; false when it was not scheduled. */
  cancelSession: (id: string, reason: string) => Promise<boolean>
  /**
   * Adds the tutor unless present (set semantics); true only when added (false: already on it, or the session is not
   * scheduled).
   */
  addTutor: (sessionId: string, openId: string) => Promise<boolean>
  removeTutor: (sessionId: string, openId: string) => Promise<boolean>
  /** Marks the shortage warning sent; true only for the first caller. */
  markShortWarned: (sessionId: string, at: Date) => Promise<boolean>

  child: (id: string) => Promise<ChildRecord | null>
  /**
   * Children the user registered or is a co-guardian of (at most 100, by `_id`), each with its
   * guardians' names: one query, however many children and guardians.
   */
  familyChildren: (guardianUserId: string) => Promise<FamilyChild[]>
  /**
   * The child with its guardians' names and the sessions on `date` in which it holds a seat (its
   * term's, or one booked on its own): one query. null: no such child.
   */
  childWithSessions: (id: string, date: string) => Promise<ChildWithSessions | null>
  childrenByIds: (ids: string[]) => Promise<ChildRecord[]>
  insertChild: (child: ChildRecord, consent: ConsentRecord) => Promise<void>
  insertConsent: (consent: ConsentRecord) => Promise<void>
  /**
   * Replaces the pickup list only if it is still the revision that was read (`pickupRev`);
   * false when another change landed first.
   */
  setPickupAdults: (
    childId: string,
    readRev: number | undefined,
    adults: NonNullable<ChildRecord['pickupAdults']>
  ) => Promise<boolean>

  enrolment: (id: string) => Promise<EnrolmentRecord | null>
  /** Creates the enrolment unless its `_id` exists; true when this call created it. */
  createEnrolment: (e: EnrolmentRecord) => Promise<boolean>
  /**
   * Moves the enrolment if its status is one of `from`; with `offerOpenAt`, only if the offer's
   * deadline is after it; with `offerExpiredAt`, only if the deadline is at or before it.
   */
  moveEnrolment: (
    id: string,
    from: EnrolmentStatus[],
    fields: Partial<EnrolmentRecord>,
    offerOpenAt?: Date,
    offerExpiredAt?: Date
  ) => Promise<boolean>
  /**
   * One seat for the enrolment, only if one is free AND nobody waits (no queue-jumping). The term
   * lists its seat holders, so this is idempotent: true also when the enrolment already held one
   * (a retry after a lost answer takes no second seat). `fresh`: the enrolment was made by this
   * very call, so it can hold no seat, and a refusal needs no look at the holders (one request fewer).
   */
  takeSeat: (termId: string, enrolmentId: string, fresh?: boolean) => Promise<SeatTake>
  /**
   * One seat for the head of the waitlist (it may take a free seat although people wait);
   * idempotent likewise: `held` when it held one already (then it is not this call's to give back).
   */
  takeSeatForWaitlist: (termId: string, enrolmentId: string) => Promise<SeatTake>
  /** Gives the enrolment's seat back; false when it held none (given back already). */
  releaseSeat: (termId: string, enrolmentId: string) => Promise<boolean>
  /**
   * Next waitlist number, and the enrolment in line; atomically, with the free seats the term had
   * at that moment (so the caller need not read the term again). null when it was in line already
   * (an earlier attempt's answer was lost, and with it its number).
   */
  joinWaitlist: (termId: string, enrolmentId: string) => Promise<{ seq: number; seatsLeft: number } | null>
  /** Takes the enrolment out of the line count; false when it was not in it. */
  leaveWaitlist: (termId: string, enrolmentId: string) => Promise<boolean>
  /** Pending enrolments (half-done enrols) last changed at or before `before`. */
  pendingSince: (before: Date) => Promise<EnrolmentRecord[]>
  /** Terms not yet ended on `today` (YYYY-MM-DD), with their seat holders and line. */
  currentTerms: (today: string) => Promise<TermRecord[]>
  enrolmentsByIds: (ids: string[]) => Promise<EnrolmentRecord[]>
  /** The waitlisted enrolment with the lowest number. */
  headOfWaitlist: (termId: string) => Promise<EnrolmentRecord | null>
  enrolmentsOfTerm: (termId: string, statuses: EnrolmentStatus[]) => Promise<EnrolmentRecord[]>
  /**
   * The term and a client-facing page of its enrolments in `statuses` (20, by waitlist number or by
   * `_id`; the cursor is the last one's), in one query; null when there is no such term.
   */
  termWithEnrolmentPage: (
    termId: string,
    statuses: EnrolmentStatus[],
    order: 'waitSeq' | '_id',
    cursor?: string
  ) => Promise<{ term: TermRecord; page: Page<EnrolmentRecord> } | null>
  /**
   * The user's children (registered or co-guardian of) and, newest first, what the family
   * enrolled: the user's own enrolments (their children, their lecture places) and any of those
   * children's, each with its term's title, its next session at `now` and its count ahead (see
   * FamilyEnrolment). One query, however many enrolments.
   */
  familyEnrolments: (guardianUserId: string, now: Date) => Promise<FamilyEnrolments>
  expiredOffers: (now: Date) => Promise<EnrolmentRecord[]>
  /** Terms that have a free seat and someone waiting (for the promotion timer). */
  termsToPromote: () => Promise<string[]>

  booking: (id: string) => Promise<SessionBookingRecord | null>
  /** Creates the booking unless its `_id` exists; true when this call created it. */
  createBooking: (b: SessionBookingRecord) => Promise<boolean>
  moveBooking: (
    id: string,
    from: Array<SessionBookingRecord['status']>,
    fields: Partial<SessionBookingRecord>
  ) => Promise<boolean>
  /**
   * One single-session seat for `holder` (drop-in.usecase.ts, `dropInHolder`), only if one is
   * left; idempotent like `takeSeat`: `held` when the holder already had one.
   */
  takeDropIn: (sessionId: string, holder: string) => Promise<SeatTake>
  /** Gives `holder`'s seat back; false when it held none (given back already). */
  releaseDropIn: (sessionId: string, holder: string) => Promise<boolean>
  /** Pending bookings (half-done bookSession calls) last changed at or before `before`. */
  pendingBookingsSince: (before: Date) => Promise<SessionBookingRecord[]>
  /** Sessions not yet ended at `now` whose single-session seats someone holds. */
  heldDropIns: (now: Date) => Promise<SessionRecord[]>
  bookingsByIds: (ids: string[]) => Promise<SessionBookingRecord[]>
  bookingsOfSession: (sessionId: string) => Promise<SessionBookingRecord[]>
  /** The term's single-session bookings still booked (for the figures). */
  bookingsOfTerm: (termId: string) => Promise<SessionBookingRecord[]>

  attendance: (id: string) => Promise<AttendanceRecord | null>
  /** Writes the row unless the child was already handed over. */
  putAttendance: (a: AttendanceRecord) => Promise<boolean>
  /** Records the hand-over, only if nobody collected the child yet. */
  recordPickup: (id: string, pickup: NonNullable<AttendanceRecord['pickup']>) => Promise<boolean>
  attendanceOfSession: (sessionId: string) => Promise<AttendanceRecord[]>
  attendanceOfTerm: (termId: string) => Promise<AttendanceRecord[]>
  /**
   * The term and what its figures are computed from (FigureInputs, the marks in `attended` counted),
   * in one query; null when there is no such term.
   */
  termFigureInputs: (
    termId: string,
    attended: readonly AttendanceMark[]
  ) => Promise<{ term: TermRecord; inputs: FigureInputs } | null>
  /** Present/late rows not collected, whose session ended in [endedAfter, endedBefore), not yet alerted. */
  notCollected: (endedAfter: Date, endedBefore: Date) => Promise<AttendanceRecord[]>
  /** true for the first caller only. */
  markOverdueAlerted: (id: string, at: Date) => Promise<boolean>

  /** Creates the invitation unless its code is taken; true when this call created it. */
  insertInvite: (invite: GuardianInviteRecord) => Promise<boolean>
  invite: (id: string) => Promise<GuardianInviteRecord | null>
  /**
   * Counts one attempt to enter an invitation code; false once the user made `limit` attempts
   * in the hour (the count is taken before the code is looked at, so parallel guesses count too).
   */
  takeInviteAttempt: (openId: string, now: Date, limit: number) => Promise<boolean>
  /**
   * Marks the invitation used by `openId`, its join pending, only if unused and not expired at
   * `now`; true for one caller.
   */
  useInvite: (id: string, openId: string, now: Date) => Promise<boolean>
  /**
   * Adds the co-guardian and records the invitation on the child, in one update, only if that
   * invitation added nobody yet; true when this call added them.
   */
  addCoGuardian: (childId: string, openId: string, inviteId: string) => Promise<boolean>
  /** The join of the invitation is finished (`joinPending` false); false when it was already. */
  finishJoin: (inviteId: string, openId: string) => Promise<boolean>
  /** Invitations used at or before `before` whose join is still pending. */
  pendingJoinsSince: (before: Date) => Promise<GuardianInviteRecord[]>
  /** true when the user was a co-guardian and no longer is. */
  removeCoGuardian: (childId: string, openId: string) => Promise<boolean>
  /** Gives the user the guardian role (a co-guardian needs it to open the family pages). */
  grantGuardianRole: (openId: string) => Promise<void>

  /** OPENIDs of staff (社工) to alert. */
  staffIds: () => Promise<string[]>
  /** Users with the tutor role, by `_id`, 20 a page (cursor = the last `_id`). */
  tutorPool: (cursor?: string) => Promise<Page<{ _id: string; name: string | null }>>
  /** The user's roles ([] when unknown). */
  userRoles: (openId: string) => Promise<string[]>
  userName: (openId: string) => Promise<string | null>
}

export interface ClassesDeps {
  store: ClassesStore
  clock: Clock
  audit: AuditPort
  notify: NotifyPort
  /** Random integers for pickup codes and new ids (crypto on the server). */
  random: () => number
  newId: () => string
}

/** One of the user's children, with the names of its guardians (what 我的孩子 lists beside it). */
export interface FamilyChild {
  child: ChildRecord
  /** userId → name, for each of the child's guardians whose user record has a name. */
  guardianNames: Record<string, string>
}

/** One child with what its page (childDetail) needs: who may see it, and its guardians' names. */
export interface ChildWithSessions extends FamilyChild {
  /** The day's sessions in which the child holds a seat, by `_id`: who tutors them, whether they are held. */
  sessions: Array<Pick<SessionRecord, '_id' | 'status' | 'tutorIds'>>
}

/** A session with what its attendance sheet (点名表) lists, read together. */
export interface SessionRoster {
  session: SessionRecord
  /** The term's enrolled children, by enrolment `_id`. */
  seats: Array<Pick<EnrolmentRecord, 'childId' | 'childName'>>
  /** The session's single-session bookings still booked, by booking `_id`. */
  bookings: Array<Pick<SessionBookingRecord, 'childId' | 'childName'>>
  /** The session's attendance marks. */
  marks: AttendanceRecord[]
  /** Those children's records: grade, care needs and who may collect them (never the codes). */
  children: Array<
    Pick<ChildRecord, '_id' | 'grade' | 'allergies'> & { pickupAdults?: Array<Pick<PickupAdult, 'name' | 'relation'>> }
  >
}

/** What store.familyEnrolments answers. */
export interface FamilyEnrolments {
  childIds: string[]
  enrolments: FamilyEnrolment[]
}

/** One of the family's enrolments, with what their list shows beside it. */
export type FamilyEnrolment = EnrolmentRecord & {
  termTitle: string
  /**
   * Enrolled only (else null): the term's first scheduled session starting after `now` (one that
   * started or ended earlier today is past), and whether the child's absence from it is reported.
   */
  nextSession: (Pick<SessionRecord, '_id' | 'date' | 'startsAt'> & { reportedAbsent: boolean }) | null
  /** Waitlisted only (else 0): how many of the term's waitlisted enrolments have a lower number. */
  ahead: number
}
