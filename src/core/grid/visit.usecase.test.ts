/**
 * Household visits (走访) over the real grid repositories, audit writer and notifier on the local cloud's database
 * engine in memory, at a frozen Shanghai clock (test/support/in-memory-deps.ts).
 */
import {
  addGridWorld,
  gridCallerOf,
  gridHouseholds as households,
  gridPeople as p
} from '../../../test/factories/grid-visits.factory'
import { gridDeps, minutes, rows, useWorld } from '../../../test/support/in-memory-deps'
import { logVisitInput, setHouseholdTagsInput } from './grid.schemas'
import {
  gridHouseholds,
  householdCare,
  logVisit,
  priorityHouseholds,
  setFollowUp,
  setHouseholdTags,
  visitFollowUps
} from './visit.usecase'

// Saturday 5 December 2026, 10:00 in Shanghai (the fourth quarter).
const world = useWorld('2026-12-05 10:00')
const deps = () => gridDeps(world())
const clock = () => world().clock
const worker = () => gridCallerOf(p.worker1)
const staff = () => gridCallerOf(p.staff)
const DAY = minutes(24 * 60)

beforeEach(async () => {
  await addGridWorld(world().db)
})

const visit = async (householdId: string, extra: Record<string, unknown> = {}, who = worker(), requestId?: string) =>
  await logVisit(
    deps(),
    logVisitInput.parse({ householdId, purpose: 'routine', notes: '家里一切都好', ...extra }),
    who,
    { requestId: requestId ?? null }
  )

const unvisited = async (who = worker()) => {
  const res = await gridHouseholds(deps(), { view: 'unvisited', gridId: null, cursor: null }, who)
  return res.ok ? res.value.items.map(h => h.householdId) : res
}

describe('logVisit', () => {
  it('logs a visit to a household of the worker’s grid, which leaves the quarter’s unvisited list', async () => {
    expect(await unvisited()).toEqual(['h-a1', 'h-a2', 'h-a3'])
    const res = await visit('h-a1')
    expect(res).toMatchObject({ ok: true, value: { door: '1栋1单元101', purposeLabel: '日常走访', followUp: null } })
    expect(await unvisited()).toEqual(['h-a2', 'h-a3'])
    expect(await rows(world().db, 'audit', { action: 'grid.visit-log' })).toHaveLength(1)
  })

  it('refuses another grid’s household and a household that is not this community’s, writing nothing', async () => {
    expect(await visit('h-b1')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await visit('h-elsewhere')).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
      message: expect.stringMatching(/本社区/)
    })
    expect(await rows(world().db, 'grid_visits')).toEqual([])
    expect(await rows(world().db, 'grid_households')).toEqual([])
  })

  it('answers a retry of the same request with the same visit', async () => {
    const a = await visit('h-a1', {}, worker(), 'req-visit-0001')
    const b = await visit('h-a1', {}, worker(), 'req-visit-0001')
    expect(a.ok && b.ok && a.value.id === b.value.id).toBe(true)
    expect(await rows(world().db, 'grid_visits')).toHaveLength(1)
  })

  it('masks the door for staff, who may log a visit standing in', async () => {
    expect(await visit('h-b2', {}, staff())).toMatchObject({ ok: true, value: { door: '2栋1单元' } })
  })

  it('turns a follow-up into a task on the grid’s list until done, and refuses a due date already past', async () => {
    expect(await visit('h-a2', { followUp: { note: '帮忙申请助餐', dueDate: '2026-12-04' } })).toMatchObject({
      ok: false,
      code: 'DUE_DATE_PAST'
    })
    const res = await visit('h-a2', { followUp: { note: '帮忙申请助餐', dueDate: '2026-12-08' } })
    if (!res.ok) throw new Error(res.code)
    const open = async (who = worker()) => {
      const page = await visitFollowUps(deps(), { done: false, cursor: null }, who)
      return page.ok ? page.value.items.map(v => v.followUp?.note) : page
    }
    expect(await open()).toEqual(['帮忙申请助餐'])
    expect(await open(staff())).toEqual(['帮忙申请助餐'])
    expect(await open(gridCallerOf(p.worker2))).toEqual([])
    expect(await setFollowUp(deps(), { visitId: res.value.id, done: true }, gridCallerOf(p.worker2))).toMatchObject({
      ok: false,
      code: 'FORBIDDEN'
    })
    clock().advance(4 * DAY)
    const late = await visitFollowUps(deps(), { done: false, cursor: null }, worker())
    expect(late.ok && late.value.items[0].followUp?.overdue).toBe(true)
    expect(await setFollowUp(deps(), { visitId: res.value.id, done: true }, worker())).toMatchObject({
      ok: true,
      value: { followUp: { done: true } }
    })
    expect(await open()).toEqual([])
  })
})

