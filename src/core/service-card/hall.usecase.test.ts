/**
 * Booking the service hall (预约办理) in process: the real service-card repositories (the slot's
 * seat counter, the resident's time locks), notifier and audit writer on the local cloud's
 * database engine in memory, over the demo catalog, at a frozen Shanghai clock
 * (test/support/in-memory-deps.ts).
 */
import { planServiceCard } from '../../../scripts/seed/service-card.seed'
import { aCaller } from '../../../test/factories/caller.factory'
import { rows, serviceCardDeps, useWorld } from '../../../test/support/in-memory-deps'
import { book, myBookings, publishSlot } from './hall.usecase'
import { publishSlotInput } from './service-card.schemas'

// Friday 5 September 2025, 16:00 in Shanghai; the slots are on Monday morning.
const world = useWorld('2025-09-05 16:00')
const deps = () => serviceCardDeps(world())
const staff = aCaller({ openId: 'o-staff', name: '李社工', roles: ['staff'] })
const resident = (i: number) => aCaller({ openId: `o-resident-${i}`, name: `居民${i}`, roles: ['resident'] })

beforeEach(async () => {
  await world().db.collection('service_items').add(planServiceCard(world().clock.now()).items)
})

/** 低保 (item-dibao) and 结婚登记 are handled at 1号窗口; 医保 (item-medical-insurance) at 3号窗口. */
async function aSlot(window: string, hhmm: string, capacity: number, minutes = 30): Promise<string> {
  const input = publishSlotInput.parse({ window, startAt: `2025-09-08T${hhmm}:00+08:00`, minutes, capacity })
  const res = await publishSlot(deps(), input, staff)
  if (!res.ok) throw new Error(`${res.code} ${res.message}`)
  return res.value.id
}

const seatsLeft = async (slotId: string) => (await rows(world().db, 'hall_slots', { _id: slotId }))[0].seatsLeft

describe('book', () => {
  it('takes a seat, tells the resident when, where and what to bring, reminds them two hours before, and is audited', async () => {
    const slotId = await aSlot('1号窗口', '10:00', 2)
    const res = await book(deps(), { slotId, itemId: 'item-dibao' }, resident(1))
    expect(res).toMatchObject({
      ok: true,
      value: { status: 'booked', window: '1号窗口', itemName: '最低生活保障申请' }
    })
    expect(await seatsLeft(slotId)).toBe(1)
    const [told] = await rows(world().db, 'inbox', { to: 'o-resident-1', kind: 'service-card.booked' })
    expect(told.body).toContain('到1号窗口办理')
    expect(told.body).toContain('请带：户口簿、身份证、收入证明、银行卡')
    const [reminder] = await rows(world().db, 'reminders', { status: 'pending' })
    expect(reminder).toMatchObject({
      at: new Date('2025-09-08T00:00:00Z'),
      notice: expect.objectContaining({ to: 'o-resident-1' })
    }) // Monday 08:00
    expect(await rows(world().db, 'audit', { action: 'service-card.book' })).toEqual([
      expect.objectContaining({
        actor: 'o-resident-1',
        data: expect.objectContaining({ slotId, itemId: 'item-dibao', onBehalf: false })
      })
    ])
  })

  it('refuses a full slot, and the refused resident keeps their time free', async () => {
    const slotId = await aSlot('1号窗口', '10:00', 2)
    await book(deps(), { slotId, itemId: 'item-dibao' }, resident(1))
    await book(deps(), { slotId, itemId: 'item-dibao' }, resident(2))
    expect(await book(deps(), { slotId, itemId: 'item-dibao' }, resident(3))).toMatchObject({
      ok: false,
      code: 'SLOT_FULL',
      message: '该时段已约满，请选择其他时段'
    })
    expect(await seatsLeft(slotId)).toBe(0)
    // Not held by the refused attempt: the same time at another window is still theirs to book.
    const other = await aSlot('3号窗口', '10:00', 2)
    expect(await book(deps(), { slotId: other, itemId: 'item-medical-insurance' }, resident(3))).toMatchObject({
      ok: true
    })
  })

  it('never more bookings than seats when many residents tap at once', async () => {
    const slotId = await aSlot('1号窗口', '10:00', 3)
    const results = await Promise.all(
      Array.from({ length: 10 }, async (_, i) => await book(deps(), { slotId, itemId: 'item-dibao' }, resident(i)))
    )
    expect(results.filter(r => r.ok)).toHaveLength(3)
    expect(results.filter(r => !r.ok).map(r => !r.ok && r.code)).toEqual(Array(7).fill('SLOT_FULL'))
    expect(await seatsLeft(slotId)).toBe(0)
    expect(await rows(world().db, 'inbox', { kind: 'service-card.booked' })).toHaveLength(3)
  })

  it('asks before a second booking of the same service, naming the one held; books it when they confirm', async () => {
    const first = await aSlot('1号窗口', '10:00', 2)
    const later = await aSlot('1号窗口', '14:00', 2)
    await book(deps(), { slotId: first, itemId: 'item-dibao' }, resident(1))
    const again = await book(deps(), { slotId: later, itemId: 'item-dibao' }, resident(1))
    expect(again).toMatchObject({
      ok: false,
      code: 'ALREADY_BOOKED_ITEM',
      details: { window: '1号窗口', startAt: '2025-09-08T02:00:00.000Z' }
    })
    expect(!again.ok && again.message).toContain('9月8日')
    expect(await seatsLeft(later)).toBe(2)
    expect(await book(deps(), { slotId: later, itemId: 'item-dibao', another: true }, resident(1))).toMatchObject({
      ok: true
    })
  })

  it('refuses a booking overlapping one the resident holds, at any window', async () => {
    const ten = await aSlot('1号窗口', '10:00', 2)
    const quarterPast = await aSlot('3号窗口', '10:15', 2)
    const halfPast = await aSlot('3号窗口', '10:30', 2)
    await book(deps(), { slotId: ten, itemId: 'item-dibao' }, resident(1))
    expect(await book(deps(), { slotId: quarterPast, itemId: 'item-medical-insurance' }, resident(1))).toMatchObject({
      ok: false,
      code: 'OVERLAPPING_BOOKING',
      message: '您在这个时间已有预约，同一时间只能约一个'
    })
    expect(await seatsLeft(quarterPast)).toBe(2)
    expect(await book(deps(), { slotId: halfPast, itemId: 'item-medical-insurance' }, resident(1))).toMatchObject({
      ok: true
    }) // right after
  })

  it('refuses a slot that has started, and a service the slot does not handle', async () => {
    const slotId = await aSlot('1号窗口', '10:00', 2)
    expect(await book(deps(), { slotId, itemId: 'item-medical-insurance' }, resident(1))).toMatchObject({
      ok: false,
      code: 'MODE_NOT_OFFERED'
    })
    world().clock.advance(Date.parse('2025-09-08T02:00:00Z') - world().clock.now().getTime())
    expect(await book(deps(), { slotId, itemId: 'item-dibao' }, resident(1))).toMatchObject({
      ok: false,
      code: 'SLOT_CLOSED'
    })
    expect(await rows(world().db, 'hall_bookings')).toEqual([])
  })

  it('staff may book for a resident (帮办), and the audit says so', async () => {
    await world()
      .db.collection('users')
      .add({
        _id: 'o-resident-9',
        name: '王秀兰',
        roles: ['resident'],
        phone: null,
        memberId: null,
        householdId: null,
        gridId: null,
        createdAt: new Date()
      })
    const slotId = await aSlot('1号窗口', '10:00', 2)
    expect(await book(deps(), { slotId, itemId: 'item-dibao', onBehalfOf: 'o-resident-9' }, staff)).toMatchObject({
      ok: true,
      value: { residentName: '王秀兰', byStaff: true }
    })
    expect(await rows(world().db, 'audit', { action: 'service-card.book' })).toEqual([
      expect.objectContaining({ actor: 'o-staff', reason: '帮办：工作人员代居民预约' })
    ])
    expect(await book(deps(), { slotId, itemId: 'item-dibao', onBehalfOf: 'o-resident-9' }, resident(1))).toMatchObject(
      { ok: false, code: 'FORBIDDEN' }
    )
  })
})

