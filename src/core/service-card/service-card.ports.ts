/**
 * What the service-card use cases need from outside. Every write that guards an invariant is one
 * conditional operation here (the repository comments which race each prevents); the use cases
 * never read-check-write.
 */
import type { AuditPort } from '../shared/audit'
import type { Clock } from '../shared/clock'
import type { NotifyPort } from '../notifications/notify.ports'
import type { ContentCheckPort } from '../notifications/content-check.ports'
import type { Role } from '../community/roles'
import type {
  EligibilityRequestRecord,
  HallBookingRecord,
  HallSlotRecord,
  ResidentTag,
  ServiceCategoryRecord,
  ServiceItemRecord,
  ServiceItemVersionRecord,
  ServiceRequestRecord
} from './service-card.model'
import type { RequestStatus } from './proxy-request.machine'
import type { Page } from '../shared/page'

export interface PersonInfo {
  _id: string
  name: string
  roles: Role[]
  /** Home grid (residents). */
  gridId?: string | null
}

/** A booking as 我的预约 lists it: with its item's materials (what to bring); none when the item is gone. */
export type BookingWithMaterials = HallBookingRecord & { materials?: string[] }

export interface CatalogStore {
  categories: () => Promise<ServiceCategoryRecord[]>
  item: (id: string) => Promise<ServiceItemRecord | null>
  items: (ids: string[]) => Promise<ServiceItemRecord[]>
  /** `help`: only items done at home or by proxy. */
  listItems: (q: {
    categoryId?: string
    words?: string
    includeRetired: boolean
    help?: boolean
    cursor?: string
    limit: number
  }) => Promise<Page<ServiceItemRecord>>
  /** Insert the item and its first version; false if the `_id` is taken. */
  insertItem: (item: ServiceItemRecord, version: ServiceItemVersionRecord) => Promise<boolean>
  /**
   * Store version `next.version` of an item whose stored version is `expected`: the version
   * snapshot goes in first (deterministic `_id`: two editors of one version can't both store
   * theirs), then the item is updated on `version: expected`. false: someone else got there first.
   */
  saveVersion: (expected: number, next: ServiceItemRecord, version: ServiceItemVersionRecord) => Promise<boolean>
  versions: (itemId: string) => Promise<ServiceItemVersionRecord[]>
  /** Active items offered by appointment (预约办理): what a hall slot can serve. */
  appointmentItems: () => Promise<ServiceItemRecord[]>
  /** Active items last verified before `before`. */
  staleItems: (before: Date, limit: number) => Promise<ServiceItemRecord[]>
}

export interface HallStore {
  insertSlot: (slot: HallSlotRecord) => Promise<void>
  slot: (id: string) => Promise<HallSlotRecord | null>
  upcomingSlots: (q: { from: Date; itemId?: string; cursor?: string; limit: number }) => Promise<Page<HallSlotRecord>>
  /** open → cancelled, conditional: true when this call cancelled it. */
  /** open → cancelled with the closing marker, conditionally; false if it was not open. */
  closeSlot: (slotId: string, closing: { reason: string; by: string; at: Date }) => Promise<boolean>
  /** The closing is finished: the marker goes. */
  closedSlot: (slotId: string) => Promise<void>
  /** Slots whose cancellation began before `before` and was never finished. */
  closingSince: (before: Date, limit: number) => Promise<HallSlotRecord[]>
  /**
   * One conditional decrement of `seatsLeft` (> 0) on an open slot, recording the booking as a
   * holder: true when the booking holds a seat (also when an earlier attempt took it).
   */
  takeSeat: (slotId: string, bookingId: string) => Promise<boolean>
  /** Gives the booking's seat back; false when it held none (given back already). */
  returnSeat: (slotId: string, bookingId: string) => Promise<boolean>
  /**
   * Insert every lock or none: false when any is held by another booking already (the inserted
   * ones are removed). Locks this booking holds already count as taken (a retry).
   */
  lock: (lockIds: string[], residentId: string, bookingId: string, now: Date) => Promise<boolean>
  unlock: (lockIds: string[], bookingId: string) => Promise<void>
  insertBooking: (booking: HallBookingRecord) => Promise<void>
  booking: (id: string) => Promise<HallBookingRecord | null>
  /** Conditional on the current status: true when this call moved it. */
  moveBooking: (
    id: string,
    from: HallBookingRecord['status'],
    to: HallBookingRecord['status'],
    now: Date,
    extra?: Pick<HallBookingRecord, 'cancelledBySlot'>
  ) => Promise<boolean>
  /**
   * The resident's bookings with their items' materials, in one request: a page, latest start first;
   * with `itemId`, that item's still to come ('booked', starting after `now`), soonest first, in one page.
   */
  myBookings: (q: {
    residentId: string
    itemId?: string
    now: Date
    cursor?: string
    limit: number
  }) => Promise<Page<BookingWithMaterials>>
  /** The resident's bookings of one item still to come ('booked', starting after `now`), soonest first. */
  openBookingsOf: (residentId: string, itemId: string, now: Date, limit: number) => Promise<HallBookingRecord[]>
  bookingsOfSlot: (slotId: string) => Promise<HallBookingRecord[]>
  /** The slot with its bookings, oldest first, in one request; null: no such slot. */
  slotWithBookings: (slotId: string) => Promise<{ slot: HallSlotRecord; bookings: HallBookingRecord[] } | null>
  /** The resident's pending or booked booking on the slot, if any (what a retry finds). */
  liveBookingOf: (residentId: string, slotId: string) => Promise<HallBookingRecord | null>
  /** Pending bookings (half-done) last changed at or before `before`. */
  pendingSince: (before: Date, limit: number) => Promise<HallBookingRecord[]>
  /** Slots not yet ended at `now` that have seat holders. */
  heldSlots: (now: Date, limit: number) => Promise<HallSlotRecord[]>
  bookingsByIds: (ids: string[]) => Promise<HallBookingRecord[]>
  /** Booked and ended before `now`: no-shows to record. */
  endedUnattended: (now: Date, limit: number) => Promise<HallBookingRecord[]>
}

