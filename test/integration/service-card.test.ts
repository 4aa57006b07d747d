/**
 * The BUILT service-card function (cloudfunctions/service-card/index.js) through the local cloud
 * with dev login, over the seeded demo community. Needs `npm run build:functions` first.
 * Covers the catalog (versions, conflicts, search, paging), hall appointments (100 simultaneous
 * bookings at a 5-seat slot, overlapping bookings, cancel, check-in, no-shows), home/proxy
 * requests (first handler, 帮办, rating, overdue), and the role and bad-input tables.
 */
import { addDays, shanghaiInstant } from '../../src/core/shared/shanghai-time'
import { hallTime, shanghaiDayAhead } from '../support/hall-days'
import { expectEveryLinkOpens } from './deep-links.helper'
import { useSeededCloud, communityDb } from './local-cloud.helper'

jest.setTimeout(60_000)

const cloud = useSeededCloud('service-card')
const call = cloud.call
const runTimer = async (name: string): Promise<any> => await cloud.tick(name)

const Q = 15 * 60_000
/** The next quarter hour at least `ms` from now. */
const quarterAfter = (ms: number): Date => new Date(Math.ceil((Date.now() + ms) / Q) * Q)

/** A slot starting at `startAt`, stored directly: for what needs a time publishing refuses (now, at night). */
async function slotAt(startAt: Date, window: string, itemIds: string[], capacity = 3): Promise<{ id: string }> {
  const id = `slot-direct-${startAt.getTime()}-${window.replace(/\D/g, '')}`
  await communityDb()
    .collection('hall_slots')
    .add({
      _id: id,
      window,
      itemIds,
      startAt,
      endAt: new Date(startAt.getTime() + 30 * 60_000),
      minutes: 30,
      capacity,
      seatsLeft: capacity,
      status: 'open',
      createdBy: 'demo-staff',
      createdAt: new Date()
    })
  return { id }
}

/** Publishes a slot at a window (1号窗口: 低保, 婚姻证明初审) through the function, as staff. */
async function publish(startAt: Date, capacity: number, minutes = 30, window = '1号窗口') {
  const res = await call('demo-staff', 'publishSlot', { window, startAt: startAt.toISOString(), minutes, capacity })
  expect(res.ok).toBe(true)
  return res.data as { id: string; seatsLeft: number }
}

async function addResidents(prefix: string, n: number): Promise<string[]> {
  const ids = Array.from({ length: n }, (_, i) => `${prefix}-${i}`)
  await communityDb()
    .collection('users')
    .add(
      ids.map((id, i) => ({
        _id: id,
        name: `居民${i}`,
        roles: ['resident'],
        phone: null,
        memberId: null,
        householdId: null,
        gridId: null,
        createdAt: new Date()
      }))
    )
  return ids
}

const count = cloud.count

const written = [
  'audit',
  'service_items',
  'service_item_versions',
  'hall_slots',
  'hall_bookings',
  'booking_locks',
  'service_requests',
  'resident_tags',
  'inbox',
  'reminders'
]
async function snapshot(): Promise<string> {
  const counts = await Promise.all(written.map(async c => await count(c)))
  const slots = (await communityDb().collection('hall_slots').limit(1000).get()) as {
    data: Array<{ seatsLeft: number }>
  }
  return JSON.stringify([counts, slots.data.map(s => s.seatsLeft)])
}

