import { fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { callFunction } from '@/api'
import { resetDisplayPrefsForTests } from '@/components/theme/display-prefs'
import { DirectoryView } from './directory-view'
import { expectAtField, invalidInput, typeInto } from '../../../test/setup/form-input'

jest.mock('@tarojs/taro', () => require('../../../test/setup/taro.mock').taroMock())
// The transport is mocked; the contract hooks above it are the real ones.
jest.mock('@/api/call-function', () => ({ ...jest.requireActual('@/api/call-function'), callFunction: jest.fn() }))
jest.mock('@/api/request-id', () => ({ newRequestId: jest.fn(() => 'req-dir-0001') }))
jest.mock('@/api/identity', () => ({
  ...jest.requireActual('@/api/identity'),
  getPersonaOpenId: jest.fn(() => 'demo-staff')
}))

beforeEach(() => {
  ;(Taro as unknown as { clearStorageSync: () => void }).clearStorageSync()
  resetDisplayPrefsForTests()
  jest.clearAllMocks()
})

test("a member's new phone the server refuses is said at the phone field; another refusal beside its button", async () => {
  const rows: Record<string, unknown> = {
    grids: { _id: 'g1', name: '第一网格' },
    buildings: { _id: 'b1', name: '3栋' },
    units: { _id: 'u1', name: '2单元' },
    households: { _id: 'h1', door: '301' },
    members: { _id: 'm1', name: '王秀兰', relation: '户主', phoneMasked: '140****0001' }
  }
  ;(callFunction as jest.Mock).mockImplementation(async (_fn: string, action: string, payload: { level?: string }) => {
    if (action === 'whoami') return { ok: true, data: { registered: true, name: '赵丽', roles: ['staff'] } }
    if (action === 'directory') return { ok: true, data: { items: [rows[payload.level ?? 'grids']], cursor: null } }
    if (action === 'editMember') return invalidInput('payload.changes.phone', '电话号码格式不对')
    if (action === 'createElder') return { ok: false, error: { code: 'CONFLICT', message: '这位居民已经有养老档案了' } }
    return { ok: false, error: { code: 'UNKNOWN_ACTION', message: '?' } }
  })
  render(<DirectoryView />)
  for (const name of ['第一网格', '3栋', '2单元', '301']) fireEvent.click(await screen.findByText(name))
  fireEvent.click(await screen.findByText('修改'))
  expect(screen.getByText('请先填写新的手机号')).toBeTruthy()
  typeInto('member-phone', '12345')
  fireEvent.click(screen.getByText('保存'))
  await expectAtField('member-phone', '新的手机号：电话号码格式不对')
  fireEvent.click(screen.getByText('建立老人档案（居家养老）'))
  expect(await screen.findByText('这位居民已经有养老档案了')).toBeTruthy()
  expect(Taro.showToast).not.toHaveBeenCalled()
})
