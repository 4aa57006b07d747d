import { fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { callFunction } from '@/api'
import { resetDisplayPrefsForTests } from '@/components/theme/display-prefs'
import { ReportHomeView } from './report-home-view'

jest.mock('@tarojs/taro', () => {
  const mock = require('../../../test/setup/taro.mock').taroMock()
  mock.useDidShow = jest.fn()
  mock.default.useDidShow = mock.useDidShow
  return mock
})
jest.mock('@/api/call-function', () => ({ ...jest.requireActual('@/api/call-function'), callFunction: jest.fn() }))
jest.mock('@/api/identity', () => ({ ...jest.requireActual('@/api/identity'), getPersonaOpenId: () => 'u-wang' }))

const call = callFunction as jest.Mock
const row = (id: string, state: string, stateLabel: string) => ({
  id,
  category: 'hygiene',
  categoryLabel: '环境卫生',
  summary: `垃圾 ${id}`,
  placeLabel: '1栋',
  state,
  stateLabel,
  createdAt: '2026-12-05T02:00:00.000Z',
  overdue: false,
  photoCount: 0,
  thumbUrl: null
})

beforeEach(() => {
  resetDisplayPrefsForTests()
  jest.clearAllMocks()
})

test('随手拍: the big button first; my resolved report asks for my answer, the board never does', async () => {
  call.mockImplementation(async (_fn: string, action: string) => {
    if (action === 'myReports') return { ok: true, data: { items: [row('mine', 'resolved', '待确认')], cursor: null } }
    if (action === 'communityReports')
      return { ok: true, data: { items: [row('theirs', 'resolved', '待确认')], cursor: null } }
    return { ok: false, error: { code: 'UNKNOWN_ACTION', message: '?' } }
  })
  render(<ReportHomeView />)
  expect(await screen.findByText('垃圾 theirs')).toBeTruthy()
  expect(screen.getAllByText('办好了吗？点开告诉网格员')).toHaveLength(1)
  expect(screen.getByTestId('my-reports').textContent).toContain('办好了吗？点开告诉网格员')
  fireEvent.click(screen.getByTestId('new-report'))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/grid/report' })
})
