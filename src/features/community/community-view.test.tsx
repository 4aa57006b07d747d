import { render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { callFunction } from '@/api'
import { residentHome } from '@/features/home/home.fixtures'
import { resetDisplayPrefsForTests } from '@/components/theme/display-prefs'
import { CommunityView } from './community-view'

jest.mock('@tarojs/taro', () => require('../../../test/setup/taro.mock').taroMock())
// The transport is mocked; the contract hooks above it are the real ones.
jest.mock('@/api/call-function', () => ({ ...jest.requireActual('@/api/call-function'), callFunction: jest.fn() }))
jest.mock('@/api/identity', () => ({
  ...jest.requireActual('@/api/identity'),
  getPersonaOpenId: jest.fn(() => 'demo-resident')
}))

beforeEach(() => {
  ;(Taro as unknown as { clearStorageSync: () => void }).clearStorageSync()
  resetDisplayPrefsForTests()
})

test('我的社区 lists my grid, building, unit and my contacts', async () => {
  ;(callFunction as jest.Mock).mockResolvedValue({ ok: true, data: residentHome })
  render(<CommunityView />)
  expect(await screen.findByText('第三网格')).toBeTruthy()
  expect(screen.getByText('3栋')).toBeTruthy()
  expect(screen.getByText('2单元')).toBeTruthy()
  expect(screen.getByText('周建华')).toBeTruthy()
  expect(screen.getByText('☎ 139****1203')).toBeTruthy()
  expect(screen.getByText('幸福里社区')).toBeTruthy()
})
