/**
 * Stored records of the elder-care context (居家养老). The `elders` collection is the community's
 * minimal elder record, extended here with care fields; every other collection is ours.
 * Times are UTC instants; dates (`YYYY-MM-DD`) are Asia/Shanghai calendar days.
 */
import type { CareActor, CareRequestEvent, CareRequestState } from './care-request.machine'
import type { FollowUpOutcome } from './care-kpi.rule'
import { policies, type Role } from '../community/roles'
import type { Untold } from '../shared/half-done'

/**
 * Who may read the day's meal round (addresses and phones of the elders served): those who deliver
 * it and the office. The helper page asks only for them, so a provider's page never hears 没有权限.
 */
export const mealRoundReaders: readonly Role[] = ['volunteer', ...policies.workbench]

export const careLevels = ['self', 'partial', 'full'] as const
export type CareLevel = (typeof careLevels)[number]
export const careLevelLabels: Record<CareLevel, string> = { self: '自理', partial: '半失能', full: '失能' }

/** Tags staff use to plan care (seeds-catalog C: 独居, 高龄, 失能; 免费/付费 = who pays). */
export const elderTags = ['独居', '高龄', '失能', '空巢', '低保', '免费', '付费'] as const
export type ElderTag = (typeof elderTags)[number]

export interface FamilyContact {
  name: string
  relation: string
  /** Full number: used only by the SOS ladder and staff; never sent to other roles unmasked. */
  phone: string
  /** The contact's Linli account when they have one (then the inbox reaches them too). */
  userId?: string | null
}

export interface ElderProfile {
  _id: string
  memberId: string
  householdId: string
  gridId: string
  name: string
  birthYear: number
  livesAlone: boolean
  familyContacts: FamilyContact[]
  careLevel?: CareLevel
  tags?: ElderTag[]
  /** What a helper or SOS responder must know (e.g. 糖尿病, 行动不便). */
  careNotes?: string
  updatedAt?: Date
}

/** A family member allowed to act for an elder, with the elder's recorded consent. */
export interface ProxyLink {
  _id: string // `${elderId}:${userId}`
  elderId: string
  userId: string
  name: string
  relation: string
  consent: {
    /**
     * 'in_person': staff recorded the elder's spoken consent at the hall or at home; 'in_app': the elder granted it
     * themself.
     */
    method: 'in_person' | 'in_app'
    statement: string
    recordedBy: string
    at: Date
  }
  active: boolean
}

export interface ServiceType {
  _id: string
  name: string
  description: string
  /** Usual length of a visit, minutes. */
  minutes: number
  paid: boolean
  active: boolean
  order: number
}

/** A provider organisation (服务商) staff can dispatch to; its contact person accepts in the app. */
export interface CareProvider {
  _id: string
  orgName: string
  contactUserId: string
  services: string[]
  active: boolean
}

export interface Assignee {
  kind: 'staff' | 'volunteer' | 'provider'
  userId: string
  name: string
  /** For a provider organisation (服务商): its name. */
  orgName: string | null
}

export interface HistoryEntry {
  at: Date
  event: CareRequestEvent | 'submit'
  state: CareRequestState
  /** What the elder reads. */
  label: string
  by: CareActor
  byName: string
  /** Set when a family proxy acted for the elder: shown as 家属代办. */
  proxy: boolean
  expectedBy: Date | null
  note?: string
  outcome?: FollowUpOutcome
  /** OPENID of who made the move (absent on old entries and the timer's). */
  byId?: string
  /** The requestId of the call that made it: its retry is answered, not refused (isRetryOf). */
  requestId?: string | null
}

export interface GeoPoint {
  lat: number
  lng: number
}

export interface CareRequest {
  _id: string
  elderId: string
  elderName: string
  gridId: string
  serviceTypeId: string
  serviceName: string
  window: { start: Date; end: Date }
  note: string
  state: CareRequestState
  /** Bumped on every move; a move applies only to the version it read (see moveRequest). */
  version: number
  assignee: Assignee | null
  /** When an unaccepted assignment goes back to triage. */
  acceptBy: Date | null
  history: HistoryEntry[]
  rating: number | null
  ratingComment: string
  /** Location only at these two moments (PIPL: collect the minimum). */
  checkIn: { at: Date; location: GeoPoint | null } | null
  checkOut: { at: Date; location: GeoPoint | null } | null
  createdBy: string
  createdAt: Date
  updatedAt: Date
  reopenCount: number
  /** The last move's audit entry and notices are still to come (see `followThrough`). */
  untold?: Untold | null
}

export const sosStates = ['open', 'acknowledged', 'resolved', 'cancelled'] as const
export type SosState = (typeof sosStates)[number]

export interface SosStep {
  level: number
  label: string
  at: Date
  /** Who was told (names; phones never stored here). */
  told: string[]
  /** On a response (an acknowledgement): who responded. The call's page lists each responder once. */
  by?: { userId: string; name: string }
}

export interface SosCall {
  _id: string
  elderId: string
  elderName: string
  gridId: string
  state: SosState
  pressedBy: string
  proxy: boolean
  pressedAt: Date
  /** The next ladder level due and when; null once the ladder has stopped. */
  level: number
  nextStepAt: Date | null
  steps: SosStep[]
  /** OPENIDs told so far: they hear when it is acknowledged, cancelled or resolved. */
  told: string[]
  ackBy: { userId: string; name: string; at: Date } | null
  resolved: { userId: string; name: string; at: Date; note: string } | null
  cancelledAt: Date | null
}

/** One open call per elder: this document exists (with `_id` = elderId) while a call is open. */
export interface SosOpenLock {
  _id: string
  callId: string
  at: Date
  /** Who pressed, so a press that stopped before recording its call can be finished by anyone. */
  pressedBy?: string
  proxy?: boolean
}

/** 关爱巡访: recurring visits to an elder living alone. */
export interface PatrolPlan {
  _id: string // elderId
  elderId: string
  elderName: string
  gridId: string
  everyDays: number
  lastVisitAt: Date | null
  nextDueAt: Date
  /** The due instant already reported overdue, so the grid worker is told once per due date. */
  alertedFor: Date | null
}

export interface PatrolVisit {
  _id: string
  elderId: string
  by: string
  byName: string
  at: Date
  location: GeoPoint | null
  note: string
}

export interface MenuDish {
  name: string
  price: number
}

export interface DailyMenu {
  _id: string // date
  date: string
  lunch: MenuDish[]
  /** Orders for this date close at this Shanghai wall time (HH:mm). */
  cutoff: string
  delivery: boolean
  updatedBy: string
  updatedAt: Date
}

export type MealMode = 'dine_in' | 'delivery'

export interface MealOrder {
  _id: string // `${date}:${elderId}`
  date: string
  elderId: string
  elderName: string
  gridId: string
  householdId: string
  mode: MealMode
  status: 'ordered' | 'cancelled'
  /** 'standing' when it came from a weekly standing order. */
  source: 'single' | 'standing'
  by: string
  proxy: boolean
  at: Date
}

export interface StandingOrder {
  _id: string // elderId
  elderId: string
  /** ISO weekdays, 1 = Monday. */
  weekdays: number[]
  mode: MealMode
  active: boolean
  by: string
  at: Date
}
