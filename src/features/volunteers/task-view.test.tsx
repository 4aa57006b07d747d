import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { callFunction } from '@/api'
import { resetDisplayPrefsForTests } from '@/components/theme/display-prefs'
import { TaskDetailView } from './task-view'

jest.mock('@tarojs/taro', () => require('../../../test/setup/taro.mock').taroMock())
jest.mock('@/api', () => ({
  callFunction: jest.fn(),
  newRequestId: jest.fn(() => `req-${Math.random().toString(36).slice(2, 12)}`),
  getPersonaOpenId: jest.fn(() => 'demo-staff')
}))

const later = (h: number): string => new Date(Date.now() + h * 3_600_000).toISOString()
const task = (over: Record<string, unknown> = {}) => ({
  id: 'task-1', title: '河道清理', team: '环保卫士', place: '河边步道', detail: '', startAt: later(30), endAt: later(32),
  roles: [{ key: 'clean', name: '清洁', slots: 8, left: 6, skills: [] }], withdrawCutoffHours: 24, recurring: false, status: 'open', cancelReason: null, mine: null, organiser: true, ...over
})

beforeEach(() => {
  ;(Taro as unknown as { clearStorageSync: () => void }).clearStorageSync()
  resetDisplayPrefsForTests()
  ;(callFunction as jest.Mock).mockReset()
})

test('the organiser calls the activity off with a reason, and the page then says it is cancelled', async () => {
  let state = task()
  ;(callFunction as jest.Mock).mockImplementation(async (_fn: string, action: string) => {
    if (action === 'task') return { ok: true, data: state }
    if (action === 'cancelTask') { state = task({ status: 'cancelled', cancelReason: '暴雨预警' }); return { ok: true, data: { notified: 2 } } }
    if (action === 'checkinCode') return { ok: true, data: { code: '123456', qrText: 'x', validUntil: later(1), windowSeconds: 60 } }
    if (action === 'roster') return { ok: true, data: { rows: [] } }
    if (action === 'substituteOffers') return { ok: true, data: [] }
    return { ok: false, error: { code: 'UNKNOWN_ACTION', message: '?' } }
  })
  render(<TaskDetailView id='task-1' />)
  const button = await screen.findByText('取消活动并通知志愿者')
  // Taro's H5 Input is a custom element (with an inner <input>) that reports typing as an 'input' event with detail.value.
  act(() => { document.querySelector('[data-testid="cancel-task"] taro-input-core')!.dispatchEvent(new CustomEvent('input', { detail: { value: '暴雨预警' }, bubbles: true })) })
  fireEvent.click(button)
  await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已取消，已通知 2 位志愿者' })))
  expect((callFunction as jest.Mock).mock.calls.find(c => c[1] === 'cancelTask')?.[2]).toEqual({ taskId: 'task-1', reason: '暴雨预警' })
  expect(await screen.findByText('这次活动已取消')).toBeTruthy()
  expect(screen.getByText('暴雨预警')).toBeTruthy()
  expect(screen.queryByText(/我来当|报名「清洁」|清洁/)).toBeNull()
})
