/**
 * What the elder-care use cases need from storage and from the community. Every conditional
 * write answers whether it applied, so the use case decides what a lost race means.
 */
import type { UserRecord, HouseholdRecord, MemberRecord, GridRecord } from '../community/community.model'
import type { Role } from '../community/roles'
import type { NotifyPort } from '../notifications/notify.ports'
import type { ContentCheckPort } from '../notifications/content-check.ports'
import type { AuditPort } from '../shared/audit'
import type { Clock } from '../shared/clock'
import type { Page } from '../shared/page'
import type { CareRequestState } from './care-request.machine'
import type {
  CareProvider,
  CareRequest,
  DailyMenu,
  ElderProfile,
  HistoryEntry,
  MealOrder,
  PatrolPlan,
  PatrolVisit,
  ProxyLink,
  ServiceType,
  SosCall,
  SosOpenLock,
  SosStep,
  StandingOrder
} from './elder-care.model'

/** The part of a community duty shift (值班表) elder care reads. */
export interface DutyShift {
  userId: string | null
  start?: string
  end?: string
}

/** Reads of the community's records (read-only here). */
export interface PeopleDirectory {
  user: (openId: string) => Promise<UserRecord | null>
  member: (id: string) => Promise<MemberRecord | null>
  household: (id: string) => Promise<HouseholdRecord | null>
  grid: (id: string) => Promise<GridRecord | null>
  /** Duty shifts (`duty_roster`) of a Shanghai date. */
  dutyOn: (date: string) => Promise<DutyShift[]>
  usersWithRole: (role: Role) => Promise<UserRecord[]>
  /** The Linli account bound to a member (an elder who uses the app), if any. */
  userOfMember: (memberId: string) => Promise<UserRecord | null>
  /** The Linli account registered with this mobile number, if any. */
  userByPhone: (phone: string) => Promise<UserRecord | null>
}

/** One elder as ElderStore.actingCase reads her, with what the query asked along. */
export interface ElderCase {
  elder: ElderProfile
  /** `along.home`: her door (household) and her phone and gender (member); blank where those records are gone. */
  home?: { door: string; room: string; phone: string | null; gender: 'F' | 'M' | null }
  /** `along.latestSos`: her latest call, null when she never pressed. */
  latestSos?: SosCall | null
  /** `along.requests`: a page of her care requests, newest first (20, then by `_id`; the cursor as pageByKey's). */
  requests?: Page<CareRequest>
  /** `along.proxies`: her proxy links (at most 20, active or not). */
  proxies?: ProxyLink[]
  /** `along.meals`: that day's menu, her own order of that day and her standing order (each null when none). */
  meals?: { menu: DailyMenu | null; order: MealOrder | null; standing: StandingOrder | null }
}

/** What ElderStore.actingCase reads: who asks, for which elder, and what to bring along with her. */
export interface ActingCaseQuery {
  userId: string
  /** Look for the user's own profile (she holds the elder role). */
  own: boolean
  /** The elder she names; without it, her proxy links. */
  elderId?: string
  along?: {
    home?: boolean
    latestSos?: boolean
    requests?: { cursor: string | null }
    proxies?: boolean
    meals?: { date: string }
  }
}

/** The elders one user may act for, as one query reads them (acting.rule's actingIn decides). */
export interface ActingCase {
  /** Her own profile, when asked and she has one (with `along` only when she names no elder). */
  own: ElderCase | null
  /** Naming no elder: her proxy links (at most 20, active or not), each with its elder. */
  links: Array<{ link: ProxyLink; elder: ElderCase | null }>
  /** Naming one: that elder, and the user's proxy link to her. */
  named: { elder: ElderCase | null; link: ProxyLink | null } | null
}

/** A record about one elder with her case (`home` along), null where her profile is gone. */
export interface WithElder<T> {
  record: T
  elder: ElderCase | null
}

/**
 * A record about one elder as one reader reads it, in one read: her case (`home` along), the reader's proxy link to
 * her (active or not) and the member the reader's own account names (acting.rule's readsAsOwn: is she the elder?).
 */
export interface ReadersCase<T> extends WithElder<T> {
  link: ProxyLink | null
  readerMemberId: string | null
}

