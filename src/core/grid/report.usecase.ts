/**
 * Residents' reports (随手拍/报事), routed to the worker of their building's grid and owned to the end (首问负责).
 *
 * Every move is ONE conditional update on (state, version) (ReportStore.move), so two racing moves can't both
 * apply: of two workers accepting at once exactly one owns the report, the other is told who does (REPORT_TAKEN).
 *
 * A move (and the opening itself) is followed by its audit entry and its notices. A stop in between must lose
 * neither, and the move can't simply be made again (the state has changed), so, as care requests do
 * (care-request.usecase.ts), the move's own write stores `untold` (the audit entry still owed) and the step names
 * who made it and the call's requestId. Then audit (keyed) and notices (keyed), then a conditional write clears
 * `untold`. Whatever stopped is finished by the caller's retry with the same requestId (answered with the report,
 * not CONFLICT), by the next move of the report (before its own), or by the `tick` job after HALF_DONE_AFTER_MS;
 * the keys make a repeat tell and audit nobody twice.
 */
import type { Caller } from '../community/caller'
import { NO_GRID, gridScope, hasAnyRole, inGridScope } from '../community/caller'
import { maskName } from '../community/mask-name'
import { roleLabels, policies } from '../community/roles'
import { communityIdFor } from '../community/street.rule'
import { contentRejected } from '../notifications/content-check.ports'
import type { AuditEntry } from '../shared/audit'
import { halfDoneBefore } from '../shared/half-done'
import type { Page } from '../shared/page'
import type { CallInfo, Result } from '../shared/wire'
import { fail, isRetryOf, ok } from '../shared/wire'
import type { GridRecord } from '../community/community.model'
import type { HandOff, ReportCategory, ReportPlace, ReportRecord, ReportStep } from './grid.model'
import { categoryRules, reportCategories, reportStateLabels } from './grid.model'
import type { GridDeps } from './grid.ports'
import type {
  ConfirmReportInput,
  NearbyInput,
  PassReportInput,
  RateReportInput,
  ReportPlaceInput,
  ReportQueueInput,
  ResolveReportInput,
  SubmitReportInput
} from './grid.schemas'
import type { NearbyView, ReportOptionsView, ReportRowView, ReportView } from './grid.views'
import {
  acceptEscalationDue,
  confirmWaitOver,
  CONFIRM_WAIT_MS,
  deadlinesOf,
  isOverdue,
  promiseOf
} from './report-deadline.rule'
import {
  firstAllowed,
  openReportStates,
  reportCan,
  type ReportActor,
  type ReportEvent,
  type ReportMachineError
} from './report.machine'

/** A use case called without the router (a script, a test, another slice): no requestId to answer a retry by. */
const direct: CallInfo = { requestId: null }

const DAY_MS = 24 * 60 * 60 * 1000
/** "已有人报告" looks back this far. */
export const NEARBY_DAYS = 14
/** Two plan points this close (a fraction of the plan's width or height) are "near". */
export const NEARBY_DISTANCE = 0.08

const notFound = '没有找到这条报告，可能已被撤回'

// ---- opening a report -------------------------------------------------------------------------------------------

/** What a report says, whoever opens it: a resident's form, a patrol's find (巡查), a failed inspection item (巡检). */
export interface ReportDraft {
  category: ReportCategory
  description: string
  photos: string[]
  place: ReportPlaceInput
  hidden: boolean
  patrolId?: string | null
  inspectionId?: string | null
}

export type OpenCode = 'PLACE_UNKNOWN' | 'PHOTO_INVALID' | 'CONTENT_REJECTED'

/**
 * Opens a report: checks the place is this community's (PLACE_UNKNOWN else), the photos (PHOTO_INVALID) and the
 * words (CONTENT_REJECTED), routes it to its building's grid, stores it, then audits it and tells the grid's worker
 * (or the 社工 when it has no grid). The one way a report comes to be: submitReport calls it for a resident; a patrol
 * (patrolId) and an inspection (inspectionId, `key` per failed item) call it for what they find.
 *
 * Once per key: `key` (else the call's requestId) makes the report's id, so a retry, or an inspection saved twice,
 * answers the report already made instead of making a second. Without either, every call makes a new one.
 */
