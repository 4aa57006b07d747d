import { render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { callFunction } from '@/api'
import { resetDisplayPrefsForTests } from '@/components/theme/display-prefs'
import { DashboardView } from './dashboard-view'
import type { DashboardView as DashboardAnswer } from '@/core/staff/staff.views'

jest.mock('@tarojs/taro', () => require('../../../test/setup/taro.mock').taroMock())
jest.mock('@/api/call-function', () => ({ ...jest.requireActual('@/api/call-function'), callFunction: jest.fn() }))

const answer: DashboardAnswer = {
  period: { kind: 'week', label: '2026-11-23 ~ 2026-11-29' },
  gridId: null,
  gridName: null,
  sections: [
    {
      key: 'sos',
      title: '一键呼叫（SOS）',
      available: true,
      metrics: [
        { label: '本期呼叫', value: 3, unit: '次' },
        { label: '响应用时中位数', value: null, unit: '分钟' }
      ],
      bars: [
        { label: '第一网格', value: 1 },
        { label: '第二网格', value: 2 }
      ],
      barsTitle: '各网格呼叫次数'
    },
    { key: 'volunteers', title: '志愿服务', available: false, metrics: [], bars: [], barsTitle: '' }
  ]
}

beforeEach(() => {
  ;(Taro as unknown as { clearStorageSync: () => void }).clearStorageSync()
  resetDisplayPrefsForTests()
  ;(callFunction as jest.Mock).mockImplementation(async (_fn: string, action: string) =>
    action === 'dashboard' ? { ok: true, data: answer } : { ok: true, data: [{ gridId: 'grid-1', name: '第一网格' }] }
  )
})

test('数据看板 shows figures, says 暂无数据 for what it cannot compute, and labels each bar with its number', async () => {
  render(<DashboardView />)
  expect(await screen.findByText('3次')).toBeTruthy()
  // A median with nothing to take it from, and a context that isn't running: no data, never 0.
  expect(screen.getAllByText('暂无数据')).toHaveLength(2)
  expect(screen.getByText('各网格呼叫次数')).toBeTruthy()
  expect(screen.getByText('2')).toBeTruthy()
  expect((callFunction as jest.Mock).mock.calls.find(c => c[1] === 'dashboard')[2]).toEqual({ period: 'week' })
})

describe('opened by the street office for one community', () => {
  test('says which community it reads, and that it only reads', async () => {
    render(<DashboardView communityName='东圣社区' />)
    expect(await screen.findByText('正在查看：东圣社区（只能查看，不能修改）')).toBeTruthy()
    expect(await screen.findByText('3次')).toBeTruthy()
  })
})

test("the whole community's view shows each grid worker's patrol time this month (每天巡查一小时)", async () => {
  const board = {
    month: '2026-11',
    monthLabel: '2026年11月',
    planMinutes: 1380,
    items: [
      { gridId: 'grid-1', gridName: '第一网格', workerName: '刘海燕', minutes: 1290, patrols: 21, capped: 0 },
      { gridId: 'grid-2', gridName: '第二网格', workerName: null, minutes: 0, patrols: 0, capped: 0 }
    ],
    cursor: null
  }
  ;(callFunction as jest.Mock).mockImplementation(async (fn: string, action: string) =>
    action === 'dashboard'
      ? { ok: true, data: answer }
      : fn === 'grid' && action === 'patrolBoard'
        ? { ok: true, data: board }
        : { ok: true, data: [{ gridId: 'grid-1', name: '第一网格' }] }
  )
  render(<DashboardView />)
  expect(await screen.findByText('2026年11月各网格巡查时长')).toBeTruthy()
  expect(screen.getByText('第一网格 刘海燕')).toBeTruthy()
  expect(screen.getByText('21.5小时')).toBeTruthy() // 1,290 minutes in hours
  expect(screen.getByText('第二网格（未配网格员）')).toBeTruthy()
  expect(screen.getByText('查看各网格巡查记录')).toBeTruthy()
})

test("a grid worker's dashboard (their own grid) asks for no patrol board", async () => {
  ;(callFunction as jest.Mock).mockClear()
  ;(callFunction as jest.Mock).mockImplementation(async (_fn: string, action: string) =>
    action === 'dashboard'
      ? { ok: true, data: { ...answer, gridId: 'grid-1', gridName: '第一网格' } }
      : { ok: true, data: [{ gridId: 'grid-1', name: '第一网格' }] }
  )
  render(<DashboardView />)
  expect(await screen.findByText('3次')).toBeTruthy()
  expect((callFunction as jest.Mock).mock.calls.some(c => c[1] === 'patrolBoard')).toBe(false)
})
