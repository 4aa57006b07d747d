/**
 * Reports as Open311 GeoReport v2 service requests, for a district platform (区级平台) that reads the standard.
 * The fields are those of the spec's "GET Service Requests" response (wiki.open311.org/GeoReport_v2, "GET Service
 * Requests" › Response): service_request_id, status (open | closed), status_notes, service_name, service_code,
 * description, agency_responsible, service_notice, requested_datetime, updated_datetime, expected_datetime, address,
 * address_id, zipcode, lat, long, media_url. Date-times are ISO 8601 with their offset (the spec's "Date/time
 * format": "Timezone information … must be included"), here Shanghai's +08:00.
 * What we leave out, and why:
 * - lat/long: Linli knows a building or a point on the community's plan (平面图), never a coordinate; a plan point
 *   is no latitude, so none is invented;
 * - media_url: photos are private to those who handle the report and their URLs expire within hours
 *   (photo-store.ports.ts), so no lasting public URL exists to give;
 * - address_id, zipcode, service_notice: nothing of ours means them;
 * - a hidden report (不公开)'s words: the resident chose that other people don't read them, and the platform may
 *   publish what it receives; its category, place and times still count.
 * Never the reporter: GeoReport's request has no field for them, and none is added.
 */
import type { ReportRecord, ReportState } from './grid.model'
import { categoryRules, reportStateLabels } from './grid.model'

export interface GeoReportRequest {
  service_request_id: string
  status: 'open' | 'closed'
  status_notes: string
  service_name: string
  service_code: string
  description: string
  agency_responsible: string
  requested_datetime: string
  updated_datetime: string
  expected_datetime?: string
  address: string
}

const CLOSED: readonly ReportState[] = ['closed', 'merged', 'withdrawn']
const OFFSET_MS = 8 * 3600_000

/** `2026-12-01T09:00:00+08:00`: the Shanghai wall time with its offset. */
export function isoShanghai(d: Date): string {
  return `${new Date(new Date(d).getTime() + OFFSET_MS).toISOString().slice(0, 19)}+08:00`
}

/** Where and whose, as names (the report's building and unit names, the grid's), resolved by the caller. */
export interface Open311Names {
  community: string
  grid: string | null
  /** The report's place as the app shows it: 3栋2单元 · 楼道 (never a door number). */
  place: string
}

const HIDDEN_WORDS = '（居民选择不公开，内容未导出）'

/** What the status says beyond open/closed: the state, and how it closed when that matters. */
export function statusNotes(
  r: Pick<ReportRecord, 'state' | 'closedUnconfirmed' | 'confirmation' | 'mergedInto'>
): string {
  if (r.state === 'closed') {
    if (r.closedUnconfirmed) return '已办结：居民未确认，等待期满自动办结'
    if (r.confirmation === 'partly') return '已办结：居民确认部分解决'
    return '已办结：居民确认已解决'
  }
  if (r.state === 'merged') return `已合并到 ${r.mergedInto ?? ''}`.trim()
  return reportStateLabels[r.state]
}

export function agencyOf(r: Pick<ReportRecord, 'passedTo'>, names: Pick<Open311Names, 'community' | 'grid'>): string {
  if (r.passedTo?.kind === 'department') return r.passedTo.name
  if (r.passedTo?.kind === 'juwei') return `${names.community}居委会`
  if (!names.grid) return names.community
  return `${names.community} ${names.grid.endsWith('网格') ? names.grid : `${names.grid}网格`}`
}

export function toGeoReport(r: ReportRecord, names: Open311Names): GeoReportRequest {
  const closed = CLOSED.includes(r.state)
  return {
    service_request_id: r._id,
    status: closed ? 'closed' : 'open',
    status_notes: statusNotes(r),
    service_name: categoryRules[r.category].label,
    service_code: r.category,
    description: r.hidden ? HIDDEN_WORDS : r.description,
    agency_responsible: agencyOf(r, names),
    requested_datetime: isoShanghai(r.createdAt),
    updated_datetime: isoShanghai(r.updatedAt),
    // The promise (solve deadline) while it is open; a closed request expects nothing more.
    ...(closed ? {} : { expected_datetime: isoShanghai(r.solveBy) }),
    address: [names.community, names.place].filter(Boolean).join(' ')
  }
}
