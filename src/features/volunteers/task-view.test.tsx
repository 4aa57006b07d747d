import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { callFunction } from '@/api'
import { resetDisplayPrefsForTests } from '@/components/theme/display-prefs'
import { TaskDetailView } from './task-view'
import { expectAtField, invalidInput, typeInto } from '../../../test/setup/form-input'

jest.mock('@tarojs/taro', () => require('../../../test/setup/taro.mock').taroMock())
// The transport is mocked; useAction/useQuery above it are the real hooks (src/api/use-action.hook.test.tsx).
jest.mock('@/api/call-function', () => ({ ...jest.requireActual('@/api/call-function'), callFunction: jest.fn() }))

const later = (h: number): string => new Date(Date.now() + h * 3_600_000).toISOString()
const task = (over: Record<string, unknown> = {}) => ({
  id: 'task-1',
  title: '河道清理',
  team: '环保卫士',
  place: '河边步道',
  detail: '',
  startAt: later(30),
  endAt: later(32),
  roles: [{ key: 'clean', name: '清洁', slots: 8, left: 6, skills: [] }],
  withdrawCutoffHours: 24,
  recurring: false,
  status: 'open',
  cancelReason: null,
  mine: null,
  organiser: true,
  ...over
})

beforeEach(() => {
  ;(Taro as unknown as { clearStorageSync: () => void }).clearStorageSync()
  resetDisplayPrefsForTests()
  ;(callFunction as jest.Mock).mockReset()
  ;(Taro.showToast as jest.Mock).mockClear()
})

test('the organiser calls the activity off with a reason, and the page then says it is cancelled', async () => {
  let state = task()
  ;(callFunction as jest.Mock).mockImplementation(async (_fn: string, action: string) => {
    if (action === 'task') return { ok: true, data: state }
    if (action === 'cancelTask') {
      state = task({ status: 'cancelled', cancelReason: '暴雨预警' })
      return { ok: true, data: { notified: 2 } }
    }
    if (action === 'checkinCode')
      return { ok: true, data: { code: '123456', qrText: 'x', validUntil: later(1), windowSeconds: 60 } }
    if (action === 'roster') return { ok: true, data: { rows: [] } }
    if (action === 'substituteOffers') return { ok: true, data: [] }
    return { ok: false, error: { code: 'UNKNOWN_ACTION', message: '?' } }
  })
  render(<TaskDetailView id='task-1' />)
  const button = await screen.findByText('取消活动并通知志愿者')
  // Taro's H5 Input is a custom element (with an inner <input>) that reports typing as an 'input' event with
  // detail.value.
  act(() => {
    document
      .querySelector('[data-testid="cancel-task"] taro-input-core')!
      .dispatchEvent(new CustomEvent('input', { detail: { value: '暴雨预警' }, bubbles: true }))
  })
  fireEvent.click(button)
  await waitFor(() =>
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已取消，已通知 2 位志愿者' }))
  )
  expect((callFunction as jest.Mock).mock.calls.find(c => c[1] === 'cancelTask')?.[2]).toEqual({
    taskId: 'task-1',
    reason: '暴雨预警'
  })
  expect(await screen.findByText('这次活动已取消')).toBeTruthy()
  expect(screen.getByText('暴雨预警')).toBeTruthy()
  expect(screen.queryByText(/我来当|报名「清洁」|清洁/)).toBeNull()
})

function serve(state: () => ReturnType<typeof task>): void {
  ;(callFunction as jest.Mock).mockImplementation(async (_fn: string, action: string) => {
    if (action === 'task') return { ok: true, data: state() }
    if (action === 'substituteOffers') return { ok: true, data: [] }
    if (action === 'checkinCode')
      return { ok: true, data: { code: '123456', qrText: 'x', validUntil: later(1), windowSeconds: 60 } }
    if (action === 'roster') return { ok: true, data: { rows: [] } }
    if (action === 'checkIn') return { ok: true, data: { status: 'checked_in', at: later(0) } }
    return { ok: false, error: { code: 'UNKNOWN_ACTION', message: '?' } }
  })
}