export async function openReport(
  deps: GridDeps,
  draft: ReportDraft,
  opener: Caller,
  call: CallInfo = direct,
  key: string | null = null
): Promise<Result<ReportRecord, OpenCode>> {
  const onceBy = key ?? call.requestId
  const id = onceBy ? reportIdFor(opener, onceBy) : deps.newId('rpt')
  const made = onceBy ? await deps.reports.get(id) : null
  if (made) return ok(await followThrough(deps, made))
  const place = await placeOf(deps, draft.place)
  if (!place.ok) return place
  const problem = draft.photos.length
    ? await deps.photos.check(draft.photos, { openId: opener.openId, communityId: opener.communityId })
    : null
  if (problem) return fail('PHOTO_INVALID', problem.message)
  const words = [draft.description, draft.place.text].filter(Boolean).join('\n')
  if (!(await deps.contentCheck.check(words, opener.openId)).pass) return fail('CONTENT_REJECTED', contentRejected)
  const now = deps.clock.now()
  const step: ReportStep = {
    at: now,
    kind: 'submitted',
    by: byLabel(opener, draft.patrolId || draft.inspectionId ? 'handler' : 'reporter'),
    note: draft.patrolId ? '巡查发现，已上报' : draft.inspectionId ? '巡检发现，已上报' : '已提交',
    byUserId: opener.openId,
    requestId: onceBy
  }
  const report: ReportRecord = {
    _id: id,
    category: draft.category,
    description: draft.description,
    photos: draft.photos,
    afterPhotos: [],
    place: place.value.place,
    gridId: place.value.gridId,
    gridName: place.value.grid?.name ?? null,
    hidden: draft.hidden,
    reporterUserId: opener.openId,
    followerUserIds: [],
    state: 'submitted',
    ownerUserId: null,
    ownerLabel: null,
    passedTo: null,
    ...deadlinesOf(draft.category, now),
    escalation: 0,
    solveEscalation: 0,
    steps: [step],
    reopenCount: 0,
    confirmation: null,
    closedUnconfirmed: false,
    rating: null,
    mergedInto: null,
    patrolId: draft.patrolId ?? null,
    inspectionId: draft.inspectionId ?? null,
    createdAt: now,
    acceptedAt: null,
    resolvedAt: null,
    closedAt: null,
    updatedAt: now,
    version: 0,
    requestId: onceBy,
    untold: {
      at: now,
      audit: {
        actor: opener.openId,
        action: 'grid.report-submit',
        target: `grid_reports/${id}`,
        key: `grid-report:${id}:1`,
        data: { category: draft.category, gridId: place.value.gridId, patrolId: draft.patrolId ?? null }
      }
    }
  }
  // Lost to a concurrent call with the same key (the router lets only one run; a takeover after a stop may not):
  // answer what that call made.
  if (!(await deps.reports.create(report))) {
    const other = await deps.reports.get(id)
    if (other) return ok(await followThrough(deps, other))
  }
  return ok(await followThrough(deps, report))
}

/** The id of the report `opener` opens once per `key` (a requestId, an inspection item): the same every time. */
const reportIdFor = (opener: Caller, key: string): string => `rpt-${communityIdFor(opener.openId, key)}`

/** The place checked against this community (building, and unit of that building), with its grid and label. */
async function placeOf(
  deps: GridDeps,
  input: ReportPlaceInput
): Promise<Result<{ place: ReportPlace; gridId: string | null; grid: GridRecord | null }, 'PLACE_UNKNOWN'>> {
  const text = input.text.trim()
  const base = { buildingId: input.buildingId, unitId: input.unitId, point: input.point, text }
  if (!input.buildingId) {
    return ok({ place: { ...base, label: text || '平面图上标注的位置' }, gridId: null, grid: null })
  }
  const [building, unit] = await Promise.all([
    deps.directory.building(input.buildingId),
    input.unitId ? deps.directory.unit(input.unitId) : Promise.resolve(null)
  ])
  if (!building) return fail('PLACE_UNKNOWN', '没有找到这栋楼，请在本社区的楼栋里重新选择')
  if (input.unitId && unit?.buildingId !== building._id) {
    return fail('PLACE_UNKNOWN', '这个单元不在所选楼栋里，请重新选择单元')
  }
  const where = `${building.name}${unit ? unit.name : ''}`
  const grid = await deps.directory.grid(building.gridId)
  return ok({ place: { ...base, label: text ? `${where} · ${text}` : where }, gridId: building.gridId, grid })
}

// ---- the form ---------------------------------------------------------------------------------------------------

export async function reportOptions(
  deps: GridDeps,
  _input: unknown,
  caller: Caller
): Promise<Result<ReportOptionsView, never>> {
  const [buildings, homeBuildingId] = await Promise.all([
    deps.directory.buildings(),
    deps.directory.homeBuildingId(caller.householdId)
  ])
  return ok({
    categories: reportCategories.map(key => ({ key, label: categoryRules[key].label, promise: promiseOf(key) })),
    buildings: buildings.map(({ building, units }) => ({
      id: building._id,
      name: building.name,
      units: units.map(u => ({ id: u._id, name: u.name }))
    })),
    homeBuildingId,
    // No plan yet: staff put one up in a later release; the form then offers the point.
    planUrl: null,
    // The phone files the report's photos under this community (photo-store.ports.ts photoCloudPath).
    communityId: caller.communityId
  })
}

