import type { Role } from '../community/roles'
import type { Untold } from '../shared/half-done'

/**
 * The grid at work (网格: 人到格中去、事在网中办): residents' problem reports (随手拍/报事) routed to their building's
 * grid worker, patrols (巡查), household visits (走访) and scheduled inspections (巡检). Records as stored; every one
 * also carries `communityId`, stamped by the database layer (src/server/db/community-scope.ts).
 */

// ---- reports (随手拍/报事) ----------------------------------------------------------------------------------------

/** What a resident can report, in the order the picker shows them. */
export const reportCategories = [
  'hygiene',
  'clutter',
  'illegal_building',
  'parking',
  'facility',
  'noise',
  'safety',
  'dispute',
  'other'
] as const
export type ReportCategory = (typeof reportCategories)[number]

/**
 * Each category's name and deadlines: accept within `acceptHours` (首问负责: someone owns it), solve within
 * `solveHours` of the report. A safety hazard (a blocked fire exit) can't wait a day; a dispute takes talks.
 * Deadlines past due escalate (report-deadline.rule.ts).
 */
export const categoryRules: Record<ReportCategory, { label: string; acceptHours: number; solveHours: number }> = {
  hygiene: { label: '环境卫生', acceptHours: 4, solveHours: 48 },
  clutter: { label: '乱堆乱放', acceptHours: 4, solveHours: 72 },
  illegal_building: { label: '违章搭建', acceptHours: 24, solveHours: 15 * 24 },
  parking: { label: '停车', acceptHours: 4, solveHours: 48 },
  facility: { label: '设施损坏', acceptHours: 4, solveHours: 72 },
  noise: { label: '噪音', acceptHours: 4, solveHours: 48 },
  safety: { label: '安全隐患', acceptHours: 1, solveHours: 24 },
  dispute: { label: '邻里纠纷', acceptHours: 24, solveHours: 7 * 24 },
  other: { label: '其他', acceptHours: 24, solveHours: 7 * 24 }
}

/**
 * A report's life (report.machine.ts):
 * submitted → accepted (the first handler owns it) → passed (handed to the 居委 or a department; the owner follows it)
 * → resolved (the owner says it is done) → closed (the reporter confirmed, or the wait ran out: counted apart).
 * The reporter answering "not solved" sends it back to accepted (reopened, reopenCount + 1).
 * merged: a duplicate folded into another report; withdrawn: the reporter took it back before anyone acted.
 */
export const reportStates = ['submitted', 'accepted', 'passed', 'resolved', 'closed', 'merged', 'withdrawn'] as const
export type ReportState = (typeof reportStates)[number]

export const reportStateLabels: Record<ReportState, string> = {
  submitted: '待受理',
  accepted: '处理中',
  passed: '已转办',
  resolved: '待确认',
  closed: '已办结',
  merged: '已合并',
  withdrawn: '已撤回'
}

/** Who a report is passed to (转办): the residents' committee (居委) or a named department (城管, 物业, 房管…). */
export type HandOff = { kind: 'juwei' } | { kind: 'department'; name: string }

/** The reporter's answer to "is it solved?" (unsolved reopens the report). */
export const confirmOutcomes = ['solved', 'partly', 'unsolved'] as const
export type ConfirmOutcome = (typeof confirmOutcomes)[number]

/** A point on the community's plan (平面图), as fractions of its width and height from the top left. */
export interface PlanPoint {
  x: number
  y: number
}

/** Where the problem is: a building (and unit) of this community, a point on its plan, and words for the rest. */
export interface ReportPlace {
  buildingId: string | null
  unitId: string | null
  point: PlanPoint | null
  /** e.g. 北门停车场, 3栋楼道 */
  text: string
  /** Building, unit and words together as lists show them (3栋2单元 · 楼道), made once when the report opens. */
  label: string
}

/** One step of a report's timeline, as the reporter sees it. */
export interface ReportStep {
  at: Date
  kind:
    | 'submitted'
    | 'accepted'
    | 'passed'
    | 'note'
    | 'resolved'
    | 'confirmed'
    | 'reopened'
    | 'closed'
    | 'escalated'
    | 'merged'
    | 'withdrawn'
    | 'rated'
    | 'followed'
  /** The role that acted (网格员, 社工, 居民, 系统), never a staff member's private details. */
  by: string
  /** What was said, shown to the reporter. */
  note: string
  /** `users._id` of who made the step (never shown); null for the system. */
  byUserId: string | null
  /** The call's requestId: its retry is answered with what it made (isRetryOf), not refused. */
  requestId: string | null
}