describe('catalog', () => {
  it('lists the seeded items to anyone, 20 a page with a cursor, each with materials and modes', async () => {
    const first = await call('o-visitor', 'listItems', {})
    expect(first.ok).toBe(true)
    expect(first.data.items).toHaveLength(20)
    expect(first.data.cursor).not.toBeNull()
    const second = await call('o-visitor', 'listItems', { cursor: first.data.cursor })
    expect(second.data.cursor).toBeNull()
    const all = [...first.data.items, ...second.data.items]
    expect(new Set(all.map((i: { id: string }) => i.id)).size).toBe(all.length)
    const dibao = all.find((i: { name: string }) => i.name === '最低生活保障申请')
    expect(dibao).toMatchObject({
      materials: expect.arrayContaining(['户口簿']),
      modes: expect.arrayContaining(['appointment', 'proxy']),
      timeLimitDays: 20,
      stale: false
    })
    const cats = await call('o-visitor', 'categories', {})
    expect(cats.data.filter((c: { kind: string }) => c.kind === 'government')).toHaveLength(9)
  })

  it('searches by words and filters by category', async () => {
    const found = await call('demo-resident', 'listItems', { q: '低保' })
    expect(found.data.items.map((i: { name: string }) => i.name)).toContain('最低生活保障申请')
    const hostile = await call('demo-resident', 'listItems', { q: '.*(' })
    expect(hostile).toMatchObject({ ok: true, data: { items: [] } })
    const veterans = await call('demo-resident', 'listItems', { categoryId: 'cat-veterans' })
    expect(veterans.data.items.map((i: { categoryId: string }) => i.categoryId)).toEqual([
      'cat-veterans',
      'cat-veterans'
    ])
  })

  it('marks an item not verified for 90 days as stale and nags its owner once per week', async () => {
    const item = await call('demo-resident', 'getItem', { itemId: 'item-social-card' })
    expect(item.data.stale).toBe(true)
    await runTimer('staleItems')
    await runTimer('staleItems')
    expect(await count('inbox', { to: 'seed-staff-3', kind: 'service-card.item-stale' })).toBe(1)
    const verified = await call('demo-staff', 'verifyItem', { itemId: 'item-social-card', version: item.data.version })
    expect(verified.data.stale).toBe(false)
  })

  it('versions every change; of two edits of the same version exactly one is saved', async () => {
    const created = await call('demo-staff', 'createItem', {
      categoryId: 'cat-life',
      name: '开锁服务',
      summary: '公安备案的开锁师傅上门开锁。',
      eligibility: '本社区居民',
      materials: ['身份证'],
      place: '社区便民服务站',
      hours: '24小时',
      modes: ['home'],
      timeLimitDays: null,
      ownerUserId: 'seed-staff-2'
    })
    expect(created).toMatchObject({ ok: true, data: { version: 1, ownerName: '钱晓梅', status: 'active' } })
    const id = created.data.id
    const edits = await Promise.all(
      ['开锁换锁服务', '开锁与换锁'].map(
        async name => await call('demo-staff', 'editItem', { itemId: id, version: 1, changes: { name } })
      )
    )
    expect(edits.filter(e => e.ok)).toHaveLength(1)
    expect(edits.filter(e => !e.ok).map(e => e.error.code)).toEqual(['CONFLICT'])
    const retired = await call('demo-admin', 'retireItem', { itemId: id, version: 2 })
    expect(retired.data.status).toBe('retired')
    expect((await call('demo-resident', 'getItem', { itemId: id })).error.code).toBe('NOT_FOUND')
    const history = await call('demo-staff', 'itemHistory', { itemId: id })
    expect(history.data.map((v: { change: string }) => v.change)).toEqual(['retired', 'edited', 'created'])
    expect(await count('audit', { target: `service_items/${id}` })).toBe(3)
  })

  it('refuses an owner who is not staff and an unknown category', async () => {
    const base = {
      name: '测试',
      summary: '说明',
      eligibility: '所有人',
      materials: [],
      place: '大厅',
      hours: '白天',
      modes: ['hall'],
      timeLimitDays: 1
    }
    expect(
      (await call('demo-staff', 'createItem', { ...base, categoryId: 'cat-life', ownerUserId: 'demo-resident' })).error
        .code
    ).toBe('OWNER_NOT_STAFF')
    expect(
      (await call('demo-staff', 'createItem', { ...base, categoryId: 'cat-nope', ownerUserId: 'demo-staff' })).error
        .code
    ).toBe('CATEGORY_NOT_FOUND')
  })
})

