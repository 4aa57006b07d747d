import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { callFunction } from '@/api'
import { resetDisplayPrefsForTests } from '@/components/theme/display-prefs'
import { GuardianView } from './guardian-view'

jest.mock('@tarojs/taro', () => require('../../../test/setup/taro.mock').taroMock())
// The transport is mocked; the contract hooks above it are the real ones.
jest.mock('@/api/call-function', () => ({ ...jest.requireActual('@/api/call-function'), callFunction: jest.fn() }))
jest.mock('@/api/request-id', () => ({ newRequestId: jest.fn(() => `req-${Math.random().toString(36).slice(2, 12)}`) }))

const term = {
  termId: 't1',
  kind: 'class',
  title: '秋季班',
  room: '二楼活动室',
  startDate: '2026-11-02',
  endDate: '2027-01-15',
  startTime: '16:30',
  endTime: '18:00',
  capacity: 30,
  seatsLeft: 0,
  waiting: 3,
  grades: [],
  enrolOpen: true,
  sessionCount: 20,
  dropInSeats: 0,
  weekdays: [2, 4]
}
const kid = {
  childId: 'c1',
  name: '李睿',
  school: '春晖实验小学',
  grade: '一年级',
  allergies: '',
  notes: '',
  emergencyContacts: [{ name: '李建国', relation: '父亲', phone: '13800000000' }],
  pickupAdults: [{ adultId: 'a1', name: '李建国', relation: '父亲', code: '246801' }],
  guardians: [],
  registeredByMe: false
}
const enrolment = (status: string, over: Record<string, unknown> = {}) => ({
  termId: 't1',
  termTitle: '秋季班',
  childId: 'c1',
  childName: '李睿',
  status,
  statusLabel: { waitlisted: '候补中', offered: '有名额待确认', enrolled: '已报名' }[status] ?? status,
  waitNumber: 4,
  ahead: status === 'waitlisted' ? 3 : null,
  offerExpiresAt: status === 'offered' ? '2026-11-24T14:00:00.000Z' : null,
  nextSession: null,
  ...over
})

function answer(state: { status: string }) {
  ;(callFunction as jest.Mock).mockImplementation(async (_fn: string, action: string) => {
    if (action === 'whoami')
      return { ok: true, data: { registered: true, name: '李建国', roles: ['resident', 'guardian'] } }
    if (action === 'myChildren') return { ok: true, data: { items: [kid], cursor: null } }
    if (action === 'listTerms') return { ok: true, data: { items: [term], cursor: null } }
    if (action === 'myEnrolments')
      return { ok: true, data: { items: state.status === 'none' ? [] : [enrolment(state.status)], cursor: null } }
    if (action === 'enrol') {
      state.status = 'waitlisted'
      return { ok: true, data: enrolment('waitlisted') }
    }
    if (action === 'acceptOffer') {
      state.status = 'enrolled'
      return { ok: true, data: enrolment('enrolled') }
    }
    return { ok: false, error: { code: 'UNKNOWN_ACTION', message: '?' } }
  })
}

beforeEach(() => {
  ;(Taro as unknown as { clearStorageSync: () => void }).clearStorageSync()
  resetDisplayPrefsForTests()
  jest.clearAllMocks()
})

test("a guardian sees the child's pickup code, enrols into a full term and is told the waitlist place", async () => {
  const state = { status: 'none' }
  answer(state)
  render(<GuardianView />)
  expect(await screen.findByText('接送码 246801')).toBeTruthy()
  expect(screen.getByText('已满，3 人在候补')).toBeTruthy()
  fireEvent.click(screen.getByText('给李睿报名'))
  await waitFor(() =>
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已满，已排进候补（第 4 号）' }))
  )
  expect(await screen.findByText('候补 4 号 · 前面还有 3 人')).toBeTruthy()
})

test('an offered seat shows its deadline in Beijing time and is accepted with one tap', async () => {
  const state = { status: 'offered' }
  answer(state)
  render(<GuardianView />)
  expect(await screen.findByText(/有名额了！请在 .*22:00 前确认/)).toBeTruthy()
  fireEvent.click(screen.getByText('确认名额'))
  expect(await screen.findByText('已报名')).toBeTruthy()
  const accept = (callFunction as jest.Mock).mock.calls.find(c => c[1] === 'acceptOffer')
  expect(accept?.[2]).toEqual({ termId: 't1', childId: 'c1' })
  expect(accept?.[3].requestId).toMatch(/^req-/)
})

