import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { callFunction } from '@/api'
import { resetDisplayPrefsForTests } from '@/components/theme/display-prefs'
import { InboxView } from './inbox-view'
import { useUnreadBadge } from './unread-badge'

jest.mock('@tarojs/taro', () => {
  const mock = require('../../../test/setup/taro.mock').taroMock()
  const badge = { setTabBarBadge: jest.fn(async () => ({})), removeTabBarBadge: jest.fn(async () => ({})) }
  return { ...mock, ...badge, default: { ...mock.default, ...badge } }
})
// The transport is mocked; the contract hooks above it are the real ones.
jest.mock('@/api/call-function', () => ({ ...jest.requireActual('@/api/call-function'), callFunction: jest.fn() }))
jest.mock('@/api/identity', () => ({
  ...jest.requireActual('@/api/identity'),
  getPersonaOpenId: jest.fn(() => 'demo-staff')
}))

const item = (n: number, over: Record<string, unknown> = {}) => ({
  id: `k${n}>demo-staff`,
  kind: 'service-card.booking-confirmed',
  title: `通知${n}`,
  body: `内容${n}`,
  link: null,
  urgent: false,
  createdAt: '2026-11-24T02:00:00.000Z',
  read: false,
  ...over
})

function answer(roles: string[], pages: Array<{ items: unknown[]; cursor: string | null }>) {
  let page = 0
  ;(callFunction as jest.Mock).mockImplementation(async (_fn: string, action: string) => {
    if (action === 'whoami') return { ok: true, data: { registered: true, name: '赵丽', roles } }
    if (action === 'inboxList') return { ok: true, data: { ...pages[page++], unread: 2 } }
    if (action === 'markRead') return { ok: true, data: { marked: 1, unread: 1 } }
    return { ok: false, error: { code: 'UNKNOWN_ACTION', message: '?' } }
  })
}

/** What a 消息 entry would show. */
const unreadBadge: { current: string | null } = { current: null }
function BadgeProbe() {
  unreadBadge.current = useUnreadBadge()
  return null
}

beforeEach(() => {
  ;(Taro as unknown as { clearStorageSync: () => void }).clearStorageSync()
  resetDisplayPrefsForTests()
  jest.clearAllMocks()
})

test('shows my messages with the unread count, pages on, and marks one read when opened', async () => {
  answer(
    ['resident'],
    [
      { items: [item(1, { urgent: true, link: '/pages/service-card/index' }), item(2)], cursor: 'c1' },
      { items: [item(3, { read: true })], cursor: null }
    ]
  )
  render(
    <>
      <InboxView />
      <BadgeProbe />
    </>
  )
  expect(await screen.findByText('通知1')).toBeTruthy()
  expect(screen.getByText('2 条未读')).toBeTruthy()
  expect(screen.getByText('紧急')).toBeTruthy()

  fireEvent.click(screen.getByText('加载更多'))
  expect(await screen.findByText('通知3')).toBeTruthy()
  expect(screen.getByText('没有更多了')).toBeTruthy()
  expect(callFunction).toHaveBeenCalledWith('notifications', 'inboxList', { cursor: 'c1' }, {})

  fireEvent.click(screen.getByText('通知1'))
  expect(callFunction).toHaveBeenCalledWith('notifications', 'markRead', { ids: ['k1>demo-staff'] }, {})
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/service-card/index' })
  await waitFor(() => expect(screen.getByText('1 条未读')).toBeTruthy())
  // The count lives on the 消息 entries (home tile, 我的 row), not on the home tab.
  expect(unreadBadge.current).toBe('1')
  expect(Taro.setTabBarBadge).not.toHaveBeenCalled()
  // Residents don't see the staff tools.
  expect(screen.queryByText('电话回访名单')).toBeNull()
})

test('staff get the follow-up list, notices and the outbox from the inbox', async () => {
  answer(['staff'], [{ items: [], cursor: null }])
  render(<InboxView />)
  expect(await screen.findByText('暂时没有消息')).toBeTruthy()
  await waitFor(() => expect(screen.getByText('电话回访名单')).toBeTruthy())
  expect(screen.getByText('发布社区通知')).toBeTruthy()
  fireEvent.click(screen.getByText('订阅消息发送记录'))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/notifications/outbox' })
})
