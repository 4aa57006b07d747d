import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { callFunction } from '@/api'
import { resetDisplayPrefsForTests } from '@/components/theme/display-prefs'
import { JoinFamilyForm } from './co-guardian-forms'
import { expectAtField, typeInto } from '../../../test/setup/form-input'

jest.mock('@tarojs/taro', () => require('../../../test/setup/taro.mock').taroMock())
// The transport is mocked; the contract hooks above it are the real ones.
jest.mock('@/api/call-function', () => ({ ...jest.requireActual('@/api/call-function'), callFunction: jest.fn() }))
jest.mock('@/api/request-id', () => ({ newRequestId: jest.fn(() => `req-${Math.random().toString(36).slice(2, 12)}`) }))

beforeEach(() => {
  ;(Taro as unknown as { clearStorageSync: () => void }).clearStorageSync()
  resetDisplayPrefsForTests()
  jest.clearAllMocks()
})

test('joining by code: the button says what is missing, a wrong code is said at the code, and the right one joins', async () => {
  ;(callFunction as jest.Mock).mockImplementation(async (_fn: string, _action: string, payload: { code: string }) =>
    payload.code === '12345678'
      ? { ok: true, data: { childId: 'c1', childName: '李睿' } }
      : { ok: false, error: { code: 'INVITE_INVALID', message: '邀请码不对或已过期，请让家人重新生成' } }
  )
  const onJoined = jest.fn()
  render(<JoinFamilyForm onJoined={onJoined} />)
  fireEvent.click(screen.getByText('家人给了我邀请码'))
  expect(screen.getByText('请输入家人给您的 8 位邀请码')).toBeTruthy()
  typeInto('invite-code', '87654321')
  expect(screen.getByText('请先阅读并点“同意”')).toBeTruthy()
  fireEvent.click(screen.getByText('点此同意'))
  expect(screen.queryByText('请先阅读并点“同意”')).toBeNull()
  fireEvent.click(screen.getByText('加入，一起管理孩子'))
  await expectAtField('invite-code', '邀请码不对或已过期，请让家人重新生成')
  expect(Taro.showToast).not.toHaveBeenCalled()

  typeInto('invite-code', '12345678')
  expect(screen.queryByText('邀请码不对或已过期，请让家人重新生成')).toBeNull()
  fireEvent.click(screen.getByText('加入，一起管理孩子'))
  await waitFor(() => expect(onJoined).toHaveBeenCalled())
  expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已加入，可以管理李睿了' }))
})
