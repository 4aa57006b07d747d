/**
 * What the grid use cases need from storage, the community and the platform. Every conditional write answers whether
 * it applied, so the use case decides what a lost race means.
 */
import type { ContentCheckPort } from '../notifications/content-check.ports'
import type { NotifyPort } from '../notifications/notify.ports'
import type { AuditPort } from '../shared/audit'
import type { Clock } from '../shared/clock'
import type { PhotoStore } from '../shared/photo-store.ports'
import type { Page } from '../shared/page'
import type { GridRecord, HouseholdRecord, UserRecord } from '../community/community.model'
import type { HouseholdCareRecord, PatrolRecord, VisitRecord, VisitFollowUp } from './grid.model'

// ---- reports (随手拍/报事) ----------------------------------------------------------------------------------------

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

export interface GridDeps {
  // ---- reports
  photos: PhotoStore
  // ---- patrols
  patrols: PatrolStore
  roster: GridRoster
  // ---- visits
  visits: VisitStore
  households: HouseholdDirectory
  // ---- inspections and figures
  notify: NotifyPort
  contentCheck: ContentCheckPort
  audit: AuditPort
  clock: Clock
  newId: (prefix?: string) => string
}
