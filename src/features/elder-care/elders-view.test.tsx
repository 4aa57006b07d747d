import { fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { callFunction } from '@/api'
import { resetDisplayPrefsForTests } from '@/components/theme/display-prefs'
import { EldersView } from './elders-view'
import { expectAtField, invalidInput, typeInto } from '../../../test/setup/form-input'

jest.mock('@tarojs/taro', () => require('../../../test/setup/taro.mock').taroMock())
// The transport is mocked; the contract hooks above it are the real ones.
jest.mock('@/api/call-function', () => ({ ...jest.requireActual('@/api/call-function'), callFunction: jest.fn() }))
jest.mock('@/api/request-id', () => ({ newRequestId: jest.fn(() => 'req-elders-test-0001') }))
jest.mock('@/api/identity', () => ({
  ...jest.requireActual('@/api/identity'),
  getPersonaOpenId: jest.fn(() => 'demo-staff')
}))

const elder = {
  id: 'elder-1',
  name: '张桂芳',
  age: 78,
  gridId: 'grid-1',
  livesAlone: true,
  careLevel: null,
  careLevelLabel: '未评估',
  tags: [],
  careNotes: '',
  address: '3栋2单元',
  phone: '140****0001',
  familyContacts: [],
  proxies: []
}

function answer(byAction: Record<string, unknown>): void {
  ;(callFunction as jest.Mock).mockImplementation(async (_fn: string, action: string) => {
    if (action === 'whoami') return { ok: true, data: { registered: true, name: '赵丽', roles: ['staff'] } }
    if (action === 'listElders') return { ok: true, data: { items: [elder], cursor: null } }
    return byAction[action] ?? { ok: false, error: { code: 'UNKNOWN_ACTION', message: '?' } }
  })
}

beforeEach(() => {
  ;(Taro as unknown as { clearStorageSync: () => void }).clearStorageSync()
  resetDisplayPrefsForTests()
  jest.clearAllMocks()
})

test('care notes show their limit while typing, and a rejected note is said at the field, not in a box over the button', async () => {
  answer({
    updateElder: invalidInput('payload.careNotes', '最多200个字')
  })
  render(<EldersView />)
  fireEvent.click(await screen.findByText('修改'))
  expect(screen.getByText('0/200')).toBeTruthy()
  typeInto('care-notes', '需要轮椅')
  expect(screen.getByText('4/200')).toBeTruthy()
  fireEvent.click(screen.getByText('保存'))
  await expectAtField('care-notes', '照护提示：最多200个字')
  expect(Taro.showModal).not.toHaveBeenCalled()
})

test('linking a family member: the button says what is missing, and an unknown phone is said at the phone field', async () => {
  answer({
    linkProxy: { ok: false, error: { code: 'NOT_FOUND', message: '这位家属还没有登录过小程序，请先让他/她打开一次' } }
  })
  render(<EldersView />)
  fireEvent.click(await screen.findByText('修改'))
  expect(screen.getByText('请填写家属的11位手机号')).toBeTruthy()
  typeInto('proxy-phone', '14000000009')
  expect(screen.getByText('请填写家属与老人的关系')).toBeTruthy()
  typeInto('proxy-relation', '儿子')
  expect(screen.getByText('2/10')).toBeTruthy()
  expect(screen.queryByText('请填写家属与老人的关系')).toBeNull()
  fireEvent.click(screen.getByText('确认关联'))
  await expectAtField('proxy-phone', '这位家属还没有登录过小程序，请先让他/她打开一次')
  expect((callFunction as jest.Mock).mock.calls.find(c => c[1] === 'linkProxy')?.[2]).toEqual({
    elderId: 'elder-1',
    phone: '14000000009',
    relation: '儿子',
    statement: '老人当面口头同意由该家属代为办理'
  })
  expect(Taro.showModal).not.toHaveBeenCalled()
  expect(Taro.showToast).not.toHaveBeenCalled()
})
