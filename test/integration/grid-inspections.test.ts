/**
 * Inspections (巡检), the honest figures and the Open311 export, through the BUILT grid function on the local cloud
 * with the real SDK, over the seeded demo community (春晖, A) and a second one (东圣, B) for what must stay B's.
 * Needs `npm run build:functions` first.
 */
import { readSheet } from 'read-excel-file/node'
import { seedDemoCommunity } from '../../scripts/seed'
import { groupFacts, monthFigures } from '../../src/core/grid/figures.rule'
import type { ReportRecord } from '../../src/core/grid/grid.model'
import { DEFAULT_COMMUNITY_ID } from '../../src/core/community/community.model'
import { demoId } from '../../src/core/community/personas'
import { shanghaiInstant } from '../../src/core/shared/shanghai-time'
import { getDb } from '../../src/server/db/client'
import { communityDb, useSeededCloud } from './local-cloud.helper'

jest.setTimeout(120_000)

const cloud = useSeededCloud('grid')
const B = 'dongsheng'
const STAFF = 'demo-staff'
const WORKER = 'demo-grid-worker' // 第一网格 (grid-1): 1栋–3栋
const OTHER_WORKER = 'seed-grid-worker-2' // 第二网格
const RESIDENT = 'demo-resident'
const STREET = 'demo-street-inspections'
// A Thursday morning in Shanghai: the week of Monday 11-30 has four days left.
const NOW = shanghaiInstant('2026-12-03', '10:00')

let seq = 0
/** The checklist the first journey records this week (the reminder leaves it alone). */
let recordedChecklistId = ''
const rid = (): string => `it-insp-${Date.now()}-${seq++}`

const weeklyHygiene = (over: Record<string, unknown> = {}) => ({
  title: '每周卫生检查',
  cadence: 'weekly',
  place: { buildingId: 'bldg-1' },
  items: [
    { text: '楼道无垃圾、无杂物', category: 'hygiene' },
    { text: '消防通道畅通', category: 'safety' },
    { text: '垃圾桶四周干净', category: 'hygiene' }
  ],
  ...over
})

beforeAll(async () => {
  await cloud.setClock(NOW)
  await seedDemoCommunity(getDb(), { communityId: B })
  await getDb()
    .collection('users')
    .add({ _id: STREET, name: '街道社工', roles: ['street_staff'], communityId: null, createdAt: new Date() })
})