/** "已有人报告": open reports of the same category in the same building, or near the same plan point, lately. */
export async function nearbyReports(
  deps: GridDeps,
  input: NearbyInput,
  caller: Caller
): Promise<Result<NearbyView, 'PLACE_UNKNOWN'>> {
  const { buildingId, point } = input.place
  if (buildingId && !(await deps.directory.building(buildingId))) {
    return fail('PLACE_UNKNOWN', '没有找到这栋楼，请在本社区的楼栋里重新选择')
  }
  if (!buildingId && !point) return ok({ items: [] })
  const since = new Date(deps.clock.now().getTime() - NEARBY_DAYS * DAY_MS)
  const found = await deps.reports.nearby(input.category, since, buildingId)
  const near = found.filter(
    r =>
      buildingId !== null ||
      (r.place.point !== null &&
        point !== null &&
        Math.hypot(r.place.point.x - point.x, r.place.point.y - point.y) <= NEARBY_DISTANCE)
  )
  return ok({
    items: near.map(r => {
      // Another resident's hidden report is counted, never read: no words of it, only where and when.
      const words = !r.hidden || r.reporterUserId === caller.openId
      return {
        id: r._id,
        categoryLabel: categoryRules[r.category].label,
        summary: words ? summaryOf(r.description) : '',
        placeLabel: words ? r.place.label : placeOnly(r.place),
        stateLabel: reportStateLabels[r.state],
        createdAt: r.createdAt,
        followers: r.followerUserIds.length
      }
    })
  })
}

// ---- submitting and following -----------------------------------------------------------------------------------

export async function submitReport(
  deps: GridDeps,
  input: SubmitReportInput,
  caller: Caller,
  call: CallInfo = direct
): Promise<Result<ReportView, OpenCode | 'NOT_FOUND' | 'FORBIDDEN'>> {
  // Only the caller's own patrol, still open, may be named (巡查发现): a retry finds its report before this.
  if (input.patrolId) {
    if (!hasAnyRole(caller, policies.workbench)) return fail('FORBIDDEN', '只有网格员在巡查中可以关联巡查记录')
    const open = await deps.patrols.openPatrolOf(caller.openId, input.patrolId)
    const made = !open && call.requestId ? await deps.reports.get(reportIdFor(caller, call.requestId)) : null
    if (!open && !made) return fail('NOT_FOUND', '这次巡查已经结束或不是您的，请不关联巡查再提交')
  }
  const opened = await openReport(deps, { ...input, inspectionId: null }, caller, call)
  if (!opened.ok) return opened
  return ok(await viewFor(deps, opened.value, caller))
}

/** 我也遇到: a resident with the same problem follows the report, told of every step as its reporter is. */
export async function followReport(
  deps: GridDeps,
  input: { reportId: string },
  caller: Caller,
  call: CallInfo = direct
): Promise<Result<ReportView, MoveCode>> {
  const r = await deps.reports.get(input.reportId)
  if (!r) return fail('NOT_FOUND', notFound)
  // Following twice is following: answer the report as it is.
  if (r.reporterUserId === caller.openId || r.followerUserIds.includes(caller.openId)) {
    return ok(await viewFor(deps, r, caller))
  }
  if (r.hidden && !actorsOf(caller, r).some(a => a === 'handler' || a === 'staff')) {
    return fail('NOT_FOUND', notFound)
  }
  return await move(deps, caller, r, 'follow', call, () => ({
    patch: { followerUserIds: [...r.followerUserIds, caller.openId] }
  }))
}

// ---- lists ------------------------------------------------------------------------------------------------------

/** The caller's own reports and those they follow, newest first. */
export async function myReports(
  deps: GridDeps,
  input: { cursor: string | null },
  caller: Caller
): Promise<Result<Page<ReportRowView>, never>> {
  const page = await deps.reports.mine(caller.openId, input.cursor)
  return ok(await rowsOf(deps, page, true))
}

/** The community's reports (小事快办 board): not the hidden ones, reporters never named, no photos. */
export async function communityReports(
  deps: GridDeps,
  input: { cursor: string | null },
  _caller: Caller
): Promise<Result<Page<ReportRowView>, never>> {
  const page = await deps.reports.visible(input.cursor)
  return ok(await rowsOf(deps, page, false))
}

/** The workbench: 待受理 / 我负责 / 已超时 / 已办结 / 全部, within the caller's grid (gridScope). */
export async function reportQueue(
  deps: GridDeps,
  input: ReportQueueInput,
  caller: Caller
): Promise<Result<Page<ReportRowView>, never>> {
  const scope = gridScope(caller)
  if (scope === NO_GRID && input.view !== 'mine') return ok({ items: [], cursor: null })
  const page = await deps.reports.queue(
    input.view,
    scope === NO_GRID ? null : scope,
    caller.openId,
    deps.clock.now(),
    input.cursor
  )
  return ok(await rowsOf(deps, page, true))
}

async function rowsOf(deps: GridDeps, page: Page<ReportRecord>, thumbs: boolean): Promise<Page<ReportRowView>> {
  const now = deps.clock.now()
  // One URL call for the whole page (the first photo of each), none for the community's board.
  const firsts = thumbs ? page.items.filter(r => r.photos.length).map(r => r.photos[0]) : []
  const urls = firsts.length ? await deps.photos.urls(firsts) : []
  const urlOf = new Map(firsts.map((id, i) => [id, urls[i] ?? null]))
  return {
    items: page.items.map(r => ({
      id: r._id,
      category: r.category,
      categoryLabel: categoryRules[r.category].label,
      summary: summaryOf(r.description),
      placeLabel: r.place.label,
      state: r.state,
      stateLabel: reportStateLabels[r.state],
      createdAt: r.createdAt,
      overdue: isOverdue(r, now),
      photoCount: r.photos.length,
      thumbUrl: r.photos.length ? (urlOf.get(r.photos[0]) ?? null) : null
    })),
    cursor: page.cursor
  }
}