export interface ReportRecord {
  _id: string
  category: ReportCategory
  description: string
  /** CloudBase storage fileIDs (core/shared/photo-store.ports.ts), at most 3. */
  photos: string[]
  /** The owner's photos of the fix (处理后), at most 3. */
  afterPhotos: string[]
  place: ReportPlace
  /** The grid of the report's building, null when only a point or words say where (then staff route it). */
  gridId: string | null
  /** That grid's name as it was when the report opened (read with the report, not looked up again). */
  gridName: string | null
  /** Hidden from other residents (匿名/不公开): only the reporter and those who handle it see it. */
  hidden: boolean
  reporterUserId: string
  /** Residents who said "me too" (已有人报告) and follow it; they are told as the reporter is. */
  followerUserIds: string[]
  state: ReportState
  /** `users._id` of the first handler, who owns it to the end (首问负责). */
  ownerUserId: string | null
  /** The owner as the reporter sees them: role and surname (网格员 王老师), set on accept. */
  ownerLabel: string | null
  passedTo: HandOff | null
  acceptBy: Date
  solveBy: Date
  /** How far a report not accepted by acceptBy has escalated: 0 none, 1 staff told, 2 admins told. */
  escalation: number
  /** Whether a report not solved by solveBy was escalated (owner and staff told): 0 none, 1 told. */
  solveEscalation: number
  steps: ReportStep[]
  reopenCount: number
  confirmation: ConfirmOutcome | null
  /** Closed by the wait running out, not by the reporter: counted apart in the figures. */
  closedUnconfirmed: boolean
  rating: { stars: number; note: string } | null
  mergedInto: string | null
  /** The patrol (巡查) or inspection (巡检) it was found on. */
  patrolId: string | null
  inspectionId: string | null
  createdAt: Date
  acceptedAt: Date | null
  resolvedAt: Date | null
  closedAt: Date | null
  updatedAt: Date
  /** Bumped by every move: a move applies only to the version it read (conditional update). */
  version: number
  /** The request (or the patrol's or inspection's key) that opened it: its retry finds this report. */
  requestId: string | null
  /** The last move's audit entry and notices, still owed (half-done.ts); null once followed through. */
  untold: Untold | null
}

// ---- patrols (巡查) -------------------------------------------------------------------------------------------------

/** The plan: every grid worker patrols an hour a day (每天巡查一小时). */
export const PATROL_PLAN_MINUTES_PER_DAY = 60
/**
 * A patrol left open this long is closed by the job (grid.jobs.ts) and counts this long at most: a worker who forgot
 * to tap 结束巡查 does not earn a night's patrol time, and no patrol runs across days unnoticed.
 */
export const PATROL_CAP_MINUTES = 4 * 60

/** One patrol of a grid worker (巡查): started, then finished by them or closed at the cap. */
export interface PatrolRecord {
  _id: string
  workerUserId: string
  /** The worker's name when they started, for staff's board and the ledger. */
  workerName: string
  /** The grid the worker looked after when they started (null: not yet given one). */
  gridId: string | null
  startedAt: Date
  endedAt: Date | null
  /** Minutes counted (capped at PATROL_CAP_MINUTES), 0 while open. */
  minutes: number
  /**
   * The worker's userId while open, the patrol's own `_id` once closed. A unique index on it (grid.collections.ts)
   * makes "one open patrol per worker" hold however many starts arrive at once: the second insert is refused and
   * answers the open one (patrol.repository.ts).
   */
  openKey: string
  /** Who closed it: the worker (结束巡查) or the job at the cap (超时自动结束); null while open. */
  closedBy: 'worker' | 'cap' | null
  /** The worker's words on finishing (what they saw), optional. */
  note: string
  /** The start request that made it: a retried start answers it. */
  requestId: string | null
  updatedAt: Date
}

// ---- household visits (走访) ----------------------------------------------------------------------------------------

/** Why a grid worker called (走访目的), in the order the form offers them; 其他 asks for words. */
export const visitPurposes = ['routine', 'care', 'policy', 'verify', 'dispute', 'other'] as const
export type VisitPurpose = (typeof visitPurposes)[number]

export const visitPurposeLabels: Record<VisitPurpose, string> = {
  routine: '日常走访',
  care: '关爱慰问',
  policy: '政策宣传',
  verify: '信息核实',
  dispute: '矛盾调解',
  other: '其他'
}

/**
 * Priority households (重点户), tagged by staff, seen by staff and grid workers only (never residents): each tag is
 * visited on its own cadence, the shortest of a household's tags wins (visit-cadence.rule.ts).
 */
export const priorityTags = ['alone_elder', 'dibao', 'disabled', 'child_in_need', 'other'] as const
export type PriorityTag = (typeof priorityTags)[number]

export const priorityTagRules: Record<PriorityTag, { label: string; everyDays: number; cadence: string }> = {
  alone_elder: { label: '独居老人', everyDays: 7, cadence: '每周' },
  dibao: { label: '低保', everyDays: 30, cadence: '每月' },
  disabled: { label: '残疾', everyDays: 30, cadence: '每月' },
  child_in_need: { label: '困境儿童', everyDays: 14, cadence: '每两周' },
  other: { label: '其他', everyDays: 30, cadence: '每月' }
}

