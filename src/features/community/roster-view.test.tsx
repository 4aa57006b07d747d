import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { callFunction } from '@/api'
import { resetDisplayPrefsForTests } from '@/components/theme/display-prefs'
import { RosterView } from './roster-view'
import { expectAtField, invalidInput, pickIn, typeInto } from '../../../test/setup/form-input'

jest.mock('@tarojs/taro', () => require('../../../test/setup/taro.mock').taroMock())
// The transport is mocked; the contract hooks above it are the real ones.
jest.mock('@/api/call-function', () => ({ ...jest.requireActual('@/api/call-function'), callFunction: jest.fn() }))
jest.mock('@/api/request-id', () => ({ newRequestId: jest.fn(() => 'req-roster-0001') }))
jest.mock('@/api/identity', () => ({
  ...jest.requireActual('@/api/identity'),
  getPersonaOpenId: jest.fn(() => 'demo-staff')
}))

jest.setTimeout(20_000)

const saved = {
  weekly: [
    [],
    [
      { open: '08:30', close: '12:00' },
      { open: '13:30', close: '17:30' }
    ],
    [],
    [],
    [],
    [],
    []
  ],
  hotlines: [{ name: '法律援助热线', number: '021-0000-8011' }],
  exceptions: []
}

beforeEach(() => {
  ;(Taro as unknown as { clearStorageSync: () => void }).clearStorageSync()
  resetDisplayPrefsForTests()
  jest.clearAllMocks()
  ;(callFunction as jest.Mock).mockImplementation(async (_fn: string, action: string) => {
    if (action === 'whoami') return { ok: true, data: { registered: true, name: '赵丽', roles: ['staff'] } }
    if (action === 'roster') return { ok: true, data: [] }
    if (action === 'hallSettings') return { ok: true, data: saved }
    if (action === 'setHallWeek') return { ok: true, data: { weekly: saved.weekly } }
    if (action === 'setHotlines') return invalidInput('payload.hotlines.0.number', '号码太短')
    return { ok: false, error: { code: 'UNKNOWN_ACTION', message: '?' } }
  })
})

const weekSaves = () => (callFunction as jest.Mock).mock.calls.filter(c => c[1] === 'setHallWeek').map(c => c[2])

test("the hall's hours are picked, not typed: a day starts from what is saved, gains a range, and a wrong range is named", async () => {
  render(<RosterView />)
  await waitFor(() => expect(document.querySelector('taro-picker-core[name="hall-1-1-close"]')).toBeTruthy())
  const days = screen.getAllByTestId('hall-day')
  expect(days[1].textContent).toContain('08:30')
  expect(days[1].textContent).toContain('17:30')
  expect(days[0].textContent).toContain('休息（不开放）')

  // Saturday opens in the morning; its close is first picked before its open: the button says so.
  fireEvent.click(days[6].querySelector('.nut-button')!)
  pickIn('hall-6-0-close', '08:00')
  expect(screen.getByText('周六有一段的关门时间不晚于开门时间，请改一下')).toBeTruthy()
  pickIn('hall-6-0-close', '11:30')
  expect(screen.queryByText(/周六有一段/)).toBeNull()
  fireEvent.click(screen.getAllByText('保存').find(el => el.closest('[data-testid="hall-week"]'))!)
  await waitFor(() => expect(weekSaves()).toHaveLength(1))
  expect(weekSaves()[0].weekly[6]).toEqual([{ open: '08:30', close: '11:30' }])
  expect(weekSaves()[0].weekly[1]).toEqual(saved.weekly[1])
  expect(Taro.showToast).not.toHaveBeenCalled()
})

test('a hotline the server refuses is said at the hotlines field; a line it cannot read is named before saving', async () => {
  render(<RosterView />)
  expect(await screen.findByText('20/400')).toBeTruthy()
  typeInto('hotlines', '法律援助热线 021-0000-8011\n居委会')
  expect(screen.getByText('第 2 行请写成“名称 号码”，中间空一格')).toBeTruthy()
  typeInto('hotlines', '居委会 1')
  const buttons = screen.getAllByText('保存')
  fireEvent.click(buttons[buttons.length - 1])
  await expectAtField('hotlines', '其他电话（每行：名称 号码）：号码太短')
  expect(Taro.showToast).not.toHaveBeenCalled()
})
