import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { callFunction } from '@/api'
import { resetDisplayPrefsForTests } from '@/components/theme/display-prefs'
import { StaffView } from './staff-view'

jest.mock('@tarojs/taro', () => require('../../../test/setup/taro.mock').taroMock())
jest.mock('@/api', () => ({
  callFunction: jest.fn(),
  newRequestId: jest.fn(() => 'req-staff-test-0001'),
  getPersonaOpenId: jest.fn(() => 'demo-staff')
}))

const types = [
  { _id: 'home-care', name: '上门照护', description: '', paid: false, minutes: 60, active: true, order: 1 },
  { _id: 'bath', name: '助浴', description: '', paid: true, minutes: 90, active: false, order: 2 }
]

beforeEach(() => {
  ;(Taro as unknown as { clearStorageSync: () => void }).clearStorageSync()
  resetDisplayPrefsForTests()
  jest.clearAllMocks()
  ;(callFunction as jest.Mock).mockImplementation(async (_fn: string, action: string) => {
    if (action === 'whoami') return { ok: true, data: { registered: true, name: '赵丽', roles: ['staff'] } }
    if (action === 'serviceTypes') return { ok: true, data: types }
    if (action === 'saveServiceType') return { ok: true, data: types[0] }
    if (['openSos', 'careQueue', 'patrolList'].includes(action)) return { ok: true, data: { items: [], cursor: null } }
    return { ok: false, error: { code: 'UNKNOWN_ACTION', message: '?' } }
  })
})

const saves = () => (callFunction as jest.Mock).mock.calls.filter(c => c[1] === 'saveServiceType').map(c => c[2])

test('staff stop and resume a service residents can pick', async () => {
  render(<StaffView />)
  expect(await screen.findByText(/^上门照护\s+免费$/)).toBeTruthy()
  expect(screen.getByText(/^助浴\s+收费\s+已停用$/)).toBeTruthy()

  fireEvent.click(screen.getByText('停用'))
  await waitFor(() => expect(saves()[0]).toMatchObject({ id: 'home-care', name: '上门照护', active: false }))
  fireEvent.click(screen.getByText('恢复'))
  await waitFor(() => expect(saves()[1]).toMatchObject({ id: 'bath', active: true }))
})