// ---- one report -------------------------------------------------------------------------------------------------

/**
 * One report as this caller may see it: its reporter, followers, handlers of its grid and staff see it whole;
 * another resident only a report not hidden, without its reporter.
 */
export async function getReport(
  deps: GridDeps,
  input: { reportId: string },
  caller: Caller
): Promise<Result<ReportView, 'NOT_FOUND' | 'FORBIDDEN'>> {
  const r = await deps.reports.get(input.reportId)
  if (!r) return fail('NOT_FOUND', notFound)
  const actors = actorsOf(caller, r)
  if (actors.length === 1 && actors[0] === 'resident' && r.hidden) {
    return fail('FORBIDDEN', '这条报告报告人选择了不公开，只有报告人和处理人员能看到')
  }
  return ok(await viewFor(deps, r, caller))
}

/** What this caller is to this report, most acting first; several can hold (a 社工 who owns it). */
export function actorsOf(caller: Caller, r: ReportRecord): ReportActor[] {
  const list: ReportActor[] = []
  if (r.ownerUserId === caller.openId) list.push('owner')
  if (hasAnyRole(caller, policies.staff)) list.push('staff')
  if (caller.roles.includes('grid_worker') && inGridScope(caller, r.gridId)) list.push('handler')
  if (r.reporterUserId === caller.openId) list.push('reporter')
  else if (r.followerUserIds.includes(caller.openId)) list.push('follower')
  // 我也遇到 is a resident's: those who handle it are not "another resident".
  else if (!list.length) list.push('resident')
  return list
}

async function viewFor(deps: GridDeps, r: ReportRecord, caller: Caller): Promise<ReportView> {
  const actors = actorsOf(caller, r)
  const relation: ReportView['relation'] =
    actors.includes('owner') || actors.includes('handler')
      ? 'handler'
      : actors.includes('staff')
        ? 'staff'
        : actors.includes('reporter')
          ? 'reporter'
          : actors.includes('follower')
            ? 'follower'
            : 'resident'
  const handles = relation === 'handler' || relation === 'staff'
  // Another resident (a non-hidden report) sees what it is about, not the photos, which may show people.
  const seesPhotos = relation !== 'resident'
  const all = seesPhotos ? [...r.photos, ...r.afterPhotos] : []
  const [urls, reporter] = await Promise.all([
    all.length ? deps.photos.urls(all) : Promise.resolve([]),
    handles ? reporterOf(deps, r, actors.includes('owner')) : Promise.resolve(null)
  ])
  // A fileID is handed only to its uploader (photo-store.ports.ts): others get a stand-in id.
  const photoList = (ids: string[], offset: number, uploader: string | null) =>
    ids.map((id, i) => ({
      id: uploader === caller.openId ? id : `${r._id}-${offset + i + 1}`,
      url: urls[offset + i] ?? null
    }))
  const now = deps.clock.now()
  return {
    id: r._id,
    category: r.category,
    categoryLabel: categoryRules[r.category].label,
    description: r.description,
    photos: seesPhotos ? photoList(r.photos, 0, r.reporterUserId) : [],
    afterPhotos: seesPhotos ? photoList(r.afterPhotos, r.photos.length, r.ownerUserId) : [],
    place: {
      buildingId: r.place.buildingId,
      unitId: r.place.unitId,
      point: r.place.point,
      label: r.place.label
    },
    gridName: r.gridName,
    hidden: r.hidden,
    state: r.state,
    stateLabel: reportStateLabels[r.state],
    ownerLabel: r.ownerLabel,
    passedToLabel: r.passedTo ? handOffLabel(r.passedTo) : null,
    acceptBy: r.acceptBy,
    solveBy: r.solveBy,
    overdue: isOverdue(r, now),
    steps: r.steps.map(s => ({ at: s.at, kind: s.kind, by: s.by, note: s.note })),
    reopenCount: r.reopenCount,
    confirmation: r.confirmation,
    closedUnconfirmed: r.closedUnconfirmed,
    rating: r.rating,
    mergedInto: r.mergedInto,
    createdAt: r.createdAt,
    relation,
    reporter,
    can: reportCan(r.state, actors, r.rating !== null)
  }
}

/** The reporter as a handler sees them: the name masked; the phone to the owner only, to call back. */
async function reporterOf(
  deps: GridDeps,
  r: ReportRecord,
  owner: boolean
): Promise<{ name: string; phone: string | null } | null> {
  const user = await deps.directory.user(r.reporterUserId)
  if (!user) return { name: '居民', phone: null }
  let phone = owner ? user.phone : null
  if (owner && !phone && user.memberId) phone = (await deps.directory.member(user.memberId))?.phone ?? null
  return { name: maskName(user.name), phone }
}

