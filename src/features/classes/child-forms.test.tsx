import { fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { callFunction } from '@/api'
import { resetDisplayPrefsForTests } from '@/components/theme/display-prefs'
import { AddAdultForm } from './child-forms'
import { typeInto } from '../../../test/setup/form-input'

jest.mock('@tarojs/taro', () => require('../../../test/setup/taro.mock').taroMock())
// The transport is mocked; the contract hooks above it are the real ones.
jest.mock('@/api/call-function', () => ({ ...jest.requireActual('@/api/call-function'), callFunction: jest.fn() }))
jest.mock('@/api/request-id', () => ({ newRequestId: jest.fn(() => `req-${Math.random().toString(36).slice(2, 12)}`) }))

beforeEach(() => {
  ;(Taro as unknown as { clearStorageSync: () => void }).clearStorageSync()
  resetDisplayPrefsForTests()
  jest.clearAllMocks()
})

test('adding a pickup adult: the button says what is missing, and a busy list is said beside it, not in a toast', async () => {
  ;(callFunction as jest.Mock).mockResolvedValue({
    ok: false,
    error: { code: 'PICKUP_LIST_BUSY', message: '家人正在同时修改接送名单，请稍后再试' }
  })
  const onDone = jest.fn()
  render(<AddAdultForm childId='c1' onDone={onDone} />)
  expect(screen.getByText('请先填写接送人的姓名和关系')).toBeTruthy()
  typeInto('adult-name', '李奶奶')
  typeInto('adult-relation', '奶奶')
  expect(screen.getByText('3/20')).toBeTruthy()
  expect(screen.queryByText('请先填写接送人的姓名和关系')).toBeNull()
  fireEvent.click(screen.getByText('添加，生成他的接送码'))
  const message = await screen.findByText('家人正在同时修改接送名单，请稍后再试')
  expect(message.closest('[role="alert"]')).toBeTruthy()
  expect(Taro.showToast).not.toHaveBeenCalled()
  expect(onDone).not.toHaveBeenCalled()
})
