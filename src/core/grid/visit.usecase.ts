/**
 * Household visits (走访, 串百家门、知百家情): a grid worker logs a visit to a household of their grid (why, what was
 * said, a follow-up due by a date that becomes a task on their list), sees the households not yet visited this
 * Shanghai quarter and the priority households (重点户) by their cadence, overdue first. Staff tag priority households
 * and see every grid. Tags are for staff and grid workers only: no resident's action reads them. A door number is
 * shown in full to the household's own grid worker only, masked (3栋2单元) to everyone else.
 */
import type { Caller } from '../community/caller'
import { gridScope, hasAnyRole, inGridScope } from '../community/caller'
import type { HouseholdRecord } from '../community/community.model'
import { maskDoor } from '../community/directory.usecase'
import { policies } from '../community/roles'
import { contentRejected } from '../notifications/content-check.ports'
import type { Page } from '../shared/page'
import { dateLabel, shanghaiDate, shanghaiInstant } from '../shared/shanghai-time'
import type { CallInfo, Result } from '../shared/wire'
import { fail, ok } from '../shared/wire'
import {
  priorityTagRules,
  visitPurposeLabels,
  type HouseholdCareRecord,
  type PriorityTag,
  type VisitPurpose,
  type VisitRecord
} from './grid.model'
import type { GridDeps } from './grid.ports'
import type * as v from './grid.views'
import { cadenceDays, dueAtOf, dueDate, dueState, visitedThisQuarter } from './visit-cadence.rule'
import type * as z from 'zod'

type HouseholdRow = z.input<typeof v.householdRow>
type VisitView = z.input<typeof v.visitView>
type CareView = z.input<typeof v.householdCareView>

const PAGE = 20
/** Households read per step while looking for unvisited ones, and the steps per page at most. */
const BATCH = 100
const MAX_BATCHES = 10
/** Tries of a write on the version read before giving up (another write came first each time). */
const TRIES = 3

const NO_HOUSEHOLD = '没有找到这户，请确认是本社区的住户'
const OTHER_GRID = '这户不在您负责的网格，请由这户所在网格的网格员走访'

/** The full door for the household's own grid worker; masked (3栋2单元) for everyone else (PIPL). */
export function doorFor(caller: Caller, h: Pick<HouseholdRecord, 'door' | 'gridId'>): string {
  return caller.roles.includes('grid_worker') && caller.gridId === h.gridId ? h.door : maskDoor(h.door)
}

const tagsOf = (care: HouseholdCareRecord | null): Array<{ key: PriorityTag; label: string }> =>
  (care?.tags ?? []).map(key => ({ key, label: priorityTagRules[key].label }))

const cadenceOf = (tags: readonly PriorityTag[]): string | null => {
  const days = cadenceDays(tags)
  if (days === null) return null
  return tags.map(t => priorityTagRules[t]).find(r => r.everyDays === days)?.cadence ?? `每${days}天`
}

/** Grid names for the rows' grids (a community has a handful). */
async function gridNames(deps: GridDeps, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)]
  const grids = await Promise.all(unique.map(async id => await deps.households.grid(id)))
  return new Map(unique.map((id, i) => [id, grids[i]?.name ?? '']))
}

function rowOf(caller: Caller, h: HouseholdRecord, care: HouseholdCareRecord | null, grid: string, now: Date) {
  return {
    householdId: h._id,
    door: doorFor(caller, h),
    gridId: h.gridId,
    gridName: grid,
    tags: tagsOf(care),
    tagNote: care?.tagNote ?? '',
    lastVisitAt: care?.lastVisitAt ?? null,
    visitedThisQuarter: visitedThisQuarter(care?.lastVisitAt ? new Date(care.lastVisitAt) : null, now)
  } satisfies HouseholdRow
}

function visitViewOf(caller: Caller, visit: VisitRecord, h: HouseholdRecord | null, now: Date): VisitView {
  const f = visit.followUp
  return {
    id: visit._id,
    householdId: visit.householdId,
    door: h ? doorFor(caller, h) : '',
    purpose: visit.purpose,
    purposeLabel: visit.purpose === 'other' ? visit.purposeText : visitPurposeLabels[visit.purpose],
    notes: visit.notes,
    at: visit.at,
    workerName: visit.workerName,
    followUp: f
      ? {
          note: f.note,
          dueDate: f.dueDate,
          dueLabel: dateLabel(f.dueDate),
          done: f.doneAt !== null,
          overdue: f.doneAt === null && shanghaiDate(now) > f.dueDate
        }
      : null,
    canFollowUp: f !== null && inGridScope(caller, visit.gridId)
  }
}