// ---- moves ------------------------------------------------------------------------------------------------------

/** Why a move can't be made: no such report, the machine refuses it, or another move came first. */
export type MoveCode = 'NOT_FOUND' | 'CONFLICT' | ReportMachineError

/** The report to act on, or NOT_FOUND in plain words. */
async function withReport<C extends string>(
  deps: GridDeps,
  id: string,
  act: (r: ReportRecord) => Promise<Result<ReportView, C>>
): Promise<Result<ReportView, C | 'NOT_FOUND'>> {
  const r = await deps.reports.get(id)
  return r ? await act(r) : fail('NOT_FOUND', notFound)
}

/** Whether this call already made a step of the report: its retry, to be finished and answered, not refused. */
const isRetry = (r: ReportRecord, caller: Caller, call: CallInfo): boolean =>
  r.steps.some(s => isRetryOf(call, caller.openId, s, s.byUserId ?? ''))

/** A move's own fields and the words added to its step. */
type Extra = (r: ReportRecord, now: Date) => { patch: Partial<ReportRecord>; note?: string }
const none: Extra = () => ({ patch: {} })

/**
 * One move of the machine by a caller on the report as read; `extra` adds the event's own fields. A retry of the
 * very call that made it (same requestId) is finished and answered, not refused.
 */
async function move(
  deps: GridDeps,
  caller: Caller,
  r: ReportRecord,
  event: ReportEvent,
  call: CallInfo,
  extra: Extra = none
): Promise<Result<ReportView, MoveCode>> {
  if (isRetry(r, caller, call)) return ok(await viewFor(deps, await followThrough(deps, r), caller))
  const allowed = firstAllowed(r.state, event, actorsOf(caller, r))
  if (!allowed.ok) return allowed
  const { row, actor } = allowed.value
  const now = deps.clock.now()
  const more = extra(r, now)
  const step: ReportStep = {
    at: now,
    kind: row.step,
    by: byLabel(caller, actor),
    note: more.note ? `${row.label}：${more.note}` : row.label,
    // A follower is named only in followerUserIds, which erasure pulls; following twice is following anyway.
    byUserId: event === 'follow' ? null : caller.openId,
    requestId: event === 'follow' ? null : call.requestId
  }
  const moved = await apply(deps, r, row.to, step, more.patch, {
    actor: caller.openId,
    action: `grid.report-${event.replace('_', '-')}`,
    target: `grid_reports/${r._id}`,
    data: { from: r.state, to: row.to, as: actor }
  })
  if (!moved) return fail('CONFLICT', '这条报告刚刚有了变化，请刷新后再试')
  return ok(await viewFor(deps, moved, caller))
}

/**
 * Stores a move (conditional on the state and version read) with its audit entry owed, then follows it through.
 * An earlier move not yet followed through is finished first, before this one replaces `untold`. null: lost.
 */
async function apply(
  deps: GridDeps,
  r: ReportRecord,
  to: ReportRecord['state'],
  step: ReportStep,
  patch: Partial<ReportRecord>,
  audit: AuditEntry
): Promise<ReportRecord | null> {
  await followThrough(deps, r)
  const full: Partial<ReportRecord> = {
    ...patch,
    state: to,
    version: r.version + 1,
    updatedAt: step.at,
    // The audit entry's _id is its key: no '.' in it, as paths into stored documents split at dots.
    untold: { at: step.at, audit: { ...audit, key: `grid-report:${r._id}:${r.steps.length + 1}` } }
  }
  if (!(await deps.reports.move(r._id, r.state, r.version, full, step))) return null
  return await followThrough(deps, { ...r, ...full, steps: [...r.steps, step] })
}

/**
 * The audit entry and notices of the report's last step, if still owed, then `untold` cleared (only at that
 * version). Repeatable: the audit entry and the notices are keyed by the step.
 */
async function followThrough(deps: GridDeps, r: ReportRecord): Promise<ReportRecord> {
  if (!r.untold) return r
  await deps.audit.record(r.untold.audit)
  await tell(deps, r)
  await deps.reports.markTold(r._id, r.version)
  return { ...r, untold: null }
}

/** Timer: moves stored but not followed through (the call stopped and nobody retried), once that call surely ended. */
export async function finishUntoldReports(deps: GridDeps, now: Date): Promise<{ finished: number }> {
  const stale = await deps.reports.untold(halfDoneBefore(now), 100)
  for (const r of stale) await followThrough(deps, r)
  return { finished: stale.length }
}

