/** The report views as the app holds them (parsed replies: instants as ISO text). */
import type { ReplyOf } from '@/core/shared/contract'
import type { gridContract } from '@/core/grid/grid.contract'

export type ReportView = ReplyOf<typeof gridContract.getReport>
export type ReportRowView = ReplyOf<typeof gridContract.myReports>['items'][number]
export type ReportOptions = ReplyOf<typeof gridContract.reportOptions>
export type NearbyItem = ReplyOf<typeof gridContract.nearbyReports>['items'][number]