describe('define → due → record → a failed item becomes a report of the grid', () => {
  let checklist: any
  let recorded: any
  const recordId = rid()

  it('staff define a weekly checklist for 1栋: it belongs to 1栋’s grid', async () => {
    checklist = await cloud.data(STAFF, 'defineChecklist', weeklyHygiene(), rid())
    recordedChecklistId = checklist.id
    expect(checklist).toMatchObject({
      title: '每周卫生检查',
      cadenceLabel: '每周',
      placeLabel: '1栋',
      gridId: 'grid-1',
      active: true
    })
    expect(checklist.items.map((i: any) => i.key)).toEqual(['i1', 'i2', 'i3'])
    expect(
      await cloud.count('audit', { action: 'grid.define-checklist', target: `grid_checklists/${checklist.id}` })
    ).toBe(1)
  })

  it('the grid’s worker sees it due this week; another grid’s worker does not see it', async () => {
    const due = await cloud.data(WORKER, 'dueInspections', {})
    const row = due.items.find((i: any) => i.checklistId === checklist.id)
    expect(row).toMatchObject({ status: 'due', period: { key: 'W2026-11-30', label: '11月30日—12月6日', daysLeft: 4 } })
    expect(row.missed).toBeNull()
    const other = await cloud.data(OTHER_WORKER, 'dueInspections', {})
    expect(other.items.map((i: any) => i.checklistId)).not.toContain(checklist.id)
  })

  it('another grid’s worker may not record it, and nothing is written', async () => {
    const res = await cloud.call(OTHER_WORKER, 'recordInspection', {
      checklistId: checklist.id,
      results: checklist.items.map((i: any) => ({ key: i.key, passed: true }))
    })
    expect(res.error).toMatchObject({ code: 'FORBIDDEN' })
    expect(res.error.message).toContain('不在你负责的网格')
    expect(await cloud.count('grid_inspections', { checklistId: checklist.id })).toBe(0)
  })

  it('a failure without a word of what was seen is refused', async () => {
    const res = await cloud.call(WORKER, 'recordInspection', {
      checklistId: checklist.id,
      results: [
        { key: 'i1', passed: true },
        { key: 'i2', passed: false },
        { key: 'i3', passed: true }
      ]
    })
    expect(res.error.code).toBe('INVALID_INPUT')
    expect(JSON.stringify(res.error)).toContain('不合格的项请写明看到了什么')
  })

  it('the worker records it: the failed item becomes a 待受理 report of 第一网格 carrying the inspection', async () => {
    recorded = await cloud.data(
      WORKER,
      'recordInspection',
      {
        checklistId: checklist.id,
        results: [
          { key: 'i1', passed: true },
          { key: 'i2', passed: false, note: '2单元一楼消防通道堆了三辆电动车' },
          { key: 'i3', passed: true }
        ]
      },
      recordId
    )
    expect(recorded).toMatchObject({ id: `${checklist.id}:W2026-11-30`, failed: 1, reporting: false })
    expect(recorded.inspectorLabel).toMatch(/^网格员 .老师$/)
    const failed = recorded.results.find((r: any) => r.key === 'i2')
    expect(failed.reportId).toEqual(expect.any(String))
    const [report] = await cloud.docs('grid_reports', { inspectionId: recorded.id })
    expect(report).toMatchObject({
      _id: failed.reportId,
      category: 'safety',
      gridId: 'grid-1',
      state: 'submitted',
      reporterUserId: WORKER,
      place: expect.objectContaining({ buildingId: 'bldg-1' })
    })
    expect(report.description).toContain('消防通道畅通')
    expect(report.description).toContain('堆了三辆电动车')
    // A safety hazard: accept within the hour.
    expect(new Date(report.acceptBy).getTime() - NOW.getTime()).toBe(3600_000)
  })

  it('a retried record (same requestId) answers the same and doubles nothing', async () => {
    const again = await cloud.data(
      WORKER,
      'recordInspection',
      {
        checklistId: checklist.id,
        results: [
          { key: 'i1', passed: true },
          { key: 'i2', passed: false, note: '2单元一楼消防通道堆了三辆电动车' },
          { key: 'i3', passed: true }
        ]
      },
      recordId
    )
    expect(again.id).toBe(recorded.id)
    expect(await cloud.count('grid_inspections', { checklistId: checklist.id })).toBe(1)
    expect(await cloud.count('grid_reports', { inspectionId: recorded.id })).toBe(1)
  })

  it('a second record this week (another tap, or staff) is told it is done, by whom and when', async () => {
    const res = await cloud.call(
      STAFF,
      'recordInspection',
      { checklistId: checklist.id, results: checklist.items.map((i: any) => ({ key: i.key, passed: true })) },
      rid()
    )
    expect(res.error.code).toBe('ALREADY_INSPECTED')
    expect(res.error.message).toMatch(/本期（11月30日—12月6日）已由网格员 .老师在12月3日 周四 10:00检查过/)
    expect(await cloud.count('grid_reports', { inspectionId: recorded.id })).toBe(1)
  })

  it('the worker’s list then shows it done, and its history lists it', async () => {
    const due = await cloud.data(WORKER, 'dueInspections', {})
    expect(due.items.find((i: any) => i.checklistId === checklist.id)).toMatchObject({
      status: 'done',
      inspectionId: recorded.id
    })
    const history = await cloud.data(WORKER, 'inspections', { checklistId: checklist.id })
    expect(history.items.map((i: any) => i.id)).toEqual([recorded.id])
  })

  it('a named place (地下车库) goes to the grid staff chose, and its failed item’s report too', async () => {
    const garage = await cloud.data(
      STAFF,
      'defineChecklist',
      weeklyHygiene({ title: '车库安全检查', cadence: 'monthly', place: { name: '地下车库', gridId: 'grid-1' } }),
      rid()
    )
    expect(garage).toMatchObject({ placeLabel: '地下车库', gridId: 'grid-1', cadenceLabel: '每月' })
    const done = await cloud.data(
      WORKER,
      'recordInspection',
      {
        checklistId: garage.id,
        results: [
          { key: 'i1', passed: false, note: '车库角落有建筑垃圾' },
          { key: 'i2', passed: true },
          { key: 'i3', passed: true }
        ]
      },
      rid()
    )
    const [report] = await cloud.docs('grid_reports', { inspectionId: done.id })
    expect(report).toMatchObject({ gridId: 'grid-1', category: 'hygiene' })
    expect(report.place.label).toContain('地下车库')
  })
})

