/**
 * What the grid use cases need from storage, the community and the platform. Every conditional write answers whether
 * it applied, so the use case decides what a lost race means.
 */
import type { ContentCheckPort } from '../notifications/content-check.ports'
import type { NotifyPort } from '../notifications/notify.ports'
import type { AuditPort } from '../shared/audit'
import type { Clock } from '../shared/clock'
import type { PhotoStore } from '../shared/photo-store.ports'
import type {
  BuildingRecord,
  GridRecord,
  HouseholdRecord,
  MemberRecord,
  UnitRecord,
  UserRecord
} from '../community/community.model'
import type { Role } from '../community/roles'
import type { Page } from '../shared/page'
import type { FigureGroup } from './figures.rule'
import type {
  ChecklistRecord,
  HouseholdCareRecord,
  InspectionRecord,
  PatrolRecord,
  ReportCategory,
  ReportRecord,
  ReportState,
  ReportStep,
  VisitFollowUp,
  VisitRecord
} from './grid.model'

// ---- reports (随手拍/报事) ----------------------------------------------------------------------------------------

/** The workbench's queue views (reportQueueInput): what each lists is ReportStore.queue's to read. */
export type ReportQueueView = 'new' | 'mine' | 'overdue' | 'done' | 'all'

export interface ReportStore {
  /** Inserts the report unless one with its `_id` exists (ids made from a requestId): true when this call made it. */
  create: (r: ReportRecord) => Promise<boolean>
  get: (id: string) => Promise<ReportRecord | null>
  /**
   * Applies `patch` and appends `step` only if the report is still in `from` at `version` (ONE conditional update):
   * of two workers accepting at once, or a worker and the overdue job, exactly one applies. true when it applied.
   */
  move: (
    id: string,
    from: ReportState,
    version: number,
    patch: Partial<ReportRecord>,
    step: ReportStep
  ) => Promise<boolean>
  /** Clears `untold` once the move at `version` is followed through (conditional: a later move's stays). */
  markTold: (id: string, version: number) => Promise<void>
  /** Moves not followed through since at or before `before`, oldest first. */
  untold: (before: Date, limit: number) => Promise<ReportRecord[]>
  /**
   * Open reports (submitted, accepted, passed) of `category` made since `since`: in `buildingId` when given, else
   * those with a plan point (the use case measures the distance). At most 50, newest first.
   */
  nearby: (category: ReportCategory, since: Date, buildingId: string | null) => Promise<ReportRecord[]>
  /** The reporter's own and followed reports, newest first. */
  mine: (userId: string, cursor: string | null) => Promise<Page<ReportRecord>>
  /** The community's reports not hidden, newest first (小事快办 board). */
  visible: (cursor: string | null) => Promise<Page<ReportRecord>>
  /** A workbench view within `gridId` (null: the whole community), newest first; `now` decides overdue. */
  queue: (
    view: ReportQueueView,
    gridId: string | null,
    userId: string,
    now: Date,
    cursor: string | null
  ) => Promise<Page<ReportRecord>>
  /** Submitted with acceptBy passed and escalation below `level`. Server-side page (≤ 100). */
  acceptOverdue: (now: Date, level: number) => Promise<ReportRecord[]>
  /** Accepted or passed with solveBy passed, not yet escalated for it. Server-side page (≤ 100). */
  solveOverdue: (now: Date) => Promise<ReportRecord[]>
  /** Resolved at or before `before`, the reporter never answered. Server-side page (≤ 100). */
  resolvedBefore: (before: Date) => Promise<ReportRecord[]>
}