/** 首问负责: the first handler to accept owns the report; of two at once exactly one, the other is told who. */
export async function acceptReport(
  deps: GridDeps,
  input: { reportId: string },
  caller: Caller,
  call: CallInfo = direct
): Promise<Result<ReportView, MoveCode | 'REPORT_TAKEN'>> {
  const r = await deps.reports.get(input.reportId)
  if (!r) return fail('NOT_FOUND', notFound)
  const res = await move(deps, caller, r, 'accept', call, (_r, now) => ({
    patch: { ownerUserId: caller.openId, ownerLabel: ownerLabelOf(caller), acceptedAt: now },
    note: ownerLabelOf(caller)
  }))
  if (res.ok || (res.code !== 'CONFLICT' && res.code !== 'INVALID_TRANSITION')) return res
  // Lost the race, or came after it: say who owns it now (the owner's own second tap just sees it).
  const now = await deps.reports.get(input.reportId)
  if (now?.ownerUserId === caller.openId) return ok(await viewFor(deps, now, caller))
  if (now?.ownerUserId) {
    return fail('REPORT_TAKEN', `这条报告已由${now.ownerLabel ?? '其他工作人员'}受理，由他负责到底`, {
      ownerLabel: now.ownerLabel
    })
  }
  return res
}

/** 转办: to the 居委 or a named department; the owner keeps it and follows it up. */
export async function passReport(
  deps: GridDeps,
  input: PassReportInput,
  caller: Caller,
  call: CallInfo = direct
): Promise<Result<ReportView, MoveCode>> {
  return await withReport(deps, input.reportId, async r => {
    const to: HandOff = input.kind === 'juwei' ? { kind: 'juwei' } : { kind: 'department', name: input.name }
    const words = [handOffLabel(to), input.note].filter(Boolean).join('，')
    return await move(deps, caller, r, 'pass', call, () => ({ patch: { passedTo: to }, note: words }))
  })
}

export async function noteReport(
  deps: GridDeps,
  input: { reportId: string; note: string },
  caller: Caller,
  call: CallInfo = direct
): Promise<Result<ReportView, MoveCode | 'CONTENT_REJECTED'>> {
  return await withReport(deps, input.reportId, async r => {
    if (!(await deps.contentCheck.check(input.note, caller.openId)).pass)
      return fail('CONTENT_REJECTED', contentRejected)
    return await move(deps, caller, r, 'note', call, () => ({ patch: {}, note: input.note }))
  })
}

/** The owner says it is done (with photos of the fix): the reporter is asked to confirm. */
export async function resolveReport(
  deps: GridDeps,
  input: ResolveReportInput,
  caller: Caller,
  call: CallInfo = direct
): Promise<Result<ReportView, MoveCode | 'PHOTO_INVALID' | 'CONTENT_REJECTED'>> {
  return await withReport(deps, input.reportId, async r => {
    if (!isRetry(r, caller, call)) {
      const problem = input.photos.length
        ? await deps.photos.check(input.photos, { openId: caller.openId, communityId: caller.communityId })
        : null
      if (problem) return fail('PHOTO_INVALID', problem.message)
      if (!(await deps.contentCheck.check(input.note, caller.openId)).pass) {
        return fail('CONTENT_REJECTED', contentRejected)
      }
    }
    return await move(deps, caller, r, 'resolve', call, (_r, now) => ({
      patch: { resolvedAt: now, afterPhotos: input.photos },
      note: input.note
    }))
  })
}

/**
 * A duplicate folded into another open report of this community: its reporter and followers follow the other
 * from now on (and are told so on the duplicate).
 */
export async function mergeReport(
  deps: GridDeps,
  input: { reportId: string; intoId: string },
  caller: Caller,
  call: CallInfo = direct
): Promise<Result<ReportView, MoveCode>> {
  const [r, into] = await Promise.all([deps.reports.get(input.reportId), deps.reports.get(input.intoId)])
  if (!r || !into) return fail('NOT_FOUND', notFound)
  if (!isRetry(r, caller, call) && !openReportStates.includes(into.state)) {
    return fail('INVALID_TRANSITION', `要合并到的报告已「${reportStateLabels[into.state]}」，请选一条还在处理的报告`)
  }
  const res = await move(deps, caller, r, 'merge', call, () => ({
    patch: { mergedInto: into._id },
    note: `${into.place.label}的${categoryRules[into.category].label}报告`
  }))
  if (!res.ok) return res
  await addFollowers(deps, into._id, [r.reporterUserId, ...r.followerUserIds], caller, call)
  return res
}

/**
 * Adds people to a report's followers, one conditional update on the version read (retried on a lost race). A
 * retry of the merge finds them already there and adds nothing.
 */
async function addFollowers(
  deps: GridDeps,
  id: string,
  people: string[],
  caller: Caller,
  call: CallInfo
): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const into = await deps.reports.get(id)
    if (!into) return
    const added = people.filter(p => p !== into.reporterUserId && !into.followerUserIds.includes(p))
    if (!added.length) return
    const step: ReportStep = {
      at: deps.clock.now(),
      kind: 'merged',
      by: byLabel(caller, actorsOf(caller, into)[0]),
      note: '合并了一条相同问题的报告',
      byUserId: caller.openId,
      requestId: call.requestId
    }
    const moved = await apply(
      deps,
      into,
      into.state,
      step,
      { followerUserIds: [...into.followerUserIds, ...added] },
      {
        actor: caller.openId,
        action: 'grid.report-merged-in',
        target: `grid_reports/${into._id}`,
        data: { followersAdded: added.length }
      }
    )
    if (moved) return
  }
}

