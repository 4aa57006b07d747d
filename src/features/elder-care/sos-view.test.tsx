import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { callFunction } from '@/api'
import { newRequestId } from '@/api/request-id'
import { resetDisplayPrefsForTests } from '@/components/theme/display-prefs'
import { SosView } from './sos-view'

jest.mock('@tarojs/taro', () => require('../../../test/setup/taro.mock').taroMock())
// The transport is mocked; the contract hooks above it are the real ones.
jest.mock('@/api/call-function', () => ({ ...jest.requireActual('@/api/call-function'), callFunction: jest.fn() }))
jest.mock('@/api/request-id', () => ({ newRequestId: jest.fn(() => 'req-sos-test-0001') }))
jest.mock('@/api/identity', () => ({
  ...jest.requireActual('@/api/identity'),
  getPersonaOpenId: jest.fn(() => 'demo-elder')
}))

const pressedAt = new Date().toISOString()
const call = (state: string, stateLabel: string) => ({
  id: 'sos-1',
  elderId: 'elder-1',
  elderName: '张桂芳',
  state,
  stateLabel,
  pressedAt,
  proxy: false,
  cancelUntil: new Date(Date.now() + 10_000).toISOString(),
  steps: [
    { label: '按下紧急呼叫', at: pressedAt, told: [] },
    { label: '已通知值班社工和网格员', at: pressedAt, told: ['赵丽', '刘海燕'] }
  ],
  responders: [],
  ackBy: null,
  resolved: null
})

function answer(self: boolean) {
  ;(callFunction as jest.Mock).mockImplementation(async (_fn: string, action: string) => {
    if (action === 'myElders')
      return { ok: true, data: { elders: [{ id: 'elder-1', name: '张桂芳', self, relation: self ? null : '儿子' }] } }
    if (action === 'mySos') return { ok: true, data: null }
    if (action === 'sosPress') return { ok: true, data: call('open', '正在呼叫，等待工作人员响应') }
    if (action === 'sosCancel') return { ok: true, data: call('cancelled', '已取消（误按）') }
    return { ok: false, error: { code: 'UNKNOWN_ACTION', message: '?' } }
  })
}

beforeEach(() => {
  ;(Taro as unknown as { clearStorageSync: () => void }).clearStorageSync()
  resetDisplayPrefsForTests()
  jest.clearAllMocks()
})

const pressed = () => (callFunction as jest.Mock).mock.calls.filter(c => c[1] === 'sosPress')
/** The confirm button takes taps only once it has been on screen a moment (CONFIRM_ARM_MS). */
async function confirmWhenArmed(): Promise<void> {
  const confirm = screen.getByTestId('sos-confirm')
  await waitFor(() => expect(confirm.getAttribute('data-armed')).toBe('true'))
  fireEvent.click(confirm)
}

test('asks once before calling, then offers a 10-second cancel that stops the call', async () => {
  answer(true)
  render(<SosView />)
  fireEvent.click(await screen.findByTestId('sos-button'))
  expect(screen.getByText('确定要呼叫吗？')).toBeTruthy()
  expect(pressed()).toHaveLength(0) // the first tap only asks
  fireEvent.click(screen.getByTestId('sos-confirm')) // a double tap's second tap: ignored
  expect(pressed()).toHaveLength(0)

  await confirmWhenArmed()
  expect(await screen.findByText('已通知值班社工和网格员：赵丽、刘海燕')).toBeTruthy()
  expect(pressed()).toEqual([['elder-care', 'sosPress', {}, { requestId: 'req-sos-test-0001' }]])
  const cancel = screen.getByTestId('sos-cancel')
  expect(cancel.textContent).toMatch(/按错了，取消（(10|9)秒）/)

  fireEvent.click(cancel)
  expect(await screen.findByText('已取消呼叫')).toBeTruthy()
  expect(callFunction).toHaveBeenCalledWith('elder-care', 'sosCancel', { id: 'sos-1' }, {})
  expect(screen.queryByTestId('sos-cancel')).toBeNull()
  // After a cancel the elder can call again, and 120 is on every screen.
  expect(screen.getByTestId('call-120').textContent).toContain('120')
  fireEvent.click(screen.getByTestId('sos-again'))
  expect(await screen.findByTestId('sos-button')).toBeTruthy()
})

