/**
 * The service card's stored records. Catalog items are versioned: every change bumps `version`
 * and writes a snapshot to `service_item_versions` (`_id` = `${itemId}:v${version}`, so two
 * concurrent edits of the same version cannot both be stored).
 */
import type { Untold } from '../shared/half-done'

/** 到厅 (walk in), 预约 (book a hall slot), 上门 (at home), 代办 (by proxy). */
export const serviceModes = ['hall', 'appointment', 'home', 'proxy'] as const
export type ServiceMode = (typeof serviceModes)[number]

/** Government services sunk to the community, commercial and social services, neighbour talents. */
export const categoryKinds = ['government', 'commercial', 'talent'] as const
export type CategoryKind = (typeof categoryKinds)[number]

export interface ServiceCategoryRecord {
  _id: string
  name: string
  kind: CategoryKind
  order: number
}

export interface ServiceItemRecord {
  _id: string
  categoryId: string
  name: string
  /** What it is, in plain words. */
  summary: string
  /** Who is eligible. */
  eligibility: string
  /** 材料清单: what to bring. */
  materials: string[]
  /** Window or place, e.g. 一站式服务大厅 2号窗口. */
  place: string
  /** Opening hours as people say them, e.g. 周一至周五 9:00–17:00. */
  hours: string
  modes: ServiceMode[]
  /** 限时办结: working days to complete; null when done on the spot. */
  timeLimitDays: number | null
  /** `users._id` of the staff member who keeps it correct. */
  ownerUserId: string
  ownerName: string
  /** Last time the owner confirmed it is still correct; stale after 90 days. */
  verifiedAt: Date
  order: number
  status: 'active' | 'retired'
  version: number
  updatedAt: Date
  updatedBy: string
  /** Lower-cased name + summary, for search. */
  searchText: string
}

export interface ServiceItemVersionRecord {
  _id: string
  itemId: string
  version: number
  /** What happened: created, edited, retired, restored, reordered, verified. */
  change: string
  by: string
  at: Date
  snapshot: Omit<ServiceItemRecord, '_id'>
}

export interface HallSlotRecord {
  _id: string
  /** e.g. 2号窗口 */
  window: string
  /** Items this window handles in the slot; empty = any item offered by appointment. */
  itemIds: string[]
  startAt: Date
  endAt: Date
  minutes: number
  capacity: number
  /** The capacity counter, changed only by conditional updates (see hall.usecase.ts). */
  seatsLeft: number
  /** The bookings holding its seats, kept in the counter's own updates (server/db/seats.ts). */
  seatHolders?: string[]
  status: 'open' | 'cancelled'
  /**
   * Set in the same update that cancels the slot, cleared once every booking on it is cancelled,
   * its resident told and the cancellation audited: a cancellation that stopped half-way is
   * finished by the staff member's repeat or the no-show timer (cancelSlot / finishClosing).
   */
  closing?: { reason: string; by: string; at: Date } | null
  createdBy: string
  createdAt: Date
}

/**
 * `pending`: between recording the booking and holding its time and seat (a few milliseconds, or until a retry or the
 * timer finishes it).
 */
export const bookingStatuses = ['pending', 'booked', 'cancelled', 'checked_in', 'no_show'] as const
export type BookingStatus = (typeof bookingStatuses)[number]

export interface HallBookingRecord {
  _id: string
  slotId: string
  itemId: string
  itemName: string
  window: string
  residentId: string
  residentName: string
  startAt: Date
  endAt: Date
  status: BookingStatus
  /** The per-resident time-bucket locks this booking holds (see hall.rule.ts). */
  lockIds: string[]
  /** Staff who booked it for the resident (帮办), else null. */
  bookedBy: string | null
  /** Cancelled because its slot was (staff's cancelSlot), not by the resident: who is told "停办". */
  cancelledBySlot?: boolean
  createdAt: Date
  updatedAt: Date
}

/** One held 15-minute bucket of a resident's time: `_id` = `${residentId}@${bucket}`. */
export interface BookingLockRecord {
  _id: string
  residentId: string
  bookingId: string
  createdAt: Date
}

/**
 * Tags staff set on a resident that make them eligible for home/proxy handling; also the reasons a
 * resident gives when asking for that eligibility (plain facts, never medical details).
 */
export const residentTags = ['elderly', 'disabled', 'mobility', 'alone', 'dibao'] as const
export type ResidentTag = (typeof residentTags)[number]

export interface ResidentTagsRecord {
  /** `users._id` */
  _id: string
  tags: ResidentTag[]
  updatedBy: string
  updatedAt: Date
}

/**
 * A resident's ask for home/proxy eligibility (上门/代办资格). `_id` = the resident's `users._id`:
 * one document per person, so there is never more than one open ask. Asking again after a decision
 * moves the same document back to `pending` and bumps `round`.
 */
export const eligibilityStatuses = ['pending', 'approved', 'declined'] as const
export type EligibilityStatus = (typeof eligibilityStatuses)[number]

export interface EligibilityRequestRecord {
  _id: string
  residentName: string
  /** The resident's home grid when they asked: whose grid worker decides. */
  gridId: string | null
  reasons: ResidentTag[]
  status: EligibilityStatus
  /** 1 for the first ask, +1 each time the resident asks again; decisions are conditional on it. */
  round: number
  askedAt: Date
  decidedAt: Date | null
  decidedBy: string | null
  decidedByName: string | null
  /** The tags an approval set. */
  tags: ResidentTag[]
  /** Why it was declined, in words the resident reads. */
  declineReason: string | null
  /**
   * false from the ask or the decision until its audit entry and notice are written: a retry (or
   * the next call on it) finishes them, so a stop between the writes leaves nobody untold.
   */
  told: boolean
  updatedAt: Date
}

export interface RequestHistoryEntry {
  at: Date
  /** OPENID of whoever acted, `system:<job>` for timers. */
  by: string
  byName: string
  /** null for the submission itself. */
  event: string | null
  from: string | null
  to: string
  note: string
  /** Staff acting for the resident (帮办). */
  onBehalf: boolean
  /** The requestId of the call that made it: its retry is answered, not refused (isRetryOf). */
  requestId?: string | null
}

export interface ServiceRequestRecord {
  _id: string
  itemId: string
  itemName: string
  mode: 'home' | 'proxy'
  residentId: string
  residentName: string
  note: string
  status: import('./proxy-request.machine').RequestStatus
  /** Bumped by every transition; transitions are conditional on it. */
  version: number
  /** 首问负责: the first staff member to accept owns the request to the end. */
  handlerId: string | null
  handlerName: string | null
  /** From the item's time limit (限时办结); null when the item has none. */
  dueAt: Date | null
  overdue: boolean
  history: RequestHistoryEntry[]
  rating: { stars: number; comment: string } | null
  /** Staff who submitted it for the resident (帮办), else null. */
  submittedBy: string | null
  /** The resident's home grid (whose grid worker's 待办 shows it); null when not bound to a household. */
  gridId?: string | null
  createdAt: Date
  updatedAt: Date
  /** The last transition's audit entry and notice are still to come (proxy-request.usecase.ts). */
  untold?: Untold | null
}