/** The household, when it is this community's and in the caller's grid (staff: any). */
async function householdOf(
  deps: GridDeps,
  householdId: string,
  caller: Caller
): Promise<Result<HouseholdRecord, 'NOT_FOUND' | 'FORBIDDEN'>> {
  // The scoped database reads only this community: another community's household reads as missing.
  const h = await deps.households.household(householdId)
  if (!h) return fail('NOT_FOUND', NO_HOUSEHOLD)
  if (!inGridScope(caller, h.gridId)) return fail('FORBIDDEN', OTHER_GRID)
  return ok(h)
}

/**
 * Writes the household's record through `change`, on the version read (made on first use): a visit and a tag edit
 * at once both land, neither overwrites the other. `change` answers null when there is nothing to write.
 */
async function changeCare(
  deps: GridDeps,
  h: HouseholdRecord,
  change: (care: HouseholdCareRecord) => HouseholdCareRecord | null
): Promise<Result<HouseholdCareRecord, 'CONFLICT'>> {
  for (let i = 0; i < TRIES; i++) {
    const now = deps.clock.now()
    const found = await deps.visits.care(h._id)
    const current: HouseholdCareRecord = found ?? {
      _id: h._id,
      householdId: h._id,
      gridId: h.gridId,
      tags: [],
      tagNote: '',
      lastVisitAt: null,
      dueAt: null,
      tagsBy: null,
      updatedAt: now,
      version: 0
    }
    const next = change(current)
    if (next === null) return ok(current)
    const stamped = { ...next, gridId: h.gridId, updatedAt: now }
    if (found ? await deps.visits.updateCare(stamped) : await deps.visits.createCare({ ...stamped, version: 1 })) {
      return ok({ ...stamped, version: found ? found.version + 1 : 1 })
    }
  }
  return fail('CONFLICT', '这户的信息刚刚有人改过，请刷新后再试')
}

/** The household's page before a visit: its door, tags and cadence, and what the caller may do there. */
export async function householdCare(
  deps: GridDeps,
  input: { householdId: string },
  caller: Caller
): Promise<Result<CareView, 'NOT_FOUND' | 'FORBIDDEN'>> {
  const found = await householdOf(deps, input.householdId, caller)
  if (!found.ok) return found
  const h = found.value
  const now = deps.clock.now()
  const [care, names] = await Promise.all([deps.visits.care(h._id), gridNames(deps, [h.gridId])])
  return ok({
    household: rowOf(caller, h, care, names.get(h.gridId) ?? '', now),
    cadence: cadenceOf(care?.tags ?? []),
    dueLabel: care?.dueAt ? dateLabel(shanghaiDate(new Date(care.dueAt))) : null,
    canVisit: true,
    canTag: hasAnyRole(caller, policies.staff)
  })
}

export async function householdVisits(
  deps: GridDeps,
  input: { householdId: string; cursor: string | null },
  caller: Caller
): Promise<Result<Page<VisitView>, 'NOT_FOUND' | 'FORBIDDEN'>> {
  const found = await householdOf(deps, input.householdId, caller)
  if (!found.ok) return found
  const page = await deps.visits.ofHousehold(found.value._id, input.cursor)
  const now = deps.clock.now()
  return ok({ items: page.items.map(visit => visitViewOf(caller, visit, found.value, now)), cursor: page.cursor })
}

/**
 * 登记走访. The visit's `_id` comes from the requestId, so a retry that lost its answer finds its own visit instead of
 * logging a second; the household's last visit (and next due date) is then brought up to it, which a retry repeats
 * harmlessly (a later visit already counted is left as is).
 */