/** A follow-up promised on a visit (跟进事项): a task on the worker's list until done. */
export interface VisitFollowUp {
  note: string
  /** Shanghai date `YYYY-MM-DD` it is due by. */
  dueDate: string
  doneAt: Date | null
  doneBy: string | null
}

/** One household visit (走访) by a grid worker (or staff standing in). */
export interface VisitRecord {
  _id: string
  householdId: string
  gridId: string
  workerUserId: string
  workerName: string
  purpose: VisitPurpose
  /** Words for 其他 (and a short label otherwise blank). */
  purposeText: string
  notes: string
  at: Date
  followUp: VisitFollowUp | null
  /** A follow-up not yet done: the task list reads by it (index followUpOpen + gridId + followUpDueAt). */
  followUpOpen: boolean
  /** The start of the follow-up's due Shanghai day (null without one), the task list's order. */
  followUpDueAt: Date | null
  requestId: string | null
  updatedAt: Date
  /** Bumped by each change of the follow-up: a change applies only to the version it read. */
  version: number
}

/**
 * What the grid knows of a household beyond the community's record: its priority tags (set by staff) and its last
 * visit. `_id` = the household's `_id` (one per household, made on its first tag or visit).
 */
export interface HouseholdCareRecord {
  _id: string
  householdId: string
  gridId: string
  tags: PriorityTag[]
  /** Staff's words on the tags (e.g. 子女在外地), staff and grid workers only. */
  tagNote: string
  lastVisitAt: Date | null
  /** When the next visit is due by its cadence (start of the due Shanghai day); null without tags. */
  dueAt: Date | null
  tagsBy: string | null
  updatedAt: Date
  /** Bumped by each write: a visit and a tag edit at once both apply (conditional update on the version read). */
  version: number
}

// ---- inspections (巡检) ---------------------------------------------------------------------------------------------

/**
 * How often a checklist is run (巡检周期), on the Shanghai calendar: weekly (Monday to Sunday, e.g. 卫生), monthly
 * (e.g. 环境), quarterly (e.g. 安全). One inspection per checklist per period (inspection-period.rule.ts).
 */
export const inspectionCadences = ['weekly', 'monthly', 'quarterly'] as const
export type InspectionCadence = (typeof inspectionCadences)[number]

export const cadenceLabels: Record<InspectionCadence, string> = {
  weekly: '每周',
  monthly: '每月',
  quarterly: '每季度'
}

/** One thing to check; when it fails it becomes a report of `category` (a blocked fire exit: 安全隐患). */
export interface ChecklistItem {
  /** Stable within the checklist (i1, i2 …): results and reports name the item by it. */
  key: string
  text: string
  category: ReportCategory
}

/**
 * Where a checklist is run: a building of this community, or a named place that is no building (地下车库, 北门广场).
 * Either way it belongs to one grid, whose worker runs it: a building's own grid, or the grid staff chose.
 */
export interface InspectionPlace {
  buildingId: string | null
  /** The building's name, or the place's (e.g. 地下车库). */
  name: string
}

/** A checklist (巡检表) staff define for one place and cadence. */
export interface ChecklistRecord {
  _id: string
  title: string
  cadence: InspectionCadence
  place: InspectionPlace
  gridId: string
  items: ChecklistItem[]
  /** Retired checklists are kept for their past inspections but no longer fall due. */
  active: boolean
  createdBy: string
  /** The requestId of the call that created it: a retried create answers with it (isRetryOf). */
  requestId: string | null
  createdAt: Date
  updatedAt: Date
  /** Bumped by every edit: an edit applies only to the version it read (conditional update). */
  version: number
}

/** One item's result: passed, or failed with what was seen; a failed item's report once it is opened. */
export interface InspectionItemResult {
  key: string
  text: string
  category: ReportCategory
  passed: boolean
  note: string
  reportId: string | null
}

/**
 * One run of a checklist in one period. `_id` is `${checklistId}:${periodKey}`: a second record of the same period
 * (a retry, a double tap, a colleague on another phone) meets the first instead of making another.
 * `reporting`: the results are stored and the failed items' reports are still being opened (a stop in between is
 * finished by the retry or by the grid tick, see inspection.usecase.ts); `done`: every failed item has its report.
 */
export interface InspectionRecord {
  _id: string
  checklistId: string
  title: string
  cadence: InspectionCadence
  periodKey: string
  gridId: string
  place: InspectionPlace
  results: InspectionItemResult[]
  state: 'reporting' | 'done'
  inspectorUserId: string
  /** The inspector's roles then: the reports are opened in their name, by the tick too. */
  inspectorRoles: Role[]
  requestId: string | null
  inspectedAt: Date
  updatedAt: Date
}