describe('a stop between the inspection and its reports is finished by the tick', () => {
  it('a half-done inspection’s reports are opened once and it is marked done', async () => {
    const c = await cloud.data(STAFF, 'defineChecklist', weeklyHygiene({ place: { buildingId: 'bldg-2' } }), rid())
    const id = `${c.id}:W2026-11-30`
    // What a call cut off after its first write leaves: the inspection, `reporting`, and no report.
    await communityDb()
      .collection('grid_inspections')
      .add({
        _id: id,
        checklistId: c.id,
        title: c.title,
        cadence: 'weekly',
        periodKey: 'W2026-11-30',
        gridId: 'grid-1',
        place: { buildingId: 'bldg-2', name: '2栋' },
        results: c.items.map((i: any, n: number) => ({
          key: i.key,
          text: i.text,
          category: n === 0 ? 'hygiene' : 'safety',
          passed: n !== 0,
          note: n === 0 ? '楼道堆满纸箱' : '',
          reportId: null
        })),
        state: 'reporting',
        inspectorUserId: WORKER,
        inspectorRoles: ['grid_worker'],
        requestId: 'cut-off',
        inspectedAt: NOW,
        updatedAt: NOW
      })
    // Not before the call's own retry could still finish it.
    await cloud.tick('tick', new Date(NOW.getTime() + 30_000))
    expect(await cloud.count('grid_reports', { inspectionId: id })).toBe(0)
    // Its job fires at :40 past every fifth minute.
    await cloud.tick('tick', new Date(NOW.getTime() + 10 * 60_000 + 50_000))
    await cloud.tick('tick', new Date(NOW.getTime() + 20 * 60_000 + 50_000))
    const reports = await cloud.docs('grid_reports', { inspectionId: id })
    expect(reports).toHaveLength(1)
    const [after] = await cloud.docs('grid_inspections', { _id: id })
    expect(after.state).toBe('done')
    expect(after.results[0].reportId).toBe(reports[0]._id)
  })
})

describe('the reminder of checklists due soon', () => {
  it('tells the grid’s worker once, two days before the week ends, with a link to the form', async () => {
    // Saturday 09:00 of the same week: a weekly checklist has two days left. The demo's 1栋 hygiene is not done.
    const saturday = shanghaiInstant('2026-12-05', '09:00')
    await cloud.tick('tick', new Date(saturday.getTime() + 10_000))
    await cloud.tick('tick', new Date(saturday.getTime() + 24 * 3600_000 + 10_000))
    const told = await cloud.docs('inbox', { to: WORKER, kind: 'grid.inspection-due' })
    const hygiene = told.filter((n: any) => n.link === '/pages/grid/inspection?checklistId=ck-hygiene-1')
    expect(hygiene).toHaveLength(1)
    expect(hygiene[0]).toMatchObject({
      title: '每周卫生检查还没做',
      link: '/pages/grid/inspection?checklistId=ck-hygiene-1'
    })
    // The checklist this test recorded this week is not reminded.
    expect(told.map((n: any) => n.link).join()).not.toContain(recordedChecklistId)
    await cloud.setClock(NOW)
  })
})

