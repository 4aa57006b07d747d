import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { callFunction } from '@/api'
import type { EligibilityView } from '@/core/service-card/service-card.views'
import { EligibilityQueue, MyEligibility } from './eligibility-view'
import { answerCalls, freshPage } from '../../../test/support/page-calls'

jest.mock('@tarojs/taro', () => require('../../../test/setup/taro.mock').taroMock())
// The transport is mocked; every hook above it is the real one.
jest.mock('@/api/call-function', () => ({ ...jest.requireActual('@/api/call-function'), callFunction: jest.fn() }))
jest.mock('@/api/request-id', () => ({ newRequestId: jest.fn(() => 'req-test-0001') }))
jest.mock('@/api/identity', () => ({
  ...jest.requireActual('@/api/identity'),
  getPersonaOpenId: jest.fn(() => 'demo-resident')
}))

const call = callFunction as jest.MockedFunction<typeof callFunction>
const modal = Taro.showModal as unknown as jest.Mock

const ask: EligibilityView = {
  residentId: 'demo-resident',
  residentName: '王秀兰',
  reasons: ['elderly', 'mobility'],
  status: 'pending',
  round: 1,
  askedAt: '2026-11-25T01:00:00.000Z',
  decidedAt: null,
  decidedByName: null,
  tags: [],
  declineReason: null
}

const answer = (byAction: Record<string, unknown>): void => answerCalls(call as unknown as jest.Mock, byAction)

beforeEach(freshPage)

test('a resident without eligibility asks for it with a tap or two; the button says why it waits', async () => {
  answer({ me: { tags: [], eligible: false, ask: null }, askEligibility: ask })
  render(<MyEligibility />)
  expect(await screen.findByText('哪些情况符合您？（可以多选）')).toBeTruthy()
  expect(screen.getByText('请至少选一项')).toBeTruthy()
  fireEvent.click(screen.getByText('行动不便'))
  expect(screen.queryByText('请至少选一项')).toBeNull()
  answer({ me: { tags: [], eligible: false, ask }, askEligibility: ask })
  fireEvent.click(screen.getByText('提交资格申请'))
  expect(await screen.findByText(/资格申请已提交（11月25日 周三 09:00）/)).toBeTruthy()
  expect(call).toHaveBeenCalledWith(
    'service-card',
    'askEligibility',
    { reasons: ['mobility'] },
    { requestId: 'req-test-0001' }
  )
})

test('a declined ask says why and what to do instead, and can be asked again', async () => {
  const declined = { ...ask, status: 'declined', declineReason: '联系不上本人，请到社区大厅办理' }
  answer({ me: { tags: [], eligible: false, ask: declined } })
  render(<MyEligibility />)
  expect(await screen.findByText('资格申请没有通过。原因：联系不上本人，请到社区大厅办理')).toBeTruthy()
  expect(screen.getByText(/仍可以到社区大厅办理或预约办理/)).toBeTruthy()
  fireEvent.click(screen.getByText('重新申请'))
  expect(await screen.findByText('提交资格申请')).toBeTruthy()
})

test('staff approve an ask only after confirming what will be recorded', async () => {
  answer({ eligibilityQueue: { items: [ask], cursor: null }, decideEligibility: { ...ask, status: 'approved' } })
  render(<EligibilityQueue />)
  expect(await screen.findByText('王秀兰')).toBeTruthy()
  modal.mockResolvedValueOnce({ confirm: false, cancel: true })
  fireEvent.click(screen.getAllByText('通过')[0])
  await waitFor(() => expect(modal).toHaveBeenCalledTimes(1))
  expect(modal.mock.calls[0][0]).toMatchObject({
    title: '通过王秀兰的资格申请？',
    content: expect.stringContaining('60岁以上老人、行动不便')
  })
  expect(call).not.toHaveBeenCalledWith('service-card', 'decideEligibility', expect.anything(), expect.anything())
  fireEvent.click(screen.getAllByText('通过')[0])
  expect(await screen.findByText('已通过，已通知王秀兰')).toBeTruthy()
  expect(call).toHaveBeenCalledWith(
    'service-card',
    'decideEligibility',
    { residentId: 'demo-resident', round: 1, decision: 'approve', tags: ['elderly', 'mobility'] },
    { requestId: 'req-test-0001' }
  )
})
