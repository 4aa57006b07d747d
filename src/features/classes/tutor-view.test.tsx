import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { callFunction } from '@/api'
import { resetDisplayPrefsForTests } from '@/components/theme/display-prefs'
import { TutorView } from './tutor-view'
import { expectAtField, typeInto } from '../../../test/setup/form-input'

jest.mock('@tarojs/taro', () => require('../../../test/setup/taro.mock').taroMock())
// The transport is mocked; the contract hooks above it are the real ones.
jest.mock('@/api/call-function', () => ({ ...jest.requireActual('@/api/call-function'), callFunction: jest.fn() }))
jest.mock('@/api/request-id', () => ({ newRequestId: jest.fn(() => `req-${Math.random().toString(36).slice(2, 12)}`) }))

const session = {
  sessionId: 't1:2026-11-24',
  termId: 't1',
  title: '秋季班',
  room: '二楼活动室',
  date: '2026-11-24',
  startsAt: '2026-11-24T08:30:00.000Z',
  endsAt: '2026-11-24T10:00:00.000Z',
  status: 'scheduled',
  cancelReason: null,
  tutors: 1,
  minTutors: 2,
  iAmTutor: true
}
const child = (over: Record<string, unknown> = {}) => ({
  childId: 'c1',
  name: '李梓涵',
  grade: '三年级',
  allergies: '花生过敏',
  status: null,
  reportedByGuardian: false,
  pickup: null,
  pickupAdults: [
    { name: '李建国', relation: '父亲' },
    { name: '周婷', relation: '母亲' }
  ],
  ...over
})

function answer(state: { child: Record<string, unknown> }) {
  ;(callFunction as jest.Mock).mockImplementation(
    async (_fn: string, action: string, payload: Record<string, unknown>) => {
      if (action === 'todaySessions')
        return { ok: true, data: { date: '2026-11-24', sessions: [{ session, children: [child(state.child)] }] } }
      if (action === 'upcomingSessions') return { ok: true, data: { items: [], cursor: null } }
      if (action === 'markAttendance') {
        state.child = { ...state.child, status: payload.status }
        return { ok: true, data: payload.status }
      }
      if (action === 'handOver') {
        if (payload.code !== '246802')
          return {
            ok: false,
            error: { code: 'PICKUP_REFUSED', message: '接送码不对，此人不在孩子的授权接送名单上，不能接走孩子' }
          }
        state.child = { ...state.child, pickup: { name: '周婷', relation: '母亲', at: '2026-11-24T10:05:00.000Z' } }
        return {
          ok: true,
          data: { childName: '李梓涵', name: '周婷', relation: '母亲', at: '2026-11-24T10:05:00.000Z' }
        }
      }
      return { ok: false, error: { code: 'UNKNOWN_ACTION', message: '?' } }
    }
  )
}

beforeEach(() => {
  ;(Taro as unknown as { clearStorageSync: () => void }).clearStorageSync()
  resetDisplayPrefsForTests()
  jest.clearAllMocks()
})

test('a tutor sees care needs and who may collect, marks present, is refused a wrong code, hands over with the right one', async () => {
  const state = { child: {} as Record<string, unknown> }
  answer(state)
  render(<TutorView />)
  expect(await screen.findByText('李梓涵')).toBeTruthy()
  expect(screen.getByText('注意：花生过敏')).toBeTruthy()
  expect(screen.queryByText(/接送码/)).toBeNull() // codes stay with the family

  fireEvent.click(screen.getByText('到了'))
  expect(await screen.findByText('已到')).toBeTruthy()
  expect(screen.getByText('可接人：李建国（父亲）、周婷（母亲）')).toBeTruthy()

  const type = (value: string): void => {
    typeInto('pickup-code-c1', value)
  }
  expect(screen.getByText('请先输入 6 位接送码')).toBeTruthy()
  type('111111')
  fireEvent.click(screen.getByText('核对并交接'))
  // The refusal is at the code field, not in a toast over the button.
  await expectAtField('pickup-code-c1', '接送码不对，此人不在孩子的授权接送名单上，不能接走孩子')
  expect(Taro.showToast).not.toHaveBeenCalled()
  expect(screen.queryByText(/已由/)).toBeNull()

  type('246802')
  fireEvent.click(screen.getByText('核对并交接'))
  await waitFor(() => expect(screen.getByText('已由周婷（母亲）在 18:05 接走')).toBeTruthy())
  const handOvers = (callFunction as jest.Mock).mock.calls.filter(c => c[1] === 'handOver')
  expect(handOvers.map(c => c[2].code)).toEqual(['111111', '246802'])
  expect(handOvers[0][3].requestId).not.toBe(handOvers[1][3].requestId) // a new intent, not a retry
})
