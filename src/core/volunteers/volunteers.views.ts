/** What the volunteers actions answer, as the app parses it (a server out of step shows an error). */
import * as z from 'zod'
import { claimStatuses, markKinds, partyTypes, postCategories, volunteerStatuses } from './volunteers.model'

const attendanceStatus = z.enum(['checked_in', 'checked_out', 'verified', 'rejected'])

export const profileView = z.object({
  id: z.string(),
  name: z.string(),
  phoneMasked: z.string().nullable(),
  status: z.enum(volunteerStatuses),
  skills: z.array(z.string()),
  availability: z.array(z.string()),
  teams: z.array(z.object({ id: z.string(), name: z.string() })),
  party: z.object({ type: z.enum(partyTypes), employerOrg: z.string().nullable() }).nullable(),
  number: z.string()
})
export type ProfileView = z.infer<typeof profileView>

export const quotaView = z.object({
  label: z.string(),
  posts: z.number(),
  activities: z.number(),
  short: z.object({ posts: z.number(), activities: z.number() }),
  met: z.boolean()
})

export const meView = z.object({
  profile: profileView.nullable(),
  totals: z.object({ hours: z.number(), activities: z.number() }),
  quarter: quotaView.nullable(),
  staff: z.boolean()
})
export type MeView = z.infer<typeof meView>

export const taskView = z.object({
  id: z.string(),
  title: z.string(),
  team: z.string().nullable(),
  place: z.string(),
  detail: z.string(),
  startAt: z.string(),
  endAt: z.string(),
  roles: z.array(z.object({ key: z.string(), name: z.string(), slots: z.number(), left: z.number(), skills: z.array(z.string()) })),
  withdrawCutoffHours: z.number(),
  recurring: z.boolean(),
  status: z.enum(['open', 'cancelled']),
  cancelReason: z.string().nullable().default(null),
  mine: z.object({ roleKey: z.string(), status: z.enum(claimStatuses), attendance: attendanceStatus.nullable().default(null) }).nullable(),
  organiser: z.boolean()
})
export type TaskView = z.infer<typeof taskView>

export const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), cursor: z.string().nullable() })

export const myClaimView = z.object({
  taskId: z.string(), title: z.string(), startAt: z.string(), endAt: z.string(), date: z.string(), roleKey: z.string(), status: z.enum(claimStatuses)
})
export type MyClaimView = z.infer<typeof myClaimView>

export const rosterView = z.object({
  title: z.string(),
  rows: z.array(z.object({
    volunteerId: z.string(), name: z.string(), phoneMasked: z.string().nullable(), roleKey: z.string(), claimStatus: z.enum(claimStatuses),
    attendance: attendanceStatus.nullable(), checkInAt: z.string().nullable(), checkOutAt: z.string().nullable(), minutes: z.number(), hours: z.number()
  }))
})
export type RosterView = z.infer<typeof rosterView>

export const codeView = z.object({ code: z.string(), qrText: z.string(), validUntil: z.string(), windowSeconds: z.number() })

export const teamView = z.object({ id: z.string(), name: z.string(), intro: z.string(), hours: z.number(), activities: z.number(), people: z.number() })

export const postView = z.object({ id: z.string(), category: z.enum(postCategories), name: z.string(), duty: z.string(), mine: z.boolean() })
export type PostView = z.infer<typeof postView>

export const applicationView = profileView.extend({ appliedAt: z.string().nullable(), phone: z.string().nullable() })
export type ApplicationView = z.infer<typeof applicationView>

export const quarterCheckView = z.object({
  quarter: z.string(), members: z.number(), below: z.number(),
  items: z.array(z.object({
    volunteerId: z.string(), name: z.string(), partyType: z.string(), employerOrg: z.string().nullable(),
    posts: z.number(), activities: z.number(), short: z.object({ posts: z.number(), activities: z.number() }), met: z.boolean()
  })),
  cursor: z.string().nullable()
})

export const markView = z.object({ name: z.string(), kind: z.enum(markKinds), title: z.string(), at: z.string() })
export type MarkView = z.infer<typeof markView>

export const certificateListView = z.array(z.object({ serial: z.string(), totalHours: z.number(), issuedAt: z.string() }))

export const verifyView = z.object({
  valid: z.boolean(), serial: z.string(), name: z.string().optional(), totalHours: z.number().optional(), issuer: z.string().optional(), issuedAt: z.string().optional()
})
export type VerifyView = z.infer<typeof verifyView>