/** Who staff may dispatch a request to (ElderStore.helperPool), each with her open assignments. */
export interface HelperPool {
  /** Users with the volunteer role, and with the staff role (at most 100 each). */
  volunteers: UserRecord[]
  staff: UserRecord[]
  /** Active providers (at most 100), each with its contact person's account (null where it is gone). */
  providers: Array<{ provider: CareProvider; contact: UserRecord | null }>
  /** Open assignments (assigned, accepted, in service) per helper's userId; absent for none. */
  load: Map<string, number>
}

export interface ElderStore {
  /** See ActingCase: what acting.rule needs to decide who acts for whom, and what the action shows, in one read. */
  actingCase: (query: ActingCaseQuery) => Promise<ActingCase>
  elder: (id: string) => Promise<ElderProfile | null>
  elderByMember: (memberId: string) => Promise<ElderProfile | null>
  /** A page of the register by `_id` (the cursor the last one's), each with her home and proxies. */
  elders: (filter: { gridId?: string }, cursor: string | null) => Promise<Page<ElderCase>>
  updateElder: (id: string, patch: Partial<ElderProfile>) => Promise<void>
  /** Inserts under its deterministic `_id`; false when it already exists. */
  createElder: (elder: ElderProfile) => Promise<boolean>
  proxyLink: (elderId: string, userId: string) => Promise<ProxyLink | null>
  proxiesOfElder: (elderId: string) => Promise<ProxyLink[]>
  saveProxyLink: (link: ProxyLink) => Promise<void>
  providers: () => Promise<CareProvider[]>
  /** HelperPool in one read, started from the `users` record `readerId` (null when it has none). */
  helperPool: (readerId: string) => Promise<HelperPool | null>
  serviceTypes: () => Promise<ServiceType[]>
  serviceType: (id: string) => Promise<ServiceType | null>
  saveServiceType: (t: ServiceType) => Promise<void>
}

export interface CareRequestStore {
  create: (r: CareRequest) => Promise<void>
  get: (id: string) => Promise<CareRequest | null>
  /** The request as `readerId` reads it (ReadersCase); null when there is no such request. */
  readBy: (id: string, readerId: string) => Promise<ReadersCase<CareRequest> | null>
  /**
   * Applies `patch` and appends `entry` only if the request is still in `from` at `version`
   * (one conditional update): of two racing moves (accept vs the timeout, two staff dispatching)
   * exactly one applies. true when this call's move applied.
   */
  move: (
    id: string,
    from: CareRequestState,
    version: number,
    patch: Partial<CareRequest>,
    entry: HistoryEntry
  ) => Promise<boolean>
  /** `gridId`: only that grid's (a grid worker's queue). Oldest first, each with its elder and her home. */
  inStates: (
    states: readonly CareRequestState[],
    cursor: string | null,
    gridId?: string
  ) => Promise<Page<WithElder<CareRequest>>>
  /** Assigned to `userId`, newest move first, each with its elder and her home. */
  ofHelper: (userId: string, cursor: string | null) => Promise<Page<WithElder<CareRequest>>>
  /** Assigned, not accepted, `acceptBy` passed. Server-side page (≤ 1000). */
  acceptOverdue: (now: Date) => Promise<CareRequest[]>
  /** Clears `untold` once the move at `version` is followed through (conditional: a later move's stays). */
  markTold: (id: string, version: number) => Promise<void>
  /** Moves not followed through (`untold`) since at or before `before`, oldest first. */
  untold: (before: Date, limit: number) => Promise<CareRequest[]>
  /** For KPIs: requests created in [from, to). */
  createdBetween: (from: Date, to: Date) => Promise<CareRequest[]>
}

/** What the responders' banner reads (SosStore.summary). */
export interface SosSummary {
  open: number
  unacknowledged: number
  /** runSosLadder would send or finish something now. */
  ladderDue: boolean
}

