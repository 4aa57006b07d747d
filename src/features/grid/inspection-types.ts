/** The inspection and figures views as the app holds them (parsed replies: instants as ISO text). */
import type { ReplyOf } from '@/core/shared/contract'
import type { gridContract } from '@/core/grid/grid.contract'

export type DueRow = ReplyOf<typeof gridContract.dueInspections>['items'][number]
export type ChecklistRow = ReplyOf<typeof gridContract.checklists>['items'][number]
export type InspectionFormData = ReplyOf<typeof gridContract.inspectionForm>
export type InspectionResult = ReplyOf<typeof gridContract.recordInspection>
export type ChecklistOptions = ReplyOf<typeof gridContract.checklistOptions>
export type Figures = ReplyOf<typeof gridContract.gridFigures>
export type GeoReportChunk = ReplyOf<typeof gridContract.open311Requests>
