/**
 * Inspections on a schedule (巡检): staff define a checklist for a place and a cadence (每周卫生, 每月环境, 每季度安全);
 * the grid worker of the place's grid, or staff, record this period's results; each failed item becomes a report of
 * the grid (待受理, with `inspectionId`), so it is handled and counted like any resident's report.
 *
 * One inspection per checklist per period: its `_id` is `${checklistId}:${periodKey}`, and each failed item's report
 * is opened by the reports' own openReport (report.usecase.ts) once per key `${inspectionId}:${itemKey}`. Recording
 * is two steps — the inspection (`reporting`), then the reports and `done` with their ids — so a stop in between
 * leaves it `reporting`; the caller's retry (same requestId) or the grid tick after HALF_DONE_AFTER_MS opens the
 * reports (openReport answers one already made for its key) and marks it done. Nothing is ever opened twice, and no
 * report exists without its inspection.
 */
import type { Caller } from '../community/caller'
import { gridScope, hasAnyRole, inGridScope } from '../community/caller'
import { policies, roleLabels, type Role } from '../community/roles'
import { contentRejected } from '../notifications/content-check.ports'
import { halfDoneBefore } from '../shared/half-done'
import type { Page } from '../shared/page'
import { shanghaiTime } from '../shared/shanghai-time'
import type { CallInfo, Result } from '../shared/wire'
import { fail, isRetryOf, ok } from '../shared/wire'
import type { ChecklistRecord, InspectionRecord } from './grid.model'
import { cadenceLabels, categoryRules, inspectionCadences, reportCategories } from './grid.model'
import type { GridDeps } from './grid.ports'
import type * as S from './grid.schemas'
import type * as V from './grid.views'
import type { InspectionPeriod } from './inspection-period.rule'
import { openReport, type ReportDraft } from './report.usecase'
import { daysLeft, dueStatus, inspectionPeriod, owes, previousPeriod, REMIND_DAYS } from './inspection-period.rule'
import type * as z from 'zod'

type In<T extends z.ZodType> = z.output<T>
type Out<T extends z.ZodType> = z.input<T>

/** Ready-made lists to start from (the community plans' 每周卫生、每月环境、每季度安全). */
export const checklistTemplates: Out<typeof V.checklistOptionsView>['templates'] = [
  {
    title: '每周卫生检查',
    cadence: 'weekly',
    items: [
      { text: '楼道无垃圾、无杂物', category: 'hygiene' },
      { text: '垃圾桶按时清运、四周干净', category: 'hygiene' },
      { text: '楼道无乱堆乱放', category: 'clutter' }
    ]
  },
  {
    title: '每月环境检查',
    cadence: 'monthly',
    items: [
      { text: '绿化无毁损、无私自占用', category: 'illegal_building' },
      { text: '路灯、楼道灯完好', category: 'facility' },
      { text: '车辆停放有序、不占消防通道', category: 'parking' }
    ]
  },
  {
    title: '每季度安全检查',
    cadence: 'quarterly',
    items: [
      { text: '消防通道畅通', category: 'safety' },
      { text: '灭火器在有效期内', category: 'safety' },
      { text: '楼道无电动车停放、无飞线充电', category: 'safety' }
    ]
  }
]

const labelOfPlace = (c: Pick<ChecklistRecord, 'place'>): string => c.place.name

/** 网格员 王老师: the role and surname, never a staff member's whole name to others. */
function personLabel(person: { name: string; roles: string[] } | undefined): string {
  if (!person) return '工作人员'
  const role = (['grid_worker', 'staff', 'admin'] as Role[]).find(r => person.roles.includes(r))
  return `${role ? roleLabels[role] : '工作人员'} ${[...person.name][0] ?? ''}老师`
}

function checklistOut(c: ChecklistRecord, gridName: string | null): Out<typeof V.checklistView> {
  return {
    id: c._id,
    title: c.title,
    cadence: c.cadence,
    cadenceLabel: cadenceLabels[c.cadence],
    placeLabel: labelOfPlace(c),
    gridId: c.gridId,
    gridName,
    items: c.items.map(i => ({ key: i.key, text: i.text, categoryLabel: categoryRules[i.category].label })),
    active: c.active,
    version: c.version,
    createdAt: c.createdAt
  }
}

