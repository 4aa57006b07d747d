import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { callFunction } from '@/api'
import { resetDisplayPrefsForTests } from '@/components/theme/display-prefs'
import { ReportQueueView } from './report-queue-view'

jest.mock('@tarojs/taro', () => {
  const mock = require('../../../test/setup/taro.mock').taroMock()
  // The page's coming back into view (the first show is the mount's own load).
  mock.useDidShow = jest.fn()
  mock.default.useDidShow = mock.useDidShow
  return mock
})
jest.mock('@/api/call-function', () => ({ ...jest.requireActual('@/api/call-function'), callFunction: jest.fn() }))
jest.mock('@/api/identity', () => ({ ...jest.requireActual('@/api/identity'), getPersonaOpenId: () => 'u-liu' }))

const call = callFunction as jest.Mock
const row = (id: string, overdue = false) => ({
  id,
  category: 'clutter',
  categoryLabel: '乱堆乱放',
  summary: `纸箱 ${id}`,
  placeLabel: '1栋',
  state: 'submitted',
  stateLabel: '待受理',
  createdAt: '2026-12-05T02:00:00.000Z',
  overdue,
  photoCount: 0,
  thumbUrl: null
})

beforeEach(() => {
  resetDisplayPrefsForTests()
  jest.clearAllMocks()
})

test('the queue opens on the tab a link names, pages with 加载更多, and each tab asks for its own list', async () => {
  call.mockImplementation(async (_fn: string, _action: string, p: { view: string; cursor?: string }) => {
    if (p.view === 'overdue') return { ok: true, data: { items: [row('late', true)], cursor: null } }
    return p.cursor
      ? { ok: true, data: { items: [row('b')], cursor: null } }
      : { ok: true, data: { items: [row('a')], cursor: 'next' } }
  })
  render(<ReportQueueView initialView='mine' />)
  expect(await screen.findByText('纸箱 a')).toBeTruthy()
  expect(call.mock.calls[0].slice(0, 3)).toEqual(['grid', 'reportQueue', { view: 'mine' }])
  fireEvent.click(screen.getByText('加载更多'))
  expect(await screen.findByText('纸箱 b')).toBeTruthy()
  expect(call.mock.calls[1][2]).toEqual({ view: 'mine', cursor: 'next' })
  fireEvent.click(screen.getByText('已超时', { selector: '[role="tab"]' }))
  expect(await screen.findByText('纸箱 late')).toBeTruthy()
  expect(screen.queryByText('纸箱 a')).toBeNull()
  expect(screen.getAllByText('已超时')).toHaveLength(2) // the tab, and the row's red tag
  fireEvent.click(screen.getByText('纸箱 late'))
  await waitFor(() => expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/grid/report-detail?id=late' }))
})
