/**
 * What the classes actions answer (the reply schemas of classes.contract.ts): the use cases build
 * these shapes and the app parses them, so both sides read one definition. Instants travel as ISO
 * strings, calendar dates as `YYYY-MM-DD` (Asia/Shanghai).
 */
import * as z from 'zod'
import { pageSchema } from '../shared/page'
import { lazySchema } from '../shared/contract'
import { attendanceMarks, bookingStatuses, enrolmentStatuses, sessionStatuses, termKinds } from './class.model'

/** A tutor's mark of one child at one session (markAttendance answers it back). */
export const attendanceMarkSchema = lazySchema(() => z.enum(attendanceMarks))

export const termViewSchema = lazySchema(() =>
  z.object({
    termId: z.string(),
    kind: z.enum(termKinds),
    title: z.string(),
    room: z.string(),
    startDate: z.string(),
    endDate: z.string(),
    /** ISO weekdays (1 = Monday … 7 = Sunday) the term meets on. */
    weekdays: z.array(z.number().int().min(1).max(7)),
    startTime: z.string(),
    endTime: z.string(),
    capacity: z.number(),
    seatsLeft: z.number(),
    waiting: z.number(),
    grades: z.array(z.string()),
    enrolOpen: z.boolean(),
    sessionCount: z.number(),
    /** Single-session seats per session (0: term enrolment only). */
    dropInSeats: z.number()
  })
)
export type TermView = z.infer<typeof termViewSchema>

export const sessionViewSchema = lazySchema(() =>
  z.object({
    sessionId: z.string(),
    termId: z.string(),
    title: z.string(),
    room: z.string(),
    date: z.string(),
    startsAt: z.string(),
    endsAt: z.string(),
    status: z.enum(sessionStatuses),
    cancelReason: z.string().nullable(),
    tutors: z.number(),
    minTutors: z.number(),
    iAmTutor: z.boolean()
  })
)
export type SessionView = z.infer<typeof sessionViewSchema>

const guardianEntrySchema = lazySchema(() =>
  z.object({ userId: z.string(), name: z.string(), registered: z.boolean(), me: z.boolean() })
)
export type GuardianEntry = z.infer<typeof guardianEntrySchema>

export const childViewSchema = lazySchema(() =>
  z.object({
    childId: z.string(),
    name: z.string(),
    school: z.string(),
    grade: z.string(),
    allergies: z.string(),
    notes: z.string(),
    emergencyContacts: z.array(z.object({ name: z.string(), relation: z.string(), phone: z.string() })),
    /** Codes only for the child's guardians. */
    pickupAdults: z.array(
      z.object({ adultId: z.string(), name: z.string(), relation: z.string(), code: z.string().optional() })
    ),
    /** Only for the child's guardians: who manages the child in the app (共同监护人). */
    guardians: z.array(guardianEntrySchema),
    /** The caller registered the child (may invite and remove co-guardians). */
    registeredByMe: z.boolean()
  })
)
export type ChildView = z.infer<typeof childViewSchema>

export const enrolmentViewSchema = lazySchema(() =>
  z.object({
    termId: z.string(),
    termTitle: z.string(),
    childId: z.string().nullable(),
    childName: z.string(),
    status: z.enum(enrolmentStatuses),
    statusLabel: z.string(),
    /** Waitlist number (FIFO order); null when never waitlisted. */
    waitNumber: z.number().nullable(),
    /** People ahead in the waitlist (0 = next in line); only while waitlisted. */
    ahead: z.number().nullable(),
    offerExpiresAt: z.string().nullable()
  })
)
export type EnrolmentView = z.infer<typeof enrolmentViewSchema>

/** The child's next session not yet started (for 请假), and whether absence is already reported. */
const nextSessionSchema = lazySchema(() =>
  z.object({
    sessionId: z.string(),
    date: z.string(),
    startsAt: z.string(),
    reportedAbsent: z.boolean()
  })
)
export type NextSession = z.infer<typeof nextSessionSchema>

/** One of the family's enrolments, with the next session to report absence for (enrolled children). */
export const myEnrolmentSchema = lazySchema(() =>
  enrolmentViewSchema.extend({ nextSession: nextSessionSchema.nullable() })
)
export type MyEnrolment = z.infer<typeof myEnrolmentSchema>

export const bookingViewSchema = lazySchema(() =>
  z.object({
    sessionId: z.string(),
    childId: z.string(),
    childName: z.string(),
    date: z.string(),
    status: z.enum(bookingStatuses)
  })
)
export type BookingView = z.infer<typeof bookingViewSchema>

export const rosterChildSchema = lazySchema(() =>
  z.object({
    childId: z.string(),
    name: z.string(),
    grade: z.string(),
    /** Care needs a tutor must know on the day. */
    allergies: z.string(),
    status: attendanceMarkSchema.nullable(),
    reportedByGuardian: z.boolean(),
    pickup: z.object({ name: z.string(), relation: z.string(), at: z.string() }).nullable(),
    /** Who may collect (names only: codes stay with the family). */
    pickupAdults: z.array(z.object({ name: z.string(), relation: z.string() }))
  })
)
export type RosterChild = z.infer<typeof rosterChildSchema>

export const sessionSheetSchema = lazySchema(() =>
  z.object({ session: sessionViewSchema, children: z.array(rosterChildSchema) })
)
export type SessionSheet = z.infer<typeof sessionSheetSchema>

export const figuresSchema = lazySchema(() =>
  z.object({
    termId: z.string(),
    title: z.string(),
    sessionsHeld: z.number(),
    sessionsCancelled: z.number(),
    enrolled: z.number(),
    waiting: z.number(),
    childAttendances: z.number(),
    familiesServed: z.number(),
    tutorHours: z.number()
  })
)

export const inviteViewSchema = lazySchema(() =>
  z.object({
    code: z.string(),
    childId: z.string(),
    childName: z.string(),
    expiresAt: z.string()
  })
)
export type InviteView = z.infer<typeof inviteViewSchema>

// Replies of one action each.
export const createdTermSchema = lazySchema(() => z.object({ termId: z.string(), sessions: z.number() }))
export const cancelledSessionSchema = lazySchema(() => z.object({ sessionId: z.string(), notified: z.number() }))
export const joinedSchema = lazySchema(() => z.object({ childId: z.string(), childName: z.string() }))
export const childRefSchema = lazySchema(() => z.object({ childId: z.string() }))
export const cancelledEnrolmentSchema = lazySchema(() => enrolmentViewSchema.extend({ promoted: z.number() }))
export const tutorSchema = lazySchema(() => z.object({ userId: z.string(), name: z.string() }))
export const todaySchema = lazySchema(() => z.object({ date: z.string(), sessions: z.array(sessionSheetSchema) }))
export const absenceSchema = lazySchema(() => z.object({ sessionId: z.string(), childId: z.string() }))
export const handedOverSchema = lazySchema(() =>
  z.object({
    childName: z.string(),
    name: z.string(),
    relation: z.string(),
    at: z.string()
  })
)
export const csvFileSchema = lazySchema(() => z.object({ filename: z.string(), csv: z.string() }))

export const termPageSchema = lazySchema(() => pageSchema(termViewSchema))
export const sessionPageSchema = lazySchema(() => pageSchema(sessionViewSchema))
export const childPageSchema = lazySchema(() => pageSchema(childViewSchema))
export const enrolmentPageSchema = lazySchema(() => pageSchema(enrolmentViewSchema))
export const myEnrolmentPageSchema = lazySchema(() => pageSchema(myEnrolmentSchema))
export const tutorPageSchema = lazySchema(() => pageSchema(tutorSchema))