function inspectionOut(
  i: InspectionRecord,
  gridName: string | null,
  periodLabel: string,
  inspector: string
): Out<typeof V.inspectionView> {
  return {
    id: i._id,
    checklistId: i.checklistId,
    title: i.title,
    periodLabel,
    placeLabel: i.place.name,
    gridName,
    inspectedAt: i.inspectedAt,
    inspectorLabel: inspector,
    results: i.results.map(r => ({
      key: r.key,
      text: r.text,
      categoryLabel: categoryRules[r.category].label,
      passed: r.passed,
      note: r.note,
      reportId: r.reportId
    })),
    failed: i.results.filter(r => !r.passed).length,
    reporting: i.state === 'reporting'
  }
}

/** The period an inspection was for: from its record (its key), never from today. */
const periodOfInspection = (i: InspectionRecord): InspectionPeriod => inspectionPeriod(i.cadence, i.inspectedAt)

async function gridNames(deps: GridDeps): Promise<Map<string, string>> {
  return new Map((await deps.places.grids()).map(g => [g._id, g.name]))
}

async function viewOfInspection(deps: GridDeps, i: InspectionRecord): Promise<Out<typeof V.inspectionView>> {
  const [names, people] = await Promise.all([gridNames(deps), deps.places.people([i.inspectorUserId])])
  return inspectionOut(
    i,
    names.get(i.gridId) ?? null,
    periodOfInspection(i).label,
    personLabel(people.get(i.inspectorUserId))
  )
}

// ---- staff: checklists ---------------------------------------------------------------------------------------------

export async function checklistOptions(deps: GridDeps): Promise<Result<Out<typeof V.checklistOptionsView>, never>> {
  const [buildings, grids] = await Promise.all([deps.directory.buildings(), deps.places.grids()])
  return ok({
    buildings: buildings.map(({ building: b }) => ({ id: b._id, name: b.name, gridId: b.gridId })),
    grids: grids.map(g => ({ id: g._id, name: g.name })),
    cadences: inspectionCadences.map(key => ({ key, label: cadenceLabels[key] })),
    categories: reportCategories.map(key => ({ key, label: categoryRules[key].label })),
    templates: checklistTemplates
  })
}

export async function defineChecklist(
  deps: GridDeps,
  input: In<typeof S.defineChecklistInput>,
  caller: Caller,
  call: CallInfo = { requestId: null }
): Promise<Result<Out<typeof V.checklistView>, 'PLACE_UNKNOWN' | 'CONTENT_REJECTED'>> {
  // Where: a building of this community (the scoped read finds no other's), or a named place in one of its grids.
  let place: ChecklistRecord['place']
  let gridId: string
  if (input.place.buildingId) {
    const building = await deps.directory.building(input.place.buildingId)
    if (!building) return fail('PLACE_UNKNOWN', '没有找到这个楼栋，请从列表里选择本社区的楼栋')
    place = { buildingId: building._id, name: building.name }
    gridId = building.gridId
  } else {
    const grid = await deps.directory.grid(input.place.gridId!)
    if (!grid) return fail('PLACE_UNKNOWN', '没有找到这个网格，请从列表里选择本社区的网格')
    place = { buildingId: null, name: input.place.name }
    gridId = grid._id
  }
  const words = [input.title, input.place.name, ...input.items.map(i => i.text)].join('\n')
  if (!(await deps.contentCheck.check(words, caller.openId)).pass) return fail('CONTENT_REJECTED', contentRejected)

  const now = deps.clock.now()
  const checklist: ChecklistRecord = {
    _id: deps.newId('ck'),
    title: input.title,
    cadence: input.cadence,
    place,
    gridId,
    items: input.items.map((i, n) => ({ key: `i${n + 1}`, text: i.text, category: i.category })),
    active: true,
    createdBy: caller.openId,
    requestId: call.requestId,
    createdAt: now,
    updatedAt: now,
    version: 1
  }
  await deps.checklists.insert(checklist)
  await deps.audit.record({
    actor: caller.openId,
    action: 'grid.define-checklist',
    target: `grid_checklists/${checklist._id}`,
    reason: `${checklist.title}（${cadenceLabels[checklist.cadence]}，${place.name}）`,
    data: { items: checklist.items.length, gridId }
  })
  const grid = await deps.directory.grid(gridId)
  return ok(checklistOut(checklist, grid?.name ?? null))
}