export async function logVisit(
  deps: GridDeps,
  input: {
    householdId: string
    purpose: VisitPurpose
    purposeText: string
    notes: string
    followUp: { note: string; dueDate: string } | null
  },
  caller: Caller,
  call: CallInfo = { requestId: null }
): Promise<Result<VisitView, 'NOT_FOUND' | 'FORBIDDEN' | 'DUE_DATE_PAST' | 'CONTENT_REJECTED' | 'CONFLICT'>> {
  const found = await householdOf(deps, input.householdId, caller)
  if (!found.ok) return found
  const h = found.value
  const now = deps.clock.now()
  if (input.followUp && input.followUp.dueDate < shanghaiDate(now)) {
    return fail('DUE_DATE_PAST', '跟进的截止日期不能早于今天，请重新选择')
  }
  const words = [input.purposeText, input.notes, input.followUp?.note ?? ''].filter(Boolean).join('\n')
  if (words && !(await deps.contentCheck.check(words, caller.openId)).pass) {
    return fail('CONTENT_REJECTED', contentRejected)
  }
  const visit: VisitRecord = {
    _id: call.requestId ? `visit-${call.requestId}` : deps.newId('visit'),
    householdId: h._id,
    gridId: h.gridId,
    workerUserId: caller.openId,
    workerName: caller.name ?? '',
    purpose: input.purpose,
    purposeText: input.purpose === 'other' ? input.purposeText : '',
    notes: input.notes,
    at: now,
    followUp: input.followUp
      ? {
          note: input.followUp.note,
          dueDate: input.followUp.dueDate,
          doneAt: null,
          doneBy: null
        }
      : null,
    followUpOpen: input.followUp !== null,
    followUpDueAt: input.followUp ? shanghaiInstant(input.followUp.dueDate, '00:00') : null,
    requestId: call.requestId,
    updatedAt: now,
    version: 1
  }
  let made = visit
  if (!(await deps.visits.add(visit))) {
    const earlier = await deps.visits.byId(visit._id)
    // Another caller's visit under this id (a requestId reused by someone else): log this one afresh.
    if (!earlier || earlier.workerUserId !== caller.openId) {
      made = { ...visit, _id: deps.newId('visit') }
      await deps.visits.add(made)
    } else made = earlier
  }
  const at = new Date(made.at)
  const counted = await changeCare(deps, h, care => {
    if (care.lastVisitAt && new Date(care.lastVisitAt).getTime() >= at.getTime()) return null
    return { ...care, lastVisitAt: at, dueAt: dueAtOf(dueDate(care.tags, at, at)) }
  })
  if (!counted.ok) return counted
  await deps.audit.record({
    actor: caller.openId,
    action: 'grid.visit-log',
    target: `grid_visits/${made._id}`,
    key: `grid.visit-log:${made._id}`,
    data: { householdId: h._id, purpose: made.purpose, followUp: made.followUp !== null }
  })
  return ok(visitViewOf(caller, made, h, now))
}

/**
 * The grid's households not yet visited this Shanghai quarter (本季未走访), or all of them (staff tagging), a page in
 * household order. Unvisited ones are found by reading the grid's households a hundred at a time with their records
 * beside them; a page reads at most a thousand households and may come back short with a cursor to read on.
 */
export async function gridHouseholds(
  deps: GridDeps,
  input: { view: 'unvisited' | 'all'; gridId: string | null; cursor: string | null },
  caller: Caller
): Promise<Result<Page<HouseholdRow>, never>> {
  const scope = gridScope(caller) ?? input.gridId
  const now = deps.clock.now()
  const picked: Array<{ h: HouseholdRecord; care: HouseholdCareRecord | null }> = []
  let after = input.cursor
  let more = true
  for (let batch = 0; batch < MAX_BATCHES && more && picked.length <= PAGE; batch++) {
    const limit = input.view === 'all' ? PAGE + 1 : BATCH
    const households = await deps.households.households(scope, after, limit)
    more = households.length === limit
    const cares = new Map((await deps.visits.cares(households.map(h => h._id))).map(c => [c._id, c]))
    for (const h of households) {
      const care = cares.get(h._id) ?? null
      if (input.view === 'unvisited' && visitedThisQuarter(care?.lastVisitAt ? new Date(care.lastVisitAt) : null, now))
        continue
      picked.push({ h, care })
      if (picked.length > PAGE) break
    }
    after = households[households.length - 1]?._id ?? after
  }
  const items = picked.slice(0, PAGE)
  // More to read: a 21st found (the page ends at the 20th), or the read stopped with households left to look at.
  const cursor = picked.length > PAGE ? items[PAGE - 1].h._id : more ? after : null
  const names = await gridNames(
    deps,
    items.map(i => i.h.gridId)
  )
  return ok({ items: items.map(i => rowOf(caller, i.h, i.care, names.get(i.h.gridId) ?? '', now)), cursor })
}

/** Priority households (重点户) of the caller's grid (staff: any, or one), soonest due first: overdue lead. */
export async function priorityHouseholds(
  deps: GridDeps,
  input: { gridId: string | null; cursor: string | null },
  caller: Caller
): Promise<Result<Page<z.input<typeof v.priorityRow>>, never>> {
  const page = await deps.visits.priority(gridScope(caller) ?? input.gridId, input.cursor)
  const now = deps.clock.now()
  const [households, names] = await Promise.all([
    deps.households.byIds(page.items.map(c => c.householdId)),
    gridNames(
      deps,
      page.items.map(c => c.gridId)
    )
  ])
  const byId = new Map(households.map(h => [h._id, h]))
  const items = page.items.flatMap(care => {
    const h = byId.get(care.householdId)
    if (!h || !care.dueAt) return []
    const dueAt = new Date(care.dueAt)
    return [
      {
        householdId: h._id,
        door: doorFor(caller, h),
        gridName: names.get(care.gridId) ?? '',
        tags: tagsOf(care),
        tagNote: care.tagNote,
        cadence: cadenceOf(care.tags) ?? '',
        lastVisitAt: care.lastVisitAt,
        dueLabel: dateLabel(shanghaiDate(dueAt)),
        due: dueState(dueAt, now)
      }
    ]
  })
  return ok({ items, cursor: page.cursor })
}

