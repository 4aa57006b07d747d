/**
 * What the service-card actions answer, as zod schemas the app parses (a server out of step with
 * the app shows an error, not a crash). Instants travel as ISO strings.
 */
import * as z from 'zod'
import { lazySchema } from '../shared/contract'
import { requestEvents, requestStatuses, statusLabels } from './proxy-request.machine'
import type {
  EligibilityRequestRecord,
  HallBookingRecord,
  HallSlotRecord,
  ServiceItemRecord,
  ServiceRequestRecord
} from './service-card.model'
import { bookingStatuses, categoryKinds, eligibilityStatuses, residentTags, serviceModes } from './service-card.model'
import { isStale } from './hall.rule'

const instant = lazySchema(() => z.string())

export const categoryView = lazySchema(() =>
  z.object({ id: z.string(), name: z.string(), kind: z.enum(categoryKinds) })
)
export type CategoryView = z.infer<typeof categoryView>

export const itemView = lazySchema(() =>
  z.object({
    id: z.string(),
    categoryId: z.string(),
    name: z.string(),
    summary: z.string(),
    eligibility: z.string(),
    materials: z.array(z.string()),
    place: z.string(),
    hours: z.string(),
    modes: z.array(z.enum(serviceModes)),
    timeLimitDays: z.number().nullable(),
    ownerName: z.string(),
    verifiedAt: instant,
    /** Not confirmed for 90 days: the page says the details may be out of date. */
    stale: z.boolean(),
    status: z.enum(['active', 'retired']),
    order: z.number(),
    version: z.number()
  })
)
export type ItemView = z.infer<typeof itemView>

export const slotView = lazySchema(() =>
  z.object({
    id: z.string(),
    window: z.string(),
    itemIds: z.array(z.string()),
    startAt: instant,
    endAt: instant,
    minutes: z.number(),
    capacity: z.number(),
    seatsLeft: z.number(),
    status: z.enum(['open', 'cancelled'])
  })
)
export type SlotView = z.infer<typeof slotView>

export const bookingView = lazySchema(() =>
  z.object({
    id: z.string(),
    slotId: z.string(),
    itemId: z.string(),
    itemName: z.string(),
    window: z.string(),
    residentName: z.string(),
    startAt: instant,
    endAt: instant,
    status: z.enum(bookingStatuses),
    /** Booked by staff for the resident (帮办). */
    byStaff: z.boolean(),
    /** What to bring (材料清单), from the item. */
    materials: z.array(z.string()).optional()
  })
)
export type BookingView = z.infer<typeof bookingView>

export const requestView = lazySchema(() =>
  z.object({
    id: z.string(),
    itemId: z.string(),
    itemName: z.string(),
    mode: z.enum(['home', 'proxy']),
    residentName: z.string(),
    note: z.string(),
    status: z.enum(requestStatuses),
    statusLabel: z.string(),
    version: z.number(),
    handlerName: z.string().nullable(),
    dueAt: instant.nullable(),
    overdue: z.boolean(),
    rating: z.object({ stars: z.number(), comment: z.string() }).nullable(),
    byStaff: z.boolean(),
    history: z.array(
      z.object({
        at: instant,
        byName: z.string(),
        event: z.string().nullable(),
        to: z.string(),
        toLabel: z.string(),
        note: z.string(),
        onBehalf: z.boolean()
      })
    ),
    /** Buttons the caller may press now. */
    actions: z.array(z.object({ event: z.enum(requestEvents), label: z.string() })),
    createdAt: instant
  })
)
export type RequestView = z.infer<typeof requestView>

/** One version of a catalog item (修改记录), newest first. */
export const itemVersionView = lazySchema(() =>
  z.object({
    version: z.number(),
    change: z.string(),
    by: z.string(),
    at: instant,
    name: z.string()
  })
)
export type ItemVersionView = z.infer<typeof itemVersionView>

/** The window's check-in list: the slot and who booked it. */
export const slotBookingsView = lazySchema(() => z.object({ slot: slotView, bookings: z.array(bookingView) }))
export type SlotBookingsView = z.infer<typeof slotBookingsView>

/** What cancelling a slot did: how many residents' bookings went with it (each was told). */
export const slotCancelledView = lazySchema(() => z.object({ slotId: z.string(), cancelled: z.number() }))
export type SlotCancelledView = z.infer<typeof slotCancelledView>

