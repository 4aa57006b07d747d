/** Replies of the inspection and figures actions, as page tests answer them (instants as ISO text). */
import type { ChecklistOptions, Figures, InspectionFormData, InspectionResult } from './inspection-types'

export const checklist = (over: Partial<InspectionFormData['checklist']> = {}): InspectionFormData['checklist'] => ({
  id: 'ck1',
  title: '每周卫生检查',
  cadence: 'weekly',
  cadenceLabel: '每周',
  placeLabel: '1栋',
  gridId: 'grid-1',
  gridName: '第一网格',
  items: [
    { key: 'i1', text: '楼道无垃圾、无杂物', categoryLabel: '环境卫生' },
    { key: 'i2', text: '消防通道畅通', categoryLabel: '安全隐患' }
  ],
  active: true,
  version: 1,
  createdAt: '2026-11-01T02:00:00.000Z',
  ...over
})

export const recorded = (over: Partial<InspectionResult> = {}): InspectionResult => ({
  id: 'ck1:W2026-11-30',
  checklistId: 'ck1',
  title: '每周卫生检查',
  periodLabel: '11月30日—12月6日',
  placeLabel: '1栋',
  gridName: '第一网格',
  inspectedAt: '2026-12-03T02:00:00.000Z',
  inspectorLabel: '网格员 刘老师',
  results: [
    { key: 'i1', text: '楼道无垃圾、无杂物', categoryLabel: '环境卫生', passed: true, note: '', reportId: null },
    {
      key: 'i2',
      text: '消防通道畅通',
      categoryLabel: '安全隐患',
      passed: false,
      note: '一楼堆了电动车',
      reportId: 'rpt-1'
    }
  ],
  failed: 1,
  reporting: false,
  ...over
})

export const formData = (over: Partial<InspectionFormData> = {}): InspectionFormData => ({
  checklist: checklist(),
  period: { key: 'W2026-11-30', label: '11月30日—12月6日', daysLeft: 4 },
  done: null,
  ...over
})

export const options: ChecklistOptions = {
  buildings: [
    { id: 'bldg-1', name: '1栋', gridId: 'grid-1' },
    { id: 'bldg-4', name: '4栋', gridId: 'grid-2' }
  ],
  grids: [
    { id: 'grid-1', name: '第一网格' },
    { id: 'grid-2', name: '第二网格' }
  ],
  cadences: [
    { key: 'weekly', label: '每周' },
    { key: 'monthly', label: '每月' },
    { key: 'quarterly', label: '每季度' }
  ],
  categories: [
    { key: 'hygiene', label: '环境卫生' },
    { key: 'safety', label: '安全隐患' }
  ],
  templates: [
    {
      title: '每周卫生检查',
      cadence: 'weekly',
      items: [{ text: '楼道无垃圾、无杂物', category: 'hygiene' }]
    }
  ]
}

const rate = (num: number, den: number) => ({
  num,
  den,
  percent: den === 0 ? null : Math.round((num / den) * 1000) / 10
})

export const figures = (over: Partial<Figures> = {}): Figures => ({
  month: '2026-11',
  monthLabel: '2026年11月',
  reports: 6,
  notCounted: 1,
  byCategory: [
    { key: 'hygiene', label: '环境卫生', count: 4 },
    { key: 'noise', label: '噪音', count: 2 }
  ],
  byState: [
    { key: 'closed', label: '已办结', count: 3 },
    { key: 'accepted', label: '处理中', count: 3 }
  ],
  byGrid: [
    { gridId: 'grid-1', name: '第一网格', count: 5, overdueNow: 2 },
    { gridId: null, name: '未分网格', count: 1, overdueNow: 0 }
  ],
  response: rate(2, 5),
  resolution: rate(1, 5),
  reopen: { ...rate(1, 3), reopens: 1 },
  satisfaction: { averageStars: 4, rated: rate(2, 3) },
  closed: 3,
  solved: 2,
  partly: 0,
  closedUnconfirmed: 1,
  overdueNow: 2,
  countedAt: '2026-12-03T02:00:00.000Z',
  ...over
})