/** The community's places and people, as reports need them. */
export interface GridDirectory {
  /** The community's buildings with their units, in order (the form's picker; at most 200 buildings). */
  buildings: () => Promise<Array<{ building: BuildingRecord; units: UnitRecord[] }>>
  building: (id: string) => Promise<BuildingRecord | null>
  unit: (id: string) => Promise<UnitRecord | null>
  grid: (id: string) => Promise<GridRecord | null>
  user: (id: string) => Promise<UserRecord | null>
  member: (id: string) => Promise<MemberRecord | null>
  /** The caller's home building (their household's), null when not bound. */
  homeBuildingId: (householdId: string | null) => Promise<string | null>
  usersWithRole: (role: Role) => Promise<UserRecord[]>
}

// ---- patrols (巡查) -------------------------------------------------------------------------------------------------

/**
 * The report use case's check of the patrol a report names (submitReport's `patrolId`): the caller's own and still
 * open. `deps.patrols` answers it; a report naming any other patrol is refused (FORBIDDEN / NOT_FOUND).
 */
export interface PatrolLink {
  /** The patrol when it is `userId`'s and open, else null (missing, another worker's, or finished). */
  openPatrolOf: (userId: string, patrolId: string) => Promise<PatrolRecord | null>
}

export interface PatrolStore extends PatrolLink {
  /**
   * Inserts `patrol` (open) unless its worker has an open patrol: then that one, `created` false. One insert decided
   * by the unique index on `openKey`, never read-check-write: two starts at once make one patrol.
   */
  start: (patrol: PatrolRecord) => Promise<{ patrol: PatrolRecord; created: boolean }>
  byId: (id: string) => Promise<PatrolRecord | null>
  openOf: (userId: string) => Promise<PatrolRecord | null>
  /** Closes the patrol if still open (conditional on `openKey`); false when it was closed already. */
  close: (
    id: string,
    userId: string,
    end: { endedAt: Date; minutes: number; closedBy: 'worker' | 'cap'; note: string; updatedAt: Date }
  ) => Promise<boolean>
  /** The worker's patrols, newest first. */
  mine: (userId: string, cursor: string | null) => Promise<Page<PatrolRecord>>
  /** Minutes and count (and how many closed at the cap) of closed patrols started in [from, to), per worker asked. */
  totals: (
    userIds: string[],
    from: Date,
    to: Date
  ) => Promise<Map<string, { minutes: number; count: number; capped: number }>>
  /** Open patrols started before `before` (at most 1000), for the cap job. */
  openBefore: (before: Date) => Promise<PatrolRecord[]>
}

/** The community's grids and their workers, for staff's patrol board. */
export interface GridRoster {
  grids: (cursor: string | null) => Promise<Page<GridRecord>>
  user: (openId: string) => Promise<UserRecord | null>
}

// ---- household visits (走访) ----------------------------------------------------------------------------------------

/** The community's households, read-only here. */
export interface HouseholdDirectory {
  household: (id: string) => Promise<HouseholdRecord | null>
  grid: (id: string) => Promise<GridRecord | null>
  /** Households of a grid (every grid: null) after `after` in `_id` order, at most `limit`. */
  households: (gridId: string | null, after: string | null, limit: number) => Promise<HouseholdRecord[]>
  byIds: (ids: string[]) => Promise<HouseholdRecord[]>
}

export interface VisitStore {
  /** Inserts the visit under its `_id` (derived from the requestId on a retry); false when it was there already. */
  add: (visit: VisitRecord) => Promise<boolean>
  byId: (id: string) => Promise<VisitRecord | null>
  ofHousehold: (householdId: string, cursor: string | null) => Promise<Page<VisitRecord>>
  /** Visits with a follow-up, open ones soonest due first, done ones latest first; a grid's or every grid's. */
  followUps: (gridId: string | null, open: boolean, cursor: string | null) => Promise<Page<VisitRecord>>
  /** Marks the follow-up done or undone on the version read; false when the visit moved meanwhile. */
  setFollowUp: (id: string, version: number, followUp: VisitFollowUp, open: boolean, at: Date) => Promise<boolean>
  care: (householdId: string) => Promise<HouseholdCareRecord | null>
  cares: (householdIds: string[]) => Promise<HouseholdCareRecord[]>
  /** Makes the household's record unless one exists (then false: read it and update on its version). */
  createCare: (care: HouseholdCareRecord) => Promise<boolean>
  /** Writes the changes on the version read (bumping it); false when another write came first. */
  updateCare: (care: HouseholdCareRecord) => Promise<boolean>
  /** Priority households (with tags), soonest due first: overdue ones lead. */
  priority: (gridId: string | null, cursor: string | null) => Promise<Page<HouseholdCareRecord>>
}

