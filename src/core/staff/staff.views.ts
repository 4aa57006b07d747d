/**
 * What the staff function answers, as zod schemas: the contract's replies (staff.contract.ts).
 * The use cases build these shapes and the app reads them; both take their types from here.
 */
import * as z from 'zod'
import { lazySchema } from '../shared/contract'
import { roles } from '../community/roles'

const iso = lazySchema(() => z.string())

export const menuItemView = lazySchema(() =>
  z.object({ key: z.string(), label: z.string(), hint: z.string(), page: z.string() })
)
export const menuView = lazySchema(() => z.object({ items: z.array(menuItemView), name: z.string().nullable() }))
export type MenuView = z.infer<typeof menuView>

export const gridOptionView = lazySchema(() => z.object({ gridId: z.string(), name: z.string() }))
export type GridOptionView = z.infer<typeof gridOptionView>

export const inviteView = lazySchema(() =>
  z.object({
    code: z.string(),
    role: z.string(),
    roleLabel: z.string(),
    name: z.string(),
    gridId: z.string().nullable(),
    expiresAt: iso
  })
)
export type InviteView = z.infer<typeof inviteView>

export const joinedView = lazySchema(() =>
  z.object({
    role: z.string(),
    roleLabel: z.string(),
    gridId: z.string().nullable(),
    name: z.string(),
    /** The community the role is held in (the app acts there next); null for a street role. */
    communityId: z.string().nullable()
  })
)
export type JoinedView = z.infer<typeof joinedView>

export const userView = lazySchema(() =>
  z.object({
    userId: z.string(),
    name: z.string(),
    roles: z.array(z.enum(roles)),
    roleLabels: z.array(z.string()),
    gridId: z.string().nullable(),
    phoneMasked: z.string().nullable()
  })
)
export type UserView = z.infer<typeof userView>

export const roleChangeView = lazySchema(() =>
  z.object({
    user: userView,
    /** false when the user already had (grant) or lacked (revoke) the role: nothing changed. */
    changed: z.boolean()
  })
)
export type RoleChangeView = z.infer<typeof roleChangeView>

export const auditView = lazySchema(() =>
  z.object({
    id: z.string(),
    at: iso,
    actor: z.string(),
    actorName: z.string().nullable(),
    action: z.string(),
    target: z.string(),
    reason: z.string().nullable(),
    onBehalfOf: z.string().nullable(),
    onBehalfOfName: z.string().nullable(),
    data: z.record(z.string(), z.unknown()).nullable(),
    /** The action and its target in words (audit-words.rule.ts): what the page shows. */
    actionText: z.string(),
    targetText: z.string()
  })
)
export type AuditView = z.infer<typeof auditView>

export const erasureStatus = lazySchema(() => z.enum(['pending', 'processing', 'done']))

export const myDataSectionView = lazySchema(() =>
  z.object({
    collection: z.string(),
    label: z.string(),
    count: z.number(),
    records: z.array(z.record(z.string(), z.unknown())),
    onDelete: z.enum(['delete', 'keep', 'anonymise']),
    why: z.string().nullable()
  })
)
export type MyDataSectionView = z.infer<typeof myDataSectionView>

export const myDataView = lazySchema(() =>
  z.object({
    generatedAt: iso,
    name: z.string().nullable(),
    sections: z.array(myDataSectionView),
    erasure: z.object({ status: erasureStatus, requestedAt: iso }).nullable()
  })
)
export type MyDataView = z.infer<typeof myDataView>
export const myDataFileView = lazySchema(() => myDataView.extend({ fileName: z.string() }))
export type MyDataFileView = z.infer<typeof myDataFileView>

export const erasureView = lazySchema(() =>
  z.object({
    userId: z.string(),
    name: z.string(),
    gridId: z.string().nullable(),
    status: erasureStatus,
    requestedAt: iso
  })
)
export type ErasureView = z.infer<typeof erasureView>

/** What an erasure did, per collection (counts only). */
export const erasureOutcomeView = lazySchema(() =>
  z.record(z.string(), z.object({ deleted: z.number(), anonymised: z.number(), kept: z.number() }))
)
export type ErasureOutcomeView = z.infer<typeof erasureOutcomeView>

export const exportKindView = lazySchema(() => z.object({ kind: z.string(), title: z.string() }))

