/**
 * The street in the app (issue 20) over a mocked transport: choosing a community before binding, switching on 我的
 * (and every open screen asking again), a street admin adding a community.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { callFunction, getCommunityChoice, resetCommunityChoiceForTests, setCommunityChoice } from '@/api'
import { resetDisplayPrefsForTests } from '@/components/theme/display-prefs'
import { residentHome } from '@/features/home/home.fixtures'
import { MeView } from '@/features/me/me-view'
import { useHome } from '@/features/home/use-home.hook'
import { HomeView } from '@/features/home/home-view'
import { fieldNamed, typeInto } from '../../../test/setup/form-input'
import { AddCommunityView } from './add-community-view'
import { BindView } from './bind-view'
import { ChooseCommunityView } from './street-view'
import { JoinView } from '@/features/staff/join-view'

jest.mock('@tarojs/taro', () => require('../../../test/setup/taro.mock').taroMock())
jest.mock('@/api/call-function', () => ({ ...jest.requireActual('@/api/call-function'), callFunction: jest.fn() }))
jest.mock('@/api/identity', () => ({
  ...jest.requireActual('@/api/identity'),
  getPersonaOpenId: jest.fn(() => 'demo-resident')
}))

const chunhui = { id: 'community', name: '春晖社区' }
const dongsheng = { id: 'c-dongsheng', name: '东圣社区' }
const names: Record<string, string> = { [chunhui.id]: chunhui.name, [dongsheng.id]: dongsheng.name }

/** whoami as the server answers it in the community the phone chose (the caller's own when none). */
function whoamiAs(me: { registered: boolean; roles: string[]; home: string | null; switchable: (typeof chunhui)[] }) {
  const here = getCommunityChoice() ?? me.home ?? chunhui.id
  return {
    ok: true,
    data: {
      registered: me.registered,
      name: me.registered ? '周主任' : null,
      roles: me.roles,
      community: { id: here, name: names[here] },
      switchable: me.switchable,
      streetSize: 2
    }
  }
}

let me: Parameters<typeof whoamiAs>[0]
const calls = (action: string): unknown[][] => (callFunction as jest.Mock).mock.calls.filter(c => c[1] === action)

beforeEach(() => {
  ;(Taro as unknown as { clearStorageSync: () => void }).clearStorageSync()
  resetCommunityChoiceForTests()
  resetDisplayPrefsForTests()
  jest.clearAllMocks()
  ;(Taro as unknown as { navigateBack: jest.Mock }).navigateBack = jest.fn(async () => ({ errMsg: 'ok' }))
  me = { registered: true, roles: ['street_admin'], home: null, switchable: [chunhui, dongsheng] }
  ;(callFunction as jest.Mock).mockImplementation(async (_fn: string, action: string, payload: unknown) => {
    if (action === 'whoami') return whoamiAs(me)
    if (action === 'communities') return { ok: true, data: { items: [chunhui, dongsheng], cursor: null } }
    if (action === 'unreadCount') return { ok: true, data: { count: 0 } }
    if (action === 'home') {
      const here = getCommunityChoice() ?? chunhui.id
      return { ok: true, data: { ...residentHome, community: { name: names[here], hotline: '021' } } }
    }
    if (action === 'addCommunity')
      return {
        ok: true,
        data: {
          id: dongsheng.id,
          name: (payload as { name: string }).name,
          grids: 2,
          buildings: 3,
          units: 4,
          adminName: '李主任',
          inviteCode: 'K7M2Q9XP',
          inviteExpiresAt: '2025-10-01T00:00:00.000Z'
        }
      }
    return { ok: false, error: { code: 'UNKNOWN_ACTION', message: '?' } }
  })
})

/** A screen still open behind 我的 (a tab page stays mounted): it shows its community's name. */
function OpenHome() {
  const { home } = useHome()
  return <span data-testid='open-home'>{home?.community.name ?? ''}</span>
}

test('选择您的社区: big buttons, one tap chooses and goes back', async () => {
  render(<ChooseCommunityView />)
  fireEvent.click(await screen.findByText('东圣社区'))
  expect(getCommunityChoice()).toBe(dongsheng.id)
  expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已选择东圣社区' }))
  expect((Taro as unknown as { navigateBack: jest.Mock }).navigateBack).toHaveBeenCalled()
  expect(await screen.findByText('东圣社区（现在在这个社区）')).toBeTruthy()
})

test('a visitor of a street of several chooses a community before binding by code', async () => {
  me = { registered: false, roles: [], home: null, switchable: [] }
  const { unmount } = render(<BindView />)
  expect(await screen.findByText('请先选择您的社区，再输入绑定码')).toBeTruthy()
  expect(fieldNamed('bind-code')).toBeNull()
  fireEvent.click(screen.getByText('选择您的社区'))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/community/choose' })
  unmount()
  setCommunityChoice(dongsheng.id)
  render(<BindView />)
  expect(await screen.findByText('绑定到：东圣社区')).toBeTruthy()
  expect(fieldNamed('bind-code')).not.toBeNull()
})