/** An ask for home/proxy eligibility, as the resident and the deciding staff see it: no phone, no door. */
export const eligibilityView = lazySchema(() =>
  z.object({
    residentId: z.string(),
    residentName: z.string(),
    reasons: z.array(z.enum(residentTags)),
    status: z.enum(eligibilityStatuses),
    round: z.number(),
    askedAt: instant,
    decidedAt: instant.nullable(),
    decidedByName: z.string().nullable(),
    tags: z.array(z.enum(residentTags)),
    declineReason: z.string().nullable()
  })
)
export type EligibilityView = z.infer<typeof eligibilityView>

/** `ask`: my latest ask for eligibility, if I ever asked (the item page and 我的上门与代办 show its state). */
export const meView = lazySchema(() =>
  z.object({
    tags: z.array(z.enum(residentTags)),
    eligible: z.boolean(),
    ask: eligibilityView.nullable().optional()
  })
)

/** A resident as staff find them to help (帮办): name and eligibility tags only, no phone or door. */
export const residentView = lazySchema(() =>
  z.object({
    userId: z.string(),
    name: z.string(),
    tags: z.array(z.enum(residentTags)),
    eligible: z.boolean()
  })
)
export type ResidentView = z.infer<typeof residentView>
export type MeView = z.infer<typeof meView>

const iso = (d: Date | string): string => new Date(d).toISOString()

export function toItemView(r: ServiceItemRecord, now: Date): ItemView {
  return {
    id: r._id,
    categoryId: r.categoryId,
    name: r.name,
    summary: r.summary,
    eligibility: r.eligibility,
    materials: r.materials,
    place: r.place,
    hours: r.hours,
    modes: r.modes,
    timeLimitDays: r.timeLimitDays,
    ownerName: r.ownerName,
    verifiedAt: iso(r.verifiedAt),
    stale: isStale(new Date(r.verifiedAt), now),
    status: r.status,
    order: r.order,
    version: r.version
  }
}

export function toSlotView(s: HallSlotRecord): SlotView {
  return {
    id: s._id,
    window: s.window,
    itemIds: s.itemIds,
    startAt: iso(s.startAt),
    endAt: iso(s.endAt),
    minutes: s.minutes,
    capacity: s.capacity,
    seatsLeft: s.seatsLeft,
    status: s.status
  }
}

export function toBookingView(b: HallBookingRecord, materials?: string[]): BookingView {
  return {
    id: b._id,
    slotId: b.slotId,
    itemId: b.itemId,
    itemName: b.itemName,
    window: b.window,
    residentName: b.residentName,
    startAt: iso(b.startAt),
    endAt: iso(b.endAt),
    status: b.status,
    byStaff: b.bookedBy !== null,
    ...(materials ? { materials } : {})
  }
}

export function toEligibilityView(r: EligibilityRequestRecord): EligibilityView {
  return {
    residentId: r._id,
    residentName: r.residentName,
    reasons: r.reasons,
    status: r.status,
    round: r.round,
    askedAt: iso(r.askedAt),
    decidedAt: r.decidedAt ? iso(r.decidedAt) : null,
    decidedByName: r.decidedByName,
    tags: r.tags,
    declineReason: r.declineReason
  }
}

export function toRequestView(r: ServiceRequestRecord, actions: RequestView['actions']): RequestView {
  return {
    id: r._id,
    itemId: r.itemId,
    itemName: r.itemName,
    mode: r.mode,
    residentName: r.residentName,
    note: r.note,
    status: r.status,
    statusLabel: statusLabels[r.status],
    version: r.version,
    handlerName: r.handlerName,
    dueAt: r.dueAt ? iso(r.dueAt) : null,
    overdue: r.overdue,
    rating: r.rating,
    byStaff: r.submittedBy !== null,
    history: r.history.map(h => ({
      at: iso(h.at),
      byName: h.byName,
      event: h.event,
      to: h.to,
      toLabel: statusLabels[h.to as keyof typeof statusLabels] ?? h.to,
      note: h.note,
      onBehalf: h.onBehalf
    })),
    actions,
    createdAt: iso(r.createdAt)
  }
}