export async function retireChecklist(
  deps: GridDeps,
  input: In<typeof S.retireChecklistInput>,
  caller: Caller
): Promise<Result<Out<typeof V.checklistView>, 'NOT_FOUND' | 'CONFLICT'>> {
  const found = await deps.checklists.get(input.checklistId)
  if (!found) return fail('NOT_FOUND', '没有找到这张巡检表')
  const grid = await deps.directory.grid(found.gridId)
  // Retired already (a retry whose answer was lost): the same answer.
  if (!found.active) return ok(checklistOut(found, grid?.name ?? null))
  if (found.version !== input.version) return fail('CONFLICT', '这张巡检表刚被别人改过，请刷新后再试')
  const now = deps.clock.now()
  if (!(await deps.checklists.retire(found._id, found.version, now)))
    return fail('CONFLICT', '这张巡检表刚被别人改过，请刷新后再试')
  await deps.audit.record({
    actor: caller.openId,
    action: 'grid.retire-checklist',
    target: `grid_checklists/${found._id}`,
    reason: found.title
  })
  return ok(checklistOut({ ...found, active: false, version: found.version + 1, updatedAt: now }, grid?.name ?? null))
}

export async function listChecklists(
  deps: GridDeps,
  input: In<typeof S.pageInput>,
  caller: Caller
): Promise<Result<Page<Out<typeof V.checklistView>>, never>> {
  const [page, names] = await Promise.all([
    deps.checklists.page({ gridId: gridScope(caller), activeOnly: false, cursor: input.cursor }),
    gridNames(deps)
  ])
  return ok({ items: page.items.map(c => checklistOut(c, names.get(c.gridId) ?? null)), cursor: page.cursor })
}

// ---- the worker: what is due, the form, the record -------------------------------------------------------------

const inspectionId = (checklistId: string, p: InspectionPeriod): string => `${checklistId}:${p.key}`

/**
 * The caller's active checklists (a grid worker's own grid; staff, all) and where each stands this period: done,
 * due, or soon due (its reminder window), and the previous period when it owed one and none was made (上期漏检).
 */
export async function dueInspections(
  deps: GridDeps,
  input: In<typeof S.pageInput>,
  caller: Caller
): Promise<Result<Out<typeof V.duePage>, never>> {
  const now = deps.clock.now()
  const [page, names] = await Promise.all([
    deps.checklists.page({ gridId: gridScope(caller), activeOnly: true, cursor: input.cursor }),
    gridNames(deps)
  ])
  const periods = page.items.map(c => {
    const current = inspectionPeriod(c.cadence, now)
    return { c, current, previous: previousPeriod(current) }
  })
  const found = await deps.inspections.some(
    periods.flatMap(p => [inspectionId(p.c._id, p.current), inspectionId(p.c._id, p.previous)])
  )
  const done = new Set(found.map(i => i._id))
  const items = periods.map(({ c, current, previous }) => {
    const id = inspectionId(c._id, current)
    const missed = owes(c.createdAt, previous) && !done.has(inspectionId(c._id, previous))
    return {
      checklistId: c._id,
      title: c.title,
      cadenceLabel: cadenceLabels[c.cadence],
      placeLabel: labelOfPlace(c),
      gridName: names.get(c.gridId) ?? null,
      period: { key: current.key, label: current.label, daysLeft: daysLeft(current, now) },
      status: dueStatus(c.cadence, now, done.has(id)),
      inspectionId: done.has(id) ? id : null,
      missed: missed ? previous.label : null
    }
  })
  return ok({ items, cursor: page.cursor })
}

/** Whether the caller may record this checklist: staff anywhere, a grid worker in their own grid only. */
const mayInspect = (caller: Caller, c: ChecklistRecord): boolean =>
  hasAnyRole(caller, policies.staff) || (hasAnyRole(caller, policies.gridWorkers) && inGridScope(caller, c.gridId))

const direct: CallInfo = { requestId: null }

const notYours = '这张巡检表不在你负责的网格，请联系社工调整'

export async function inspectionForm(
  deps: GridDeps,
  input: In<typeof S.checklistIdInput>,
  caller: Caller
): Promise<Result<Out<typeof V.inspectionFormView>, 'NOT_FOUND' | 'FORBIDDEN'>> {
  const c = await deps.checklists.get(input.checklistId)
  if (!c) return fail('NOT_FOUND', '没有找到这张巡检表')
  if (!inGridScope(caller, c.gridId)) return fail('FORBIDDEN', notYours)
  const now = deps.clock.now()
  const period = inspectionPeriod(c.cadence, now)
  const [done, grid] = await Promise.all([
    deps.inspections.get(inspectionId(c._id, period)),
    deps.directory.grid(c.gridId)
  ])
  return ok({
    checklist: checklistOut(c, grid?.name ?? null),
    period: { key: period.key, label: period.label, daysLeft: daysLeft(period, now) },
    done: done ? await viewOfInspection(deps, done) : null
  })
}

