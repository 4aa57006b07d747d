import { render, screen, fireEvent, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { badResponseMessage, callFunction, getPersonaOpenId } from '@/api'
import { resetDisplayPrefsForTests } from '@/components/theme/display-prefs'
import { HomeView } from './home-view'
import { residentHome, staffHome } from './home.fixtures'
import { writeCachedHome } from './home-cache'

jest.mock('@tarojs/taro', () => require('../../../test/setup/taro.mock').taroMock())
// The transport is mocked; the contract hooks above it are the real ones.
jest.mock('@/api/call-function', () => ({ ...jest.requireActual('@/api/call-function'), callFunction: jest.fn() }))
jest.mock('@/api/identity', () => ({
  ...jest.requireActual('@/api/identity'),
  getPersonaOpenId: jest.fn(() => 'demo-resident')
}))

const call = callFunction as jest.MockedFunction<typeof callFunction>
const persona = getPersonaOpenId as jest.MockedFunction<typeof getPersonaOpenId>

beforeEach(() => {
  jest.clearAllMocks()
  ;(Taro as unknown as { clearStorageSync: () => void }).clearStorageSync()
  resetDisplayPrefsForTests()
  persona.mockReturnValue('demo-resident')
})

test('a resident sees the greeting, contacts with masked phones, hotline and tiles', async () => {
  call.mockResolvedValue({ ok: true, data: residentHome })
  render(<HomeView />)

  expect(await screen.findByText('王秀兰，您好')).toBeTruthy()
  expect(call).toHaveBeenCalledWith('community', 'home', {}, {})
  expect(screen.getByText('网格员')).toBeTruthy()
  expect(screen.getByText('刘海燕')).toBeTruthy()
  expect(screen.getByText('☎ 138****0003')).toBeTruthy()
  expect(screen.getByText('楼长')).toBeTruthy()
  expect(screen.getByText('单元长')).toBeTruthy()
  expect(screen.getByText('021-5555 0100')).toBeTruthy()
  expect(screen.queryByText('社区概况')).toBeNull()

  // An available tile navigates to its subpackage page…
  fireEvent.click(screen.getByText('我的社区'))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/community/index' })

  // …an unavailable one says so and goes nowhere.
  expect(screen.getAllByText('即将开放')).toHaveLength(2)
  ;(Taro.navigateTo as jest.Mock).mockClear()
  fireEvent.click(screen.getByText('办事指南'))
  expect(Taro.navigateTo).not.toHaveBeenCalled()
})

test('staff see their workload counts', async () => {
  persona.mockReturnValue('demo-grid-worker')
  call.mockResolvedValue({ ok: true, data: staffHome })
  render(<HomeView />)

  expect(await screen.findByText('社区概况')).toBeTruthy()
  expect(screen.getByText('待处理求助')).toBeTruthy()
  expect(screen.getByText('4')).toBeTruthy()
  expect(screen.getByText('今日走访')).toBeTruthy()
  // Staff-only: no home address, so no neighbourhood contacts section.
  expect(screen.queryByText('我的社区联系人')).toBeNull()
})

test('a responder sees open SOS calls at the very top, counted, and a tap opens the staff desk', async () => {
  persona.mockReturnValue('demo-grid-worker')
  call.mockImplementation(async (fn: string, action: string) =>
    fn === 'elder-care' && action === 'sosSummary'
      ? { ok: true, data: { open: 2, unacknowledged: 1 } }
      : { ok: true, data: staffHome }
  )
  render(<HomeView />)
  const banner = await screen.findByText('1 个紧急呼叫无人响应')
  fireEvent.click(banner)
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/elder-care/staff' })
})

test("a resident's home never asks about SOS calls", async () => {
  call.mockResolvedValue({ ok: true, data: residentHome })
  render(<HomeView />)
  await screen.findByText('王秀兰，您好')
  expect(call.mock.calls.some(c => c[1] === 'sosSummary')).toBe(false)
})

test('shows loading, then an error in plain words, and retry loads the home', async () => {
  call.mockResolvedValueOnce({ ok: false, error: { code: 'NETWORK', message: '网络不给力，请稍后再试' } })
  render(<HomeView />)
  expect(screen.getByText('正在加载…')).toBeTruthy()

  expect(await screen.findByText('没能打开首页')).toBeTruthy()
  expect(screen.getByText('网络不给力，请稍后再试')).toBeTruthy()

  call.mockResolvedValueOnce({ ok: true, data: residentHome })
  fireEvent.click(screen.getByText('再试一次'))
  expect(await screen.findByText('王秀兰，您好')).toBeTruthy()
  expect(call.mock.calls.filter(c => c[0] === 'community' && c[1] === 'home')).toHaveLength(2)
})

test("the card shows today's hall hours with an open-now badge, who is on duty and more hotlines", async () => {
  call.mockResolvedValue({ ok: true, data: residentHome })
  render(<HomeView />)
  expect(await screen.findByText('08:30–12:00、13:30–17:30')).toBeTruthy()
  expect(screen.getByText('正在办公')).toBeTruthy()
  expect(screen.getByText('赵丽（一站式服务大厅）到 17:30')).toBeTruthy()
  expect(screen.getByText('021-0000-8011')).toBeTruthy()
})

test('a tap on a contact reveals that one number (asked of the server, which logs it)', async () => {
  call.mockImplementation(async (_fn, action) =>
    action === 'callContact'
      ? { ok: true, data: { name: '刘海燕', phone: '13800000003' } }
      : { ok: true, data: action === 'home' ? residentHome : [] }
  )
  render(<HomeView />)
  await screen.findByText('☎ 138****0003')
  fireEvent.click(screen.getByText('刘海燕'))
  expect(await screen.findByText('☎ 13800000003')).toBeTruthy()
  expect(call).toHaveBeenCalledWith('community', 'callContact', { title: '网格员' }, {})
  expect(screen.getByText('☎ 139****1203')).toBeTruthy() // the others stay masked
})

test('a refused reveal is said under the card tapped, not in a toast over the cards', async () => {
  call.mockImplementation(async (_fn, action) =>
    action === 'callContact'
      ? { ok: false, error: { code: 'RATE_LIMITED', message: '操作太频繁，请稍后再试' } }
      : { ok: true, data: action === 'home' ? residentHome : [] }
  )
  render(<HomeView />)
  await screen.findByText('☎ 138****0003')
  fireEvent.click(screen.getByText('刘海燕'))
  const said = await screen.findByText('操作太频繁，请稍后再试')
  expect(said.closest('[role="alert"]')).toBeTruthy()
  expect(Taro.showToast).not.toHaveBeenCalled()
  expect(screen.getByText('☎ 138****0003')).toBeTruthy()
})

test('an answer that does not match the schema is an error, not a crash', async () => {
  call.mockResolvedValue({ ok: true, data: { me: 'nobody' } })
  render(<HomeView />)
  expect(await screen.findByText(badResponseMessage)).toBeTruthy()
})

test('a cached home shows at once with its time, before the network answers', async () => {
  // 2026-11-23 06:05 UTC = 14:05 in Shanghai
  writeCachedHome({ home: residentHome, savedAt: Date.UTC(2026, 10, 23, 6, 5) })
  let answer: (v: Awaited<ReturnType<typeof callFunction>>) => void = () => {}
  call.mockReturnValue(
    new Promise(resolve => {
      answer = resolve
    })
  )

  render(<HomeView />)
  // Synchronously on first render: no loading screen.
  expect(screen.getByText('王秀兰，您好')).toBeTruthy()
  expect(screen.getByText('刘海燕')).toBeTruthy()
  expect(screen.queryByText('没能打开首页')).toBeNull()

  // The refresh fails: the cached content stays, with a plain notice and a retry.
  answer({ ok: false, error: { code: 'NETWORK', message: '网络不给力，请稍后再试' } })
  expect(await screen.findByText('暂时连不上网，下面是 14:05 的内容')).toBeTruthy()
  expect(screen.getByText('王秀兰，您好')).toBeTruthy()
})

test('a fresh load is remembered and stamped 更新于 HH:mm', async () => {
  jest.useFakeTimers({ now: Date.UTC(2026, 10, 23, 1, 30), doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] })
  try {
    call.mockResolvedValue({ ok: true, data: residentHome })
    render(<HomeView />)
    expect(await screen.findByText('更新于 09:30')).toBeTruthy()
    expect(Taro.setStorageSync).toHaveBeenCalledWith('linli.home.v1.demo-resident', {
      home: residentHome,
      savedAt: expect.any(Number)
    })
  } finally {
    jest.useRealTimers()
  }
})