test('a family proxy calls for their parent, and the page says so', async () => {
  answer(false)
  render(<SosView />)
  expect((await screen.findByTestId('proxy-banner')).textContent).toBe('正在为 张桂芳 代办（家属代办）')
  fireEvent.click(screen.getByTestId('sos-button'))
  await confirmWhenArmed()
  await screen.findByText('已通知值班社工和网格员：赵丽、刘海燕')
  expect(pressed()[0][2]).toEqual({ elderId: 'elder-1' })
})

test('someone with no elder record still gets 120 on the SOS page', async () => {
  ;(callFunction as jest.Mock).mockImplementation(async (_fn: string, action: string) =>
    action === 'myElders'
      ? { ok: true, data: { elders: [] } }
      : { ok: false, error: { code: 'UNKNOWN_ACTION', message: '?' } }
  )
  render(<SosView />)
  expect((await screen.findByTestId('call-120')).textContent).toContain('拨打120')
  expect(screen.getByText(/还没有您的老人档案/)).toBeTruthy()
})

test('the page opened from a notice lists who was told at each step and each responder once', async () => {
  const at = '2026-11-28T06:03:00.000Z' // 14:03 in Shanghai
  ;(callFunction as jest.Mock).mockImplementation(async (_fn: string, action: string) =>
    action === 'sosCall'
      ? {
          ok: true,
          data: {
            ...call('acknowledged', '工作人员已响应，正在赶来'),
            steps: [
              { label: '按下紧急呼叫', at: pressedAt, told: [] },
              { label: '已通知值班社工和网格员', at: pressedAt, told: ['赵丽', '刘海燕'] },
              { label: '已通知家属', at: pressedAt, told: ['儿子张伟'] }
            ],
            responders: [{ name: '刘海燕', at }],
            ackBy: { name: '刘海燕', at },
            audience: 'family',
            title: '您的母亲张桂芳发出了紧急呼叫',
            statusLine: '刘海燕已前往处理',
            elderPhone: '13800000000'
          }
        }
      : { ok: false, error: { code: 'UNKNOWN_ACTION', message: '?' } }
  )
  render(<SosView callId='sos-1' />)
  expect(await screen.findByText('已通知家属：儿子张伟')).toBeTruthy()
  expect(screen.getAllByTestId('sos-responder').map(e => e.textContent)).toEqual(['刘海燕 14:03 已响应'])
  expect(screen.getByTestId('sos-status').textContent?.match(/刘海燕[^，]*已响应/g)).toHaveLength(1)
})

test('a press whose answer was lost is sent again as the same call, never a second alarm', async () => {
  let ids = 0
  ;(newRequestId as jest.Mock).mockImplementation(() => `req-sos-test-${++ids}`)
  answer(true)
  const base = (callFunction as jest.Mock).getMockImplementation()!
  let presses = 0
  ;(callFunction as jest.Mock).mockImplementation(
    async (fn: string, action: string, payload: unknown, opts: unknown) =>
      action === 'sosPress' && presses++ === 0
        ? { ok: false, error: { code: 'NETWORK', message: '网络不给力，请稍后再试' } }
        : base(fn, action, payload, opts)
  )
  render(<SosView />)
  fireEvent.click(await screen.findByTestId('sos-button'))
  await confirmWhenArmed()
  expect(await screen.findByText('网络不给力，请稍后再试')).toBeTruthy()
  fireEvent.click(screen.getByTestId('sos-button'))
  await confirmWhenArmed()
  expect(await screen.findByText('已通知值班社工和网格员：赵丽、刘海燕')).toBeTruthy()
  expect(pressed()).toHaveLength(2)
  expect(pressed()[1][3].requestId).toBe(pressed()[0][3].requestId)
})