describe('another community’s checklist or place: a clear Chinese error and nothing written', () => {
  it('a checklist on B’s building is refused', async () => {
    const before = await cloud.count('grid_checklists')
    const res = await cloud.call(
      STAFF,
      'defineChecklist',
      weeklyHygiene({ place: { buildingId: demoId(B, 'bldg-1') } }),
      rid()
    )
    expect(res.error).toMatchObject({ code: 'PLACE_UNKNOWN', message: expect.stringContaining('没有找到这个楼栋') })
    const grid = await cloud.call(
      STAFF,
      'defineChecklist',
      weeklyHygiene({ place: { name: '地下车库', gridId: demoId(B, 'grid-1') } }),
      rid()
    )
    expect(grid.error).toMatchObject({ code: 'PLACE_UNKNOWN', message: expect.stringContaining('没有找到这个网格') })
    expect(await cloud.count('grid_checklists')).toBe(before)
  })

  it('B’s checklist is not found from A, and B gets no inspection nor report', async () => {
    const bDb = communityDb(B)
    const count = async (name: string) => Number(((await bDb.collection(name).count()) as { total: number }).total)
    const was = { inspections: await count('grid_inspections'), reports: await count('grid_reports') }
    await bDb.collection('grid_checklists').add({
      _id: 'ck-of-b',
      title: '东圣每周卫生',
      cadence: 'weekly',
      place: { buildingId: demoId(B, 'bldg-1'), name: '1栋' },
      gridId: demoId(B, 'grid-1'),
      items: [{ key: 'i1', text: '楼道干净', category: 'hygiene' }],
      active: true,
      createdBy: 'someone',
      requestId: null,
      createdAt: NOW,
      updatedAt: NOW,
      version: 1
    })
    for (const who of [STAFF, WORKER]) {
      const res = await cloud.call(
        who,
        'recordInspection',
        { checklistId: 'ck-of-b', results: [{ key: 'i1', passed: false, note: '楼道很脏' }] },
        rid()
      )
      expect(res.error).toMatchObject({ code: 'NOT_FOUND', message: '没有找到这张巡检表' })
      expect((await cloud.call(who, 'inspectionForm', { checklistId: 'ck-of-b' })).error.code).toBe('NOT_FOUND')
    }
    expect({ inspections: await count('grid_inspections'), reports: await count('grid_reports') }).toEqual(was)
  })

  it('a resident may not define or record', async () => {
    expect((await cloud.call(RESIDENT, 'defineChecklist', weeklyHygiene(), rid())).error.code).toBe('FORBIDDEN')
    expect((await cloud.call(RESIDENT, 'dueInspections', {})).error.code).toBe('FORBIDDEN')
  })
})

// ---- the honest figures ----------------------------------------------------------------------------------------

const at = (date: string, hhmm = '09:00'): Date => shanghaiInstant(date, hhmm)
let reportSeq = 0
function report(over: Partial<ReportRecord>): ReportRecord {
  const createdAt = over.createdAt ?? at('2025-03-10')
  return {
    _id: `fig-${reportSeq++}`,
    category: 'hygiene',
    description: '楼道里有垃圾没人清理',
    photos: [],
    afterPhotos: [],
    place: { buildingId: 'bldg-1', unitId: null, point: null, text: '', label: '1栋' },
    gridId: 'grid-1',
    gridName: '第一网格',
    hidden: false,
    reporterUserId: RESIDENT,
    followerUserIds: [],
    state: 'submitted',
    ownerUserId: null,
    ownerLabel: null,
    passedTo: null,
    acceptBy: new Date(createdAt.getTime() + 4 * 3600_000),
    solveBy: new Date(createdAt.getTime() + 48 * 3600_000),
    escalation: 0,
    solveEscalation: 0,
    steps: [],
    reopenCount: 0,
    confirmation: null,
    closedUnconfirmed: false,
    rating: null,
    mergedInto: null,
    patrolId: null,
    inspectionId: null,
    createdAt,
    acceptedAt: null,
    resolvedAt: null,
    closedAt: null,
    updatedAt: createdAt,
    version: 1,
    requestId: null,
    untold: null,
    ...over
  }
}

