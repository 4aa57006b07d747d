import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { callFunction } from '@/api'
import { newRequestId } from '@/api/request-id'
import { resetPrivacyGateForTests } from '@/components/privacy/privacy-gate'
import { resetDisplayPrefsForTests } from '@/components/theme/display-prefs'
import { HelperView } from './helper-view'

jest.mock('@tarojs/taro', () => require('../../../test/setup/taro.mock').taroMock())
// The transport is mocked; the contract hooks above it are the real ones.
jest.mock('@/api/call-function', () => ({ ...jest.requireActual('@/api/call-function'), callFunction: jest.fn() }))
jest.mock('@/api/request-id', () => ({ newRequestId: jest.fn(() => 'req-helper-test-0001') }))
jest.mock('@/api/identity', () => ({
  ...jest.requireActual('@/api/identity'),
  getPersonaOpenId: jest.fn(() => 'demo-volunteer')
}))

const taro = Taro as unknown as Record<string, jest.Mock>
const visit = {
  id: 'cr-1',
  elderId: 'elder-1',
  elderName: '李桂芳',
  serviceName: '上门照护',
  window: { start: '2026-11-23T02:00:00.000Z', end: '2026-11-23T03:00:00.000Z' },
  note: '',
  state: 'accepted',
  stateLabel: '已接单',
  assignee: null,
  acceptBy: null,
  history: [],
  rating: null,
  address: '3栋2单元401',
  phone: '13800000007',
  addressVisible: true,
  actions: ['check_in'],
  checkedInAt: null,
  checkedOutAt: null
}
type PrivacyListener = (resolve: (o: { event: string }) => void) => void
let privacyListener: PrivacyListener | null = null

beforeEach(() => {
  process.env.TARO_ENV = 'weapp'
  jest.clearAllMocks()
  resetPrivacyGateForTests()
  resetDisplayPrefsForTests()
  taro.onNeedPrivacyAuthorization = jest.fn((l: PrivacyListener) => {
    privacyListener = l
  })
  taro.showModal = jest.fn()
  ;(callFunction as jest.Mock).mockImplementation(async (_fn: string, action: string) => {
    if (action === 'myVisits') return { ok: true, data: { items: [visit], cursor: null } }
    if (action === 'dayMeals')
      return { ok: true, data: { date: '2026-11-23', dineIn: 0, delivery: 0, round: [], dineInNames: [] } }
    if (action === 'checkIn')
      return { ok: true, data: { ...visit, state: 'in_service', stateLabel: '服务中', actions: ['check_out'] } }
    return { ok: false, error: { code: 'UNKNOWN_ACTION', message: '?' } }
  })
})
afterEach(() => {
  process.env.TARO_ENV = 'h5'
})

const checkIns = () => (callFunction as jest.Mock).mock.calls.filter(c => c[1] === 'checkIn').map(c => c[2])

/** WeChat's getLocation under the privacy check: it waits for the popup's answer first. */
function locationBehindPrivacy() {
  taro.getLocation = jest.fn(
    () =>
      new Promise((resolve, reject) => {
        privacyListener?.(answer => {
          if (answer.event === 'agree') resolve({ latitude: 31.23, longitude: 121.47 })
          if (answer.event === 'disagree') reject({ errMsg: 'getLocation:fail privacy permission is not authorized' })
        })
      })
  )
}

test('check-in asks for privacy consent first; agreeing records where the helper is', async () => {
  locationBehindPrivacy()
  render(<HelperView />)
  fireEvent.click(await screen.findByText('到达签到'))
  expect(await screen.findByTestId('privacy-popup')).toBeTruthy()
  act(() => {
    document.getElementById('privacy-agree')?.dispatchEvent(new Event('agreeprivacyauthorization'))
  })
  await waitFor(() => expect(checkIns()).toEqual([{ id: 'cr-1', location: { lat: 31.23, lng: 121.47 } }]))
  expect(screen.queryByTestId('no-location')).toBeNull()
})

test('declining the privacy popup still checks in, without a location, and says so', async () => {
  locationBehindPrivacy()
  render(<HelperView />)
  fireEvent.click(await screen.findByText('到达签到'))
  fireEvent.click(await screen.findByText('不同意'))
  await waitFor(() => expect(checkIns()).toEqual([{ id: 'cr-1', location: null }]))
  expect((await screen.findByTestId('no-location')).textContent).toBe(
    '已签到，但没有记下位置：您没有同意隐私保护指引里的位置使用。'
  )
})

test('a refused location permission or a phone with location off is said plainly', async () => {
  taro.getLocation = jest.fn(async () => {
    throw { errMsg: 'getLocation:fail auth deny' }
  })
  render(<HelperView />)
  fireEvent.click(await screen.findByText('到达签到'))
  expect((await screen.findByTestId('no-location')).textContent).toMatch(
    /^已签到，但没有记下位置：您没有允许邻里使用位置/
  )
  expect(checkIns()).toEqual([{ id: 'cr-1', location: null }])

  taro.getLocation = jest.fn(async () => {
    throw { errMsg: 'getLocation:fail:ERROR_NOCELL&WIFI_LOCATIONSWITCHOFF' }
  })
  fireEvent.click(screen.getByText('到达签到'))
  await waitFor(() => expect(screen.getByTestId('no-location').textContent).toMatch(/手机的定位服务没有打开/))
})

test('a check-in whose answer was lost is asked again as the same request, from the same place', async () => {
  let ids = 0
  ;(newRequestId as jest.Mock).mockImplementation(() => `req-helper-test-${++ids}`)
  let fix = 0
  taro.getLocation = jest.fn(async () => ({ latitude: 31.23 + 0.001 * fix++, longitude: 121.47 }))
  const base = (callFunction as jest.Mock).getMockImplementation()!
  let answered = 0
  ;(callFunction as jest.Mock).mockImplementation(
    async (fn: string, action: string, payload: unknown, opts: unknown) =>
      action === 'checkIn' && answered++ === 0
        ? { ok: false, error: { code: 'NETWORK', message: '网络不给力，请稍后再试' } }
        : base(fn, action, payload, opts)
  )
  render(<HelperView />)
  fireEvent.click(await screen.findByText('到达签到'))
  expect(await screen.findByText('网络不给力，请稍后再试')).toBeTruthy()
  fireEvent.click(screen.getByText('到达签到'))
  await waitFor(() => expect(checkIns()).toHaveLength(2))
  const here = { id: 'cr-1', location: { lat: 31.23, lng: 121.47 } }
  expect(checkIns()).toEqual([here, here])
  const tries = (callFunction as jest.Mock).mock.calls.filter(c => c[1] === 'checkIn')
  expect(tries[1][3].requestId).toBe(tries[0][3].requestId)
})
