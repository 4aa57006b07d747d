/**
 * What the grid actions answer (the reply schemas of grid.contract.ts). The use cases build these shapes (instants as
 * Dates); the app reads them parsed (instants as ISO text, see replyInstant).
 */
import * as z from 'zod'
import { lazySchema } from '../shared/contract'
import { replyInstant } from '../shared/fields.schemas'
import { pageSchema } from '../shared/page'
import {
  confirmOutcomes,
  inspectionCadences,
  priorityTags,
  reportCategories,
  reportStates,
  visitPurposes
} from './grid.model'

const when = lazySchema(() => replyInstant())

// ---- reports (随手拍/报事) ----------------------------------------------------------------------------------------

/** What the report form offers: the categories with their promised times, and this community's buildings. */
export const reportOptionsView = lazySchema(() =>
  z.object({
    categories: z.array(
      z.object({
        key: z.enum(reportCategories),
        label: z.string(),
        /** Plain words for the resident, e.g. 4 小时内受理，2 天内处理. */
        promise: z.string()
      })
    ),
    buildings: z.array(
      z.object({ id: z.string(), name: z.string(), units: z.array(z.object({ id: z.string(), name: z.string() })) })
    ),
    /** The caller's own building, preselected. */
    homeBuildingId: z.string().nullable(),
    /** The community's plan (平面图) to point at, when staff have put one up. */
    planUrl: z.string().nullable(),
    /**
     * The community the report is for: the phone files its photos under photos/<communityId>/… (photo-store.ports.ts
     * photoCloudPath) and knows no other way to name it when it never chose one (community-choice.ts: null).
     */
    communityId: z.string()
  })
)

const placeView = lazySchema(() =>
  z.object({
    buildingId: z.string().nullable(),
    unitId: z.string().nullable(),
    point: z.object({ x: z.number(), y: z.number() }).nullable(),
    /** Building, unit and words together, e.g. 3栋2单元 · 楼道 (never a door number). */
    label: z.string()
  })
)

/** One report in a list. */
export const reportRow = lazySchema(() =>
  z.object({
    id: z.string(),
    category: z.enum(reportCategories),
    categoryLabel: z.string(),
    /** The description's first words. */
    summary: z.string(),
    placeLabel: z.string(),
    state: z.enum(reportStates),
    stateLabel: z.string(),
    createdAt: when,
    overdue: z.boolean(),
    photoCount: z.number(),
    /** The first photo's short-lived URL (lists of the reporter and of handlers only). */
    thumbUrl: z.string().nullable()
  })
)
export const reportPage = lazySchema(() => pageSchema(reportRow))

/** One report, whole, as the reporter, a follower or a handler sees it. */
export const reportView = lazySchema(() =>
  z.object({
    id: z.string(),
    category: z.enum(reportCategories),
    categoryLabel: z.string(),
    description: z.string(),
    /** The reporter's photos (short-lived URLs); `id` is the fileID for its reporter only, else a stand-in. */
    photos: z.array(z.object({ id: z.string(), url: z.string().nullable() })),
    /** The owner's photos of the fix (处理后), shown like `photos`. */
    afterPhotos: z.array(z.object({ id: z.string(), url: z.string().nullable() })),
    place: placeView,
    gridName: z.string().nullable(),
    hidden: z.boolean(),
    state: z.enum(reportStates),
    stateLabel: z.string(),
    /** Who owns it (首问负责), by role and surname only, e.g. 网格员 王老师. */
    ownerLabel: z.string().nullable(),
    passedToLabel: z.string().nullable(),
    acceptBy: when,
    solveBy: when,
    overdue: z.boolean(),
    steps: z.array(z.object({ at: when, kind: z.string(), by: z.string(), note: z.string() })),
    reopenCount: z.number(),
    confirmation: z.enum(confirmOutcomes).nullable(),
    closedUnconfirmed: z.boolean(),
    rating: z.object({ stars: z.number(), note: z.string() }).nullable(),
    mergedInto: z.string().nullable(),
    createdAt: when,
    /** How the caller stands to it: its reporter, a follower (我也遇到), a handler, or staff. */
    relation: z.enum(['reporter', 'follower', 'handler', 'staff', 'resident']),
    /** The reporter, for those who handle it: name masked, phone to the owner only (to call back). */
    reporter: z.object({ name: z.string(), phone: z.string().nullable() }).nullable(),
    /** What the caller may do next (report.machine.ts), so the screen shows only buttons that work. */
    can: z.array(z.enum(['accept', 'pass', 'note', 'resolve', 'merge', 'confirm', 'rate', 'withdraw', 'follow']))
  })
)

export type ReportOptionsView = z.input<typeof reportOptionsView>
export type ReportRowView = z.input<typeof reportRow>
export type ReportView = z.input<typeof reportView>

/** "已有人报告": open reports of the same kind near the place, newest first (a hidden one shows no words). */
export const nearbyView = lazySchema(() =>
  z.object({
    items: z.array(
      z.object({
        id: z.string(),
        categoryLabel: z.string(),
        summary: z.string(),
        placeLabel: z.string(),
        stateLabel: z.string(),
        createdAt: when,
        followers: z.number()
      })
    )
  })
)