/** March 2025's reports (far from the demo seed's last month): each kind the figures tell apart. */
const march: ReportRecord[] = [
  // Confirmed solved, in time, rated 5.
  report({
    state: 'closed',
    acceptedAt: at('2025-03-10', '10:00'),
    resolvedAt: at('2025-03-11'),
    closedAt: at('2025-03-11', '12:00'),
    confirmation: 'solved',
    rating: { stars: 5, note: '' }
  }),
  // Confirmed solved after a reopen, late, rated 3.
  report({
    category: 'facility',
    state: 'closed',
    acceptedAt: at('2025-03-10', '10:00'),
    resolvedAt: at('2025-03-14'),
    closedAt: at('2025-03-15'),
    confirmation: 'solved',
    reopenCount: 1,
    rating: { stars: 3, note: '' }
  }),
  // Closed because the reporter never answered: not solved.
  report({
    gridId: 'grid-2',
    place: { buildingId: 'bldg-4', unitId: null, point: null, text: '', label: '4栋' },
    state: 'closed',
    acceptedAt: at('2025-03-10', '15:00'),
    resolvedAt: at('2025-03-11'),
    closedAt: at('2025-03-18'),
    closedUnconfirmed: true
  }),
  // Accepted late and still in hand: overdue now.
  report({ category: 'noise', state: 'accepted', acceptedAt: at('2025-03-10', '16:00') }),
  // Never accepted: overdue now.
  report({
    category: 'parking',
    gridId: null,
    place: { buildingId: null, unitId: null, point: null, text: '北门', label: '北门' }
  }),
  report({ state: 'withdrawn' }),
  // February's and April's are not March's.
  report({ createdAt: at('2025-02-28', '23:59') }),
  report({ createdAt: at('2025-04-01', '00:00'), acceptBy: at('2025-04-05'), solveBy: at('2025-04-09') })
]

describe('the honest figures of a month', () => {
  beforeAll(async () => {
    for (const r of march) await communityDb().collection('grid_reports').add(r)
  })

  it('are what figures.rule.ts says, counted by the database', async () => {
    const f = await cloud.data(STAFF, 'gridFigures', { month: '2025-03' })
    const inMonth = march.filter(
      r => r.createdAt >= at('2025-03-01', '00:00') && r.createdAt < at('2025-04-01', '00:00')
    )
    const expected = monthFigures(groupFacts(inMonth, NOW), [])
    expect(f).toMatchObject({
      monthLabel: '2025年3月',
      reports: 6,
      notCounted: 1,
      response: expected.response,
      resolution: expected.resolution,
      reopen: expected.reopen,
      satisfaction: expected.satisfaction,
      closed: 3,
      solved: 2,
      closedUnconfirmed: 1
    })
    // By hand: 1 of 5 accepted in time; 1 of 5 solved in time (the unconfirmed close is not solved); 1 of 4 reopened.
    expect(f.response).toEqual({ num: 2, den: 5, percent: 40 })
    expect(f.resolution).toEqual({ num: 1, den: 5, percent: 20 })
    expect(f.reopen).toEqual({ num: 1, den: 3, percent: 33.3, reopens: 1 })
    expect(f.satisfaction).toEqual({ averageStars: 4, rated: { num: 2, den: 3, percent: 66.7 } })
    expect(f.byCategory.find((c: any) => c.key === 'hygiene')).toMatchObject({ label: '环境卫生', count: 3 })
    expect(f.byState.find((s: any) => s.key === 'closed')).toMatchObject({ label: '已办结', count: 3 })
    expect(f.byGrid.find((g: any) => g.gridId === null)).toMatchObject({ name: '未分网格', count: 1 })
  })

  it('overdue is now: every open report past a deadline, whatever its month', async () => {
    const f = await cloud.data(STAFF, 'gridFigures', { month: '2025-03' })
    const open = await cloud.docs('grid_reports', { state: 'submitted' })
    expect(f.overdueNow).toBeGreaterThanOrEqual(2)
    expect(f.byGrid.find((g: any) => g.gridId === null).overdueNow).toBe(1)
    expect(open.length).toBeGreaterThan(0)
  })

  it('the street’s roles read them per community; a resident and a grid worker may not', async () => {
    const street = await cloud.callOther('grid', STREET, 'gridFigures', { month: '2025-03' }, DEFAULT_COMMUNITY_ID)
    expect(street.ok).toBe(true)
    expect(street.data.reports).toBe(6)
    const inB = await cloud.callOther('grid', STREET, 'gridFigures', { month: '2025-03' }, B)
    expect(inB.data.reports).toBe(0)
    expect((await cloud.call(RESIDENT, 'gridFigures', { month: '2025-03' })).error.code).toBe('FORBIDDEN')
    expect((await cloud.call(WORKER, 'gridFigures', { month: '2025-03' })).error.code).toBe('FORBIDDEN')
  })

  it('a month is asked for plainly', async () => {
    const res = await cloud.call(STAFF, 'gridFigures', { month: '2026-13' })
    expect(res.error.code).toBe('INVALID_INPUT')
    expect(JSON.stringify(res.error)).toContain('请选择月份')
  })
})

