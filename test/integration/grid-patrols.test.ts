/**
 * A grid worker's patrols (巡查) and household visits (走访) through the BUILT `grid` function on the local cloud, as
 * the app calls it: one open patrol however the starts arrive, the cap job, visits only to the worker's own grid and
 * community (a clear Chinese refusal, nothing written), a follow-up that becomes a task staff see too, and the
 * ledgers. Needs `npm run build:functions` first.
 */
import type { HouseholdRecord } from '../../src/core/community/community.model'
import { patrolsLedger, visitsLedger } from '../../src/server/grid/grid.ledgers'
import { communityDb, useSeededCloud } from './local-cloud.helper'

jest.setTimeout(60_000)

const cloud = useSeededCloud('grid')
const { call, callOther, data, tick, docs, count } = cloud
const WORKER = 'demo-grid-worker'
const STAFF = 'demo-staff'
const OTHER = 'dongsheng'

const householdOf = async (gridId: string): Promise<HouseholdRecord> =>
  (await docs('households', { gridId })).sort((a, b) => (a._id < b._id ? -1 : 1))[0]

describe('patrols', () => {
  it('opens one patrol for two starts at once, answers a retried start with it, and finishes it', async () => {
    const [a, b] = await Promise.all([
      call(WORKER, 'startPatrol', {}, 'start-phone-one'),
      call(WORKER, 'startPatrol', {}, 'start-phone-two')
    ])
    expect(a).toMatchObject({ ok: true, data: { open: true } })
    expect(b.data.id).toBe(a.data.id)
    expect(await count('grid_patrols', { workerUserId: WORKER, endedAt: null })).toBe(1)
    expect((await data(WORKER, 'startPatrol', {}, 'start-phone-one')).id).toBe(a.data.id)

    const status = await data(WORKER, 'patrolStatus')
    expect(status).toMatchObject({ open: { id: a.data.id }, dayPlanMinutes: 60 })
    const done = await data(WORKER, 'finishPatrol', { patrolId: a.data.id, note: '北门有堆物' }, 'finish-0001')
    expect(done).toMatchObject({ open: false, closedByCap: false, note: '北门有堆物' })
    expect(await count('grid_patrols', { workerUserId: WORKER, endedAt: null })).toBe(0)
    expect(await count('audit', { action: 'grid.patrol-finish', target: `grid_patrols/${a.data.id}` })).toBe(1)
  })

  it('is for grid workers: a resident cannot start one', async () => {
    expect(await call('demo-resident', 'startPatrol', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })

  it('closes a patrol left open at 4 hours by the job, and staff see the month per grid', async () => {
    const open = await data(WORKER, 'startPatrol', {}, 'start-forgotten')
    const started = new Date(open.startedAt)
    await tick('patrolCap', new Date(started.getTime() + 3 * 3600_000))
    expect(await count('grid_patrols', { _id: open.id, endedAt: null })).toBe(1)
    await tick('patrolCap', new Date(started.getTime() + 5 * 3600_000))
    const [closed] = await docs('grid_patrols', { _id: open.id })
    expect(closed).toMatchObject({ closedBy: 'cap', minutes: 240 })
    expect(await count('inbox', { to: WORKER, kind: 'grid.patrol-capped' })).toBe(1)
    const board = await data(STAFF, 'patrolBoard', {})
    const mine = board.items.find((r: { gridId: string }) => r.gridId === 'grid-1')
    expect(mine.capped).toBeGreaterThanOrEqual(1)
    expect(mine.minutes).toBeGreaterThanOrEqual(240)
    expect(await call(WORKER, 'patrolBoard', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })
})

describe('household visits', () => {
  it('refuses a visit to another grid’s household, writing nothing', async () => {
    const elsewhere = await householdOf('grid-2')
    const res = await call(WORKER, 'logVisit', { householdId: elsewhere._id, purpose: 'routine' }, 'visit-grid-two')
    expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(/网格/) } })
    expect(await count('grid_visits', { householdId: elsewhere._id })).toBe(0)
    expect(await count('grid_households', { _id: elsewhere._id })).toBe(0)
  })

  it('refuses another community’s household with a clear Chinese error, writing nothing in either', async () => {
    const theirs: HouseholdRecord = {
      _id: `${OTHER}-hh-1-1-101`,
      gridId: `${OTHER}-grid-1`,
      buildingId: `${OTHER}-bldg-1`,
      unitId: `${OTHER}-unit-1-1`,
      door: '1栋1单元101',
      room: '101',
      bindCode: 'other-community-code'
    }
    await communityDb(OTHER)
      .collection('households')
      .add({ ...theirs })
    const res = await call(WORKER, 'logVisit', { householdId: theirs._id, purpose: 'care' }, 'visit-elsewhere')
    expect(res).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: '没有找到这户，请确认是本社区的住户' }
    })
    const staffTag = await call(
      STAFF,
      'setHouseholdTags',
      { householdId: theirs._id, tags: ['dibao'] },
      'tag-elsewhere'
    )
    expect(staffTag).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    for (const db of [communityDb(), communityDb(OTHER)]) {
      expect((await db.collection('grid_visits').where({ householdId: theirs._id }).count()).total).toBe(0)
      expect((await db.collection('grid_households').where({ _id: theirs._id }).count()).total).toBe(0)
    }
  })

  it('turns a follow-up into a task on the worker’s list, which staff see too, until it is done', async () => {
    const home = await householdOf('grid-1')
    const unvisited = async (): Promise<string[]> => {
      const ids: string[] = []
      let cursor: string | null = null
      do {
        const page: { items: Array<{ householdId: string }>; cursor: string | null } = await data(
          WORKER,
          'gridHouseholds',
          { view: 'unvisited', cursor }
        )
        ids.push(...page.items.map(h => h.householdId))
        cursor = page.cursor
      } while (cursor)
      return ids
    }
    expect(await unvisited()).toContain(home._id)
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
    const visit = await data(
      WORKER,
      'logVisit',
      { householdId: home._id, purpose: 'care', notes: '老人腿脚不便', followUp: { note: '申请助餐', dueDate: today } },
      'visit-with-follow-up'
    )
    // The household's own grid worker reads its door in full.
    expect(visit).toMatchObject({ door: home.door, followUp: { note: '申请助餐', done: false } })
    expect(await unvisited()).not.toContain(home._id)
    const tasks = async (who: string) =>
      (await data(who, 'visitFollowUps', { done: false })).items.map((v: { id: string }) => v.id)
    expect(await tasks(WORKER)).toContain(visit.id)
    expect(await tasks(STAFF)).toContain(visit.id)
    // Staff read the door masked.
    const seen = (await data(STAFF, 'visitFollowUps', { done: false })).items.find((v: any) => v.id === visit.id)
    expect(seen.door).not.toBe(home.door)
    expect(home.door.startsWith(seen.door)).toBe(true)
    await data(WORKER, 'setFollowUp', { visitId: visit.id, done: true }, 'follow-up-done')
    expect(await tasks(WORKER)).not.toContain(visit.id)
    expect(await count('audit', { action: 'grid.visit-log', target: `grid_visits/${visit.id}` })).toBe(1)
  })

  it('shows priority households to staff and the grid worker, never to a resident', async () => {
    const home = await householdOf('grid-1')
    await data(
      STAFF,
      'setHouseholdTags',
      { householdId: home._id, tags: ['alone_elder'], note: '子女在外地' },
      'tag-household-1'
    )
    const list = await data(WORKER, 'priorityHouseholds', {})
    const row = list.items.find((r: { householdId: string }) => r.householdId === home._id)
    expect(row).toMatchObject({ cadence: '每周', tags: [{ label: '独居老人' }] })
    // Overdue ones lead (the seed's weekly household last visited 9 days ago).
    const states = list.items.map((r: { due: string }) => r.due)
    expect(states[0]).toBe('overdue')
    expect(states.indexOf('soon') === -1 || states.lastIndexOf('overdue') < states.indexOf('soon')).toBe(true)
    expect(await call('demo-resident', 'priorityHouseholds', {})).toMatchObject({ ok: false })
    expect(await call('demo-resident', 'householdCare', { householdId: home._id })).toMatchObject({ ok: false })
    expect(
      await call(WORKER, 'setHouseholdTags', { householdId: home._id, tags: [] }, 'tag-household-2')
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' }
    })
  })
})

describe('ledgers', () => {
  it('offers staff the patrol and visit ledgers, with their rows', async () => {
    const kinds = (await callOther('staff', STAFF, 'exportKinds')).data.map((k: { kind: string }) => k.kind)
    expect(kinds).toEqual(expect.arrayContaining(['grid-patrols', 'grid-visits']))
    const patrols = await patrolsLedger.rows(await docs('grid_patrols'), communityDb(), new Date())
    expect(patrols.some(r => r[5] === '超时自动结束' && r[4] === 240)).toBe(true)
    const visits = await visitsLedger.rows(await docs('grid_visits'), communityDb(), new Date())
    expect(visits.some(r => r[4] === '关爱慰问' && r[6] === '申请助餐' && r[8] === '已完成')).toBe(true)
  })
})