test('切换社区 on 我的: after a switch every open screen shows the new community', async () => {
  render(
    <>
      <MeView />
      <OpenHome />
    </>
  )
  expect(await screen.findByText('所在社区')).toBeTruthy()
  await waitFor(() => expect(screen.getByTestId('open-home').textContent).toBe('春晖社区'))
  fireEvent.click(await screen.findByText('切换到 东圣社区'))
  expect(getCommunityChoice()).toBe(dongsheng.id)
  // Both screens asked again, in the new community.
  await waitFor(() => expect(screen.getByTestId('open-home').textContent).toBe('东圣社区'))
  await waitFor(() => expect(screen.getByTestId('street-card').textContent).toContain('东圣社区'))
  expect(calls('home')).toHaveLength(2)
  expect(await screen.findByText('切换到 春晖社区')).toBeTruthy()
  expect(screen.getByText('添加社区（街道）')).toBeTruthy()
})

test('a resident of one community sees no switch and no 添加社区', async () => {
  me = { registered: true, roles: ['resident'], home: chunhui.id, switchable: [chunhui] }
  render(<MeView />)
  await waitFor(() => expect(calls('whoami').length).toBeGreaterThan(0))
  await waitFor(() => expect(screen.getByText('所在社区')).toBeTruthy())
  expect(screen.queryByText(/切换到/)).toBeNull()
  expect(screen.queryByText('添加社区（街道）')).toBeNull()
})

test('添加社区 asks first, sends the grids as typed, and shows the first admin’s invite code', async () => {
  render(<AddCommunityView />)
  typeInto('community-name', '东圣社区')
  typeInto('community-hotline', '021-6000-1234')
  typeInto('community-grids', '东一网格 1号楼/2 2号楼/2\n东二网格 5号楼')
  typeInto('community-hotlines', '养老服务站 021-6000-5678')
  typeInto('community-admin', '李主任')
  ;(Taro.showModal as jest.Mock).mockResolvedValueOnce({ confirm: false, cancel: true })
  fireEvent.click(screen.getByText('添加社区', { selector: '.nut-button *, .nut-button' }))
  await waitFor(() =>
    expect(Taro.showModal).toHaveBeenCalledWith(
      expect.objectContaining({ title: '确定添加“东圣社区”吗？', content: expect.stringContaining('2 个网格、3 栋楼') })
    )
  )
  expect(calls('addCommunity')).toHaveLength(0)
  fireEvent.click(screen.getByText('添加社区', { selector: '.nut-button *, .nut-button' }))
  expect(await screen.findByText('K7M2Q9XP')).toBeTruthy()
  expect(calls('addCommunity')[0][2]).toEqual({
    name: '东圣社区',
    hotline: '021-6000-1234',
    hotlines: [{ name: '养老服务站', number: '021-6000-5678' }],
    grids: [
      {
        name: '东一网格',
        buildings: [
          { name: '1号楼', units: 2 },
          { name: '2号楼', units: 2 }
        ]
      },
      { name: '东二网格', buildings: [{ name: '5号楼', units: 0 }] }
    ],
    weekly: [[], ...Array.from({ length: 5 }, () => [{ open: '08:30', close: '17:00' }]), []],
    admin: { name: '李主任' }
  })
  expect(screen.getByText(/先选择东圣社区/)).toBeTruthy()
})

test('添加社区 says why it cannot be sent yet', async () => {
  render(<AddCommunityView />)
  expect(screen.getByText('请填写社区名称、热线、网格和第一位管理员')).toBeTruthy()
  typeInto('community-name', '东圣社区')
  typeInto('community-hotline', '021-6000-1234')
  typeInto('community-admin', '李主任')
  typeInto('community-grids', '东一网格 1号楼/99')
  expect(await screen.findByText(/单元数请写 0 到 20/)).toBeTruthy()
})

test('joining as staff names the community the code is for, with a way to change it', async () => {
  me = { registered: false, roles: [], home: null, switchable: [] }
  setCommunityChoice(dongsheng.id)
  render(<JoinView />)
  expect(await screen.findByText('加入：东圣社区')).toBeTruthy()
  fireEvent.click(screen.getByText('换一个社区'))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/community/choose' })
})

test('the home of a visitor of a street of several asks them first to choose their community', async () => {
  const visitorHome = {
    ...residentHome,
    me: { registered: false, name: null, roles: [] },
    address: null,
    contacts: [],
    streetSize: 2
  }
  ;(callFunction as jest.Mock).mockImplementation(async (_fn: string, action: string) =>
    action === 'home' ? { ok: true, data: visitorHome } : { ok: true, data: { count: 0 } }
  )
  const { unmount } = render(<HomeView />)
  fireEvent.click(await screen.findByText('选择您的社区'))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/community/choose' })
  unmount()
  // Chosen: not asked again.
  setCommunityChoice(dongsheng.id)
  render(<HomeView />)
  expect(await screen.findByText('您好')).toBeTruthy()
  expect(screen.queryByTestId('choose-community')).toBeNull()
})
