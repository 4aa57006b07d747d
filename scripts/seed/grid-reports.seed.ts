/**
 * Residents' reports (随手拍/报事) on top of the demo community, so the report screens show real work on `npm start`:
 * the resident's stairwell clutter waiting to be accepted, a broken street lamp the grid worker owns, a parking
 * problem passed to 物业, a resolved one waiting for the resident's answer, a closed and rated one, and a neighbour's
 * hidden noise complaint. No photos (storage starts empty).
 *
 * Deterministic ids and insert-if-absent writes: idempotent, safe on every start. Times are relative to `now`.
 */
import type { UserRecord } from '../../src/core/community/community.model'
import type { HandOff, ReportCategory, ReportRecord, ReportState, ReportStep } from '../../src/core/grid/grid.model'
import { deadlinesOf } from '../../src/core/grid/report-deadline.rule'
import type { Db } from '../../src/server/db/client'
import { getById, insertIfAbsent } from '../../src/server/db/client'
import { seedScope } from './demo-community'

const HOUR = 3600_000

interface DemoReport {
  key: string
  by: string
  category: ReportCategory
  description: string
  /** Words of the place after the building and unit. */
  where: string
  hoursAgo: number
  state: ReportState
  hidden?: boolean
  passedTo?: HandOff
  rating?: { stars: number; note: string }
}

const demoReports: DemoReport[] = [
  {
    key: 'stairs',
    by: 'demo-resident',
    category: 'clutter',
    description: '楼道里堆了好多纸箱和旧家具，挡住了一半通道，老人上下楼不方便',
    where: '楼道二楼',
    hoursAgo: 1,
    state: 'submitted'
  },
  {
    key: 'lamp',
    by: 'demo-resident',
    category: 'facility',
    description: '楼门口的路灯坏了好几天，晚上黑漆漆的',
    where: '楼门口',
    hoursAgo: 20,
    state: 'accepted'
  },
  {
    key: 'parking',
    by: 'demo-elder',
    category: 'parking',
    description: '有车长期停在消防通道上，救护车进不来',
    where: '消防通道',
    hoursAgo: 30,
    state: 'passed',
    passedTo: { kind: 'department', name: '物业公司' }
  },
  {
    key: 'rubbish',
    by: 'demo-resident',
    category: 'hygiene',
    description: '垃圾桶满了没人清，味道很大',
    where: '垃圾房',
    hoursAgo: 50,
    state: 'resolved'
  },
  {
    key: 'bench',
    by: 'demo-guardian',
    category: 'facility',
    description: '小花园的长椅断了一条腿，孩子坐上去很危险',
    where: '小花园',
    hoursAgo: 24 * 6,
    state: 'closed',
    rating: { stars: 5, note: '修得很快，谢谢网格员' }
  },
  {
    key: 'noise',
    by: 'demo-family',
    category: 'noise',
    description: '楼上每天晚上十一点以后还在装修',
    where: '',
    hoursAgo: 3,
    state: 'submitted',
    hidden: true
  }
]

const labelOf = (u: UserRecord | null): string => `网格员${u ? ` ${[...u.name][0]}老师` : ''}`

export async function seedGridReports(db: Db, now: Date = new Date()): Promise<{ written: number }> {
  const { id } = seedScope(db)
  const worker = await getById<UserRecord>(db, 'users', id('demo-grid-worker'))
  let written = 0
  for (const d of demoReports) {
    const reporter = await getById<UserRecord>(db, 'users', id(d.by))
    const home = reporter?.householdId
      ? await getById<{ buildingId: string; unitId: string; gridId: string }>(db, 'households', reporter.householdId)
      : null
    const [building, unit] = home
      ? await Promise.all([
          getById<{ name: string }>(db, 'buildings', home.buildingId),
          getById<{ name: string }>(db, 'units', home.unitId)
        ])
      : [null, null]
    const grid = home ? await getById<{ name: string }>(db, 'grids', home.gridId) : null
    const at = new Date(now.getTime() - d.hoursAgo * HOUR)
    const place = `${building?.name ?? ''}${unit?.name ?? ''}`
    const step = (hours: number, kind: ReportStep['kind'], by: string, note: string): ReportStep => ({
      at: new Date(at.getTime() + hours * HOUR),
      kind,
      by,
      note,
      byUserId: null,
      requestId: null
    })
    const steps: ReportStep[] = [step(0, 'submitted', '居民', '已提交')]
    const owned = d.state !== 'submitted'
    if (owned) steps.push(step(0.5, 'accepted', '网格员', `已受理，由专人负责到底：${labelOf(worker)}`))
    if (d.passedTo)
      steps.push(step(1, 'passed', '网格员', `已转办：${d.passedTo.kind === 'juwei' ? '居委会' : d.passedTo.name}`))
    if (d.state === 'resolved' || d.state === 'closed') {
      steps.push(step(3, 'resolved', '网格员', '已处理，请您确认是否解决：已联系物业处理完毕'))
    }
    if (d.state === 'closed') steps.push(step(5, 'confirmed', '居民', '居民确认：已解决'))
    if (d.rating) steps.push(step(5.1, 'rated', '居民', `居民评价：${d.rating.stars} 星，${d.rating.note}`))
    const report: ReportRecord = {
      _id: id(`report-${d.key}`),
      category: d.category,
      description: d.description,
      photos: [],
      afterPhotos: [],
      place: {
        buildingId: home?.buildingId ?? null,
        unitId: home?.unitId ?? null,
        point: null,
        text: d.where,
        label: [place, d.where].filter(Boolean).join(' · ') || d.where
      },
      gridId: home?.gridId ?? null,
      gridName: grid?.name ?? null,
      hidden: d.hidden ?? false,
      reporterUserId: id(d.by),
      followerUserIds: [],
      state: d.state,
      ownerUserId: owned ? id('demo-grid-worker') : null,
      ownerLabel: owned ? labelOf(worker) : null,
      passedTo: d.passedTo ?? null,
      ...deadlinesOf(d.category, at),
      escalation: 0,
      solveEscalation: 0,
      steps,
      reopenCount: 0,
      confirmation: d.state === 'closed' ? 'solved' : null,
      closedUnconfirmed: false,
      rating: d.rating ?? null,
      mergedInto: null,
      patrolId: null,
      inspectionId: null,
      createdAt: at,
      acceptedAt: owned ? steps[1].at : null,
      resolvedAt: d.state === 'resolved' || d.state === 'closed' ? new Date(at.getTime() + 3 * HOUR) : null,
      closedAt: d.state === 'closed' ? new Date(at.getTime() + 5 * HOUR) : null,
      updatedAt: steps[steps.length - 1].at,
      version: steps.length - 1,
      requestId: null,
      untold: null
    }
    if (await insertIfAbsent(db, 'grid_reports', report as unknown as { _id: string } & Record<string, unknown>)) {
      written++
    }
  }
  return { written }
}