export type NearbyView = z.input<typeof nearbyView>

// ---- patrols (巡查) -------------------------------------------------------------------------------------------------

/** One patrol, as its worker sees it. */
export const patrolView = lazySchema(() =>
  z.object({
    id: z.string(),
    startedAt: when,
    endedAt: when.nullable(),
    open: z.boolean(),
    /** Counted minutes (0 while open). */
    minutes: z.number(),
    /** Closed by the job at the cap (超时自动结束), not by the worker. */
    closedByCap: z.boolean(),
    note: z.string()
  })
)
export const patrolPage = lazySchema(() => pageSchema(patrolView))

/** The worker's patrol screen: the open patrol, and today's and this month's time against the plan. */
export const patrolStatusView = lazySchema(() =>
  z.object({
    open: patrolView.nullable(),
    todayMinutes: z.number(),
    /** The plan of a day (每天巡查一小时). */
    dayPlanMinutes: z.number(),
    monthMinutes: z.number(),
    /** The plan of the month up to today. */
    monthPlanMinutes: z.number(),
    monthLabel: z.string(),
    /** After this long an open patrol is closed by itself. */
    capMinutes: z.number()
  })
)

/** Staff's board: each grid's worker and their patrol time in a Shanghai month. */
export const patrolBoardView = lazySchema(() =>
  z.object({
    month: z.string(),
    monthLabel: z.string(),
    /** The month's plan for one worker: so far for the running month, whole for a past one. */
    planMinutes: z.number(),
    items: z.array(
      z.object({
        gridId: z.string(),
        gridName: z.string(),
        workerName: z.string().nullable(),
        minutes: z.number(),
        patrols: z.number(),
        /** Patrols closed at the cap: forgotten, counted at most the cap. */
        capped: z.number()
      })
    ),
    cursor: z.string().nullable()
  })
)

// ---- household visits (走访) ----------------------------------------------------------------------------------------

const tagView = lazySchema(() => z.object({ key: z.enum(priorityTags), label: z.string() }))

/**
 * A household as a grid worker or staff sees it: its door in full for the household's own grid worker, masked
 * (3栋2单元) for everyone else (design.md, PIPL).
 */
export const householdRow = lazySchema(() =>
  z.object({
    householdId: z.string(),
    door: z.string(),
    gridId: z.string(),
    gridName: z.string(),
    tags: z.array(tagView),
    tagNote: z.string(),
    lastVisitAt: when.nullable(),
    visitedThisQuarter: z.boolean()
  })
)
export const householdPage = lazySchema(() => pageSchema(householdRow))

/** A priority household (重点户) with its cadence and when it is due. */
export const priorityRow = lazySchema(() =>
  z.object({
    householdId: z.string(),
    door: z.string(),
    gridName: z.string(),
    tags: z.array(tagView),
    tagNote: z.string(),
    /** e.g. 每周 (the shortest of its tags'). */
    cadence: z.string(),
    lastVisitAt: when.nullable(),
    /** e.g. 12月7日 周一 */
    dueLabel: z.string(),
    due: z.enum(['overdue', 'today', 'soon'])
  })
)
export const priorityPage = lazySchema(() => pageSchema(priorityRow))

/** One visit, with its follow-up (跟进事项) when one was promised. */
export const visitView = lazySchema(() =>
  z.object({
    id: z.string(),
    householdId: z.string(),
    door: z.string(),
    purpose: z.enum(visitPurposes),
    purposeLabel: z.string(),
    notes: z.string(),
    at: when,
    workerName: z.string(),
    followUp: z
      .object({
        note: z.string(),
        dueDate: z.string(),
        dueLabel: z.string(),
        done: z.boolean(),
        overdue: z.boolean()
      })
      .nullable(),
    /** The caller may mark the follow-up done or undone (the household's grid worker, staff). */
    canFollowUp: z.boolean()
  })
)
export const visitPage = lazySchema(() => pageSchema(visitView))

/** A household's page before logging a visit: who, its tags, and its visits so far. */
export const householdCareView = lazySchema(() =>
  z.object({
    household: householdRow,
    cadence: z.string().nullable(),
    dueLabel: z.string().nullable(),
    /** The caller may log a visit here (its own grid worker, staff) and set its tags (staff). */
    canVisit: z.boolean(),
    canTag: z.boolean()
  })
)

// ---- inspections (巡检) and figures ---------------------------------------------------------------------------------

/** What the checklist form offers: buildings (with their grid), grids, cadences, categories and ready-made lists. */
export const checklistOptionsView = lazySchema(() =>
  z.object({
    buildings: z.array(z.object({ id: z.string(), name: z.string(), gridId: z.string() })),
    grids: z.array(z.object({ id: z.string(), name: z.string() })),
    cadences: z.array(z.object({ key: z.enum(inspectionCadences), label: z.string() })),
    categories: z.array(z.object({ key: z.enum(reportCategories), label: z.string() })),
    /** 每周卫生 / 每月环境 / 每季度安全, to start from. */
    templates: z.array(
      z.object({
        title: z.string(),
        cadence: z.enum(inspectionCadences),
        items: z.array(z.object({ text: z.string(), category: z.enum(reportCategories) }))
      })
    )
  })
)

