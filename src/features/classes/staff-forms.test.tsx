import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { callFunction } from '@/api'
import { resetDisplayPrefsForTests } from '@/components/theme/display-prefs'
import { NewTermForm, TermSessions } from './staff-forms'
import { expectAtField, invalidInput, pickIn, typeInto } from '../../../test/setup/form-input'

jest.mock('@tarojs/taro', () => require('../../../test/setup/taro.mock').taroMock())
// The transport is mocked; the contract hooks above it are the real ones.
jest.mock('@/api/call-function', () => ({ ...jest.requireActual('@/api/call-function'), callFunction: jest.fn() }))
jest.mock('@/api/request-id', () => ({ newRequestId: jest.fn(() => `req-${Math.random().toString(36).slice(2, 12)}`) }))

// The first render defines Taro's H5 custom elements (the pickers among them): seconds on a busy machine.
jest.setTimeout(20_000)

beforeEach(() => {
  ;(Taro as unknown as { clearStorageSync: () => void }).clearStorageSync()
  resetDisplayPrefsForTests()
  jest.clearAllMocks()
  ;(callFunction as jest.Mock).mockResolvedValue({ ok: true, data: { termId: 't1', sessions: 24 } })
})

test('staff set up a term on chosen weekdays, for chosen grades, with an enrolment window', async () => {
  const onDone = jest.fn()
  render(<NewTermForm onDone={onDone} />)
  fireEvent.click(screen.getByText('新建一期 / 家长学校讲座'))
  expect(screen.getByText('请先填写名称')).toBeTruthy()
  typeInto('term-title', '2026 春季班')
  expect(screen.getByText('8/30')).toBeTruthy()
  typeInto('term-room', '二楼活动室')
  expect(screen.getByText('请选择开始和结束日期')).toBeTruthy()
  pickIn('term-start', '2026-03-02')
  pickIn('term-end', '2026-06-26')
  typeInto('term-capacity', '30')
  pickIn('term-holiday', '2026-05-01')
  pickIn('term-holiday', '2026-04-06')
  // Mon, Wed, Fri only: Tuesday and Thursday off.
  fireEvent.click(screen.getByText('周二'))
  fireEvent.click(screen.getByText('周四'))
  fireEvent.click(screen.getByText('一年级'))
  fireEvent.click(screen.getByText('二年级'))
  pickIn('term-opens', '2026-02-20')
  pickIn('term-closes', '2026-02-27')
  fireEvent.click(screen.getByText('创建，并生成每次课'))
  await waitFor(() => expect(onDone).toHaveBeenCalled())
  const [fn, action, payload] = (callFunction as jest.Mock).mock.calls[0]
  expect([fn, action]).toEqual(['classes', 'createTerm'])
  expect(payload).toEqual({
    kind: 'class',
    title: '2026 春季班',
    room: '二楼活动室',
    startDate: '2026-03-02',
    endDate: '2026-06-26',
    capacity: 30,
    startTime: '16:30',
    endTime: '18:00',
    weekdays: [1, 3, 5],
    grades: ['一年级', '二年级'],
    holidays: ['2026-04-06', '2026-05-01'],
    dropInSeats: 0,
    // 00:00 Beijing on the first day; the end of the last day (00:00 Beijing the day after).
    enrolOpensAt: '2026-02-19T16:00:00.000Z',
    enrolClosesAt: '2026-02-27T16:00:00.000Z'
  })
  expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已创建，共 24 次课' }))
})

test('a rejected term says which field is wrong, at that field, instead of a toast', async () => {
  ;(callFunction as jest.Mock).mockResolvedValue({
    ok: false,
    error: {
      code: 'INVALID_INPUT',
      message: '提交的内容有误，请检查后重试',
      details: { issues: [{ path: 'payload.endDate', message: '一期最长 200 天' }] }
    }
  })
  render(<NewTermForm onDone={jest.fn()} />)
  fireEvent.click(screen.getByText('新建一期 / 家长学校讲座'))
  typeInto('term-title', '超长的一期')
  typeInto('term-room', '二楼活动室')
  pickIn('term-start', '2026-01-05')
  pickIn('term-end', '2026-12-25')
  typeInto('term-capacity', '30')
  fireEvent.click(screen.getByText('创建，并生成每次课'))
  const atField = await screen.findByText('结束日期：一期最长 200 天')
  expect(document.querySelector('taro-picker-core[name="term-end"]')!.parentElement!.contains(atField)).toBe(true)
  expect(Taro.showToast).not.toHaveBeenCalled()
})

test('a parent-school lecture defaults to one evening, 19:00–20:30', async () => {
  render(<NewTermForm onDone={jest.fn()} />)
  fireEvent.click(screen.getByText('新建一期 / 家长学校讲座'))
  fireEvent.click(screen.getByText('家长学校'))
  typeInto('term-title', '家长学校：安全上下学')
  typeInto('term-room', '社区会议室')
  pickIn('term-start', '2026-03-14')
  typeInto('term-capacity', '50')
  expect(screen.queryByText('每周哪几天上课')).toBeNull()
  fireEvent.click(screen.getByText('创建，并生成每次课'))
  await waitFor(() => expect(callFunction).toHaveBeenCalled())
  expect((callFunction as jest.Mock).mock.calls[0][2]).toEqual({
    kind: 'lecture',
    title: '家长学校：安全上下学',
    room: '社区会议室',
    startDate: '2026-03-14',
    capacity: 50,
    startTime: '19:00',
    endTime: '20:30'
  })
})