/** The inspector as openReport's opener: the reports are theirs, whether the call or the tick opens them. */
const openerOf = (i: InspectionRecord, communityId: string): Caller => ({
  openId: i.inspectorUserId,
  registered: true,
  name: null,
  roles: i.inspectorRoles,
  communityId,
  homeCommunityId: communityId,
  householdId: null,
  gridId: i.gridId
})

/** What a failed item reports: its category, what was checked and seen, where, and the inspection it was found on. */
export function draftOfFailedItem(i: InspectionRecord, item: InspectionRecord['results'][number]): ReportDraft {
  return {
    category: item.category,
    description: `巡检发现（${i.title}）：${item.text}，不合格。${item.note}`.slice(0, 500),
    photos: [],
    place: { buildingId: i.place.buildingId, unitId: null, point: null, text: i.place.buildingId ? '' : i.place.name },
    hidden: false,
    inspectionId: i._id,
    // A named place (地下车库) is no building: its report goes to the checklist's grid all the same.
    gridId: i.gridId
  }
}

/**
 * The second step: open every failed item's report (once per item key: a retry or the tick meets the one already
 * made), then mark the inspection done with their ids. Run by the recording call, its retry, and the tick for one left
 * half-done. A report openReport refuses (the building was removed since) is left without an id and the rest go on.
 */
export async function finishInspection(
  deps: GridDeps,
  i: InspectionRecord,
  communityId: string
): Promise<InspectionRecord> {
  if (i.state === 'done') return i
  const results: InspectionRecord['results'] = []
  for (const r of i.results) {
    if (r.passed || r.reportId) {
      results.push(r)
      continue
    }
    const opened = await openReport(
      deps,
      draftOfFailedItem(i, r),
      openerOf(i, communityId),
      direct,
      `${i._id}:${r.key}`
    )
    results.push({ ...r, reportId: opened.ok ? opened.value._id : null })
  }
  const now = deps.clock.now()
  await deps.inspections.finish(i._id, results, now)
  const done: InspectionRecord = { ...i, results, state: 'done', updatedAt: now }
  await auditRecorded(deps, done)
  return done
}

/** The inspection's audit entry, once (keyed): its failed items' reports named. */
async function auditRecorded(deps: GridDeps, i: InspectionRecord): Promise<void> {
  await deps.audit.record({
    actor: i.inspectorUserId,
    action: 'grid.record-inspection',
    target: `grid_inspections/${i._id}`,
    reason: i.title,
    data: { failed: i.results.filter(r => !r.passed).map(r => r.reportId) },
    key: `grid.record-inspection:${i._id}`
  })
}

export async function recordInspection(
  deps: GridDeps,
  input: In<typeof S.recordInspectionInput>,
  caller: Caller,
  call: CallInfo = { requestId: null }
): Promise<
  Result<
    Out<typeof V.inspectionView>,
    'NOT_FOUND' | 'FORBIDDEN' | 'ALREADY_INSPECTED' | 'CHECKLIST_CHANGED' | 'CONTENT_REJECTED'
  >
> {
  const c = await deps.checklists.get(input.checklistId)
  if (!c) return fail('NOT_FOUND', '没有找到这张巡检表')
  if (!mayInspect(caller, c)) return fail('FORBIDDEN', notYours)
  const now = deps.clock.now()
  const period = inspectionPeriod(c.cadence, now)
  const id = inspectionId(c._id, period)

  const existing = await deps.inspections.get(id)
  if (existing) return await answerExisting(deps, existing, caller, call)

  if (!c.active) return fail('CHECKLIST_CHANGED', '这张巡检表已停用，不用再检查')
  const byKey = new Map(input.results.map(r => [r.key, r]))
  if (byKey.size !== input.results.length || c.items.length !== byKey.size || c.items.some(i => !byKey.has(i.key)))
    return fail('CHECKLIST_CHANGED', '巡检表的检查项和你填写的不一致，请重新打开巡检表再填')
  const notes = input.results.map(r => r.note).filter(Boolean)
  if (notes.length > 0 && !(await deps.contentCheck.check(notes.join('\n'), caller.openId)).pass)
    return fail('CONTENT_REJECTED', contentRejected)

  const inspection: InspectionRecord = {
    _id: id,
    checklistId: c._id,
    title: c.title,
    cadence: c.cadence,
    periodKey: period.key,
    gridId: c.gridId,
    place: c.place,
    results: c.items.map(item => {
      const r = byKey.get(item.key)!
      return {
        key: item.key,
        text: item.text,
        category: item.category,
        passed: r.passed,
        note: r.note,
        reportId: null
      }
    }),
    state: input.results.every(r => r.passed) ? 'done' : 'reporting',
    inspectorUserId: caller.openId,
    inspectorRoles: [...caller.roles],
    requestId: call.requestId,
    inspectedAt: now,
    updatedAt: now
  }
  // The deterministic _id: of two records of one period (a double tap, two phones) one is stored.
  if (!(await deps.inspections.insert(inspection))) {
    const winner = await deps.inspections.get(id)
    if (winner) return await answerExisting(deps, winner, caller, call)
  }
  if (inspection.state === 'done') await auditRecorded(deps, inspection)
  const finished =
    inspection.state === 'done' ? inspection : await finishInspection(deps, inspection, caller.communityId)
  return ok(await viewOfInspection(deps, finished))
}