// ---- inspections (巡检) and figures ---------------------------------------------------------------------------------

export interface ChecklistStore {
  /** Insert with its `_id`; false when one with that `_id` exists (a retried create). */
  insert: (c: ChecklistRecord) => Promise<boolean>
  get: (id: string) => Promise<ChecklistRecord | null>
  /** Retire on the version read: false when it moved meanwhile (or was retired already). */
  retire: (id: string, version: number, now: Date) => Promise<boolean>
  /** A page of checklists, `_id` order: of one grid (null: all), the active ones only or all. */
  page: (q: { gridId: string | null; activeOnly: boolean; cursor: string | null }) => Promise<Page<ChecklistRecord>>
  /** Every active checklist (the reminder job; a community has tens). */
  allActive: () => Promise<ChecklistRecord[]>
}

export interface InspectionStore {
  /** Insert with its deterministic `_id`; false when this period's inspection exists. */
  insert: (i: InspectionRecord) => Promise<boolean>
  get: (id: string) => Promise<InspectionRecord | null>
  /** The inspections among these `_id`s (a page's checklists this period and the last). */
  some: (ids: readonly string[]) => Promise<InspectionRecord[]>
  /** reporting → done with its reports' ids; false when it was done already (a retry or the tick got there first). */
  finish: (id: string, results: InspectionRecord['results'], now: Date) => Promise<boolean>
  /** Inspections left `reporting` since before `before` (the tick finishes them). */
  halfDone: (before: Date) => Promise<InspectionRecord[]>
  /** Newest first: of one checklist, or (null) of one grid (null: all). */
  page: (q: {
    checklistId: string | null
    gridId: string | null
    cursor: string | null
  }) => Promise<Page<InspectionRecord>>
}

/** This community's grids and the people who inspect, as the checklists and inspections name them. */
export interface GridPlaces {
  /** The community's grids in order (8 or so). */
  grids: () => Promise<GridRecord[]>
  /** Name and roles by users._id (an inspector's surname with their role). */
  people: (ids: readonly string[]) => Promise<Map<string, { name: string; roles: string[] }>>
}

/** The month's figures, counted by the database (figures.repository.ts), never by loading every report. */
export interface FiguresSource {
  /** The reports made in [from, to), grouped by category, grid and state, with figures.rule.ts's sums at `now`. */
  groups: (from: Date, to: Date, now: Date) => Promise<FigureGroup[]>
  /** The open reports past a deadline at `now`, per grid. */
  overdue: (now: Date) => Promise<Array<{ gridId: string | null; count: number }>>
  /** How many reports were made in [from, to). */
  count: (from: Date, to: Date) => Promise<number>
  /** A page of the reports made in [from, to), oldest first. */
  page: (from: Date, to: Date, cursor: string | null, size: number) => Promise<Page<ReportRecord>>
  communityName: () => Promise<string>
}

export interface GridDeps {
  // ---- reports
  photos: PhotoStore
  reports: ReportStore
  directory: GridDirectory
  // ---- patrols
  patrols: PatrolStore
  roster: GridRoster
  // ---- visits
  visits: VisitStore
  households: HouseholdDirectory
  // ---- inspections and figures
  checklists: ChecklistStore
  inspections: InspectionStore
  places: GridPlaces
  figures: FiguresSource
  notify: NotifyPort
  contentCheck: ContentCheckPort
  audit: AuditPort
  clock: Clock
  newId: (prefix?: string) => string
}
