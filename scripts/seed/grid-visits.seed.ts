/**
 * Grid demo data (网格): priority-household tags (重点户) on some households of each grid, a few past household visits
 * (走访, one with a follow-up still open) and the demo grid worker's patrols (巡查) of the past days, one of them
 * forgotten and closed at the cap; so the patrol page, the visit lists and staff's board have something to show.
 *
 * Deterministic ids and insert-if-absent writes: idempotent, safe on every start (dates are set by the first run).
 */
import type { HouseholdRecord, UserRecord } from '../../src/core/community/community.model'
import {
  PATROL_CAP_MINUTES,
  type HouseholdCareRecord,
  type PatrolRecord,
  type PriorityTag,
  type VisitPurpose,
  type VisitRecord
} from '../../src/core/grid/grid.model'
import { capEnd } from '../../src/core/grid/patrol-time.rule'
import { dueAtOf, dueDate } from '../../src/core/grid/visit-cadence.rule'
import { addDays, shanghaiDate, shanghaiInstant } from '../../src/core/shared/shanghai-time'
import type { Db } from '../../src/server/db/client'
import { dataOf, getById, insertIfAbsent } from '../../src/server/db/client'
import { seedScope } from './demo-community'

const DAY = 24 * 3600_000
const GRIDS = 8

/** Which households of a grid (by their place in `_id` order) carry which tags. */
const tagPlan: Array<{ at: number; tags: PriorityTag[]; note: string }> = [
  { at: 1, tags: ['alone_elder'], note: '子女在外地，每周上门看看' },
  { at: 4, tags: ['dibao'], note: '' },
  { at: 7, tags: ['disabled', 'dibao'], note: '行动不便，上门时多坐一会儿' },
  { at: 10, tags: ['child_in_need'], note: '' }
]

/** Past visits of each grid: to the household at `at`, `daysAgo`, and an open follow-up for some. */
const visitPlan: Array<{ at: number; daysAgo: number; purpose: VisitPurpose; notes: string; followUp?: string }> = [
  { at: 1, daysAgo: 9, purpose: 'care', notes: '老人身体还好，冰箱里菜不多，提醒按时吃饭' },
  { at: 4, daysAgo: 3, purpose: 'policy', notes: '讲了低保年审的材料', followUp: '帮忙准备低保年审材料' },
  { at: 2, daysAgo: 15, purpose: 'routine', notes: '家里一切正常，反映楼道灯不亮' },
  { at: 5, daysAgo: 40, purpose: 'verify', notes: '核实了家庭人口信息' }
]

const asDoc = <T extends { _id: string }>(doc: T) => doc as unknown as { _id: string } & Record<string, unknown>

export async function seedGridVisits(db: Db, now: Date = new Date()): Promise<{ written: number }> {
  const { id } = seedScope(db)
  let written = 0
  const put = async (collection: string, doc: { _id: string }): Promise<void> => {
    if (await insertIfAbsent(db, collection, asDoc(doc))) written++
  }
  for (let g = 1; g <= GRIDS; g++) {
    const gridId = id(`grid-${g}`)
    const households = dataOf<HouseholdRecord>(
      await db.collection('households').where({ gridId }).orderBy('_id', 'asc').limit(12).get()
    )
    if (households.length === 0) continue
    const workerId = id(g === 1 ? 'demo-grid-worker' : `seed-grid-worker-${g}`)
    const worker = await getById<UserRecord>(db, 'users', workerId)
    const workerName = worker?.name ?? '网格员'
    const lastVisit = new Map<string, Date>()
    for (const v of visitPlan) {
      const h = households[v.at]
      if (!h) continue
      const at = new Date(now.getTime() - v.daysAgo * DAY)
      const followDue = v.followUp ? addDays(shanghaiDate(now), 4) : null
      const visit: VisitRecord = {
        _id: id(`seed-visit-${g}-${v.at}`),
        householdId: h._id,
        gridId,
        workerUserId: workerId,
        workerName,
        purpose: v.purpose,
        purposeText: '',
        notes: v.notes,
        at,
        followUp: v.followUp && followDue ? { note: v.followUp, dueDate: followDue, doneAt: null, doneBy: null } : null,
        followUpOpen: Boolean(v.followUp),
        followUpDueAt: followDue ? shanghaiInstant(followDue, '00:00') : null,
        requestId: null,
        updatedAt: at,
        version: 1
      }
      await put('grid_visits', visit)
      lastVisit.set(h._id, at)
    }
    // Every household visited or tagged gets its record (the last visit, and the due date its tags give).
    const tagged = new Map(tagPlan.filter(t => households[t.at]).map(t => [households[t.at]._id, t]))
    for (const h of households) {
      const plan = tagged.get(h._id)
      const last = lastVisit.get(h._id) ?? null
      if (!plan && !last) continue
      const tags = plan?.tags ?? []
      const care: HouseholdCareRecord = {
        _id: h._id,
        householdId: h._id,
        gridId,
        tags,
        tagNote: plan?.note ?? '',
        lastVisitAt: last,
        dueAt: dueAtOf(dueDate(tags, last, new Date(now.getTime() - 20 * DAY))),
        tagsBy: plan ? id('demo-staff') : null,
        updatedAt: now,
        version: 1
      }
      await put('grid_households', care)
    }
  }
  // The demo grid worker's patrols of the past five days (about an hour each), one forgotten and closed at the cap.
  const workerId = id('demo-grid-worker')
  const worker = await getById<UserRecord>(db, 'users', workerId)
  const today = shanghaiDate(now)
  for (let d = 1; d <= 5; d++) {
    const startedAt = shanghaiInstant(addDays(today, -d), d === 3 ? '16:30' : '09:00')
    const capped = d === 3
    const minutes = capped ? PATROL_CAP_MINUTES : 45 + d * 5
    const _id = id(`seed-patrol-${d}`)
    const patrol: PatrolRecord = {
      _id,
      workerUserId: workerId,
      workerName: worker?.name ?? '网格员',
      gridId: id('grid-1'),
      startedAt,
      endedAt: capped ? capEnd(startedAt) : new Date(startedAt.getTime() + minutes * 60_000),
      minutes,
      openKey: _id,
      closedBy: capped ? 'cap' : 'worker',
      note: d === 1 ? '北门车棚旁有堆物，已报' : '',
      requestId: null,
      updatedAt: now
    }
    await put('grid_patrols', patrol)
  }
  return { written }
}
