import { fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { callFunction } from '@/api'
import { resetDisplayPrefsForTests } from '@/components/theme/display-prefs'
import { RequestView } from './request-view'
import { typeInto } from '../../../test/setup/form-input'

jest.mock('@tarojs/taro', () => require('../../../test/setup/taro.mock').taroMock())
// The transport is mocked; the hooks above it (useAction, useQuery) are the real ones.
jest.mock('@/api/call-function', () => ({ ...jest.requireActual('@/api/call-function'), callFunction: jest.fn() }))
jest.mock('@/api/request-id', () => ({ newRequestId: jest.fn(() => 'req-care-request-0001') }))
jest.mock('@/api/identity', () => ({
  ...jest.requireActual('@/api/identity'),
  getPersonaOpenId: jest.fn(() => 'demo-elder')
}))

beforeEach(() => {
  ;(Taro as unknown as { clearStorageSync: () => void }).clearStorageSync()
  resetDisplayPrefsForTests()
  jest.clearAllMocks()
})

test('the elder is told to pick a service first; a refusal is said above the big button and the note counts', async () => {
  ;(callFunction as jest.Mock).mockImplementation(async (_fn: string, action: string) => {
    if (action === 'myElders')
      return { ok: true, data: { elders: [{ id: 'elder-1', name: '张桂芳', self: true, relation: null }] } }
    if (action === 'serviceTypes')
      return {
        ok: true,
        data: [
          {
            _id: 'home-care',
            name: '上门照护',
            description: '陪护、助洁',
            paid: false,
            minutes: 60,
            active: true,
            order: 1
          }
        ]
      }
    if (action === 'submitCareRequest')
      return { ok: false, error: { code: 'CONFLICT', message: '这个时间您已经有一个服务申请了' } }
    return { ok: false, error: { code: 'UNKNOWN_ACTION', message: '?' } }
  })
  render(<RequestView />)
  expect(await screen.findByText('请先在上面选一项服务，再点提交')).toBeTruthy()
  fireEvent.click(await screen.findByText('上门照护'))
  expect(screen.queryByText('请先在上面选一项服务，再点提交')).toBeNull()
  expect(screen.getByText('0/200')).toBeTruthy()
  typeInto('request-note', '下午在家')
  expect(screen.getByText('4/200')).toBeTruthy()
  fireEvent.click(screen.getByTestId('submit-request'))
  const message = await screen.findByText('这个时间您已经有一个服务申请了')
  expect(message.closest('[role="alert"]')).toBeTruthy()
  expect(Taro.showToast).not.toHaveBeenCalled()
  expect(Taro.redirectTo).not.toHaveBeenCalled()
})