/** The reporter answers "is it solved?": solved or partly solved closes it; not solved reopens it to its owner. */
export async function confirmReport(
  deps: GridDeps,
  input: ConfirmReportInput,
  caller: Caller,
  call: CallInfo = direct
): Promise<Result<ReportView, MoveCode>> {
  return await withReport(deps, input.reportId, async r => {
    const said = { solved: '已解决', partly: '部分解决', unsolved: '未解决' }[input.outcome]
    const note = input.note ? `${said}，${input.note}` : said
    if (input.outcome === 'unsolved') {
      return await move(deps, caller, r, 'reopen', call, (_r, now) => ({
        patch: {
          reopenCount: r.reopenCount + 1,
          confirmation: 'unsolved',
          resolvedAt: null,
          // A fresh solve window from now, so the reopened report can escalate again.
          solveBy: new Date(now.getTime() + categoryRules[r.category].solveHours * 60 * 60 * 1000),
          solveEscalation: 0
        },
        note: input.note || undefined
      }))
    }
    return await move(deps, caller, r, 'confirm', call, (_r, now) => ({
      patch: { confirmation: input.outcome, closedAt: now },
      note
    }))
  })
}

export async function rateReport(
  deps: GridDeps,
  input: RateReportInput,
  caller: Caller,
  call: CallInfo = direct
): Promise<Result<ReportView, MoveCode>> {
  return await withReport(deps, input.reportId, async r => {
    if (r.rating && !isRetry(r, caller, call)) return fail('INVALID_TRANSITION', '您已经评价过了，谢谢')
    return await move(deps, caller, r, 'rate', call, () => ({
      patch: { rating: { stars: input.stars, note: input.note } },
      note: `${input.stars} 星${input.note ? `，${input.note}` : ''}`
    }))
  })
}

/** The reporter takes it back, while nobody has accepted it yet. */
export async function withdrawReport(
  deps: GridDeps,
  input: { reportId: string; reason: string },
  caller: Caller,
  call: CallInfo = direct
): Promise<Result<ReportView, MoveCode>> {
  return await withReport(deps, input.reportId, async r => {
    if (r.state !== 'submitted' && r.reporterUserId === caller.openId && !isRetry(r, caller, call)) {
      return fail('INVALID_TRANSITION', '已经有人在处理了，不能撤回；如果问题已不存在，可以在处理完成后确认')
    }
    return await move(deps, caller, r, 'withdraw', call, (_r, now) => ({
      patch: { closedAt: now },
      note: input.reason || undefined
    }))
  })
}

// ---- the jobs ---------------------------------------------------------------------------------------------------

const system = { openId: 'system:grid-reports', by: '系统' }

/** A move made by the timer (escalate, close unconfirmed); false when a person's move came first. */
async function systemMove(
  deps: GridDeps,
  r: ReportRecord,
  event: 'escalate' | 'close_unconfirmed',
  now: Date,
  patch: Partial<ReportRecord>,
  note: string
): Promise<boolean> {
  const allowed = firstAllowed(r.state, event, ['system'])
  if (!allowed.ok) return false
  const step: ReportStep = {
    at: now,
    kind: allowed.value.row.step,
    by: system.by,
    note,
    byUserId: null,
    requestId: null
  }
  const moved = await apply(deps, r, allowed.value.row.to, step, patch, {
    actor: system.openId,
    action: `grid.report-${event.replace('_', '-')}`,
    target: `grid_reports/${r._id}`,
    reason: note,
    data: { state: r.state, ...patch }
  })
  return moved !== null
}

/**
 * Overdue escalation, each level once (the level is stored by the same conditional move): not accepted by acceptBy
 * → the 社工 are told, a further accept window later the admins; not solved by solveBy → the owner and the 社工.
 */
export async function escalateOverdueReports(deps: GridDeps, now: Date): Promise<{ escalated: number }> {
  let escalated = 0
  for (const r of await deps.reports.acceptOverdue(now, 2)) {
    const level = acceptEscalationDue(r, now)
    if (level <= r.escalation) continue
    const words = level === 2 ? '超时仍未受理，已报社区负责人督办' : '超时未受理，已提醒社工督办'
    if (await systemMove(deps, r, 'escalate', now, { escalation: level }, words)) escalated++
  }
  for (const r of await deps.reports.solveOverdue(now)) {
    if (r.solveEscalation > 0 || !isOverdue(r, now)) continue
    if (await systemMove(deps, r, 'escalate', now, { solveEscalation: 1 }, '超过处理时限，已提醒负责人和社工')) {
      escalated++
    }
  }
  return { escalated }
}

