import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { callFunction } from '@/api'
import { resetDisplayPrefsForTests } from '@/components/theme/display-prefs'
import { RolesView } from './roles-view'

jest.mock('@tarojs/taro', () => require('../../../test/setup/taro.mock').taroMock())
jest.mock('@/api/call-function', () => ({ ...jest.requireActual('@/api/call-function'), callFunction: jest.fn() }))

const user = {
  userId: 'demo-staff',
  name: '赵丽',
  roles: ['resident', 'staff'],
  roleLabels: ['居民', '社工'],
  gridId: null,
  phoneMasked: null
}

beforeEach(() => {
  ;(Taro as unknown as { clearStorageSync: () => void }).clearStorageSync()
  resetDisplayPrefsForTests()
  jest.clearAllMocks()
  ;(callFunction as jest.Mock).mockImplementation(async (_fn: string, action: string) => {
    if (action === 'grids') return { ok: true, data: [] }
    if (action === 'listInvites') return { ok: true, data: { items: [], cursor: null } }
    if (action === 'listUsers') return { ok: true, data: { items: [user], cursor: null } }
    if (action === 'grantRole')
      return {
        ok: true,
        data: {
          user: { ...user, roles: [...user.roles, 'admin'], roleLabels: [...user.roleLabels, '管理员'] },
          changed: true
        }
      }
    return { ok: false, error: { code: 'UNKNOWN_ACTION', message: '?' } }
  })
})

test('granting 管理员 asks first, saying what the role can do; only a yes grants it', async () => {
  render(<RolesView />)
  fireEvent.click(await screen.findByText('赵丽'))
  ;(Taro.showModal as jest.Mock).mockResolvedValueOnce({ confirm: false, cancel: true })
  const adminSwitch = async (): Promise<HTMLElement> =>
    (await screen.findAllByRole('switch')).find(e => e.textContent === '管理员')!
  fireEvent.click(await adminSwitch())
  await waitFor(() =>
    expect(Taro.showModal).toHaveBeenCalledWith(
      expect.objectContaining({
        title: '给 赵丽 加上「管理员」身份？',
        content: expect.stringContaining('管理员可以分配所有人的身份')
      })
    )
  )
  expect((callFunction as jest.Mock).mock.calls.some(c => c[1] === 'grantRole')).toBe(false)
  fireEvent.click(await adminSwitch())
  await waitFor(() =>
    expect((callFunction as jest.Mock).mock.calls.find(c => c[1] === 'grantRole')?.[2]).toMatchObject({
      userId: 'demo-staff',
      role: 'admin'
    })
  )
})

describe('a street admin (街道管理员)', () => {
  test('invites the street’s own people and sees the street’s invites, not a community’s people to change', async () => {
    ;(callFunction as jest.Mock).mockImplementation(async (_fn: string, action: string) => {
      if (action === 'whoami') return { ok: true, data: { registered: true, name: '街道', roles: ['street_admin'] } }
      if (action === 'grids') return { ok: true, data: [] }
      if (action === 'listInvites') return { ok: true, data: { items: [], cursor: null } }
      if (action === 'listUsers') return { ok: true, data: { items: [user], cursor: null } }
      if (action === 'createInvite')
        return {
          ok: true,
          data: {
            code: 'ABCD2345',
            role: 'street_staff',
            roleLabel: '街道社工',
            name: '新人',
            gridId: null,
            expiresAt: '2026-12-12T00:00:00.000Z'
          }
        }
      return { ok: false, error: { code: 'UNKNOWN_ACTION', message: '?' } }
    })
    render(<RolesView />)
    expect(await screen.findByText('街道社工')).toBeTruthy()
    expect(screen.queryByText('网格员')).toBeNull()
    await waitFor(() =>
      expect((callFunction as jest.Mock).mock.calls.some(c => c[1] === 'listInvites' && c[2]?.street === true)).toBe(
        true
      )
    )
    // A community's people are its admins' to manage: no role switches for the street's admin.
    expect(await screen.findByText(/各社区的人员和身份由该社区的管理员管理/)).toBeTruthy()
    expect(screen.queryAllByRole('switch')).toHaveLength(0)
  })
})