/**
 * This period's inspection exists: the caller's own retry (its answer lost) is answered with it, finished if it was
 * left half-done; anyone else is told it is done, by whom and when.
 */
async function answerExisting(
  deps: GridDeps,
  existing: InspectionRecord,
  caller: Caller,
  call: CallInfo
): Promise<Result<Out<typeof V.inspectionView>, 'ALREADY_INSPECTED'>> {
  if (isRetryOf(call, caller.openId, existing, existing.inspectorUserId))
    return ok(await viewOfInspection(deps, await finishInspection(deps, existing, caller.communityId)))
  const view = await viewOfInspection(deps, existing)
  return fail(
    'ALREADY_INSPECTED',
    `本期（${view.periodLabel}）已由${view.inspectorLabel}在${shanghaiTime(existing.inspectedAt)}检查过，不用再填`,
    { inspectionId: existing._id }
  )
}

export async function listInspections(
  deps: GridDeps,
  input: In<typeof S.inspectionListInput>,
  caller: Caller
): Promise<Result<Page<Out<typeof V.inspectionView>>, never>> {
  const page = await deps.inspections.page({
    checklistId: input.checklistId,
    gridId: gridScope(caller),
    cursor: input.cursor
  })
  const [names, people] = await Promise.all([
    gridNames(deps),
    deps.places.people([...new Set(page.items.map(i => i.inspectorUserId))])
  ])
  return ok({
    items: page.items.map(i =>
      inspectionOut(
        i,
        names.get(i.gridId) ?? null,
        periodOfInspection(i).label,
        personLabel(people.get(i.inspectorUserId))
      )
    ),
    cursor: page.cursor
  })
}

// ---- the tick ------------------------------------------------------------------------------------------------------

/** Finish inspections left half-done (reports not all opened) by a call that stopped. */
export async function finishHalfDoneInspections(deps: GridDeps): Promise<number> {
  const left = await deps.inspections.halfDone(halfDoneBefore(deps.clock.now()))
  // The opener's community is read for photos only (an inspection's reports have none); the record's own, as the
  // database layer stamped it, is the right one all the same.
  for (const i of left) await finishInspection(deps, i, (i as { communityId?: string }).communityId ?? '')
  return left.length
}

/**
 * Remind each grid worker of their checklists not yet done this period once its end is near (REMIND_DAYS), once per
 * checklist and period (the notice's key).
 */
export async function remindDueInspections(deps: GridDeps): Promise<number> {
  const now = deps.clock.now()
  const due = (await deps.checklists.allActive())
    .map(c => ({ c, period: inspectionPeriod(c.cadence, now) }))
    .filter(({ c, period }) => daysLeft(period, now) <= REMIND_DAYS[c.cadence])
  if (due.length === 0) return 0
  const [done, grids] = await Promise.all([
    deps.inspections.some(due.map(d => inspectionId(d.c._id, d.period))),
    deps.places.grids()
  ])
  const doneIds = new Set(done.map(i => i._id))
  const workers = new Map(grids.map(g => [g._id, g.workerUserId]))
  let told = 0
  for (const { c, period } of due) {
    const worker = workers.get(c.gridId)
    if (!worker || doneIds.has(inspectionId(c._id, period))) continue
    await deps.notify.notify({
      to: worker,
      kind: 'grid.inspection-due',
      key: `grid.inspection-due:${inspectionId(c._id, period)}`,
      title: `${c.title}还没做`,
      body: `${c.place.name}的${c.title}（${period.label}）还剩 ${daysLeft(period, now)} 天，请抽空去检查。`,
      link: `/pages/grid/inspection?checklistId=${encodeURIComponent(c._id)}`,
      template: 'reminder',
      when: new Date(period.to.getTime() - 1),
      place: c.place.name
    })
    told++
  }
  return told
}