/** A resolved report the reporter never answered closes after CONFIRM_WAIT_MS, counted apart (closedUnconfirmed). */
export async function closeUnconfirmedReports(deps: GridDeps, now: Date): Promise<{ closed: number }> {
  let closed = 0
  for (const r of await deps.reports.resolvedBefore(new Date(now.getTime() - CONFIRM_WAIT_MS))) {
    if (!confirmWaitOver(r, now)) continue
    const patch = { closedUnconfirmed: true, closedAt: now }
    if (await systemMove(deps, r, 'close_unconfirmed', now, patch, '7 天未确认，自动办结')) closed++
  }
  return { closed }
}

// ---- notices ----------------------------------------------------------------------------------------------------

const reportLink = (id: string): string => `/pages/grid/report-detail?id=${id}`
const queueLink = '/pages/grid/report-queue'

/**
 * Tells whoever a report's last step concerns: its reporter and followers of every step (not of their own), the
 * grid's worker (or the 社工) of a new report, the owner of a reopen, staff, admins and the owner of an escalation.
 */
async function tell(deps: GridDeps, r: ReportRecord): Promise<void> {
  const step = r.steps[r.steps.length - 1]
  const key = `grid.report:${r._id}:${r.steps.length}`
  const label = categoryRules[r.category].label
  const sends: Array<Promise<void>> = []
  const send = (to: string, kind: string, title: string, body: string, link: string) =>
    sends.push(
      deps.notify.notify({
        to,
        kind,
        key: `${key}:${to}`,
        title,
        body,
        link,
        template: 'status',
        status: reportStateLabels[r.state]
      })
    )
  if (step.kind === 'submitted') {
    for (const to of await routedTo(deps, r)) {
      send(to, 'grid.report-new', `新的居民报告：${label}`, `${r.place.label}：${summaryOf(r.description)}`, queueLink)
    }
    return void (await Promise.all(sends))
  }
  const watchers = [r.reporterUserId, ...r.followerUserIds].filter(p => p !== step.byUserId)
  // A follow is news to nobody but the handlers' count.
  if (step.kind !== 'followed') {
    for (const to of watchers) {
      send(
        to,
        'grid.report-status',
        `您的报告：${reportStateLabels[r.state]}`,
        `${label}，${step.note}`,
        reportLink(r._id)
      )
    }
  }
  if (step.kind === 'reopened' && r.ownerUserId) {
    send(
      r.ownerUserId,
      'grid.report-reopened',
      '居民反映问题未解决',
      `${r.place.label}的${label}：${step.note}`,
      reportLink(r._id)
    )
  }
  if (step.kind === 'escalated') {
    const told =
      r.state !== 'submitted'
        ? [...(r.ownerUserId ? [r.ownerUserId] : []), ...(await ids(deps, 'staff'))]
        : r.escalation >= 2
          ? await ids(deps, 'admin')
          : await ids(deps, 'staff')
    for (const to of new Set(told)) {
      send(to, 'grid.report-overdue', `报告超时：${label}`, `${r.place.label}：${step.note}`, reportLink(r._id))
    }
  }
  await Promise.all(sends)
}

/** Who a new report goes to: its grid's worker, else the 社工 (else the admins). */
async function routedTo(deps: GridDeps, r: ReportRecord): Promise<string[]> {
  const grid = r.gridId ? await deps.directory.grid(r.gridId) : null
  if (grid?.workerUserId) return [grid.workerUserId]
  const staff = await ids(deps, 'staff')
  return staff.length ? staff : await ids(deps, 'admin')
}

const ids = async (deps: GridDeps, role: 'staff' | 'admin'): Promise<string[]> =>
  (await deps.directory.usersWithRole(role)).map(u => u._id)

// ---- words ------------------------------------------------------------------------------------------------------

/** The description's first words for a list. */
export function summaryOf(description: string): string {
  const chars = [...description.replace(/\s+/g, ' ').trim()]
  return chars.length > 30 ? `${chars.slice(0, 30).join('')}…` : chars.join('')
}

/** Where, without the reporter's own words (a hidden report in "已有人报告"). */
function placeOnly(place: ReportPlace): string {
  if (!place.buildingId) return '附近'
  const words = place.text ? ` · ${place.text}` : ''
  return place.label.endsWith(words) ? place.label.slice(0, place.label.length - words.length) : place.label
}

export function handOffLabel(h: HandOff): string {
  return h.kind === 'juwei' ? '居委会' : h.name
}

/** The owner as the reporter sees them: role and surname (网格员 王老师). */
function ownerLabelOf(caller: Caller): string {
  const role = caller.roles.includes('grid_worker') && !hasAnyRole(caller, policies.staff) ? 'grid_worker' : 'staff'
  const surname = [...(caller.name ?? '')][0]
  return `${roleLabels[role]}${surname ? ` ${surname}老师` : ''}`
}

/** The step's `by`: the role that acted, never who. */
function byLabel(caller: Caller, actor: ReportActor): string {
  if (actor === 'reporter' || actor === 'follower' || actor === 'resident') return roleLabels.resident
  if (caller.roles.includes('grid_worker') && (actor === 'owner' || actor === 'handler')) return roleLabels.grid_worker
  return caller.roles.includes('admin') && !caller.roles.includes('staff') ? roleLabels.admin : roleLabels.staff
}