test('on H5 without a chosen persona, home sends the user to the picker', async () => {
  persona.mockReturnValue(null)
  render(<HomeView />)
  await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/pages/dev-login/index' }))
  expect(call).not.toHaveBeenCalled()
})

test('an elder gets the short home: 一键呼叫 first, then call, meals, my services; the rest one tap further', async () => {
  persona.mockReturnValue('demo-elder')
  call.mockResolvedValue({
    ok: true,
    data: { ...residentHome, me: { ...residentHome.me, name: '张桂芳', roles: ['resident', 'elder'] } }
  })
  render(<HomeView />)

  const home = await screen.findByTestId('elder-home')
  expect(Array.from(home.children, c => c.getAttribute('data-testid'))).toEqual([
    'elder-home-sos',
    'elder-home-call',
    'elder-home-meals',
    'elder-home-services',
    'elder-home-more'
  ])
  expect(screen.getByText('打电话给网格员 刘海燕')).toBeTruthy()
  expect(screen.queryByText('我的社区')).toBeNull() // the tiles wait behind 更多服务
  fireEvent.click(screen.getByTestId('elder-home-sos'))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/elder-care/sos' })
  fireEvent.click(screen.getByTestId('elder-home-more'))
  expect(screen.getByText('我的社区')).toBeTruthy()
})

test('长辈版 gives a resident the same short home', async () => {
  Taro.setStorageSync('linli.elderMode', true)
  call.mockResolvedValue({ ok: true, data: residentHome })
  render(<HomeView />)
  expect(await screen.findByTestId('elder-home-sos')).toBeTruthy()
})
