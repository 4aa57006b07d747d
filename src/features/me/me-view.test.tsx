import { render, screen, fireEvent, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { callFunction } from '@/api'
import { resetDisplayPrefsForTests } from '@/components/theme/display-prefs'
import { MeView } from './me-view'

jest.mock('@tarojs/taro', () => require('../../../test/setup/taro.mock').taroMock())
// The transport is mocked; the contract hooks above it are the real ones.
jest.mock('@/api/call-function', () => ({ ...jest.requireActual('@/api/call-function'), callFunction: jest.fn() }))
jest.mock('@/api/identity', () => ({
  ...jest.requireActual('@/api/identity'),
  getPersonaOpenId: jest.fn(() => 'demo-volunteer')
}))

const call = callFunction as jest.MockedFunction<typeof callFunction>

beforeEach(() => {
  jest.clearAllMocks()
  ;(Taro as unknown as { clearStorageSync: () => void }).clearStorageSync()
  resetDisplayPrefsForTests()
  call.mockResolvedValue({
    ok: true,
    data: { registered: true, name: '陈志强', roles: ['resident', 'volunteer', 'tutor'] }
  })
})

function shell(container: HTMLElement): HTMLElement {
  const el = container.querySelector('.theme')
  if (!(el instanceof HTMLElement)) throw new Error('no .theme root')
  return el
}

test('shows who I am with my roles in Chinese', async () => {
  render(<MeView />)
  expect(await screen.findByText('陈志强')).toBeTruthy()
  expect(call).toHaveBeenCalledWith('community', 'whoami', {}, {})
  expect(screen.getByText('居民')).toBeTruthy()
  expect(screen.getByText('志愿者')).toBeTruthy()
  expect(screen.getByText('辅导老师')).toBeTruthy()
})

test('长辈版 enlarges the text scale, and is remembered', async () => {
  const { container } = render(<MeView />)
  await screen.findByText('陈志强')
  expect(shell(container).getAttribute('data-text-scale')).toBe('1')
  expect(shell(container).className).not.toContain('theme--elder')

  fireEvent.click(screen.getByText('长辈版'))

  await waitFor(() => expect(shell(container).getAttribute('data-text-scale')).toBe('1.25'))
  expect(shell(container).className).toContain('theme--elder')
  expect(shell(container).style.getPropertyValue('--text-scale')).toBe('1.25')
  expect(Taro.setStorageSync).toHaveBeenCalledWith('linli.elderMode', true)

  // A fresh start reads it back from storage.
  resetDisplayPrefsForTests()
  const again = render(<MeView />)
  expect(shell(again.container).getAttribute('data-text-scale')).toBe('1.25')

  fireEvent.click(screen.getAllByText('长辈版')[0])
  await waitFor(() => expect(Taro.setStorageSync).toHaveBeenLastCalledWith('linli.elderMode', false))
})

test('on H5, 切换身份 goes back to the persona picker', async () => {
  render(<MeView />)
  fireEvent.click(await screen.findByText('切换身份'))
  expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/dev-login/index' })
})

test('if whoami fails with nothing cached, says so and offers a retry', async () => {
  call.mockResolvedValueOnce({ ok: false, error: { code: 'NETWORK', message: '网络不给力，请稍后再试' } })
  render(<MeView />)
  expect(await screen.findByText('网络不给力，请稍后再试')).toBeTruthy()
  fireEvent.click(screen.getByText('再试一次'))
  expect(await screen.findByText('陈志强')).toBeTruthy()
})

test('leads a resident to their messages, their data and the survey, and newcomers to the staff invite', async () => {
  render(<MeView />)
  await screen.findByText('陈志强')
  fireEvent.click(screen.getByText('我的数据'))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/staff/my-data' })
  expect(screen.getByText('居民满意度调查')).toBeTruthy()
  expect(screen.getByText('社区工作人员加入')).toBeTruthy()
})

test('staff are not offered the invite page again', async () => {
  call.mockResolvedValue({ ok: true, data: { registered: true, name: '赵丽', roles: ['staff'] } })
  render(<MeView />)
  await screen.findByText('赵丽')
  expect(screen.queryByText('社区工作人员加入')).toBeNull()
})

test('anyone, registered or not, finds what Linli collects and how to delete it', async () => {
  call.mockResolvedValue({ ok: true, data: { registered: false, name: null, roles: [] } })
  render(<MeView />)
  fireEvent.click(await screen.findByText('个人信息保护说明'))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/staff/privacy' })
})