describe('hall appointments', () => {
  it("publishes only at the item's window and inside its hours, saying why otherwise; the item page lists only its own slots", async () => {
    const before = await count('hall_slots')
    // Sunday 10:00 and Saturday 14:30 are outside 周一至周五 9:00–17:00，周六 9:00–12:00.
    const sunday = shanghaiDayAhead(2, [7])
    const onSunday = await call('demo-staff', 'publishSlot', {
      window: '1号窗口',
      startAt: shanghaiInstant(sunday, '10:00').toISOString(),
      minutes: 30,
      capacity: 3
    })
    expect(onSunday.error.code).toBe('OUTSIDE_HOURS')
    expect(onSunday.error.message).toMatch(
      /办理时间是 周一至周五 9:00–17:00，周六 9:00–12:00，\d+月\d+日 周日 10:00–10:30 不在其中/
    )
    const saturdayPm = await call('demo-staff', 'publishSlot', {
      window: '1号窗口',
      startAt: shanghaiInstant(addDays(sunday, -1), '14:30').toISOString(),
      minutes: 30,
      capacity: 3
    })
    expect(saturdayPm.error.code).toBe('OUTSIDE_HOURS')
    const late = await call('demo-staff', 'publishSlot', {
      window: '1号窗口',
      startAt: hallTime(3, '16:45').toISOString(),
      minutes: 30,
      capacity: 3
    })
    expect(late.error.code).toBe('OUTSIDE_HOURS')
    const wrongWindow = await call('demo-staff', 'publishSlot', {
      window: '3号窗口',
      itemIds: ['item-dibao'],
      startAt: hallTime(3).toISOString(),
      minutes: 30,
      capacity: 3
    })
    expect(wrongWindow.error).toMatchObject({
      code: 'WRONG_WINDOW',
      message: '「最低生活保障申请」在1号窗口办理，不能在3号窗口发布它的时段'
    })
    expect(
      (
        await call('demo-staff', 'publishSlot', {
          window: '12号窗口',
          startAt: hallTime(3).toISOString(),
          minutes: 30,
          capacity: 3
        })
      ).error.code
    ).toBe('NO_ITEM_AT_WINDOW')
    // Refusals store nothing.
    expect(await count('hall_slots')).toBe(before)

    // Inside: the slot serves the window's appointment items, and only their pages list it.
    const ok1 = await publish(hallTime(3, '11:00'), 2)
    const stored = (await communityDb().collection('hall_slots').doc(ok1.id).get()) as {
      data: Array<{ itemIds: string[] }>
    }
    expect(stored.data[0].itemIds.sort()).toEqual(['item-dibao', 'item-marriage-cert'])
    const listed = async (itemId: string): Promise<string[]> => {
      const out: string[] = []
      let cursor: string | null | undefined
      do {
        const page = await call('demo-resident', 'listSlots', { itemId, ...(cursor ? { cursor } : {}) })
        out.push(...page.data.items.map((x: { id: string; window: string }) => x.window))
        cursor = page.data.cursor
      } while (cursor)
      return out
    }
    // Every slot the 低保 page offers is at its own window (the seeded ones too).
    expect(new Set(await listed('item-dibao'))).toEqual(new Set(['1号窗口']))
    expect(new Set(await listed('item-medical-insurance'))).toEqual(new Set(['3号窗口']))
  })

  it('100 simultaneous bookings at a 5-seat slot: exactly 5 succeed, the rest get SLOT_FULL', async () => {
    const slot = await publish(hallTime(3), 5)
    const residents = await addResidents('o-rush', 100)
    const results = await Promise.all(
      residents.map(async id => await call(id, 'book', { slotId: slot.id, itemId: 'item-dibao' }))
    )
    const okCount = results.filter(r => r.ok).length
    const codes = results.filter(r => !r.ok).map(r => r.error.code)
    console.log(
      `100 simultaneous bookings at a 5-seat slot: ${okCount} booked, ${codes.filter(c => c === 'SLOT_FULL').length} SLOT_FULL`
    )
    expect(okCount).toBe(5)
    expect(codes).toEqual(Array(95).fill('SLOT_FULL'))
    expect(await count('hall_bookings', { slotId: slot.id, status: 'booked' })).toBe(5)
    const after = (await communityDb().collection('hall_slots').doc(slot.id).get()) as {
      data: Array<{ seatsLeft: number }>
    }
    expect(after.data[0].seatsLeft).toBe(0)
    // The losers hold no time: each can book another slot at the same time.
    const loser = residents[results.findIndex(r => !r.ok)]
    const other = await publish(new Date(Date.parse(results.find(r => r.ok).data.startAt)), 5)
    expect((await call(loser, 'book', { slotId: other.id, itemId: 'item-dibao' })).ok).toBe(true)
  })

  it('one resident firing at 10 overlapping slots at once holds exactly one', async () => {
    const start = hallTime(4)
    const slots = await Promise.all(
      Array.from({ length: 10 }, async (_, i) => await publish(new Date(start.getTime() + (i % 2) * Q), 5))
    )
    const [me] = await addResidents('o-overlap', 1)
    const results = await Promise.all(
      slots.map(async s => await call(me, 'book', { slotId: s.id, itemId: 'item-marriage-cert' }))
    )
    expect(results.filter(r => r.ok)).toHaveLength(1)
    expect(new Set(results.filter(r => !r.ok).map(r => r.error.code))).toEqual(new Set(['OVERLAPPING_BOOKING']))
    // A slot that starts when the held one ends does not overlap.
    const held = results.find(r => r.ok).data
    const next = await publish(new Date(held.endAt), 5)
    // (The same service again needs `another`: one open booking per person and service otherwise.)
    expect((await call(me, 'book', { slotId: next.id, itemId: 'item-marriage-cert', another: true })).ok).toBe(true)
  })

  it("takes over a lock orphaned by a crash (no booking behind it), but never a live booking's", async () => {
    const slot = await publish(hallTime(5), 3)
    const [me] = await addResidents('o-orphan', 1)
    const bucket = Math.floor(
      new Date(
        ((await communityDb().collection('hall_slots').doc(slot.id).get()) as { data: Array<{ startAt: Date }> })
          .data[0].startAt
      ).getTime() / Q
    )
    await communityDb()
      .collection('booking_locks')
      .add({
        _id: `${me}@${bucket}`,
        residentId: me,
        bookingId: 'bk-died-mid-flight',
        createdAt: new Date(Date.now() - 5 * 60_000)
      })
    const booked = await call(me, 'book', { slotId: slot.id, itemId: 'item-dibao' })
    expect(booked.ok).toBe(true)
    // Now the lock belongs to a live booking: the same time can't be taken again.
    const other = await publish(new Date(booked.data.startAt), 3)
    expect((await call(me, 'book', { slotId: other.id, itemId: 'item-dibao', another: true })).error.code).toBe(
      'OVERLAPPING_BOOKING'
    )
  })

  it('confirms with what to bring, notifies, schedules a 2-hour reminder; cancel gives the seat back and drops the reminder', async () => {
    const slot = await publish(hallTime(1), 2)
    const booked = await call('demo-resident', 'book', { slotId: slot.id, itemId: 'item-dibao' }, 'req-book-demo-01')
    expect(booked).toMatchObject({
      ok: true,
      data: { status: 'booked', materials: ['户口簿', '身份证', '收入证明', '银行卡'] }
    })
    const retried = await call('demo-resident', 'book', { slotId: slot.id, itemId: 'item-dibao' }, 'req-book-demo-01')
    expect(retried.data.id).toBe(booked.data.id)
    const id = booked.data.id
    expect(await count('inbox', { to: 'demo-resident', kind: 'service-card.booked' })).toBeGreaterThanOrEqual(1)
    const reminder = (await communityDb().collection('reminders').doc(`service-card.booking-reminder:${id}`).get()) as {
      data: Array<{ at: Date; status: string }>
    }
    expect(new Date(reminder.data[0].at).getTime()).toBe(Date.parse(booked.data.startAt) - 2 * 3600_000)
    expect((await call('demo-guardian', 'cancelBooking', { bookingId: id })).error.code).toBe('NOT_FOUND')
    const [a, b] = await Promise.all([
      call('demo-resident', 'cancelBooking', { bookingId: id }),
      call('demo-resident', 'cancelBooking', { bookingId: id })
    ])
    expect([a.ok, b.ok].sort()).toEqual([false, true])
    const s = (await communityDb().collection('hall_slots').doc(slot.id).get()) as {
      data: Array<{ seatsLeft: number }>
    }
    expect(s.data[0].seatsLeft).toBe(2)
    const dropped = (await communityDb().collection('reminders').doc(`service-card.booking-reminder:${id}`).get()) as {
      data: Array<{ status: string }>
    }
    expect(dropped.data[0].status).toBe('cancelled')
    // Her own cancel is confirmed in her inbox, once however many taps, with the day of the week.
    const notices = (await communityDb()
      .collection('inbox')
      .where({ to: 'demo-resident', kind: 'service-card.booking-cancelled', link: '/pages/service-card/bookings' })
      .get()) as { data: Array<{ body: string }> }
    expect(notices.data).toHaveLength(1)
    expect(notices.data[0].body).toMatch(/^您已取消 \d+月\d+日 周[一二三四五六日] \d\d:\d\d 在1号窗口的预约/)
  })

  it('one open booking per person and service: a second one answers ALREADY_BOOKED_ITEM with the one held, unless confirmed', async () => {
    const [me] = await addResidents('o-twice', 1)
    const first = await publish(hallTime(7, '10:00'), 3, 30, '5号窗口')
    const second = await publish(hallTime(8, '14:00'), 3, 30, '5号窗口')
    const held = await call(me, 'book', { slotId: first.id, itemId: 'item-unemployment' })
    expect(held.ok).toBe(true)
    const again = await call(me, 'book', { slotId: second.id, itemId: 'item-unemployment' })
    expect(again.error).toMatchObject({
      code: 'ALREADY_BOOKED_ITEM',
      details: { bookingId: held.data.id, window: '5号窗口' }
    })
    expect(again.error.message).toMatch(/您已经约过这项服务了.*周[一二三四五六日]/)
    expect(await count('hall_bookings', { residentId: me })).toBe(1)
    // Another service at another time is not affected.
    expect((await call(me, 'book', { slotId: second.id, itemId: 'item-job-referral' })).ok).toBe(true)
    // The item page's list: my upcoming bookings of that item only.
    const mine = await call(me, 'myBookings', { itemId: 'item-unemployment' })
    expect(mine.data.items.map((b: { id: string }) => b.id)).toEqual([held.data.id])
    // Confirmed: booked again.
    const third = await publish(hallTime(9, '15:00'), 3, 30, '5号窗口')
    expect((await call(me, 'book', { slotId: third.id, itemId: 'item-unemployment', another: true })).ok).toBe(true)
    expect((await call(me, 'myBookings', { itemId: 'item-unemployment' })).data.items).toHaveLength(2)
  })

  it('a resident cancelling what staff booked for them (帮办) tells that staff member', async () => {
    const [me] = await addResidents('o-helped', 1)
    const slot = await publish(hallTime(10), 3, 30, '9号窗口')
    const booked = await call('demo-staff', 'book', { slotId: slot.id, itemId: 'item-residence-cert', onBehalfOf: me })
    expect(booked.ok).toBe(true)
    expect((await call(me, 'cancelBooking', { bookingId: booked.data.id })).ok).toBe(true)
    const told = (await communityDb()
      .collection('inbox')
      .where({ to: 'demo-staff', kind: 'service-card.booking-cancelled-staff' })
      .get()) as { data: Array<{ body: string }> }
    expect(told.data.some(n => n.body.includes('居民0 取消了'))).toBe(true)
    expect(await count('inbox', { to: me, kind: 'service-card.booking-cancelled' })).toBe(1)
  })

  it('refuses an online cancel within 2 hours; staff check in at the window from 30 minutes before', async () => {
    const slot = await slotAt(quarterAfter(60_000), '6号窗口', ['item-elder-card'])
    const booked = await call('demo-elder', 'book', { slotId: slot.id, itemId: 'item-elder-card' })
    expect(booked.error).toBeUndefined()
    expect((await call('demo-elder', 'cancelBooking', { bookingId: booked.data.id })).error.code).toBe(
      'CANCEL_TOO_LATE'
    )
    const list = await call('demo-staff', 'slotBookings', { slotId: slot.id })
    expect(list.data.bookings.map((b: { residentName: string }) => b.residentName)).toEqual(['张桂芳'])
    const [x, y] = await Promise.all([
      call('demo-staff', 'checkIn', { bookingId: booked.data.id }),
      call('demo-admin', 'checkIn', { bookingId: booked.data.id })
    ])
    expect([x.ok, y.ok].sort()).toEqual([false, true])
    expect((await call('demo-elder', 'myBookings', {})).data.items[0].status).toBe('checked_in')
  })

  it('staff cancel a slot: its bookings are cancelled, reminders dropped, residents told (must reach), and nobody can book it meanwhile', async () => {
    const slot = await publish(hallTime(6), 10)
    const residents = await addResidents('o-slot-off', 6)
    await Promise.all(
      residents.slice(0, 3).map(async id => await call(id, 'book', { slotId: slot.id, itemId: 'item-dibao' }))
    )
    const [res, ...late] = await Promise.all([
      call('demo-staff', 'cancelSlot', { slotId: slot.id, reason: '系统维护' }),
      ...residents.slice(3).map(async id => await call(id, 'book', { slotId: slot.id, itemId: 'item-dibao' }))
    ])
    expect(res.ok).toBe(true)
    const bookedLate = late.filter(r => r.ok).length
    // Bookings that landed before the slot closed are cancelled too: none stays booked.
    expect(res.data.cancelled).toBe(3 + bookedLate)
    expect(await count('hall_bookings', { slotId: slot.id, status: 'booked' })).toBe(0)
    const told = (await communityDb()
      .collection('inbox')
      .where({ to: residents[0], kind: 'service-card.booking-cancelled' })
      .get()) as { data: Array<{ body: string }> }
    expect(told.data[0].body).toContain('系统维护')
    expect((await call('demo-admin', 'cancelSlot', { slotId: slot.id, reason: '再次' })).error.code).toBe('SLOT_CLOSED')
    expect((await call(residents[5], 'book', { slotId: slot.id, itemId: 'item-dibao' })).error.code).toBe('SLOT_CLOSED')
  })

  it('staff book for a resident (帮办), recorded as such', async () => {
    const slot = await publish(hallTime(2), 3, 30, '9号窗口')
    const res = await call('demo-staff', 'book', {
      slotId: slot.id,
      itemId: 'item-residence-cert',
      onBehalfOf: 'demo-volunteer'
    })
    expect(res).toMatchObject({ ok: true, data: { byStaff: true, residentName: '陈志强' } })
    expect(
      (
        await call('demo-resident', 'book', {
          slotId: slot.id,
          itemId: 'item-residence-cert',
          onBehalfOf: 'demo-volunteer'
        })
      ).error.code
    ).toBe('FORBIDDEN')
    const audit = (await communityDb()
      .collection('audit')
      .where({ target: `hall_bookings/${res.data.id}` })
      .get()) as { data: Array<{ actor: string; reason: string }> }
    expect(audit.data[0]).toMatchObject({ actor: 'demo-staff', reason: expect.stringContaining('帮办') })
  })

  it('pages upcoming slots soonest first, 20 at a time, with a keyset cursor that neither repeats nor skips', async () => {
    const first = await call('demo-resident', 'listSlots', {})
    expect(first.data.items).toHaveLength(20)
    // A slot published meanwhile, earlier than the cursor, does not shift the next page.
    await slotAt(quarterAfter(2 * 3600_000), '9号窗口', ['item-residence-cert'], 1)
    const rest: Array<{ id: string; startAt: string }> = []
    let cursor = first.data.cursor
    while (cursor) {
      const next = await call('demo-resident', 'listSlots', { cursor })
      rest.push(...next.data.items)
      cursor = next.data.cursor
    }
    const all = [...first.data.items, ...rest]
    expect(new Set(all.map(x => x.id)).size).toBe(all.length)
    expect(all.map(x => x.startAt)).toEqual([...all.map(x => x.startAt)].sort())
    expect(await call('demo-resident', 'listSlots', { cursor: 'not-a-cursor' })).toMatchObject({ ok: true })
  })

  it('records a booking whose slot ended unattended as a no-show (timer)', async () => {
    const ended = new Date(Date.now() - 3600_000)
    await communityDb()
      .collection('hall_bookings')
      .add({
        _id: 'bk-ended-1',
        slotId: 'slot-x',
        itemId: 'item-dibao',
        itemName: '最低生活保障申请',
        window: '1号窗口',
        residentId: 'demo-resident',
        residentName: '王秀兰',
        startAt: new Date(ended.getTime() - 30 * 60_000),
        endAt: ended,
        status: 'booked',
        lockIds: [],
        bookedBy: null,
        createdAt: ended,
        updatedAt: ended
      })
    const result = await runTimer('noShows')
    expect(result.recorded).toBeGreaterThanOrEqual(1)
    expect(await count('hall_bookings', { _id: 'bk-ended-1', status: 'no_show' })).toBe(1)
  })
})