export const exportJobView = lazySchema(() =>
  z.object({
    jobId: z.string(),
    kind: z.string(),
    title: z.string(),
    status: z.enum(['running', 'writing', 'done', 'failed']),
    total: z.number(),
    done: z.number(),
    /** 0–100 */
    percent: z.number(),
    fileName: z.string().nullable(),
    fileParts: z.number(),
    fileBytes: z.number()
  })
)
export type ExportJobView = z.infer<typeof exportJobView>

export const exportPartView = lazySchema(() =>
  z.object({ part: z.number(), parts: z.number(), fileName: z.string(), data: z.string() })
)

export const todoRowView = lazySchema(() =>
  z.object({
    key: z.string(),
    label: z.string(),
    count: z.number(),
    /** What to do there, in a few words. */
    hint: z.string(),
    page: z.string()
  })
)
export type TodoRowView = z.infer<typeof todoRowView>
export const todoView = lazySchema(() =>
  z.object({
    rows: z.array(todoRowView),
    /** The grid the queue is limited to (a grid worker's), else null. */
    gridId: z.string().nullable()
  })
)
export type TodoView = z.infer<typeof todoView>

export const metricView = lazySchema(() =>
  z.object({
    label: z.string(),
    /** null: nothing to compute from (shown as 暂无数据, never as 0). */
    value: z.number().nullable(),
    unit: z.string()
  })
)
export type MetricView = z.infer<typeof metricView>
export const barView = lazySchema(() => z.object({ label: z.string(), value: z.number() }))
export type BarView = z.infer<typeof barView>
export const dashboardSectionView = lazySchema(() =>
  z.object({
    key: z.string(),
    title: z.string(),
    /** false: the context's records don't exist here yet. */
    available: z.boolean(),
    metrics: z.array(metricView),
    /** A small chart: per grid or per outcome. */
    bars: z.array(barView),
    barsTitle: z.string()
  })
)
export type DashboardSectionView = z.infer<typeof dashboardSectionView>
export const dashboardView = lazySchema(() =>
  z.object({
    period: z.object({ kind: z.enum(['week', 'month']), label: z.string() }),
    gridId: z.string().nullable(),
    gridName: z.string().nullable(),
    sections: z.array(dashboardSectionView)
  })
)
export type DashboardView = z.infer<typeof dashboardView>

/** A community of the street, as the street workbench's pickers name it. */
export const streetCommunityView = lazySchema(() => z.object({ communityId: z.string(), name: z.string() }))
export type StreetCommunityView = z.infer<typeof streetCommunityView>

/** One community of the street as its staff's dashboard shows it (the whole community). */
export const communityDashboardView = lazySchema(() =>
  z.object({ communityId: z.string(), name: z.string(), sections: z.array(dashboardSectionView) })
)
export type CommunityDashboardView = z.infer<typeof communityDashboardView>
/** The street's workbench (街道工作台): every community side by side and the street's totals (issue 20). */
export const streetDashboardView = lazySchema(() =>
  z.object({
    period: z.object({ kind: z.enum(['week', 'month']), label: z.string() }),
    communities: z.array(communityDashboardView),
    /** The same figures over every community's records at once; each bar is a community. */
    totals: z.array(dashboardSectionView)
  })
)
export type StreetDashboardView = z.infer<typeof streetDashboardView>

export const surveyView = lazySchema(() =>
  z.object({
    surveyId: z.string(),
    title: z.string(),
    aspects: z.array(z.string()),
    opensOn: z.string(),
    closesOn: z.string()
  })
)
export type SurveyView = z.infer<typeof surveyView>
export const currentSurveyView = lazySchema(() => z.object({ survey: surveyView.nullable(), answered: z.boolean() }))
export type CurrentSurveyView = z.infer<typeof currentSurveyView>
export const gridResultView = lazySchema(() =>
  z.object({
    gridId: z.string(),
    gridName: z.string(),
    answers: z.number(),
    /** Average 1–5 per aspect, one decimal; null with no answers. */
    averages: z.array(z.number().nullable())
  })
)
export type GridResultView = z.infer<typeof gridResultView>
export const surveyResultsView = lazySchema(() =>
  z.object({
    survey: surveyView.nullable(),
    total: z.number(),
    overall: z.array(z.number().nullable()),
    grids: z.array(gridResultView)
  })
)
export type SurveyResultsView = z.infer<typeof surveyResultsView>
