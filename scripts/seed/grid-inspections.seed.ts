/**
 * Inspection demo data (巡检) on top of the demo community: three checklists as the community plans run them —
 * 1栋's weekly hygiene (第一网格), the underground garage's quarterly safety (地下车库, 第一网格) and 4栋's monthly
 * environment (第二网格) — and past inspections: last week's hygiene all passed, last month's environment with one
 * failed item whose report was fixed and confirmed. This week's hygiene and this quarter's garage are left due, so the
 * demo grid worker's list has something to do.
 *
 * Deterministic ids and insert-if-absent writes: idempotent, safe on every start (the past ones move with the
 * calendar: a new week's start writes that week's "last week").
 */
import { checklistTemplates, draftOfFailedItem } from '../../src/core/grid/inspection.usecase'
import { inspectionPeriod, previousPeriod } from '../../src/core/grid/inspection-period.rule'
import type { ChecklistRecord, InspectionRecord, ReportRecord } from '../../src/core/grid/grid.model'
import { categoryRules } from '../../src/core/grid/grid.model'
import type { Db } from '../../src/server/db/client'
import { getById, insertIfAbsent } from '../../src/server/db/client'
import type { GridRecord } from '../../src/core/community/community.model'
import { seedScope } from './demo-community'

const DAY_MS = 86_400_000

export async function seedGridInspections(db: Db, now: Date = new Date()): Promise<{ written: number }> {
  const { id } = seedScope(db)
  const createdAt = new Date(now.getTime() - 100 * DAY_MS)
  const worker = id('demo-grid-worker')
  const checklist = (
    key: string,
    template: (typeof checklistTemplates)[number],
    place: ChecklistRecord['place'],
    gridId: string,
    title = template.title
  ): ChecklistRecord => ({
    _id: id(`ck-${key}`),
    title,
    cadence: template.cadence,
    place,
    gridId,
    items: template.items.map((i, n) => ({ key: `i${n + 1}`, text: i.text, category: i.category })),
    active: true,
    createdBy: id('demo-staff'),
    requestId: null,
    createdAt,
    updatedAt: createdAt,
    version: 1
  })
  const [weekly, monthly, quarterly] = checklistTemplates
  const checklists = [
    checklist('hygiene-1', weekly, { buildingId: id('bldg-1'), name: '1栋' }, id('grid-1')),
    checklist('garage-safety', quarterly, { buildingId: null, name: '地下车库' }, id('grid-1'), '地下车库安全检查'),
    checklist('environment-4', monthly, { buildingId: id('bldg-4'), name: '4栋' }, id('grid-2'))
  ]
  let written = 0
  for (const c of checklists) if (await insertIfAbsent(db, 'grid_checklists', { ...c })) written++

  const inspection = (
    c: ChecklistRecord,
    inspector: string,
    at: Date,
    failed: Record<string, string> = {}
  ): InspectionRecord => {
    const period = inspectionPeriod(c.cadence, at)
    const inspectionId = `${c._id}:${period.key}`
    return {
      _id: inspectionId,
      checklistId: c._id,
      title: c.title,
      cadence: c.cadence,
      periodKey: period.key,
      gridId: c.gridId,
      place: c.place,
      results: c.items.map(i => ({
        ...i,
        passed: !(i.key in failed),
        note: failed[i.key] ?? '',
        reportId: i.key in failed ? `${inspectionId}:${i.key}` : null
      })),
      state: 'done',
      inspectorUserId: inspector,
      inspectorRoles: ['grid_worker'],
      requestId: null,
      inspectedAt: at,
      updatedAt: at
    }
  }
  // Last week's hygiene, Wednesday 10:00 of it; last month's environment, its 10th at 15:00.
  const lastWeek = previousPeriod(inspectionPeriod('weekly', now))
  const lastMonth = previousPeriod(inspectionPeriod('monthly', now))
  const hygiene = inspection(checklists[0], worker, new Date(lastWeek.from.getTime() + 2 * DAY_MS + 10 * 3600_000))
  const environment = inspection(
    checklists[2],
    id('seed-grid-worker-2'),
    new Date(lastMonth.from.getTime() + 9 * DAY_MS + 15 * 3600_000),
    { i2: '4栋门口两盏路灯不亮' }
  )
  for (const i of [hygiene, environment]) if (await insertIfAbsent(db, 'grid_inspections', { ...i })) written++

  // The environment's failed item: its report, handled and confirmed within its time.
  const failed = environment.results.find(r => !r.passed)!
  const draft = draftOfFailedItem(environment, failed)
  const made = environment.inspectedAt
  const hours = (h: number): Date => new Date(made.getTime() + h * 3600_000)
  const rule = categoryRules[draft.category]
  const report: ReportRecord = {
    _id: failed.reportId!,
    category: draft.category,
    description: draft.description,
    photos: [],
    afterPhotos: [],
    place: { buildingId: environment.place.buildingId, unitId: null, point: null, text: '', label: '4栋' },
    gridId: environment.gridId,
    gridName: (await getById<GridRecord>(db, 'grids', environment.gridId))?.name ?? null,
    hidden: false,
    reporterUserId: environment.inspectorUserId,
    followerUserIds: [],
    state: 'closed',
    ownerUserId: environment.inspectorUserId,
    ownerLabel: '网格员',
    passedTo: { kind: 'department', name: '物业' },
    acceptBy: hours(rule.acceptHours),
    solveBy: hours(rule.solveHours),
    escalation: 0,
    solveEscalation: 0,
    steps: [
      { at: made, kind: 'submitted', by: '网格员', note: '巡检发现，已上报', byUserId: null, requestId: null },
      { at: hours(0.5), kind: 'accepted', by: '网格员', note: '已受理', byUserId: null, requestId: null },
      { at: hours(1), kind: 'passed', by: '网格员', note: '已转物业维修', byUserId: null, requestId: null },
      { at: hours(30), kind: 'resolved', by: '网格员', note: '物业已换灯泡', byUserId: null, requestId: null },
      { at: hours(40), kind: 'confirmed', by: '网格员', note: '已亮', byUserId: null, requestId: null }
    ],
    reopenCount: 0,
    confirmation: 'solved',
    closedUnconfirmed: false,
    rating: null,
    mergedInto: null,
    patrolId: null,
    inspectionId: environment._id,
    createdAt: made,
    acceptedAt: hours(0.5),
    resolvedAt: hours(30),
    closedAt: hours(40),
    updatedAt: hours(40),
    version: 5,
    requestId: null,
    untold: null
  }
  if (await insertIfAbsent(db, 'grid_reports', { ...report })) written++
  return { written }
}