describe('home / proxy requests', () => {
  it('goes submitted → accepted → in progress → done → rated with one first handler and a visible history', async () => {
    const sub = await call('demo-elder', 'submitRequest', {
      itemId: 'item-elder-allowance',
      mode: 'home',
      note: '腿脚不便'
    })
    expect(sub).toMatchObject({ ok: true, data: { status: 'submitted', overdue: false } })
    expect(sub.data.dueAt).not.toBeNull()
    const id = sub.data.id
    const accepts = await Promise.all(
      ['demo-staff', 'demo-admin', 'demo-grid-worker'].map(
        async who => await call(who, 'actOnRequest', { requestId: id, event: 'accept' })
      )
    )
    expect(accepts.filter(a => a.ok)).toHaveLength(1)
    const winner = ['demo-staff', 'demo-admin', 'demo-grid-worker'][accepts.findIndex(a => a.ok)]
    const loser =
      ['demo-staff', 'demo-admin', 'demo-grid-worker'].find(w => w !== winner && w !== 'demo-grid-worker') ??
      'demo-grid-worker'
    expect((await call(loser, 'actOnRequest', { requestId: id, event: 'start' })).error.code).toBe('FORBIDDEN')
    expect((await call(winner, 'actOnRequest', { requestId: id, event: 'start' })).data.status).toBe('in_progress')
    expect(
      (await call(winner, 'actOnRequest', { requestId: id, event: 'finish', note: '已上门办结' })).data.status
    ).toBe('done')
    expect((await call('demo-staff', 'rateRequest', { requestId: id, stars: 5 })).error.code).toBe('FORBIDDEN')
    const rated = await call('demo-elder', 'rateRequest', { requestId: id, stars: 5, comment: '很耐心' })
    expect(rated.data).toMatchObject({ status: 'rated', rating: { stars: 5, comment: '很耐心' } })
    expect(rated.data.history.map((h: { to: string }) => h.to)).toEqual([
      'submitted',
      'accepted',
      'in_progress',
      'done',
      'rated'
    ])
    expect(await count('inbox', { to: 'demo-elder', kind: 'service-card.request-status' })).toBeGreaterThanOrEqual(3)
    expect((await call('demo-resident', 'getRequest', { requestId: id })).error.code).toBe('NOT_FOUND')
  })

  it('refuses residents without an eligibility tag, until staff set one', async () => {
    expect(
      (await call('demo-resident', 'submitRequest', { itemId: 'item-elder-card', mode: 'proxy' })).error.code
    ).toBe('NOT_ELIGIBLE')
    expect((await call('demo-resident', 'me', {})).data.eligible).toBe(false)
    expect(
      (await call('demo-staff', 'setTags', { userId: 'demo-resident', tags: ['disabled'], reason: '持残疾人证' })).ok
    ).toBe(true)
    expect((await call('demo-resident', 'submitRequest', { itemId: 'item-elder-card', mode: 'proxy' })).ok).toBe(true)
    expect((await call('demo-elder', 'submitRequest', { itemId: 'item-marriage-cert', mode: 'home' })).error.code).toBe(
      'MODE_NOT_OFFERED'
    )
  })

  it('checks the note staff will read before storing anything (offline: the stand-in for msgSecCheck)', async () => {
    const before = (await cloud.docs('service_requests')).length
    const res = await call('demo-elder', 'submitRequest', {
      itemId: 'item-elder-allowance',
      mode: 'home',
      note: '低价代开发票 加微信'
    })
    expect(res.error).toEqual({ code: 'CONTENT_REJECTED', message: '内容包含不适合发布的信息，请修改后再提交' })
    expect((await cloud.docs('service_requests')).length).toBe(before)
  })

  it('staff submit and supply materials for the resident (帮办), recorded in the history and the audit', async () => {
    const sub = await call('demo-staff', 'submitRequest', {
      itemId: 'item-disability-subsidy',
      mode: 'proxy',
      onBehalfOf: 'demo-elder'
    })
    expect(sub.data).toMatchObject({ byStaff: true, residentName: '张桂芳', history: [{ onBehalf: true }] })
    const id = sub.data.id
    await call('demo-grid-worker', 'actOnRequest', { requestId: id, event: 'accept' })
    expect(
      (
        await call('demo-grid-worker', 'actOnRequest', {
          requestId: id,
          event: 'ask_materials',
          note: '请补残疾人证复印件'
        })
      ).data.status
    ).toBe('needs_materials')
    const supplied = await call('demo-staff', 'actOnRequest', {
      requestId: id,
      event: 'supply_materials',
      note: '窗口代收复印件'
    })
    expect(supplied.data.history.at(-1)).toMatchObject({ to: 'in_progress', onBehalf: true })
    expect(await count('audit', { target: `service_requests/${id}`, reason: '帮办：工作人员代居民操作' })).toBe(1)
  })

  it('lets staff find a resident by name to help them (帮办): name and tags only', async () => {
    const found = await call('demo-grid-worker', 'findResidents', { name: '张桂' })
    expect(found.data).toEqual([{ userId: 'demo-elder', name: '张桂芳', tags: ['elderly'], eligible: true }])
    expect((await call('demo-staff', 'findResidents', { name: '.*' })).data).toEqual([])
  })

  it('flags a request past its time limit as overdue once and reminds its handler (timer)', async () => {
    const past = new Date(Date.now() - 3600_000)
    await communityDb().collection('service_requests').add({
      _id: 'req-late-1',
      itemId: 'item-temp-aid',
      itemName: '临时救助',
      mode: 'proxy',
      residentId: 'demo-elder',
      residentName: '张桂芳',
      note: '',
      status: 'accepted',
      version: 2,
      handlerId: 'demo-staff',
      handlerName: '赵丽',
      dueAt: past,
      overdue: false,
      history: [],
      rating: null,
      submittedBy: null,
      createdAt: past,
      updatedAt: past
    })
    await Promise.all([runTimer('overdue'), runTimer('overdue')])
    expect((await call('demo-elder', 'getRequest', { requestId: 'req-late-1' })).data.overdue).toBe(true)
    expect(await count('inbox', { to: 'demo-staff', kind: 'service-card.request-overdue' })).toBe(1)
  })
})