describe('myBookings', () => {
  /** A booking of resident 1 stored directly, `day` days after 1 September 2025 at 10:00 Shanghai. */
  const aBooking = (i: number, day: number, itemId: string, status = 'booked') => {
    const startAt = new Date(Date.UTC(2025, 8, 1 + day, 2, 0))
    return {
      _id: `bk-${String(i).padStart(2, '0')}`,
      slotId: `slot-${i}`,
      itemId,
      itemName: itemId,
      window: '1号窗口',
      residentId: 'o-resident-1',
      residentName: '居民1',
      startAt,
      endAt: new Date(startAt.getTime() + 30 * 60_000),
      status,
      lockIds: [],
      bookedBy: null,
      createdAt: startAt,
      updatedAt: startAt
    }
  }
  const DIBAO = ['户口簿', '身份证', '收入证明', '银行卡']

  it('pages a long history latest first, each with what to bring; a pending one is not shown', async () => {
    const items = ['item-dibao', 'item-medical-insurance', 'item-gone']
    const stored = Array.from({ length: 24 }, (_, i) => aBooking(i, i, items[i % 3], i === 22 ? 'pending' : 'booked'))
    await world().db.collection('hall_bookings').add(stored)
    const first = await myBookings(deps(), {}, resident(1))
    if (!first.ok) throw new Error(first.code)
    expect(first.value.items.map(b => b.id)).toEqual(
      // 23 … 4 read; the pending 22 left out
      [23, 21, 20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4].map(
        i => `bk-${String(i).padStart(2, '0')}`
      )
    )
    expect(first.value.cursor).not.toBeNull()
    const second = await myBookings(deps(), { cursor: first.value.cursor ?? undefined }, resident(1))
    if (!second.ok) throw new Error(second.code)
    expect(second.value).toEqual({
      items: ['bk-03', 'bk-02', 'bk-01', 'bk-00'].map(id => expect.objectContaining({ id })),
      cursor: null
    })
    const byId = new Map([...first.value.items, ...second.value.items].map(b => [b.id, b]))
    expect(byId.get('bk-00')?.materials).toEqual(DIBAO)
    expect(byId.get('bk-01')?.materials).toEqual(['身份证', '户口簿'])
    expect(byId.get('bk-02')).not.toHaveProperty('materials') // its item is gone
  })

  it("with an item: that item's bookings still to come, soonest first", async () => {
    await world()
      .db.collection('hall_bookings')
      .add([
        aBooking(1, 2, 'item-dibao'), // 3 September: past
        aBooking(2, 9, 'item-dibao'),
        aBooking(3, 7, 'item-dibao'),
        aBooking(4, 8, 'item-dibao', 'cancelled'),
        aBooking(5, 8, 'item-medical-insurance')
      ])
    expect(await myBookings(deps(), { itemId: 'item-dibao' }, resident(1))).toEqual({
      ok: true,
      value: {
        items: [
          expect.objectContaining({ id: 'bk-03', materials: DIBAO }),
          expect.objectContaining({ id: 'bk-02', materials: DIBAO })
        ],
        cursor: null
      }
    })
  })
})
