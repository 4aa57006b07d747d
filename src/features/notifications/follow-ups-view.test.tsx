import { act, fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { callFunction } from '@/api'
import { resetDisplayPrefsForTests } from '@/components/theme/display-prefs'
import { FollowUpsView } from './follow-ups-view'
import { expectAtField, invalidInput } from '../../../test/setup/form-input'

jest.mock('@tarojs/taro', () => require('../../../test/setup/taro.mock').taroMock())
// The transport is mocked; the contract hooks above it are the real ones.
jest.mock('@/api/call-function', () => ({ ...jest.requireActual('@/api/call-function'), callFunction: jest.fn() }))
jest.mock('@/api/request-id', () => ({ newRequestId: jest.fn(() => 'req-follow-up-test-0001') }))
jest.mock('@/api/identity', () => ({
  ...jest.requireActual('@/api/identity'),
  getPersonaOpenId: jest.fn(() => 'demo-staff')
}))

const entry = {
  id: 'n-1:demo-elder:sos',
  name: '张桂芳',
  phone: '14000000001',
  say: '社区通知：本周六停水',
  urgent: true,
  reason: 'unreached',
  dueAt: '2026-11-24T02:00:00.000Z',
  status: 'open',
  note: null
}

beforeEach(() => {
  ;(Taro as unknown as { clearStorageSync: () => void }).clearStorageSync()
  resetDisplayPrefsForTests()
  jest.clearAllMocks()
})

test('the note shows its limit while typing; a refused tick is said beside the button, not in a toast', async () => {
  ;(callFunction as jest.Mock).mockImplementation(async (_fn: string, action: string) => {
    if (action === 'followUps') return { ok: true, data: { items: [entry], cursor: null } }
    if (action === 'followUpDone') return invalidInput('payload.note', '含有不能发布的内容')
    return { ok: false, error: { code: 'UNKNOWN_ACTION', message: '?' } }
  })
  render(<FollowUpsView />)
  expect(await screen.findByText('0/200')).toBeTruthy()
  act(() => {
    document
      .querySelector('[name^="follow-up-note"]')!
      .dispatchEvent(new CustomEvent('input', { detail: { value: '已告知家属' }, bubbles: true }))
  })
  expect(screen.getByText('5/200')).toBeTruthy()
  fireEvent.click(screen.getByTestId('follow-up').querySelector('.nut-button')!)
  await expectAtField('follow-up-note-n-1:demo-elder:sos', '备注（可不填）：含有不能发布的内容')
  expect((callFunction as jest.Mock).mock.calls.find(c => c[1] === 'followUpDone')?.[2]).toEqual({
    id: entry.id,
    note: '已告知家属'
  })
  expect(Taro.showToast).not.toHaveBeenCalled()
  expect(screen.getByText('张桂芳')).toBeTruthy() // still on the list
})
