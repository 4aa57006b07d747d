/** What the classes actions answer, as the app parses it (a server out of step shows an error, not a crash). */
import * as z from 'zod'

const page = <T extends z.ZodType>(row: T) => z.object({ rows: z.array(row), cursor: z.string().nullable() })
  .transform(p => ({ items: p.rows, cursor: p.cursor }))

export const termViewSchema = z.object({
  termId: z.string(), kind: z.enum(['class', 'lecture']), title: z.string(), room: z.string(), startDate: z.string(), endDate: z.string(),
  startTime: z.string(), endTime: z.string(), capacity: z.number(), seatsLeft: z.number(), waiting: z.number(), enrolOpen: z.boolean(),
  dropInSeats: z.number().default(0),
  /** ISO weekdays (1 = Monday … 7 = Sunday) the term meets on. */
  weekdays: z.array(z.number().int().min(1).max(7)).default([])
})
export type TermViewData = z.infer<typeof termViewSchema>
export const termPageSchema = page(termViewSchema)

export const enrolmentViewSchema = z.object({
  termId: z.string(), termTitle: z.string(), childId: z.string().nullable(), childName: z.string(), status: z.string(), statusLabel: z.string(),
  waitNumber: z.number().nullable(), ahead: z.number().nullable(), offerExpiresAt: z.string().nullable(),
  nextSession: z.object({ sessionId: z.string(), date: z.string(), startsAt: z.string(), reportedAbsent: z.boolean() }).nullable().optional()
})
export type EnrolmentViewData = z.infer<typeof enrolmentViewSchema>
export const enrolmentPageSchema = page(enrolmentViewSchema)

export const childViewSchema = z.object({
  childId: z.string(), name: z.string(), school: z.string(), grade: z.string(), allergies: z.string(),
  pickupAdults: z.array(z.object({ adultId: z.string(), name: z.string(), relation: z.string(), code: z.string().optional() })),
  guardians: z.array(z.object({ userId: z.string(), name: z.string(), registered: z.boolean(), me: z.boolean() })).default([]),
  registeredByMe: z.boolean().default(false)
})
export type ChildViewData = z.infer<typeof childViewSchema>
export const childPageSchema = page(childViewSchema)

export const sessionViewSchema = z.object({
  sessionId: z.string(), termId: z.string(), title: z.string(), room: z.string(), date: z.string(), startsAt: z.string(), endsAt: z.string(),
  status: z.string(), tutors: z.number(), minTutors: z.number(), iAmTutor: z.boolean()
})
export type SessionViewData = z.infer<typeof sessionViewSchema>
export const sessionPageSchema = page(sessionViewSchema)
export const tutorPoolSchema = page(z.object({ userId: z.string(), name: z.string() }))

export const rosterChildSchema = z.object({
  childId: z.string(), name: z.string(), grade: z.string(), allergies: z.string(), status: z.enum(['present', 'absent', 'late']).nullable(),
  reportedByGuardian: z.boolean(), pickup: z.object({ name: z.string(), relation: z.string(), at: z.string() }).nullable(),
  pickupAdults: z.array(z.object({ name: z.string(), relation: z.string() }))
})
export type RosterChildData = z.infer<typeof rosterChildSchema>
export const sessionSheetSchema = z.object({ session: sessionViewSchema, children: z.array(rosterChildSchema) })
export type SessionSheetData = z.infer<typeof sessionSheetSchema>
export const todaySchema = z.object({ date: z.string(), sessions: z.array(sessionSheetSchema) })

export const figuresSchema = z.object({
  termId: z.string(), title: z.string(), sessionsHeld: z.number(), sessionsCancelled: z.number(), enrolled: z.number(), waiting: z.number(),
  childAttendances: z.number(), familiesServed: z.number(), tutorHours: z.number()
})
export type FiguresData = z.infer<typeof figuresSchema>

export const inviteViewSchema = z.object({ code: z.string(), childId: z.string(), childName: z.string(), expiresAt: z.string() })
export type InviteViewData = z.infer<typeof inviteViewSchema>
