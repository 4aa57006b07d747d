/**
 * What the grid actions answer (the reply schemas of grid.contract.ts). The use cases build these shapes (instants as
 * Dates); the app reads them parsed (instants as ISO text, see replyInstant).
 */
import * as z from 'zod'
import { lazySchema } from '../shared/contract'
import { replyInstant } from '../shared/fields.schemas'
import { pageSchema } from '../shared/page'
import { confirmOutcomes, reportCategories, reportStates } from './grid.model'

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

// ---- household visits (走访) ----------------------------------------------------------------------------------------

// ---- inspections (巡检) and figures ---------------------------------------------------------------------------------
