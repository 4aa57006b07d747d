import { fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { callFunction } from '@/api'
import { resetDisplayPrefsForTests } from '@/components/theme/display-prefs'
import type { ItemView as Item } from '@/core/service-card/service-card.views'
import { ItemView } from './item-view'
import { expectAtField, invalidInput, typeInto } from '../../../test/setup/form-input'

jest.mock('@tarojs/taro', () => require('../../../test/setup/taro.mock').taroMock())
// The transport is mocked; every hook above it is the real one.
jest.mock('@/api/call-function', () => ({ ...jest.requireActual('@/api/call-function'), callFunction: jest.fn() }))
jest.mock('@/api/request-id', () => ({ newRequestId: jest.fn(() => 'req-test-0001') }))
jest.mock('@/api/identity', () => ({
  ...jest.requireActual('@/api/identity'),
  getPersonaOpenId: jest.fn(() => 'demo-resident')
}))

const call = callFunction as jest.MockedFunction<typeof callFunction>

const item: Item = {
  id: 'item-dibao',
  categoryId: 'cat-civil',
  name: '最低生活保障申请',
  summary: '可申请低保金。',
  eligibility: '本社区户籍',
  materials: ['户口簿', '身份证'],
  place: '一站式服务大厅 1号窗口',
  hours: '周一至周五',
  modes: ['hall', 'appointment', 'proxy'],
  timeLimitDays: 20,
  ownerName: '赵丽',
  verifiedAt: '2026-11-01T00:00:00.000Z',
  stale: false,
  status: 'active',
  order: 0,
  version: 1
}
const slot = {
  id: 'slot-1',
  window: '2号窗口',
  itemIds: [],
  startAt: '2026-11-25T01:00:00.000Z',
  endAt: '2026-11-25T01:30:00.000Z',
  minutes: 30,
  capacity: 5,
  seatsLeft: 2,
  status: 'open'
}

function answer(byAction: Record<string, unknown>): void {
  call.mockImplementation(async (_fn: string, action: string) => {
    const v = byAction[action]
    return (v && typeof v === 'object' && 'ok' in v ? v : { ok: true, data: v ?? null }) as never
  })
}

beforeEach(() => {
  jest.clearAllMocks()
  ;(Taro as unknown as { clearStorageSync: () => void }).clearStorageSync()
  resetDisplayPrefsForTests()
})

test('shows what to bring, where and the time limit; booking confirms with the materials', async () => {
  answer({
    getItem: item,
    whoami: { registered: true, name: '王秀兰', roles: ['resident'] },
    listSlots: { items: [slot], cursor: null },
    me: { tags: [], eligible: false },
    book: {
      id: 'bk-1',
      slotId: 'slot-1',
      itemId: item.id,
      itemName: item.name,
      window: '2号窗口',
      residentName: '王秀兰',
      startAt: slot.startAt,
      endAt: slot.endAt,
      status: 'booked',
      byStaff: false,
      materials: item.materials
    }
  })
  render(<ItemView id='item-dibao' />)
  expect(await screen.findByText('最低生活保障申请')).toBeTruthy()
  expect(screen.getByText('· 户口簿')).toBeTruthy()
  expect(screen.getByText('20个工作日内办结 · 负责人：赵丽')).toBeTruthy()
  expect(await screen.findByText('11月25日 周三 09:00')).toBeTruthy()
  expect(screen.getByText('2号窗口 · 剩 2 个名额')).toBeTruthy()
  // Not eligible: no 上门/代办 button, but who decides and the way to ask for it in the app.
  expect(screen.queryByRole('button', { name: '申请委托代办' })).toBeNull()
  expect(screen.getByTestId('not-eligible').textContent).toMatch(/资格由您的网格员核实[\s\S]*申请上门\/代办资格/)

  fireEvent.click(screen.getByText('约这个时段'))
  expect(await screen.findByText('预约成功')).toBeTruthy()
  expect(call).toHaveBeenCalledWith(
    'service-card',
    'book',
    { slotId: 'slot-1', itemId: 'item-dibao' },
    { requestId: 'req-test-0001' }
  )
  expect(screen.getAllByText('· 身份证').length).toBeGreaterThanOrEqual(1)
})

test('a full slot says 已约满, and a refused booking says why in plain words', async () => {
  answer({
    getItem: item,
    whoami: { registered: true, name: '王秀兰', roles: ['resident'] },
    listSlots: {
      items: [slot, { ...slot, id: 'slot-2', seatsLeft: 0, startAt: '2026-11-25T02:00:00.000Z' }],
      cursor: null
    },
    me: { tags: [], eligible: false },
    book: { ok: false, error: { code: 'SLOT_FULL', message: '该时段已约满，请选择其他时段' } }
  })
  render(<ItemView id='item-dibao' />)
  expect(await screen.findByText('2号窗口 · 已约满')).toBeTruthy()
  fireEvent.click(screen.getAllByText('约这个时段')[0])
  // Said on that slot's card, not in a toast over the button just tapped.
  const refusal = await screen.findByText('该时段已约满，请选择其他时段')
  expect(refusal.closest('[data-testid="slot"]')?.textContent).toContain('2号窗口 · 剩 2 个名额')
  expect(Taro.showToast).not.toHaveBeenCalled()
  expect(screen.queryByText('预约成功')).toBeNull()
})

test('the 上门/代办 note counts while typing, and a rejected note is said at the note, not in a toast', async () => {
  answer({
    getItem: item,
    whoami: { registered: true, name: '张桂芳', roles: ['resident', 'elder'] },
    listSlots: { items: [], cursor: null },
    me: { tags: ['elderly'], eligible: true },
    submitRequest: invalidInput('payload.note', '含有不能发布的内容')
  })
  render(<ItemView id='item-dibao' />)
  expect(await screen.findByText('0/300')).toBeTruthy()
  typeInto('request-note', '腿脚不便')
  expect(screen.getByText('4/300')).toBeTruthy()
  fireEvent.click(screen.getAllByText('申请委托代办')[1])
  await expectAtField('request-note', '想说明的情况（可不填）：含有不能发布的内容')
  expect(call.mock.calls.find(c => c[1] === 'submitRequest')?.[2]).toEqual({
    itemId: 'item-dibao',
    mode: 'proxy',
    note: '腿脚不便'
  })
  expect(Taro.showToast).not.toHaveBeenCalled()
})

test('an eligible resident sees the 上门/代办 form; a stale item warns to call first', async () => {
  answer({
    getItem: { ...item, stale: true },
    whoami: { registered: true, name: '张桂芳', roles: ['resident', 'elder'] },
    listSlots: { items: [], cursor: null },
    me: { tags: ['elderly'], eligible: true }
  })
  render(<ItemView id='item-dibao' />)
  expect(await screen.findByText('信息可能已有变化，办理前请先打电话确认')).toBeTruthy()
  expect((await screen.findAllByText('申请委托代办')).length).toBe(2) // the section title and its button
  expect(screen.getByText('近期没有可预约的时段，请直接到大厅或打电话')).toBeTruthy()
})

test('the item page shows the booking I hold; booking the same service again asks first and books only if I say so', async () => {
  const held = {
    id: 'bk-0',
    slotId: 'slot-0',
    itemId: item.id,
    itemName: item.name,
    window: '1号窗口',
    residentName: '王秀兰',
    startAt: '2026-11-24T02:00:00.000Z',
    endAt: '2026-11-24T02:30:00.000Z',
    status: 'booked',
    byStaff: false
  }
  const refused = {
    ok: false,
    error: {
      code: 'ALREADY_BOOKED_ITEM',
      message: '您已经约过这项服务了，一般约一次就够：11月24日 周二 10:00 1号窗口',
      details: { bookingId: 'bk-0' }
    }
  }
  call.mockImplementation(async (_fn: string, action: string, payload?: Record<string, unknown>) => {
    if (action === 'getItem') return { ok: true, data: item } as never
    if (action === 'whoami')
      return { ok: true, data: { registered: true, name: '王秀兰', roles: ['resident'] } } as never
    if (action === 'listSlots') return { ok: true, data: { items: [slot], cursor: null } } as never
    if (action === 'me') return { ok: true, data: { tags: [], eligible: false } } as never
    if (action === 'myBookings')
      return { ok: true, data: { items: payload?.itemId === item.id ? [held] : [], cursor: null } } as never
    if (action === 'book') {
      return (
        payload?.another
          ? {
              ok: true,
              data: {
                ...held,
                id: 'bk-2',
                slotId: 'slot-1',
                window: '2号窗口',
                startAt: slot.startAt,
                endAt: slot.endAt,
                materials: item.materials
              }
            }
          : refused
      ) as never
    }
    return { ok: false, error: { code: 'UNKNOWN_ACTION', message: '?' } } as never
  })
  render(<ItemView id='item-dibao' />)
  const mine = await screen.findByTestId('my-item-booking')
  expect(mine.textContent).toMatch(/您已预约这项服务[\s\S]*11月24日 周二 10:00 · 1号窗口/)

  // First time: "no" — nothing more is booked.
  ;(Taro.showModal as jest.Mock).mockResolvedValueOnce({ confirm: false, cancel: true })
  fireEvent.click(screen.getByText('约这个时段'))
  await screen.findByText('约这个时段')
  await new Promise(r => setTimeout(r, 0))
  expect(Taro.showModal).toHaveBeenCalledWith(
    expect.objectContaining({ title: '您已经约过这项服务了', confirmText: '再约一个' })
  )
  expect(call.mock.calls.filter(c => c[1] === 'book')).toHaveLength(1)
  expect(screen.queryByText('预约成功')).toBeNull()

  // Second time: "再约一个" — booked with `another`.
  fireEvent.click(screen.getByText('约这个时段'))
  expect(await screen.findByText('预约成功')).toBeTruthy()
  expect(call.mock.calls.filter(c => c[1] === 'book').map(c => (c[2] as Record<string, unknown>).another)).toEqual([
    undefined,
    undefined,
    true
  ])
})