export interface RequestStore {
  insert: (r: ServiceRequestRecord) => Promise<void>
  get: (id: string) => Promise<ServiceRequestRecord | null>
  /**
   * Apply a transition on (status, version): true when this call won. `claimHandler` also
   * requires `handlerId` to be null (首问负责: exactly one first handler).
   */
  transition: (
    id: string,
    expect: { status: RequestStatus; version: number; claimHandler: boolean },
    patch: Partial<ServiceRequestRecord>,
    entry: ServiceRequestRecord['history'][number]
  ) => Promise<boolean>
  /** `gridId`: only that grid's residents' requests (a grid worker's queue, see gridScope). */
  list: (q: {
    residentId?: string
    handlerId?: string
    openOnly?: boolean
    unassigned?: boolean
    gridId?: string
    cursor?: string
    limit: number
  }) => Promise<Page<ServiceRequestRecord>>
  /** Open, due before `now`, not yet flagged. */
  dueUnflagged: (now: Date, limit: number) => Promise<ServiceRequestRecord[]>
  /** Sets `overdue` once: true when this call set it. */
  flagOverdue: (id: string) => Promise<boolean>
  /** Clears `untold` once the transition at `version` is followed through (a later one's stays). */
  markTold: (id: string, version: number) => Promise<void>
  /** Transitions not followed through (`untold`) since at or before `before`, oldest first. */
  untold: (before: Date, limit: number) => Promise<ServiceRequestRecord[]>
}

/** Asks for home/proxy eligibility: one document per resident (`_id` = residentId). */
export interface EligibilityStore {
  get: (residentId: string) => Promise<EligibilityRequestRecord | null>
  /** The resident's tags and ask (null: never asked) in one request: what their 上门/代办 standing shows. */
  standing: (residentId: string) => Promise<{ tags: ResidentTag[]; ask: EligibilityRequestRecord | null }>
  /**
   * The resident's first ask: insert on the deterministic `_id`; false when a document exists
   * (then `reopen` it, or it is pending already).
   */
  insert: (r: EligibilityRequestRecord) => Promise<boolean>
  /** Ask again after a decision: `round` → `round + 1`, back to pending, conditional on (status != pending, round). */
  reopen: (residentId: string, round: number, patch: Partial<EligibilityRequestRecord>) => Promise<boolean>
  /** Decide a pending ask of `round`, conditional on (pending, round): true when this call decided it. */
  decide: (residentId: string, round: number, patch: Partial<EligibilityRequestRecord>) => Promise<boolean>
  /** Mark the ask's or decision's audit and notice written (on `round` and `status`). */
  markTold: (residentId: string, round: number, status: EligibilityRequestRecord['status']) => Promise<void>
  /** Asks or decisions not followed through (`told: false`), last changed at or before `before`. */
  untold: (before: Date, limit: number) => Promise<EligibilityRequestRecord[]>
  /** Pending asks, oldest first; `gridId` narrows to one grid. */
  pending: (q: { gridId?: string; cursor?: string; limit: number }) => Promise<Page<EligibilityRequestRecord>>
}

export interface People {
  person: (openId: string) => Promise<PersonInfo | null>
  tags: (openId: string) => Promise<ResidentTag[]>
  setTags: (openId: string, tags: ResidentTag[], by: string, now: Date) => Promise<void>
  /** The grid worker (`users._id`) who looks after a grid, if it has one. */
  gridWorkerOf: (gridId: string) => Promise<string | null>
  /**
   * Users whose name starts with `prefix` (for staff helping someone, 帮办), up to `limit`, each with
   * their tags, in one request.
   */
  residentsNamed: (prefix: string, limit: number) => Promise<Array<PersonInfo & { tags: ResidentTag[] }>>
}

export interface ServiceCardDeps {
  catalog: CatalogStore
  hall: HallStore
  requests: RequestStore
  eligibility: EligibilityStore
  people: People
  audit: AuditPort
  notify: NotifyPort
  /** A request's note (read by staff) is checked before it is stored. */
  contentCheck: ContentCheckPort
  clock: Clock
  newId: (prefix: string) => string
}
