import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { callFunction } from '@/api'
import { resetDisplayPrefsForTests } from '@/components/theme/display-prefs'
import { PatrolView } from './patrol-view'

// useDidShow (back to the page) has no stand-in in the shared mock: a page shown once here.
jest.mock('@tarojs/taro', () => {
  const taro = require('../../../test/setup/taro.mock').taroMock()
  const useDidShow = jest.fn()
  return { ...taro, useDidShow, default: { ...taro.default, useDidShow } }
})
jest.mock('@/api/call-function', () => ({ ...jest.requireActual('@/api/call-function'), callFunction: jest.fn() }))

const startedAt = new Date(Date.now() - 65 * 60_000).toISOString()
const patrol = { id: 'patrol-1', startedAt, endedAt: null, open: true, minutes: 0, closedByCap: false, note: '' }
let open: typeof patrol | null = null
let roles = ['grid_worker']

const calls = (action: string) => (callFunction as jest.Mock).mock.calls.filter(c => c[1] === action)

beforeEach(() => {
  ;(Taro as unknown as { clearStorageSync: () => void }).clearStorageSync()
  resetDisplayPrefsForTests()
  jest.clearAllMocks()
  open = null
  roles = ['grid_worker']
  ;(callFunction as jest.Mock).mockImplementation(async (_fn: string, action: string) => {
    if (action === 'whoami') return { ok: true, data: { registered: true, name: '王网格', roles } }
    if (action === 'patrolStatus')
      return {
        ok: true,
        data: {
          open,
          todayMinutes: 20,
          dayPlanMinutes: 60,
          monthMinutes: 300,
          monthPlanMinutes: 300,
          monthLabel: '2026年12月',
          capMinutes: 240
        }
      }
    if (action === 'myPatrols') return { ok: true, data: { items: open ? [open] : [], cursor: null } }
    if (action === 'startPatrol') {
      open = patrol
      return { ok: true, data: patrol }
    }
    if (action === 'finishPatrol') {
      open = null
      return { ok: true, data: { ...patrol, open: false, endedAt: new Date().toISOString(), minutes: 65 } }
    }
    if (action === 'patrolBoard')
      return {
        ok: true,
        data: {
          month: '2026-12',
          monthLabel: '2026年12月',
          planMinutes: 300,
          items: [
            { gridId: 'grid-1', gridName: '第一网格', workerName: '王网格', minutes: 245, patrols: 4, capped: 1 },
            { gridId: 'grid-2', gridName: '第二网格', workerName: null, minutes: 0, patrols: 0, capped: 0 }
          ],
          cursor: null
        }
      }
    return { ok: false, error: { code: 'UNKNOWN_ACTION', message: '?' } }
  })
})

test('a grid worker starts a patrol, sees it running, reports a find with the patrol linked, and finishes when she says so', async () => {
  render(<PatrolView />)
  expect(await screen.findByText('已完成计划')).toBeTruthy()
  fireEvent.click(await screen.findByText('开始巡查'))
  await waitFor(() => expect(calls('startPatrol')).toHaveLength(1))
  expect(await screen.findByText('正在巡查')).toBeTruthy()
  expect(screen.getByTestId('patrol-clock').textContent).toMatch(/^01:05:\d\d$/)

  fireEvent.click(screen.getByText('发现问题，马上报'))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/grid/report?patrolId=patrol-1' })

  // Finishing asks first: a "no" finishes nothing.
  ;(Taro.showModal as jest.Mock).mockResolvedValueOnce({ confirm: false, cancel: true })
  fireEvent.click(screen.getByText('结束巡查'))
  await waitFor(() => expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '结束这次巡查？' })))
  expect(calls('finishPatrol')).toHaveLength(0)
  fireEvent.click(screen.getByText('结束巡查'))
  await waitFor(() => expect(calls('finishPatrol')).toHaveLength(1))
  expect(calls('finishPatrol')[0][2]).toEqual({ patrolId: 'patrol-1', note: '' })
  expect(await screen.findByText('本次巡查 1小时05分')).toBeTruthy()
})

test('staff read each grid’s month, a grid without a worker said so, and start no patrol', async () => {
  roles = ['staff']
  render(<PatrolView />)
  expect(await screen.findByText('2026年12月各网格巡查时长')).toBeTruthy()
  expect(screen.getByText('第一网格 · 王网格')).toBeTruthy()
  expect(screen.getByText('4小时05分 · 4 次')).toBeTruthy()
  expect(screen.getByText('1 次超时自动结束')).toBeTruthy()
  expect(screen.getByText('第二网格 · 未配网格员')).toBeTruthy()
  expect(screen.queryByText('开始巡查')).toBeNull()
  expect(calls('patrolStatus')).toHaveLength(0)
})