/** The follow-ups of visits (走访待办): the caller's grid's (staff: all), open ones soonest due first. */
export async function visitFollowUps(
  deps: GridDeps,
  input: { done: boolean; cursor: string | null },
  caller: Caller
): Promise<Result<Page<VisitView>, never>> {
  const page = await deps.visits.followUps(gridScope(caller), !input.done, input.cursor)
  const households = new Map(
    (await deps.households.byIds([...new Set(page.items.map(x => x.householdId))])).map(h => [h._id, h])
  )
  const now = deps.clock.now()
  return ok({
    items: page.items.map(visit => visitViewOf(caller, visit, households.get(visit.householdId) ?? null, now)),
    cursor: page.cursor
  })
}

/** Marks a visit's follow-up done (or undone, a mistaken tap), on the version read. */
export async function setFollowUp(
  deps: GridDeps,
  input: { visitId: string; done: boolean },
  caller: Caller
): Promise<Result<VisitView, 'NOT_FOUND' | 'FORBIDDEN' | 'CONFLICT'>> {
  const visit = await deps.visits.byId(input.visitId)
  if (!visit?.followUp) return fail('NOT_FOUND', '没有找到这条跟进事项，请刷新后再试')
  if (!inGridScope(caller, visit.gridId)) return fail('FORBIDDEN', '这条跟进事项不在您负责的网格')
  const h = await deps.households.household(visit.householdId)
  const now = deps.clock.now()
  if ((visit.followUp.doneAt !== null) === input.done) return ok(visitViewOf(caller, visit, h, now))
  const followUp = { ...visit.followUp, doneAt: input.done ? now : null, doneBy: input.done ? caller.openId : null }
  if (!(await deps.visits.setFollowUp(visit._id, visit.version, followUp, !input.done, now))) {
    return fail('CONFLICT', '这条跟进事项刚刚有人改过，请刷新后再试')
  }
  await deps.audit.record({
    actor: caller.openId,
    action: 'grid.follow-up',
    target: `grid_visits/${visit._id}`,
    data: { done: input.done }
  })
  return ok(visitViewOf(caller, { ...visit, followUp, followUpOpen: !input.done }, h, now))
}

/**
 * Staff tag a household as a priority one (重点户) or untag it. Its next due date follows the new cadence from the
 * last visit; a household never visited keeps the due date it had, or is due today when newly tagged.
 */
export async function setHouseholdTags(
  deps: GridDeps,
  input: { householdId: string; tags: PriorityTag[]; note: string },
  caller: Caller
): Promise<Result<CareView, 'NOT_FOUND' | 'CONFLICT' | 'CONTENT_REJECTED'>> {
  const h = await deps.households.household(input.householdId)
  if (!h) return fail('NOT_FOUND', NO_HOUSEHOLD)
  if (input.note && !(await deps.contentCheck.check(input.note, caller.openId)).pass) {
    return fail('CONTENT_REJECTED', contentRejected)
  }
  const now = deps.clock.now()
  const saved = await changeCare(deps, h, care => {
    const last = care.lastVisitAt ? new Date(care.lastVisitAt) : null
    const since = !last && care.dueAt ? new Date(care.dueAt) : now
    return {
      ...care,
      tags: input.tags,
      tagNote: input.tags.length > 0 ? input.note : '',
      dueAt: dueAtOf(dueDate(input.tags, last, since)),
      tagsBy: caller.openId
    }
  })
  if (!saved.ok) return saved
  await deps.audit.record({
    actor: caller.openId,
    action: 'grid.household-tags',
    target: `grid_households/${h._id}`,
    data: { tags: input.tags }
  })
  const names = await gridNames(deps, [h.gridId])
  const care = saved.value
  return ok({
    household: rowOf(caller, h, care, names.get(h.gridId) ?? '', now),
    cadence: cadenceOf(care.tags),
    dueLabel: care.dueAt ? dateLabel(shanghaiDate(new Date(care.dueAt))) : null,
    canVisit: true,
    canTag: true
  })
}