test('the guardian who registered the child gets an invitation code for the other parent, and sees who manages the child', async () => {
  answer({ status: 'none' })
  const base = (callFunction as jest.Mock).getMockImplementation() as (...a: unknown[]) => Promise<unknown>
  ;(callFunction as jest.Mock).mockImplementation(async (fn: string, action: string, ...rest: unknown[]) => {
    if (action === 'myChildren') {
      return {
        ok: true,
        data: {
          items: [
            {
              ...kid,
              registeredByMe: true,
              guardians: [
                { userId: 'demo-guardian', name: '李建国', registered: true, me: true },
                { userId: 'u-mother', name: '周婷', registered: false, me: false }
              ]
            }
          ],
          cursor: null
        }
      }
    }
    if (action === 'inviteCoGuardian')
      return {
        ok: true,
        data: { code: '12345678', childId: 'c1', childName: '李睿', expiresAt: '2026-11-25T02:00:00.000Z' }
      }
    return await base(fn, action, ...rest)
  })
  render(<GuardianView />)
  expect(await screen.findByText('李建国（我） · 登记人')).toBeTruthy()
  expect(screen.getByText('周婷 · 共同监护人')).toBeTruthy()
  fireEvent.click(screen.getByText('邀请家人一起管理'))
  expect(await screen.findByText('邀请码 1234 5678')).toBeTruthy()
  expect(screen.getByText(/在 11月25日 周三 10:00 前输入/)).toBeTruthy()
  fireEvent.click(screen.getByText('移除周婷'))
  await waitFor(() =>
    expect((callFunction as jest.Mock).mock.calls.find(c => c[1] === 'removeCoGuardian')?.[2]).toEqual({
      childId: 'c1',
      userId: 'u-mother'
    })
  )
})

test('the other parent enters the code, agrees, and can then manage the child', async () => {
  answer({ status: 'none' })
  const base = (callFunction as jest.Mock).getMockImplementation() as (...a: unknown[]) => Promise<unknown>
  ;(callFunction as jest.Mock).mockImplementation(async (fn: string, action: string, ...rest: unknown[]) => {
    if (action === 'acceptCoGuardian') return { ok: true, data: { childId: 'c1', childName: '李睿' } }
    return await base(fn, action, ...rest)
  })
  render(<GuardianView />)
  fireEvent.click(await screen.findByText('家人给了我邀请码'))
  const join = screen.getByText('加入，一起管理孩子')
  // Taro's H5 Input is a custom element that reports typing as an 'input' event with detail.value.
  act(() => {
    screen
      .getByPlaceholderText('输入 8 位邀请码')
      .dispatchEvent(new CustomEvent('input', { detail: { value: '12345678' }, bubbles: true }))
  })
  fireEvent.click(screen.getByText('点此同意'))
  fireEvent.click(join)
  await waitFor(() =>
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已加入，可以管理李睿了' }))
  )
  expect((callFunction as jest.Mock).mock.calls.find(c => c[1] === 'acceptCoGuardian')?.[2]).toEqual({
    code: '12345678',
    consent: true
  })
})

test('a Tuesday/Thursday term says so (not 每天), each date with its weekday; cancelling an enrolment asks first', async () => {
  const state = { status: 'enrolled' }
  answer(state)
  render(<GuardianView />)
  expect(await screen.findByText('11月2日 周一 至 1月15日 周五，每周二、四 16:30–18:00')).toBeTruthy()
  expect(screen.queryByText(/每天/)).toBeNull()
  ;(Taro.showModal as jest.Mock).mockResolvedValueOnce({ confirm: false, cancel: true })
  fireEvent.click(await screen.findByText('取消报名'))
  await waitFor(() =>
    expect(Taro.showModal).toHaveBeenCalledWith(
      expect.objectContaining({ title: '确定为李睿取消「秋季班」的报名吗？' })
    )
  )
  expect((callFunction as jest.Mock).mock.calls.some(c => c[1] === 'cancelEnrolment')).toBe(false)
})

test("a refused enrolment is said beside that child's 报名 button, not in a toast, until the next tap", async () => {
  const state = { status: 'none' }
  answer(state)
  const answered = (callFunction as jest.Mock).getMockImplementation()!
  ;(callFunction as jest.Mock).mockImplementation(async (fn: string, action: string, ...rest: unknown[]) =>
    action === 'enrol'
      ? { ok: false, error: { code: 'ALREADY_ENROLLED', message: '李睿已经报过这个班了' } }
      : answered(fn, action, ...rest)
  )
  render(<GuardianView />)
  fireEvent.click(await screen.findByText('给李睿报名'))
  const said = await screen.findByText('李睿已经报过这个班了')
  expect(said.closest('[data-testid="open-term"]')).toBeTruthy()
  expect(said.closest('[role="alert"]')).toBeTruthy()
  expect(Taro.showToast).not.toHaveBeenCalled()
  // The next tap clears it; answered this time, it says so in the list instead.
  ;(callFunction as jest.Mock).mockImplementation(answered)
  fireEvent.click(screen.getByText('给李睿报名'))
  await waitFor(() => expect(screen.queryByText('李睿已经报过这个班了')).toBeNull())
  expect(await screen.findByText('候补 4 号 · 前面还有 3 人')).toBeTruthy()
})
