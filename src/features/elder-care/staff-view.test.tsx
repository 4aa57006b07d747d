import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { callFunction } from '@/api'
import { resetDisplayPrefsForTests } from '@/components/theme/display-prefs'
import { StaffView } from './staff-view'
import { expectAtField, invalidInput, typeInto } from '../../../test/setup/form-input'

jest.mock('@tarojs/taro', () => require('../../../test/setup/taro.mock').taroMock())
// The transport is mocked; the contract hooks above it are the real ones.
jest.mock('@/api/call-function', () => ({ ...jest.requireActual('@/api/call-function'), callFunction: jest.fn() }))
jest.mock('@/api/request-id', () => ({ newRequestId: jest.fn(() => 'req-staff-test-0001') }))
jest.mock('@/api/identity', () => ({
  ...jest.requireActual('@/api/identity'),
  getPersonaOpenId: jest.fn(() => 'demo-staff')
}))

const types = [
  { _id: 'home-care', name: '上门照护', description: '', paid: false, minutes: 60, active: true, order: 1 },
  { _id: 'bath', name: '助浴', description: '', paid: true, minutes: 90, active: false, order: 2 }
]

beforeEach(() => {
  ;(Taro as unknown as { clearStorageSync: () => void }).clearStorageSync()
  resetDisplayPrefsForTests()
  jest.clearAllMocks()
  ;(callFunction as jest.Mock).mockImplementation(async (_fn: string, action: string) => {
    if (action === 'whoami') return { ok: true, data: { registered: true, name: '赵丽', roles: ['staff'] } }
    if (action === 'serviceTypes') return { ok: true, data: types }
    if (action === 'saveServiceType') return { ok: true, data: types[0] }
    if (['openSos', 'careQueue', 'patrolList'].includes(action)) return { ok: true, data: { items: [], cursor: null } }
    return { ok: false, error: { code: 'UNKNOWN_ACTION', message: '?' } }
  })
})

const saves = () => (callFunction as jest.Mock).mock.calls.filter(c => c[1] === 'saveServiceType').map(c => c[2])

test('staff stop and resume a service residents can pick', async () => {
  render(<StaffView />)
  expect(await screen.findByText(/^上门照护\s+免费$/)).toBeTruthy()
  expect(screen.getByText(/^助浴\s+收费\s+已停用$/)).toBeTruthy()

  fireEvent.click(screen.getByText('停用'))
  await waitFor(() => expect(saves()[0]).toMatchObject({ id: 'home-care', name: '上门照护', active: false }))
  fireEvent.click(screen.getByText('恢复'))
  await waitFor(() => expect(saves()[1]).toMatchObject({ id: 'bath', active: true }))
})

test("a grid worker sees her grid's queue and dispatches from it: each helper shows role and load, and the tap asks first", async () => {
  const request = {
    id: 'cr-1',
    elderId: 'elder-1',
    elderName: '张桂芳',
    serviceName: '助浴',
    window: { start: '2026-11-25T02:00:00.000Z', end: '2026-11-25T04:00:00.000Z' },
    note: '',
    state: 'triaged',
    stateLabel: '待派单',
    assignee: null,
    acceptBy: null,
    history: [],
    rating: null,
    address: '3栋2单元',
    phone: '140****0001',
    addressVisible: false,
    actions: ['assign'],
    checkedInAt: null,
    checkedOutAt: null
  }
  ;(callFunction as jest.Mock).mockImplementation(async (_fn: string, action: string) => {
    if (action === 'whoami') return { ok: true, data: { registered: true, name: '刘芳', roles: ['grid_worker'] } }
    if (action === 'careQueue') return { ok: true, data: { items: [request], cursor: null } }
    if (action === 'helpers')
      return {
        ok: true,
        data: [{ userId: 'demo-volunteer', name: '陈志强', kind: 'volunteer', orgName: null, load: 2 }]
      }
    if (['openSos', 'patrolList'].includes(action)) return { ok: true, data: { items: [], cursor: null } }
    if (action === 'assign') return { ok: true, data: request }
    return { ok: false, error: { code: 'FORBIDDEN', message: '您没有权限进行此操作' } }
  })
  render(<StaffView />)
  expect(await screen.findByText('我网格的服务申请（待处理）')).toBeTruthy()
  const helper = await screen.findByText('陈志强（志愿者） · 手上 2 单')
  ;(Taro.showModal as jest.Mock).mockResolvedValueOnce({ confirm: false, cancel: true })
  fireEvent.click(helper)
  await waitFor(() =>
    expect(Taro.showModal).toHaveBeenCalledWith(
      expect.objectContaining({ title: '把张桂芳的申请派给 陈志强（志愿者）？', confirmText: '派单' })
    )
  )
  expect((callFunction as jest.Mock).mock.calls.some(c => c[1] === 'assign')).toBe(false)
  fireEvent.click(helper)
  await waitFor(() =>
    expect((callFunction as jest.Mock).mock.calls.find(c => c[1] === 'assign')?.[2]).toEqual({
      id: 'cr-1',
      assignee: { kind: 'volunteer', userId: 'demo-volunteer' }
    })
  )
})

function answerAlso(extra: (action: string, payload: Record<string, unknown>) => unknown): void {
  const base = (callFunction as jest.Mock).getMockImplementation()!
  ;(callFunction as jest.Mock).mockImplementation(
    async (fn: string, action: string, payload: Record<string, unknown>) =>
      extra(action, payload) ?? base(fn, action, payload)
  )
}