export const checklistView = lazySchema(() =>
  z.object({
    id: z.string(),
    title: z.string(),
    cadence: z.enum(inspectionCadences),
    cadenceLabel: z.string(),
    placeLabel: z.string(),
    gridId: z.string(),
    gridName: z.string().nullable(),
    items: z.array(z.object({ key: z.string(), text: z.string(), categoryLabel: z.string() })),
    active: z.boolean(),
    version: z.number(),
    createdAt: when
  })
)
export const checklistPage = lazySchema(() => pageSchema(checklistView))

const periodView = lazySchema(() =>
  z.object({
    key: z.string(),
    /** e.g. 11月30日—12月6日, 2026年12月, 2026年第4季度 */
    label: z.string(),
    /** Days left in it, today counted (its last day: 1). */
    daysLeft: z.number()
  })
)

/** One of the worker's checklists and where it stands this period (应检 / 快到期 / 已检), and the last one missed. */
export const dueRow = lazySchema(() =>
  z.object({
    checklistId: z.string(),
    title: z.string(),
    cadenceLabel: z.string(),
    placeLabel: z.string(),
    gridName: z.string().nullable(),
    period: periodView,
    status: z.enum(['due', 'soon', 'done']),
    inspectionId: z.string().nullable(),
    /** The previous period's label when it owed an inspection and none was made (上期漏检). */
    missed: z.string().nullable()
  })
)
export const duePage = lazySchema(() => pageSchema(dueRow))

export const inspectionView = lazySchema(() =>
  z.object({
    id: z.string(),
    checklistId: z.string(),
    title: z.string(),
    periodLabel: z.string(),
    placeLabel: z.string(),
    gridName: z.string().nullable(),
    inspectedAt: when,
    /** By role and surname, e.g. 网格员 王老师. */
    inspectorLabel: z.string(),
    results: z.array(
      z.object({
        key: z.string(),
        text: z.string(),
        categoryLabel: z.string(),
        passed: z.boolean(),
        note: z.string(),
        /** The report the failure became. */
        reportId: z.string().nullable()
      })
    ),
    failed: z.number(),
    /** Reports still being opened (a stop in between; the grid's tick finishes it). */
    reporting: z.boolean()
  })
)
export const inspectionPage = lazySchema(() => pageSchema(inspectionView))

/** The worker's form: the checklist, this period, and this period's inspection when it is already done. */
export const inspectionFormView = lazySchema(() =>
  z.object({ checklist: checklistView, period: periodView, done: inspectionView.nullable() })
)

const rateView = lazySchema(() => z.object({ num: z.number(), den: z.number(), percent: z.number().nullable() }))

/** The honest figures of a month (figures.rule.ts says what each means). */
export const figuresView = lazySchema(() =>
  z.object({
    month: z.string(),
    /** e.g. 2026年12月 */
    monthLabel: z.string(),
    reports: z.number(),
    /** Merged duplicates and withdrawn reports: shown, in no rate. */
    notCounted: z.number(),
    byCategory: z.array(z.object({ key: z.enum(reportCategories), label: z.string(), count: z.number() })),
    byState: z.array(z.object({ key: z.enum(reportStates), label: z.string(), count: z.number() })),
    byGrid: z.array(
      z.object({ gridId: z.string().nullable(), name: z.string(), count: z.number(), overdueNow: z.number() })
    ),
    response: rateView,
    resolution: rateView,
    reopen: rateView.extend({ reopens: z.number() }),
    satisfaction: z.object({ averageStars: z.number().nullable(), rated: rateView }),
    closed: z.number(),
    solved: z.number(),
    partly: z.number(),
    /** Closed because the wait for the reporter ran out: never counted as solved. */
    closedUnconfirmed: z.number(),
    overdueNow: z.number(),
    /** When these were counted (overdue is "now"). */
    countedAt: when
  })
)

/** One GeoReport v2 service request (open311.rule.ts). */
export const geoReportRequest = lazySchema(() =>
  z.object({
    service_request_id: z.string(),
    status: z.enum(['open', 'closed']),
    status_notes: z.string(),
    service_name: z.string(),
    service_code: z.string(),
    description: z.string(),
    agency_responsible: z.string(),
    requested_datetime: z.string(),
    updated_datetime: z.string(),
    expected_datetime: z.string().optional(),
    address: z.string()
  })
)

/** A chunk of a month's reports as GeoReport v2 requests, oldest first; `cursor` asks for the next. */
export const open311View = lazySchema(() =>
  z.object({
    month: z.string(),
    /** How many reports the month has in all (for the progress). */
    total: z.number(),
    requests: z.array(geoReportRequest),
    cursor: z.string().nullable()
  })
)