describe('Open311 GeoReport v2 export', () => {
  it('gives a month’s reports as service requests, in chunks, oldest first, never the reporter', async () => {
    const first = await cloud.data(STAFF, 'open311Requests', { month: '2025-03', cursor: null })
    expect(first.total).toBe(6)
    expect(first.requests).toHaveLength(6)
    expect(first.cursor).toBeNull()
    const closedUnconfirmed = first.requests.find((r: any) => r.status_notes.includes('居民未确认'))
    expect(closedUnconfirmed).toMatchObject({ status: 'closed', service_code: 'hygiene', service_name: '环境卫生' })
    expect(closedUnconfirmed.requested_datetime).toBe('2025-03-10T09:00:00+08:00')
    const open = first.requests.find((r: any) => r.service_code === 'noise')
    expect(open).toMatchObject({ status: 'open', expected_datetime: '2025-03-12T09:00:00+08:00' })
    expect(open.address).toContain('1栋')
    const text = JSON.stringify(first)
    expect(text).not.toContain(RESIDENT)
    for (const r of first.requests) expect(r).not.toHaveProperty('lat')
    expect(await cloud.count('audit', { action: 'grid.export-open311' })).toBeGreaterThanOrEqual(1)
  })
})

describe('the reports ledger (台账)', () => {
  /** Drives a staff export to the end as the exports page does; the sheet's rows. */
  async function exportRows(openId: string, kind: string): Promise<unknown[][]> {
    const staff = async (action: string, payload: unknown, requestId?: string) => {
      const res = await cloud.callOther('staff', openId, action, payload)
      if (requestId === undefined && !res.ok) throw new Error(JSON.stringify(res.error))
      return res
    }
    let job = (await staff('startExport', { kind })).data
    while (job.status === 'running') job = (await staff('exportStep', { jobId: job.jobId })).data
    const parts: string[] = []
    for (let i = 0; i < job.fileParts; i++)
      parts.push((await staff('exportPart', { jobId: job.jobId, part: i })).data.data)
    return (await readSheet(Buffer.from(parts.join(''), 'base64'))) as unknown[][]
  }

  it('lists every report with what the figures count, an unconfirmed close called so', async () => {
    const rows = await exportRows(STAFF, 'grid-reports')
    expect(rows[0]).toEqual(expect.arrayContaining(['类别', '网格', '按时受理', '办结方式', '重办次数', '评分']))
    const how = rows[0].indexOf('办结方式')
    const source = rows[0].indexOf('来源')
    const words = rows[0].indexOf('内容')
    // This test's March reports (the demo's own reports and inspection are in the ledger too).
    const ours = rows.filter(r => r[words] === '楼道里有垃圾没人清理')
    expect(ours.filter(r => r[how] === '超时未确认，自动办结')).toHaveLength(1)
    expect(ours.filter(r => r[how] === '居民确认已解决')).toHaveLength(2)
    expect(rows.some(r => r[source] === '巡检')).toBe(true)
    expect(JSON.stringify(rows)).not.toContain(RESIDENT)
  })

  it('a grid worker’s export is their grid’s only', async () => {
    const rows = await exportRows(WORKER, 'grid-reports')
    const grid = rows[0].indexOf('网格')
    expect(new Set(rows.slice(1).map(r => r[grid]))).toEqual(new Set(['第一网格']))
  })
})