test("a new service: the name's limit shows while typing, the button says why it waits, a refusal lands at its field", async () => {
  answerAlso(action => (action === 'saveServiceType' ? invalidInput('payload.name', '含有不能发布的内容') : undefined))
  render(<StaffView />)
  expect(await screen.findByText('0/20')).toBeTruthy()
  expect(screen.getByText('请先填写服务名称')).toBeTruthy()
  typeInto('service-type-name', '助餐送餐')
  expect(screen.getByText('4/20')).toBeTruthy()
  typeInto('service-type-minutes', '5')
  expect(screen.getByText('通常用时请填 10 到 600 分钟')).toBeTruthy()
  typeInto('service-type-minutes', '45')
  expect(screen.queryByText('通常用时请填 10 到 600 分钟')).toBeNull()
  fireEvent.click(screen.getByText('新增服务项目'))
  await expectAtField('service-type-name', '服务名称：含有不能发布的内容')
  expect(saves()[0]).toMatchObject({ name: '助餐送餐', minutes: 45 })
  expect(Taro.showModal).not.toHaveBeenCalled()
  expect(Taro.showToast).not.toHaveBeenCalled()
})

test('the menu counts its dishes and names a too-long dish before saving', async () => {
  render(<StaffView />)
  await screen.findByTestId('menu-editor')
  expect(screen.getByText('请先写至少一道菜')).toBeTruthy()
  typeInto('menu', '红烧鸡块 12\n清炒时蔬 6')
  expect(screen.getByText('已写 2 道菜，最多 10 道；菜名最多 20 个字')).toBeTruthy()
  typeInto('menu', `红烧鸡块 12\n${'很'.repeat(21)} 6`)
  expect(screen.getByText('第 2 行的菜名超过 20 个字，请改短')).toBeTruthy()
  typeInto('menu', Array.from({ length: 11 }, (_, i) => `菜${i} 5`).join('\n'))
  expect(screen.getByText('写了 11 道菜，最多 10 道，请删掉 1 道')).toBeTruthy()
})

test("closing an SOS call: the note's limit shows while typing, and a refusal is said beside the button", async () => {
  const call = {
    id: 'sos-1',
    elderId: 'elder-1',
    elderName: '张桂芳',
    state: 'acknowledged',
    stateLabel: '处理中',
    proxy: false,
    pressedAt: '2026-11-24T02:00:00.000Z',
    cancelUntil: '2026-11-24T02:00:10.000Z',
    steps: [],
    responders: [{ name: '赵丽', at: '2026-11-24T02:01:00.000Z' }],
    ackBy: { name: '赵丽', at: '2026-11-24T02:01:00.000Z' },
    resolved: null
  }
  answerAlso(action => {
    if (action === 'openSos') return { ok: true, data: { items: [call], cursor: null } }
    if (action === 'sosResolve')
      return { ok: false, error: { code: 'CONFLICT', message: '这次呼叫已经由别人处理完了' } }
    return undefined
  })
  render(<StaffView />)
  expect(await screen.findByText('0/200')).toBeTruthy()
  expect(screen.getByText('请先写处理情况，再点“处理完毕”')).toBeTruthy()
  typeInto('resolve-note', '已电话联系，老人安好')
  expect(screen.getByText('10/200')).toBeTruthy()
  fireEvent.click(screen.getByText('处理完毕'))
  const message = await screen.findByText('这次呼叫已经由别人处理完了')
  expect(message.closest('[data-testid="open-sos"]')).toBeTruthy()
  expect((callFunction as jest.Mock).mock.calls.find(c => c[1] === 'sosResolve')?.[2]).toEqual({
    id: 'sos-1',
    note: '已电话联系，老人安好'
  })
  expect(Taro.showModal).not.toHaveBeenCalled()
})

test("a refused triage is said on that request's card, never in a modal over the desk", async () => {
  const request = {
    id: 'cr-2',
    elderId: 'elder-1',
    elderName: '张桂芳',
    serviceName: '助浴',
    window: { start: '2026-11-25T02:00:00.000Z', end: '2026-11-25T04:00:00.000Z' },
    note: '',
    state: 'submitted',
    stateLabel: '待审核',
    assignee: null,
    acceptBy: null,
    history: [],
    rating: null,
    address: '3栋2单元',
    phone: '140****0001',
    addressVisible: false,
    actions: ['triage'],
    checkedInAt: null,
    checkedOutAt: null
  }
  ;(callFunction as jest.Mock).mockImplementation(async (_fn: string, action: string) => {
    if (action === 'whoami') return { ok: true, data: { registered: true, name: '赵丽', roles: ['staff'] } }
    if (action === 'careQueue') return { ok: true, data: { items: [request], cursor: null } }
    if (action === 'helpers') return { ok: true, data: [] }
    if (action === 'serviceTypes') return { ok: true, data: types }
    if (['openSos', 'patrolList'].includes(action)) return { ok: true, data: { items: [], cursor: null } }
    if (action === 'triage') return { ok: false, error: { code: 'CONFLICT', message: '这份申请已经由别人审核过了' } }
    return { ok: false, error: { code: 'UNKNOWN_ACTION', message: '?' } }
  })
  render(<StaffView />)
  fireEvent.click(await screen.findByText('受理'))
  const said = await screen.findByText('这份申请已经由别人审核过了')
  expect(said.closest('[data-testid="queue-item"]')).toBeTruthy()
  expect(Taro.showModal).not.toHaveBeenCalled()
})
