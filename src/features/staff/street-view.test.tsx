import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { buttonTexts } from '../../../test/setup/form-input'
import Taro from '@tarojs/taro'
import { callFunction } from '@/api'
import { getCommunityChoice } from '@/api/community-choice'
import { resetDisplayPrefsForTests } from '@/components/theme/display-prefs'
import type { StreetDashboardView } from '@/core/staff/staff.views'
import type { StreetSosItem } from '@/core/elder-care/elder-care.views'
import { StreetView } from './street-view'

jest.mock('@tarojs/taro', () => require('../../../test/setup/taro.mock').taroMock())
jest.mock('@/api/call-function', () => ({ ...jest.requireActual('@/api/call-function'), callFunction: jest.fn() }))

const sos = (over: Partial<StreetSosItem>): StreetSosItem => ({
  id: 'sos-1',
  communityId: 'dongsheng',
  communityName: '东圣社区',
  gridName: '东圣一网格',
  elderName: '张*芳',
  state: 'open',
  stateLabel: '正在呼叫，等待工作人员响应',
  pressedAt: '2026-12-05T01:00:00.000Z',
  proxy: false,
  lastStep: '已通知网格员',
  steps: 1,
  ackBy: null,
  ...over
})

const section = (key: string, title: string, label: string, value: number | null, bars = [] as any[]) => ({
  key,
  title,
  available: true,
  metrics: [{ label, value, unit: '次' }],
  bars,
  barsTitle: bars.length ? `各社区${label}` : ''
})

const street: StreetDashboardView = {
  period: { kind: 'week', label: '2026-11-30 ~ 2026-12-06' },
  communities: [
    { communityId: 'community', name: '春晖社区', sections: [section('sos', '一键呼叫（SOS）', '本期呼叫', 2)] },
    { communityId: 'dongsheng', name: '东圣社区', sections: [section('sos', '一键呼叫（SOS）', '本期呼叫', 5)] }
  ],
  totals: [
    section('sos', '一键呼叫（SOS）', '本期呼叫', 7, [
      { label: '春晖社区', value: 2 },
      { label: '东圣社区', value: 5 }
    ])
  ]
}

let calls: Array<{ fn: string; action: string; payload: any }> = []
let sosPage: StreetSosItem[] = []

beforeEach(() => {
  ;(Taro as unknown as { clearStorageSync: () => void }).clearStorageSync()
  resetDisplayPrefsForTests()
  jest.clearAllMocks()
  calls = []
  sosPage = [
    sos({}),
    sos({
      id: 'sos-2',
      communityName: '春晖社区',
      elderName: '李*',
      state: 'acknowledged',
      stateLabel: '已有人响应',
      ackBy: { name: '刘海燕', at: '2026-12-05T01:03:00.000Z' }
    })
  ]
  ;(callFunction as jest.Mock).mockImplementation(async (fn: string, action: string, payload: unknown) => {
    calls.push({ fn, action, payload })
    if (action === 'streetDashboard') return { ok: true, data: street }
    if (action === 'streetSos') return { ok: true, data: { items: sosPage, cursor: null } }
    return { ok: false, error: { code: 'UNKNOWN_ACTION', message: '?' } }
  })
})

test('街道工作台 shows the street’s totals with a bar per community, and each community’s card', async () => {
  render(<StreetView />)
  expect(await screen.findByText('7次')).toBeTruthy()
  expect(screen.getByText('各社区本期呼叫')).toBeTruthy()
  expect(screen.getAllByText('东圣社区').length).toBeGreaterThan(0)
  expect(screen.getByText('5次')).toBeTruthy()
  expect(screen.getByText('共 2 个社区', { exact: false })).toBeTruthy()
  // What can't wait comes first: the calls for help, then the communities, then the totals.
  const at = (text: string | RegExp): Element => screen.getAllByText(text)[0]
  const before = (a: Element, b: Element): boolean =>
    !!(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING)
  expect(before(at('各社区紧急呼叫（未结束）'), at(/^各社区（/))).toBe(true)
  expect(before(at(/^各社区（/), at(/^全街道合计/))).toBe(true)
  // Read-only: nothing on the page changes anything; its buttons only open pages or load more.
  const buttons = buttonTexts()
  expect(buttons.length).toBe(3)
  for (const text of buttons) expect(text).toMatch(/^(查看.+的详细数据|导出台账（按社区或全街道）|加载更多)$/)
})

test('tapping a community opens its own dashboard, read-only, and the app acts in that community', async () => {
  render(<StreetView />)
  fireEvent.click(await screen.findByText('查看东圣社区的详细数据'))
  expect(getCommunityChoice()).toBe('dongsheng')
  expect(Taro.navigateTo).toHaveBeenCalledWith({
    url: `/pages/staff/dashboard?community=${encodeURIComponent('东圣社区')}`
  })
})

test('open SOS calls of every community: where, whose (masked), when, how far, who answered; refreshed by itself', async () => {
  jest.useFakeTimers()
  try {
    render(<StreetView />)
    expect(await screen.findByText('东圣社区 · 东圣一网格')).toBeTruthy()
    expect(screen.getByText('张*芳')).toBeTruthy()
    expect(screen.getByText('还没有人响应')).toBeTruthy()
    expect(screen.getAllByText('最近一步：已通知网格员')).toHaveLength(2)
    expect(screen.getByText(/^刘海燕 已响应/)).toBeTruthy()
    const asked = (): number => calls.filter(c => c.action === 'streetSos').length
    const before = asked()
    sosPage = []
    await act(async () => {
      jest.advanceTimersByTime(15_000)
    })
    await waitFor(() => expect(asked()).toBe(before + 1))
    expect(await screen.findByText('现在没有未结束的紧急呼叫。')).toBeTruthy()
  } finally {
    jest.useRealTimers()
  }
})

test('a failure says why, with a retry', async () => {
  ;(callFunction as jest.Mock).mockImplementation(async (_fn: string, action: string) =>
    action === 'streetDashboard'
      ? { ok: false, error: { code: 'FORBIDDEN', message: '您没有权限进行此操作' } }
      : { ok: true, data: { items: [], cursor: null } }
  )
  render(<StreetView />)
  expect(await screen.findByText('您没有权限进行此操作')).toBeTruthy()
  expect(screen.getByText('再试一次')).toBeTruthy()
})
