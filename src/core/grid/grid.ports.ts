/**
 * What the grid use cases need from storage, the community and the platform. Every conditional write answers whether
 * it applied, so the use case decides what a lost race means.
 */
import type { ContentCheckPort } from '../notifications/content-check.ports'
import type { NotifyPort } from '../notifications/notify.ports'
import type { AuditPort } from '../shared/audit'
import type { Clock } from '../shared/clock'
import type { Page } from '../shared/page'
import type { PhotoStore } from '../shared/photo-store.ports'
import type { GridRecord } from '../community/community.model'
import type { FigureGroup } from './figures.rule'
import type { ChecklistRecord, InspectionRecord, ReportRecord } from './grid.model'

// ---- reports (随手拍/报事) ----------------------------------------------------------------------------------------

// ---- patrols (巡查) -------------------------------------------------------------------------------------------------

// ---- household visits (走访) ----------------------------------------------------------------------------------------

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
  /** reporting → done; false when it was done already (a retry or the tick got there first). */
  finish: (id: string, now: Date) => Promise<boolean>
  /** Inspections left `reporting` since before `before` (the tick finishes them). */
  halfDone: (before: Date) => Promise<InspectionRecord[]>
  /** Newest first: of one checklist, or (null) of one grid (null: all). */
  page: (q: {
    checklistId: string | null
    gridId: string | null
    cursor: string | null
  }) => Promise<Page<InspectionRecord>>
}

/** This community's places and grids, as the checklists name them. */
export interface GridPlaces {
  building: (id: string) => Promise<{ _id: string; name: string; gridId: string } | null>
  grid: (id: string) => Promise<GridRecord | null>
  grids: () => Promise<GridRecord[]>
  buildings: () => Promise<Array<{ _id: string; name: string; gridId: string }>>
  /** Display names by users._id (an inspector's surname with their role). */
  people: (ids: readonly string[]) => Promise<Map<string, { name: string; roles: string[] }>>
}

/**
 * Opening the report a failed item becomes. Until the reports slice's openReport (report.usecase.ts) is merged, the
 * report is stored here as a new 待受理 report of the checklist's grid, under a deterministic `_id`.
 */
export interface InspectionReports {
  /** Insert with its `_id`; false when it exists (a retry opened it already). */
  open: (r: ReportRecord) => Promise<boolean>
}

/** The month's figures, counted by the database (figures.repository.ts), never by loading every report. */
export interface FiguresSource {
  /** The reports made in [from, to), grouped by category, grid and state, with figures.rule.ts's sums at `now`. */
  groups: (from: Date, to: Date, now: Date) => Promise<FigureGroup[]>
  /** The open reports past a deadline at `now`, per grid. */
  overdue: (now: Date) => Promise<Array<{ gridId: string | null; count: number }>>
  /** How many reports were made in [from, to). */
  count: (from: Date, to: Date) => Promise<number>
  /** A page of the reports made in [from, to), oldest first, with their places' and grids' names. */
  page: (
    from: Date,
    to: Date,
    cursor: string | null,
    size: number
  ) => Promise<Page<{ report: ReportRecord; building: string | null; unit: string | null }>>
  communityName: () => Promise<string>
}

export interface GridDeps {
  // ---- reports
  photos: PhotoStore
  // ---- patrols
  // ---- visits
  // ---- inspections and figures
  checklists: ChecklistStore
  inspections: InspectionStore
  places: GridPlaces
  inspectionReports: InspectionReports
  figures: FiguresSource
  notify: NotifyPort
  contentCheck: ContentCheckPort
  audit: AuditPort
  clock: Clock
  newId: (prefix?: string) => string
}