test('after checking in, the volunteer sees 已签到 and can no longer withdraw or look for a substitute', async () => {
  let attendance: string | null = null
  serve(() => task({ organiser: false, mine: { roleKey: 'clean', status: 'claimed', attendance } }))
  render(<TaskDetailView id='task-1' />)
  expect(await screen.findByText('取消报名')).toBeTruthy()
  expect(screen.getByText('找人替班')).toBeTruthy()
  act(() => {
    document
      .querySelector('[data-testid="check"] taro-input-core')!
      .dispatchEvent(new CustomEvent('input', { detail: { value: '654321' }, bubbles: true }))
  })
  attendance = 'checked_in'
  fireEvent.click(screen.getByText('签到'))
  expect(await screen.findByText('已签到，服务中：清洁')).toBeTruthy()
  expect(screen.queryByText('取消报名')).toBeNull()
  expect(screen.queryByText('找人替班')).toBeNull()
  expect(screen.getByText('签退')).toBeTruthy()
})

test('after checking out, the volunteer sees 已签退 and nothing to undo', async () => {
  serve(() => task({ organiser: false, mine: { roleKey: 'clean', status: 'claimed', attendance: 'checked_out' } }))
  render(<TaskDetailView id='task-1' />)
  expect(await screen.findByText('已签退，等组织者核实时长：清洁')).toBeTruthy()
  expect(screen.queryByText('取消报名')).toBeNull()
  expect(screen.queryByText('找人替班')).toBeNull()
  expect(screen.queryByText('签到')).toBeNull()
})

test('withdrawing asks first; saying no changes nothing', async () => {
  serve(() => task({ organiser: false, mine: { roleKey: 'clean', status: 'claimed', attendance: null } }))
  ;(Taro.showModal as jest.Mock).mockResolvedValueOnce({ confirm: false, cancel: true })
  render(<TaskDetailView id='task-1' />)
  fireEvent.click(await screen.findByText('取消报名'))
  await waitFor(() =>
    expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '确定取消「河道清理」的报名吗？' }))
  )
  expect((callFunction as jest.Mock).mock.calls.some(c => c[1] === 'withdraw')).toBe(false)
})

test('a wrong check-in code is said at the code field, not in a toast over the button, and typing clears it', async () => {
  serve(() => task({ organiser: false, mine: { roleKey: 'clean', status: 'claimed', attendance: null } }))
  const served = (callFunction as jest.Mock).getMockImplementation()!
  ;(callFunction as jest.Mock).mockImplementation(
    async (fn: string, action: string, payload: Record<string, unknown>) =>
      action === 'checkIn'
        ? { ok: false, error: { code: 'CODE_INVALID', message: '签到码不正确或已过期，请扫描现场最新的二维码' } }
        : served(fn, action, payload)
  )
  render(<TaskDetailView id='task-1' />)
  expect(await screen.findByText('请先扫码，或输入6位签到码')).toBeTruthy()
  typeInto('checkin-code', '111111')
  expect(screen.queryByText('请先扫码，或输入6位签到码')).toBeNull()
  fireEvent.click(screen.getByText('签到'))
  await expectAtField('checkin-code', '签到码不正确或已过期，请扫描现场最新的二维码')
  expect(Taro.showToast).not.toHaveBeenCalled()
  typeInto('checkin-code', '11111')
  expect(screen.queryByText('签到码不正确或已过期，请扫描现场最新的二维码')).toBeNull()
})

test('a refused withdrawal is said beside the buttons, not in a toast', async () => {
  serve(() => task({ organiser: false, mine: { roleKey: 'clean', status: 'claimed', attendance: null } }))
  const served = (callFunction as jest.Mock).getMockImplementation()!
  ;(callFunction as jest.Mock).mockImplementation(
    async (fn: string, action: string, payload: Record<string, unknown>) =>
      action === 'withdraw'
        ? { ok: false, error: { code: 'TASK_ENDED', message: '活动已经结束，不能再取消' } }
        : served(fn, action, payload)
  )
  render(<TaskDetailView id='task-1' />)
  fireEvent.click(await screen.findByText('取消报名'))
  const message = await screen.findByText('活动已经结束，不能再取消')
  expect(message.closest('[data-testid="my-shift"]')).toBeTruthy()
  expect(Taro.showToast).not.toHaveBeenCalled()
})

