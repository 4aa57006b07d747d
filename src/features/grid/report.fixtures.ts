/** Replies of the grid function as the report pages' tests answer them (the contract's shapes). */
import type { NearbyItem, ReportOptions, ReportView } from './report-types'

export const options: ReportOptions = {
  categories: [
    { key: 'hygiene', label: '环境卫生', promise: '4 小时内受理，2 天内处理' },
    { key: 'clutter', label: '乱堆乱放', promise: '4 小时内受理，3 天内处理' },
    { key: 'safety', label: '安全隐患', promise: '1 小时内受理，1 天内处理' }
  ],
  buildings: [
    { id: 'b1', name: '1栋', units: [{ id: 'b1u1', name: '1单元' }] },
    {
      id: 'b3',
      name: '3栋',
      units: [
        { id: 'b3u1', name: '1单元' },
        { id: 'b3u2', name: '2单元' }
      ]
    }
  ],
  homeBuildingId: 'b3',
  planUrl: null,
  communityId: 'c-chunhui'
}

export const nearbyItem: NearbyItem = {
  id: 'r-old',
  categoryLabel: '乱堆乱放',
  summary: '3栋楼道堆了纸箱',
  placeLabel: '3栋',
  stateLabel: '处理中',
  createdAt: '2026-12-04T02:00:00.000Z',
  followers: 2
}

export function reportView(over: Partial<ReportView> = {}): ReportView {
  return {
    id: 'r1',
    category: 'clutter',
    categoryLabel: '乱堆乱放',
    description: '3栋2单元楼道堆满纸箱，老人下楼不方便',
    photos: [{ id: 'cloud://env.b/photos/c/a.jpg', url: 'http://localhost/photo-a.jpg' }],
    afterPhotos: [],
    place: { buildingId: 'b3', unitId: 'b3u2', point: null, label: '3栋2单元 · 楼道' },
    gridName: '第三网格',
    hidden: false,
    state: 'submitted',
    stateLabel: '待受理',
    ownerLabel: null,
    passedToLabel: null,
    acceptBy: '2026-12-05T06:00:00.000Z',
    solveBy: '2026-12-08T02:00:00.000Z',
    overdue: false,
    steps: [{ at: '2026-12-05T02:00:00.000Z', kind: 'submitted', by: '居民', note: '' }],
    reopenCount: 0,
    confirmation: null,
    closedUnconfirmed: false,
    rating: null,
    mergedInto: null,
    createdAt: '2026-12-05T02:00:00.000Z',
    relation: 'reporter',
    reporter: null,
    can: [],
    ...over
  }
}
