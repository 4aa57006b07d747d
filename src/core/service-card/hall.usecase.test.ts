/**
 * Booking the service hall (预约办理) in process: the real service-card repositories (the slot's
 * seat counter, the resident's time locks), notifier and audit writer on the local cloud's
 * database engine in memory, over the demo catalog, at a frozen Shanghai clock
 * (test/support/in-memory-deps.ts).
 */
import { planServiceCard } from '../../../scripts/seed/service-card.seed'
import { aCaller } from '../../../test/factories/caller.factory'
import { rows, serviceCardDeps, useWorld } from '../../../test/support/in-memory-deps'
import { book, publishSlot } from './hall.usecase'
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