test("a session short of tutors: staff pick a tutor from the community's list and the count goes up", async () => {
  let tutors = 0
  const session = () => ({
    sessionId: 't1:2026-11-26',
    termId: 't1',
    title: '秋季班',
    room: '二楼活动室',
    date: '2026-11-26',
    startsAt: '2026-11-26T08:30:00.000Z',
    endsAt: '2026-11-26T10:00:00.000Z',
    status: 'scheduled',
    cancelReason: null,
    tutors,
    minTutors: 2,
    iAmTutor: false
  })
  ;(callFunction as jest.Mock).mockImplementation(async (_fn: string, action: string) => {
    if (action === 'termSessions') return { ok: true, data: { items: [session()], cursor: null } }
    if (action === 'tutorPool')
      return { ok: true, data: { items: [{ userId: 'demo-volunteer', name: '陈志强' }], cursor: null } }
    if (action === 'assignTutor') {
      tutors = 1
      return { ok: true, data: session() }
    }
    return { ok: false, error: { code: 'UNKNOWN_ACTION', message: '?' } }
  })
  render(<TermSessions termId='t1' />)
  expect(await screen.findByText(/老师 0\/2 位/)).toBeTruthy()
  fireEvent.click(screen.getByText('安排辅导老师'))
  fireEvent.click(await screen.findByText('陈志强'))
  await waitFor(() =>
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已安排陈志强，已通知本人' }))
  )
  expect((callFunction as jest.Mock).mock.calls.find(c => c[1] === 'assignTutor')?.[2]).toEqual({
    sessionId: 't1:2026-11-26',
    userId: 'demo-volunteer'
  })
  expect(await screen.findByText(/老师 1\/2 位/)).toBeTruthy()
})

test('cancelling a session: the reason counts while typing, the button says why it waits, a refusal is said at the reason', async () => {
  const session = {
    sessionId: 't1:2026-11-26',
    termId: 't1',
    title: '秋季班',
    room: '二楼活动室',
    date: '2026-11-26',
    startsAt: '2026-11-26T08:30:00.000Z',
    endsAt: '2026-11-26T10:00:00.000Z',
    status: 'scheduled',
    cancelReason: null,
    tutors: 2,
    minTutors: 2,
    iAmTutor: false
  }
  ;(callFunction as jest.Mock).mockImplementation(async (_fn: string, action: string) => {
    if (action === 'termSessions') return { ok: true, data: { items: [session], cursor: null } }
    if (action === 'cancelSession') {
      return invalidInput('payload.reason', '含有不能发布的内容')
    }
    return { ok: false, error: { code: 'UNKNOWN_ACTION', message: '?' } }
  })
  render(<TermSessions termId='t1' />)
  expect(await screen.findByText('0/60')).toBeTruthy()
  expect(screen.getByText('请先填写停课原因，家长会在通知里看到')).toBeTruthy()
  typeInto('cancel-reason-t1:2026-11-26', '国庆放假')
  expect(screen.getByText('4/60')).toBeTruthy()
  fireEvent.click(screen.getByText('停课并通知家长'))
  await expectAtField('cancel-reason-t1:2026-11-26', '停课原因：含有不能发布的内容')
  expect(Taro.showToast).not.toHaveBeenCalled()
})

test("the attendance sheet lists each child's mark and who collected them; an unreadable reply is said", async () => {
  const session = {
    sessionId: 't1:2026-11-26',
    termId: 't1',
    title: '秋季班',
    room: '二楼活动室',
    date: '2026-11-26',
    startsAt: '2026-11-26T08:30:00.000Z',
    endsAt: '2026-11-26T10:00:00.000Z',
    status: 'scheduled',
    cancelReason: null,
    tutors: 2,
    minTutors: 2,
    iAmTutor: false
  }
  const child = {
    childId: 'c1',
    name: '李梓涵',
    grade: '三年级',
    allergies: '',
    status: 'present',
    reportedByGuardian: false,
    pickup: { name: '周婷', relation: '母亲', at: '2026-11-26T10:05:00.000Z' },
    pickupAdults: [{ name: '周婷', relation: '母亲' }]
  }
  let sheet: unknown = { session, children: [child] }
  ;(callFunction as jest.Mock).mockImplementation(async (_fn: string, action: string) => {
    if (action === 'termSessions') return { ok: true, data: { items: [session], cursor: null } }
    if (action === 'attendanceSheet') return { ok: true, data: sheet }
    return { ok: false, error: { code: 'UNKNOWN_ACTION', message: '?' } }
  })
  render(<TermSessions termId='t1' />)
  fireEvent.click(await screen.findByText('考勤'))
  expect(await screen.findByText('李梓涵 · 已到 · 已由周婷（母亲）在 18:05 接走')).toBeTruthy()
  const [, , payload, opts] = (callFunction as jest.Mock).mock.calls.find(c => c[1] === 'attendanceSheet')!
  expect(payload).toEqual({ sessionId: 't1:2026-11-26' })
  expect(opts?.requestId).toBeUndefined() // a read: nothing to make idempotent
  // A reply the contract doesn't describe (an old function's) is not taken for an empty sheet.
  sheet = { rows: [child] }
  fireEvent.click(screen.getByText('考勤'))
  expect(await screen.findByText('小程序版本过旧，请关闭后重新打开再试')).toBeTruthy()
})