describe('every action: roles and bad input', () => {
  // A valid payload per action, so the router gets past the schema to the role check.
  const valid: Record<string, unknown> = {
    categories: {},
    listItems: {},
    getItem: { itemId: 'item-dibao' },
    createItem: {
      categoryId: 'cat-life',
      name: '越权',
      summary: '说明',
      eligibility: '所有人',
      materials: [],
      place: '大厅',
      hours: '白天',
      modes: ['hall'],
      timeLimitDays: 1,
      ownerUserId: 'demo-staff'
    },
    editItem: { itemId: 'item-dibao', version: 1, changes: { name: '越权' } },
    retireItem: { itemId: 'item-dibao', version: 1 },
    restoreItem: { itemId: 'item-dibao', version: 1 },
    reorderItem: { itemId: 'item-dibao', version: 1, order: 3 },
    verifyItem: { itemId: 'item-dibao', version: 1 },
    itemHistory: { itemId: 'item-dibao' },
    publishSlot: { window: '1号窗口', startAt: '2030-01-01T01:00:00Z', minutes: 30, capacity: 3 },
    listSlots: {},
    book: { slotId: 'slot-seed-1-90', itemId: 'item-dibao' },
    cancelBooking: { bookingId: 'bk-none' },
    myBookings: {},
    slotBookings: { slotId: 'slot-seed-1-90' },
    checkIn: { bookingId: 'bk-none' },
    me: {},
    submitRequest: { itemId: 'item-elder-card', mode: 'home' },
    getRequest: { requestId: 'req-none' },
    listRequests: {},
    actOnRequest: { requestId: 'req-none', event: 'accept' },
    rateRequest: { requestId: 'req-none', stars: 5 },
    setTags: { userId: 'demo-resident', tags: ['elderly'], reason: '越权' },
    findResidents: { name: '张' },
    cancelSlot: { slotId: 'slot-seed-1-90', reason: '越权' }
  }
  const everyone = [
    'o-visitor',
    'demo-resident',
    'demo-elder',
    'demo-volunteer',
    'demo-grid-worker',
    'demo-staff',
    'demo-admin'
  ] as const
  const staffOnly = ['demo-staff', 'demo-admin']
  const registered = everyone.filter(p => p !== 'o-visitor')
  const residentsAndStaff = ['demo-resident', 'demo-elder', 'demo-volunteer', 'demo-staff', 'demo-admin']
  const allowed: Record<string, readonly string[]> = {
    categories: everyone,
    listItems: everyone,
    getItem: everyone,
    createItem: staffOnly,
    editItem: staffOnly,
    retireItem: staffOnly,
    restoreItem: staffOnly,
    reorderItem: staffOnly,
    verifyItem: staffOnly,
    itemHistory: staffOnly,
    publishSlot: staffOnly,
    slotBookings: staffOnly,
    checkIn: staffOnly,
    setTags: staffOnly,
    listSlots: registered,
    myBookings: registered,
    me: registered,
    book: residentsAndStaff,
    cancelBooking: residentsAndStaff,
    submitRequest: registered,
    getRequest: registered,
    listRequests: registered,
    actOnRequest: registered,
    rateRequest: ['demo-resident', 'demo-elder', 'demo-volunteer'],
    findResidents: ['demo-grid-worker', 'demo-staff', 'demo-admin'],
    cancelSlot: staffOnly
  }
  const denied = Object.entries(allowed).flatMap(([action, who]) =>
    everyone.filter(p => !who.includes(p)).map(p => [action, p] as const)
  )

  it('declares a valid payload and the allowed roles of every action', async () => {
    expect(Object.keys(valid).sort()).toEqual(Object.keys(allowed).sort())
  })

  it.each(denied)('%s is FORBIDDEN to %s and writes nothing', async (action, persona) => {
    const before = await snapshot()
    const res = await call(persona, action, valid[action])
    expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await snapshot()).toBe(before)
  })

  const hostile: Array<[string, unknown]> = [
    ['an array', [1, 2]],
    [
      'an operator object as an id',
      {
        itemId: { $ne: null },
        slotId: { $gt: '' },
        bookingId: { $ne: '' },
        requestId: { $ne: '' },
        userId: { $ne: '' }
      }
    ],
    ['an unknown key', { seatsLeft: 99, status: 'done', roles: ['admin'] }],
    ['a huge string', { itemId: 'x'.repeat(5000), q: '低'.repeat(5000), window: 'w'.repeat(5000) }],
    [
      'wrong types',
      { itemId: 1, version: '1', stars: 99, capacity: -1, startAt: 'tomorrow', tags: ['root'], event: 'drop' }
    ]
  ]
  // Payloads are strict: even the list actions refuse keys they don't know.
  const cases = Object.keys(valid).flatMap(action =>
    hostile.map(([label, payload]) => [action, label, payload] as const)
  )

  it.each(cases)('%s with %s answers INVALID_INPUT and writes nothing', async (action, _label, payload) => {
    const before = await snapshot()
    const res = await call('demo-admin', action, payload)
    expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(await snapshot()).toBe(before)
  })
})

// Last: every notice these flows sent opens a page its reader may see (issue 18).
test('every notice sent above opens, for its recipient, a page that loads what it is about', async () => {
  await expectEveryLinkOpens(cloud)
})