describe('priority households', () => {
  it('are due by their own cadence, overdue first, and a visit moves the due date on', async () => {
    await setHouseholdTags(deps(), setHouseholdTagsInput.parse({ householdId: 'h-a1', tags: ['dibao'] }), staff())
    await setHouseholdTags(
      deps(),
      setHouseholdTagsInput.parse({ householdId: 'h-a3', tags: ['alone_elder'], note: '子女在外地' }),
      staff()
    )
    const list = async () => {
      const res = await priorityHouseholds(deps(), { gridId: null, cursor: null }, worker())
      return res.ok ? res.value.items.map(r => [r.householdId, r.cadence, r.due]) : res
    }
    // Both newly tagged: due today.
    expect(await list()).toEqual([
      ['h-a1', '每月', 'today'],
      ['h-a3', '每周', 'today']
    ])
    await visit('h-a1')
    await visit('h-a3')
    clock().advance(8 * DAY)
    // The weekly one is overdue after 8 days; the monthly one is not due yet.
    expect(await list()).toEqual([
      ['h-a3', '每周', 'overdue'],
      ['h-a1', '每月', 'soon']
    ])
    // Another grid's worker sees none of grid A's priority households.
    const other = await priorityHouseholds(deps(), { gridId: null, cursor: null }, gridCallerOf(p.worker2))
    expect(other.ok && other.value.items).toEqual([])
  })

  it('keeps a tag edit and a visit made at once', async () => {
    await Promise.all([
      setHouseholdTags(deps(), setHouseholdTagsInput.parse({ householdId: 'h-a2', tags: ['disabled'] }), staff()),
      visit('h-a2')
    ])
    const care = await householdCare(deps(), { householdId: 'h-a2' }, worker())
    expect(care).toMatchObject({
      ok: true,
      value: { household: { tags: [{ key: 'disabled', label: '残疾' }], visitedThisQuarter: true }, cadence: '每月' }
    })
  })
})

describe('gridHouseholds', () => {
  it('pages the unvisited households 20 at a time', async () => {
    const db = world().db
    for (let i = 0; i < 45; i++) {
      const id = `h-z${String(i).padStart(2, '0')}`
      await db.collection('households').add({ ...households[0], _id: id, bindCode: `z-${i}`, door: `9栋1单元${i}` })
    }
    await visit('h-z03')
    const seen: string[] = []
    let cursor: string | null = null
    let pages = 0
    do {
      const res = await gridHouseholds(deps(), { view: 'unvisited', gridId: null, cursor }, worker())
      if (!res.ok) throw new Error('page')
      expect(res.value.items.length).toBeLessThanOrEqual(20)
      seen.push(...res.value.items.map(h => h.householdId))
      cursor = res.value.cursor
      pages++
    } while (cursor)
    expect(pages).toBe(3)
    expect(seen).toHaveLength(3 + 45 - 1)
    expect(new Set(seen).size).toBe(seen.length)
    expect(seen).not.toContain('h-z03')
  })
})
