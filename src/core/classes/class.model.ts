/**
 * The after-school class's (四点半课堂) stored records. `_id`s are deterministic wherever a rule
 * needs "at most one": a session per term and day, an enrolment per term and child, an
 * attendance row per session and child.
 */

/** 'class': a term of weekday sessions. 'lecture': parent school (家长学校), one session, adults sign up. */
export const termKinds = ['class', 'lecture'] as const
export type TermKind = (typeof termKinds)[number]

export interface TermRecord {
  _id: string
  kind: TermKind
  title: string
  room: string
  /** Asia/Shanghai calendar dates, YYYY-MM-DD, inclusive. */
  startDate: string
  endDate: string
  /** 1 = Monday … 7 = Sunday. */
  weekdays: number[]
  /** HH:mm, Asia/Shanghai. */
  startTime: string
  endTime: string
  capacity: number
  /** Seats not held by an enrolment or an open offer. Changed only by conditional updates. */
  seatsLeft: number
  /** Last waitlist number handed out (counter, incremented atomically). */
  waitSeq: number
  /** How many are waiting now; a newcomer may take a free seat only when nobody waits. */
  waiting: number
  /**
   * The enrolments holding the seats and those counted in `waiting`, kept in the same conditional
   * updates as the counters, so a retry or a sweep can tell whether a half-done step happened
   * (src/server/db/seats.ts). Absent on terms made before they existed.
   */
  seatHolders?: string[]
  waiters?: string[]
  /** Eligible grades (一年级…六年级); empty = any. Lectures: empty. */
  grades: string[]
  enrolOpensAt: Date
  enrolClosesAt: Date
  /** Below this many tutors a session is short-staffed. */
  minTutors: number
  /** How long a waitlist offer stays open. */
  offerHours: number
  /** Seats per session staff keep for single-session bookings (单次报名); 0 or absent: term only. */
  dropInSeats?: number
  sessionCount: number
  createdBy: string
  createdAt: Date
}

export const sessionStatuses = ['scheduled', 'cancelled'] as const
export type SessionStatus = (typeof sessionStatuses)[number]

export interface SessionRecord {
  /** `${termId}:${date}` */
  _id: string
  termId: string
  title: string
  room: string
  date: string
  startsAt: Date
  endsAt: Date
  status: SessionStatus
  cancelReason: string | null
  /** OPENIDs of the tutors signed up. */
  tutorIds: string[]
  minTutors: number
  shortWarnedAt: Date | null
  /** Single-session seats left (a counter changed by conditional updates only). */
  dropInLeft?: number
  /**
   * Who holds those seats (`dropInHolder` of each booking), changed in the counter's own
   * conditional update (server/db/seats.ts); absent on sessions planned before it was kept.
   */
  dropInHolders?: string[]
}

export const bookingStatuses = ['pending', 'booked', 'cancelled'] as const
export type BookingStatus = (typeof bookingStatuses)[number]

export interface SessionBookingRecord {
  /** `${sessionId}:${childId}`: one booking per child per session. */
  _id: string
  sessionId: string
  termId: string
  childId: string
  childName: string
  guardianUserId: string
  /** The child's household, for "families served"; absent on bookings made before it was kept. */
  householdId?: string | null
  /**
   * `pending` while the booking takes its seat and tells the family (a stop there: finished by a retry or the timer).
   */
  status: BookingStatus
  /** When this booking (or its latest re-booking after a cancellation) was made: part of its seat holder's name. */
  bookedAt: Date
  updatedAt: Date
}

export const enrolmentStatuses = ['pending', 'enrolled', 'waitlisted', 'offered', 'cancelled', 'lapsed'] as const
export type EnrolmentStatus = (typeof enrolmentStatuses)[number]

export interface EnrolmentRecord {
  /** `${termId}:${childId}` (lectures: `${termId}:u:${openId}`): one seat per child per term. */
  _id: string
  termId: string
  /** null for a parent-school sign-up (the adult comes). */
  childId: string | null
  childName: string
  guardianUserId: string
  householdId: string | null
  status: EnrolmentStatus
  /** Place in the waitlist (FIFO); null when never waitlisted. */
  waitSeq: number | null
  offerExpiresAt: Date | null
  requestedAt: Date
  updatedAt: Date
  /** The requestId of the enrol that created or last revived it: its retry is answered, not refused. */
  requestId?: string | null
}

export const attendanceMarks = ['present', 'absent', 'late'] as const
export type AttendanceMark = (typeof attendanceMarks)[number]

export interface PickupRecord {
  adultId: string
  name: string
  relation: string
  at: Date
  /** OPENID of the tutor who handed the child over. */
  confirmedBy: string
}

export interface AttendanceRecord {
  /** `${sessionId}:${childId}` */
  _id: string
  sessionId: string
  termId: string
  childId: string
  childName: string
  guardianUserId: string
  status: AttendanceMark
  /** The guardian said ahead that the child won't come. */
  reportedByGuardian: boolean
  note: string | null
  markedBy: string
  markedAt: Date
  sessionEndsAt: Date
  pickup: PickupRecord | null
  overdueAlertedAt: Date | null
}

export interface EmergencyContact {
  name: string
  relation: string
  phone: string
}

/** An adult allowed to collect the child; `code` is their own pickup code (接送码). */
export interface PickupAdult {
  adultId: string
  name: string
  relation: string
  code: string
}

/**
 * A child as the classes context reads it: the community's `children` record (seeded minimal)
 * with the fields registration adds. Seeded children may lack the optional ones.
 */
export interface ChildRecord {
  _id: string
  memberId?: string | null
  householdId: string | null
  gridId: string | null
  name: string
  grade: string
  school: string
  guardianMemberId?: string | null
  guardianUserId: string | null
  /**
   * Other guardians (共同监护人, e.g. the other parent) who joined with the registering guardian's
   * invitation code; they see and act for the child like the registering guardian.
   */
  coGuardianUserIds?: string[]
  /**
   * The invitations whose join added a co-guardian, written in the same update as the
   * co-guardian: an invitation adds its joiner once, so a co-guardian removed later can't come
   * back by retrying the join (co-guardian.usecase.ts).
   */
  coGuardianInvites?: string[]
  consentId: string
  allergies?: string
  notes?: string
  emergencyContacts?: EmergencyContact[]
  pickupAdults?: PickupAdult[]
  /** Bumped by every change of `pickupAdults` (compare-and-set); absent on seeded children. */
  pickupRev?: number
  createdAt?: Date
}

export interface ConsentRecord {
  _id: string
  kind: 'child-record'
  subjectId: string
  guardianMemberId: string | null
  guardianUserId: string | null
  purpose: string
  version: string
  grantedAt: Date
}

export const CONSENT_VERSION = '2025-01'
export const CONSENT_PURPOSE = '登记子女信息，用于四点半课堂报名、签到与接送'

/** A one-time code with which a guardian invites another adult to be the child's co-guardian. */
export interface GuardianInviteRecord {
  /** `guardian-invite-${code}`: one live invitation per code. */
  _id: string
  code: string
  childId: string
  childName: string
  invitedBy: string
  createdAt: Date
  expiresAt: Date
  acceptedBy: string | null
  acceptedAt: Date | null
  /**
   * true from the moment the invitation is used until the join is finished (co-guardian added,
   * role given, guardian told): a retry by `acceptedBy`, or the timer, finishes it. Absent on
   * invitations used before it was kept (those joins are taken as finished).
   */
  joinPending?: boolean
}
