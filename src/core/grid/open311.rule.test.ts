import { shanghaiInstant } from '../shared/shanghai-time'
import type { ReportRecord } from './grid.model'
import { isoShanghai, toGeoReport } from './open311.rule'

const at = (date: string, hhmm: string): Date => shanghaiInstant(date, hhmm)

const report = (over: Partial<ReportRecord> = {}): ReportRecord => ({
  _id: 'r1',
  category: 'facility',
  description: '3栋楼道灯坏了，晚上看不见',
  photos: ['cloud://env/photos/chunhui/abc.jpg'],
  place: { buildingId: 'b3', unitId: 'u32', point: { x: 0.4, y: 0.6 }, text: '楼道', label: '3栋2单元 · 楼道' },
  gridId: 'g1',
  gridName: '第一网格',
  hidden: false,
  reporterUserId: 'o-resident',
  followerUserIds: [],
  state: 'accepted',
  ownerUserId: 'o-worker',
  passedTo: null,
  acceptBy: at('2026-12-01', '13:00'),
  solveBy: at('2026-12-04', '09:00'),
  escalation: 0,
  steps: [],
  reopenCount: 0,
  confirmation: null,
  closedUnconfirmed: false,
  rating: null,
  mergedInto: null,
  patrolId: null,
  inspectionId: null,
  createdAt: at('2026-12-01', '09:00'),
  acceptedAt: at('2026-12-01', '10:00'),
  resolvedAt: null,
  closedAt: null,
  updatedAt: at('2026-12-01', '10:00'),
  version: 2,
  afterPhotos: [],
  ownerLabel: null,
  solveEscalation: 0,
  requestId: null,
  untold: null,
  ...over
})

const names = { community: '春晖社区', grid: '第一网格', place: '3栋2单元 · 楼道' }

describe('toGeoReport (GeoReport v2 "GET Service Requests" fields)', () => {
  it('an open report: its category as the service, its promise as the expected time, Shanghai offsets', () => {
    expect(toGeoReport(report(), names)).toEqual({
      service_request_id: 'r1',
      status: 'open',
      status_notes: '处理中',
      service_name: '设施损坏',
      service_code: 'facility',
      description: '3栋楼道灯坏了，晚上看不见',
      agency_responsible: '春晖社区 第一网格',
      requested_datetime: '2026-12-01T09:00:00+08:00',
      updated_datetime: '2026-12-01T10:00:00+08:00',
      expected_datetime: '2026-12-04T09:00:00+08:00',
      address: '春晖社区 3栋2单元 · 楼道'
    })
  })

  it('never a lat/long from a plan point, never a media_url from private photos, never the reporter', () => {
    const g = toGeoReport(report(), names) as unknown as Record<string, unknown>
    for (const field of ['lat', 'long', 'media_url', 'reporterUserId', 'first_name', 'phone'])
      expect(g).not.toHaveProperty(field)
    expect(JSON.stringify(g)).not.toContain('o-resident')
  })

  it.each([
    [{ state: 'closed', confirmation: 'solved' }, 'closed', '已办结：居民确认已解决'],
    [{ state: 'closed', confirmation: 'partly' }, 'closed', '已办结：居民确认部分解决'],
    [{ state: 'closed', closedUnconfirmed: true }, 'closed', '已办结：居民未确认，等待期满自动办结'],
    [{ state: 'merged', mergedInto: 'r0' }, 'closed', '已合并到 r0'],
    [{ state: 'withdrawn' }, 'closed', '已撤回'],
    [{ state: 'resolved' }, 'open', '待确认'],
    [{ state: 'submitted' }, 'open', '待受理']
  ] as const)('%o is %s: %s', (over, status, notes) => {
    const g = toGeoReport(report(over as Partial<ReportRecord>), names)
    expect([g.status, g.status_notes]).toEqual([status, notes])
    if (status === 'closed') expect(g.expected_datetime).toBeUndefined()
  })

  it('the agency: the department it was passed to, the 居委, or the grid', () => {
    const passed = (passedTo: ReportRecord['passedTo']) => toGeoReport(report({ passedTo }), names).agency_responsible
    expect(passed({ kind: 'department', name: '城管中队' })).toBe('城管中队')
    expect(passed({ kind: 'juwei' })).toBe('春晖社区居委会')
    expect(toGeoReport(report({ gridId: null }), { ...names, grid: null }).agency_responsible).toBe('春晖社区')
  })

  it('a hidden report keeps its category, place and times but not its words', () => {
    const g = toGeoReport(report({ hidden: true }), names)
    expect(g.description).not.toContain('楼道灯')
    expect(g.service_code).toBe('facility')
  })

  it('isoShanghai crosses midnight correctly', () => {
    expect(isoShanghai(new Date('2026-12-31T16:30:00Z'))).toBe('2027-01-01T00:30:00+08:00')
  })
})