export interface SosStore {
  /** Takes the elder's one-open-call lock (deterministic `_id`); false when a call is already open. */
  lockOpen: (elderId: string, callId: string, at: Date, by: { pressedBy: string; proxy: boolean }) => Promise<boolean>
  openCallOf: (elderId: string) => Promise<SosCall | null>
  /** The elder's open-call lock, if any. */
  lockOf: (elderId: string) => Promise<SosOpenLock | null>
  /** Locks taken at or before `before` (to find presses that stopped before recording their call). */
  locksBefore: (before: Date) => Promise<SosOpenLock[]>
  unlock: (elderId: string, callId: string) => Promise<void>
  /**
   * Records the call unless its `_id` exists (a finished press and its finisher both write it); true when this wrote
   * it.
   */
  create: (call: SosCall) => Promise<boolean>
  get: (id: string) => Promise<SosCall | null>
  /** The call as `readerId` reads it (ReadersCase); null when there is no such call. */
  readBy: (id: string, readerId: string) => Promise<ReadersCase<SosCall> | null>
  /** Moves the ladder from `level` to the next one, only if still open at `level`. */
  advance: (id: string, level: number, nextStepAt: Date | null, step: SosStep, told: string[]) => Promise<boolean>
  /** Changes state only from `from` (one conditional update). */
  close: (id: string, from: SosCall['state'], patch: Partial<SosCall>, step: SosStep) => Promise<boolean>
  dueForLadder: (now: Date) => Promise<SosCall[]>
  open: (cursor: string | null) => Promise<Page<SosCall>>
  /**
   * `open`'s page, each call with its elder and her home, and whether the ladder has work (as summary), in one request
   * started from the `users` record `readerId` (null when it has none).
   */
  openDesk: (
    readerId: string,
    cursor: string | null,
    now: Date,
    before: Date
  ) => Promise<{ page: Page<WithElder<SosCall>>; ladderDue: boolean } | null>
  /** How many calls are open (not yet resolved), and how many of those nobody acknowledged. */
  countOpen: () => Promise<{ open: number; unacknowledged: number }>
  /**
   * countOpen, and whether the ladder has work (runSosLadder): a call open and due for its next level at `now`, or a
   * lock taken at or before `before` whose call was never recorded; in one request, started from the `users` record
   * `readerId` (null when it has none).
   */
  summary: (readerId: string, now: Date, before: Date) => Promise<SosSummary | null>
}

export interface PatrolStore {
  plan: (elderId: string) => Promise<PatrolPlan | null>
  savePlan: (plan: PatrolPlan) => Promise<void>
  plans: (filter: { gridId?: string }, cursor: string | null) => Promise<Page<PatrolPlan>>
  recordVisit: (visit: PatrolVisit, nextDueAt: Date) => Promise<void>
  overdue: (now: Date) => Promise<PatrolPlan[]>
  /** Marks the plan alerted for this due instant; false when someone already did. */
  markAlerted: (elderId: string, dueAt: Date) => Promise<boolean>
}

/** One day's meals as MealStore.day reads them: its orders, the standing orders of its weekday, their elders. */
export interface MealDay {
  orders: MealOrder[]
  standing: StandingOrder[]
  /** The elders of those orders, each with her home (`home` along); none for a profile that is gone. */
  elders: ElderCase[]
}

export interface MealStore {
  menu: (date: string) => Promise<DailyMenu | null>
  saveMenu: (menu: DailyMenu) => Promise<void>
  order: (id: string) => Promise<MealOrder | null>
  saveOrder: (order: MealOrder) => Promise<void>
  standing: (elderId: string) => Promise<StandingOrder | null>
  saveStanding: (s: StandingOrder) => Promise<void>
  /** MealDay of `date` (its ISO `weekday`) in one read, started from the `users` record `readerId` (null: none). */
  day: (readerId: string, date: string, weekday: number) => Promise<MealDay | null>
}

/** An open SOS call of the street, as the street office lists it: where and how far the ladder went, no contacts. */
export interface StreetSosRow {
  call: Pick<SosCall, '_id' | 'elderName' | 'gridId' | 'state' | 'pressedAt' | 'proxy' | 'level' | 'steps' | 'ackBy'>
  communityId: string
  communityName: string
  gridName: string | null
}

/**
 * The street's open SOS calls across its communities (issue 20), for street roles: read-only, newest first, a page at
 * a time; reading them is audited in each community whose calls were shown, as a staff read is there.
 */
export interface StreetSos {
  openPage: (cursor: string | null) => Promise<Page<StreetSosRow>>
  audit: (communityId: string, entry: Parameters<AuditPort['record']>[0]) => Promise<void>
}

export interface ElderCareDeps {
  /** Street roles' view across communities (street-sos.usecase.ts). */
  streetSos: StreetSos
  people: PeopleDirectory
  elders: ElderStore
  requests: CareRequestStore
  sos: SosStore
  patrols: PatrolStore
  meals: MealStore
  notify: NotifyPort
  /** The note others will read (staff, the helper) is checked before it is stored. */
  contentCheck: ContentCheckPort
  audit: AuditPort
  clock: Clock
  /** A fresh record id, `<prefix>-…` (src/server/ids.ts). */
  newId: (prefix: string) => string
}