test('the cancel reason shows its limit while typing, and a rejected reason is said at the field', async () => {
  let cancels = 0
  ;(callFunction as jest.Mock).mockImplementation(async (_fn: string, action: string) => {
    if (action === 'task') return { ok: true, data: task() }
    if (action === 'cancelTask') {
      cancels++
      return invalidInput('payload.reason', '请至少填写2个字')
    }
    if (action === 'checkinCode')
      return { ok: true, data: { code: '123456', qrText: 'x', validUntil: later(1), windowSeconds: 60 } }
    if (action === 'roster') return { ok: true, data: { rows: [] } }
    if (action === 'substituteOffers') return { ok: true, data: [] }
    return { ok: false, error: { code: 'UNKNOWN_ACTION', message: '?' } }
  })
  render(<TaskDetailView id='task-1' />)
  expect(await screen.findByText('0/60')).toBeTruthy()
  expect(screen.getByText('请先填写取消原因，志愿者会在通知里看到')).toBeTruthy()
  typeInto('cancel-reason', '雨')
  expect(screen.getByText('1/60')).toBeTruthy()
  fireEvent.click(screen.getByText('取消活动并通知志愿者'))
  await expectAtField('cancel-reason', '取消原因：请至少填写2个字')
  expect(cancels).toBe(1)
  expect(screen.queryByText('提交的内容有误，请检查后重试')).toBeNull()
  expect(Taro.showToast).not.toHaveBeenCalled()
})

test('claiming again after no answer is the same claim (same requestId); another role is another request', async () => {
  const roles = [
    { key: 'clean', name: '清洁', slots: 8, left: 6, skills: [] },
    { key: 'guide', name: '督导', slots: 2, skills: [], left: 2 }
  ]
  serve(() => task({ organiser: false, roles }))
  const served = (callFunction as jest.Mock).getMockImplementation()!
  let claims = 0
  ;(callFunction as jest.Mock).mockImplementation(
    async (fn: string, action: string, payload: Record<string, unknown>) =>
      action === 'claim'
        ? ++claims === 1
          ? { ok: false, error: { code: 'NETWORK', message: '网络不给力，请稍后再试' } }
          : { ok: true, data: { claimId: `task-1:v1-${claims}`, taskId: 'task-1', roleKey: payload.roleKey } }
        : served(fn, action, payload)
  )
  render(<TaskDetailView id='task-1' />)
  fireEvent.click(await screen.findByText('报名：清洁'))
  const refusal = await screen.findByText('网络不给力，请稍后再试')
  // Said beside the role tapped.
  expect(refusal.closest('[data-testid="role"]')?.textContent).toContain('清洁')
  fireEvent.click(screen.getByText('报名：清洁'))
  await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '报名成功' })))
  fireEvent.click(screen.getByText('报名：督导'))
  await waitFor(() => expect(claims).toBe(3))
  const ids = (callFunction as jest.Mock).mock.calls.filter(c => c[1] === 'claim').map(c => c[3]?.requestId)
  expect(ids[0]).toEqual(expect.any(String))
  expect(ids[1]).toBe(ids[0])
  expect(ids[2]).not.toBe(ids[0])
})

test('calling the activity off again after no answer is the same request', async () => {
  serve(() => task())
  const served = (callFunction as jest.Mock).getMockImplementation()!
  let cancels = 0
  ;(callFunction as jest.Mock).mockImplementation(
    async (fn: string, action: string, payload: Record<string, unknown>) =>
      action === 'cancelTask'
        ? ++cancels === 1
          ? { ok: false, error: { code: 'NETWORK', message: '网络不给力，请稍后再试' } }
          : { ok: true, data: { notified: 1 } }
        : served(fn, action, payload)
  )
  render(<TaskDetailView id='task-1' />)
  await screen.findByText('取消活动并通知志愿者')
  typeInto('cancel-reason', '暴雨预警')
  fireEvent.click(screen.getByText('取消活动并通知志愿者'))
  expect(await screen.findByText('网络不给力，请稍后再试')).toBeTruthy()
  fireEvent.click(screen.getByText('取消活动并通知志愿者'))
  await waitFor(() =>
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已取消，已通知 1 位志愿者' }))
  )
  const ids = (callFunction as jest.Mock).mock.calls.filter(c => c[1] === 'cancelTask').map(c => c[3]?.requestId)
  expect(ids).toEqual([expect.any(String), ids[0]])
})
