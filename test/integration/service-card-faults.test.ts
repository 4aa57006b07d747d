/**
 * A failure between two writes of a hall booking (design.md, "Data": any request can fail). The
 * use case runs in this process on the real repositories with ONE step failing as a database
 * request does; the resident's retry (through the built function) or the no-show timer finishes
 * it: no seat leaked, no time held by nobody, nobody left pending, told once.
 */
import { firstDayFrom } from '../support/hall-days'
import { addDays, shanghaiDate, shanghaiInstant } from '../../src/core/shared/shanghai-time'
import { book, cancelBooking, cancelSlot, recordNoShows } from '../../src/core/service-card/hall.usecase'
import { actOnRequest, flagOverdue } from '../../src/core/service-card/proxy-request.usecase'
import type { HallStore, ServiceCardDeps } from '../../src/core/service-card/service-card.ports'
import { HALF_DONE_AFTER_MS } from '../../src/core/shared/half-done'
import { deliveryId } from '../../src/core/notifications/notification.model'
import { serviceCardActions, serviceCardDeps } from '../../src/server/service-card/service-card.actions'
import { userRepository } from '../../src/server/community/user.repository'
import { aCaller } from '../factories/caller.factory'
import { failingOnce as failOnce } from '../factories/faults.fake'
import { lostAnswerRouter } from '../factories/lost-answer.fake'
import { useSeededCloud, communityDb } from './local-cloud.helper'

jest.setTimeout(60_000)

const cloud = useSeededCloud('service-card')
let next = addDays(shanghaiDate(new Date()), 10)
/**
 * A slot on its own day, so the tests' residents never overlap each other's earlier bookings: 10:00
 * Shanghai on a weekday, inside the seeded items' hours (周一至周五 9:00–17:00), as publishing requires.
 */
async function publish(capacity: number): Promise<string> {
  const date = firstDayFrom(next)
  next = addDays(date, 1)
  const startAt = shanghaiInstant(date, '10:00')
  return (
    await cloud.data('demo-staff', 'publishSlot', {
      window: '1号窗口',
      startAt: startAt.toISOString(),
      minutes: 30,
      capacity
    })
  ).id
}

let residents: string[] = []
beforeAll(async () => {
  residents = Array.from({ length: 5 }, (_, i) => `o-fault-${i}`)
  await communityDb()
    .collection('users')
    .add(
      residents.map((id, i) => ({
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
})

const resident = (openId: string) => aCaller({ openId, name: '居民' })

/** The repositories with `method` failing once when `when` says so; `after`: the write lands, its answer is lost. */
function failingOnce<K extends keyof HallStore>(
  method: K,
  when: (...args: any[]) => boolean,
  after = false
): ServiceCardDeps {
  const deps = serviceCardDeps()
  return { ...deps, hall: failOnce(deps.hall, method, when, after) }
}

const laterNoShows = async (): Promise<any> => {
  const later = new Date(Date.now() + HALF_DONE_AFTER_MS + 1000)
  return await recordNoShows({ ...serviceCardDeps(), clock: { now: () => later } })
}
const slotOf = async (id: string): Promise<any> => (await cloud.docs('hall_slots', { _id: id }))[0]
const bookingsOf = async (slotId: string, residentId: string): Promise<any[]> =>
  await cloud.docs('hall_bookings', { slotId, residentId })
const told = async (to: string): Promise<number> => await cloud.count('inbox', { to, kind: 'service-card.booked' })

describe('a booking that stops between holding the seat and recording it', () => {
  it("is finished by the resident's retry: booked once, one seat, told once", async () => {
    const slotId = await publish(3)
    const me = residents[0]
    const deps = failingOnce(
      'moveBooking',
      (_id: string, from: string, to: string) => from === 'pending' && to === 'booked'
    )
    await expect(book(deps, { slotId, itemId: 'item-dibao' }, resident(me))).rejects.toThrow('database request failed')

    const again = await cloud.call(me, 'book', { slotId, itemId: 'item-dibao' }, `retry-${slotId}`)
    expect(again).toMatchObject({ ok: true, data: { status: 'booked' } })
    expect((await bookingsOf(slotId, me)).map(b => b.status)).toEqual(['booked'])
    expect(await slotOf(slotId)).toMatchObject({ seatsLeft: 2, seatHolders: [again.data.id] })
    expect(await told(me)).toBe(1)
    // Cancelling gives the one seat back.
    expect((await cloud.call(me, 'cancelBooking', { bookingId: again.data.id })).ok).toBe(true)
    expect(await slotOf(slotId)).toMatchObject({ seatsLeft: 3, seatHolders: [] })
  })

  it('takes no second seat when the seat was taken but its answer was lost, and the timer finishes it', async () => {
    const slotId = await publish(3)
    const me = residents[1]
    const deps = failingOnce('takeSeat', () => true, true)
    await expect(book(deps, { slotId, itemId: 'item-dibao' }, resident(me))).rejects.toThrow()
    expect((await bookingsOf(slotId, me)).map(b => b.status)).toEqual(['pending'])
    // Young: the call may still be running; the timer leaves it.
    await recordNoShows(serviceCardDeps())
    expect((await bookingsOf(slotId, me)).map(b => b.status)).toEqual(['pending'])

    expect(await laterNoShows()).toMatchObject({ finished: 1 })
    expect((await bookingsOf(slotId, me)).map(b => b.status)).toEqual(['booked'])
    expect(await slotOf(slotId)).toMatchObject({ seatsLeft: 2 })
    expect(await told(me)).toBe(1)
  })
})

describe('a cancellation that stops before giving the seat back', () => {
  it('has the seat and the time given back by the timer', async () => {
    const slotId = await publish(1)
    const [me, next] = [residents[2], residents[3]]
    const booked = await cloud.data(me, 'book', { slotId, itemId: 'item-dibao' })
    const deps = failingOnce('returnSeat', () => true)
    await expect(cancelBooking(deps, { bookingId: booked.id }, resident(me))).rejects.toThrow()
    expect(await slotOf(slotId)).toMatchObject({ seatsLeft: 0 })
    expect((await cloud.call(next, 'book', { slotId, itemId: 'item-dibao' })).error.code).toBe('SLOT_FULL')

    expect(await laterNoShows()).toMatchObject({ seatsReturned: 1 })
    expect(await slotOf(slotId)).toMatchObject({ seatsLeft: 1, seatHolders: [] })
    expect((await cloud.call(next, 'book', { slotId, itemId: 'item-dibao' })).ok).toBe(true)
    // The time is free again for the one who cancelled.
    expect(await cloud.count('booking_locks', { bookingId: booked.id })).toBe(0)
  })
})

describe('a booking whose writes all landed but whose answer was lost', () => {
  it("answers the resident's retry (same requestId) with the booking it made, not a refusal", async () => {
    const slotId = await publish(1)
    const me = residents[4]
    const router = lostAnswerRouter('service-card', serviceCardActions, serviceCardDeps)
    const r = `lost-${slotId}`
    expect(await router.first(me, 'book', { slotId, itemId: 'item-dibao' }, r)).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' }
    })
    const [made] = await bookingsOf(slotId, me)
    expect(made).toMatchObject({ status: 'booked' })
    // The slot is full now (one seat): the retry still gets the booking, found as the resident's live one.
    expect(await router.retry(me, 'book', { slotId, itemId: 'item-dibao' }, r)).toMatchObject({
      ok: true,
      data: { id: made._id, status: 'booked' }
    })
    expect(await slotOf(slotId)).toMatchObject({ seatsLeft: 0, seatHolders: [made._id] })
    expect(await told(me)).toBe(1)
  })
})

/**
 * A home request (上门) accepted by staff, the acceptance stopping after its update, before its
 * audit entry and the resident's notice. Before: both were lost for good, and the staff member's
 * retry met an accepted request and was refused, so the elder never heard it was taken on.
 */
describe('a home/proxy request transition that stops before its audit entry and notice', () => {
  async function submitted(): Promise<string> {
    const home = { itemId: 'item-elder-allowance', mode: 'home', note: '腿脚不便' }
    return (await cloud.data('demo-elder', 'submitRequest', home)).id
  }
  /** The staff member's 受理 tap, in process, with the audit write after the update failing once. */
  async function acceptStops(id: string, requestId: string): Promise<void> {
    const deps = serviceCardDeps()
    const staff = await userRepository(communityDb()).loadCaller('demo-staff')
    const auditFails = { ...deps, audit: failOnce(deps.audit, 'record') }
    await expect(
      actOnRequest(auditFails, { requestId: id, event: 'accept', note: '' }, staff, { requestId })
    ).rejects.toThrow('database request failed')
    expect(await cloud.count('service_requests', { _id: id, status: 'accepted' })).toBe(1)
  }
  const residentTold = async (id: string): Promise<number> =>
    (await cloud.docs('inbox', { to: 'demo-elder', kind: 'service-card.request-status' })).filter((i: any) =>
      i._id.includes(id)
    ).length
  const audited = async (id: string): Promise<number> =>
    await cloud.count('audit', { action: 'service-card.request-accept', target: `service_requests/${id}` })
  const later = (ms: number): Date => new Date(Date.now() + HALF_DONE_AFTER_MS + ms)
  const accept = (id: string): Record<string, unknown> => ({ requestId: id, event: 'accept' })

  it("is finished by the staff member's retry (same requestId): answered with the request, told once", async () => {
    const id = await submitted()
    await acceptStops(id, `accept-${id}`)
    expect(await residentTold(id)).toBe(0)

    const again = await cloud.call('demo-staff', 'actOnRequest', accept(id), `accept-${id}`)
    expect(again).toMatchObject({ ok: true, data: { id, status: 'accepted' } })
    expect(await residentTold(id)).toBe(1)
    expect(await audited(id)).toBe(1)
    expect(await cloud.count('service_requests', { _id: id, untold: null })).toBe(1)
  })

  it('is finished by the followThrough timer after a minute when nobody retries', async () => {
    const id = await submitted()
    await acceptStops(id, `accept-${id}`)
    // Not while the call may still be running.
    expect(await cloud.tick('followThrough')).toMatchObject({ finished: 0 })
    expect(await residentTold(id)).toBe(0)

    expect(await cloud.tick('followThrough', later(1000))).toMatchObject({ finished: 1 })
    expect(await residentTold(id)).toBe(1)
    expect(await audited(id)).toBe(1)
    expect(await cloud.tick('followThrough', later(2000))).toMatchObject({ finished: 0 })
  })

  it('still refuses another tap or another person; the next transition tells what the stopped one owed', async () => {
    const id = await submitted()
    await acceptStops(id, `accept-${id}`)
    const anotherTap = await cloud.call('demo-staff', 'actOnRequest', accept(id), `accept-${id}-again`)
    expect(anotherTap).toMatchObject({ ok: false })
    expect(await cloud.call('demo-admin', 'actOnRequest', accept(id), `accept-${id}`)).toMatchObject({ ok: false })
    expect(await residentTold(id)).toBe(0)

    const started = await cloud.data('demo-staff', 'actOnRequest', { requestId: id, event: 'start' })
    expect(started).toMatchObject({ status: 'in_progress' })
    expect(await residentTold(id)).toBe(2)
    expect(await audited(id)).toBe(1)
  })

  it('answers the retry of a transition whose writes all landed but whose answer was lost, not a refusal', async () => {
    const id = await submitted()
    const router = lostAnswerRouter('service-card', serviceCardActions, serviceCardDeps)
    const first = await router.first('demo-staff', 'actOnRequest', accept(id), `lost-${id}`)
    expect(first).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    const retry = await router.retry('demo-staff', 'actOnRequest', accept(id), `lost-${id}`)
    expect(retry).toMatchObject({ ok: true, data: { id, status: 'accepted' } })
    expect(await residentTold(id)).toBe(1)
    expect(await audited(id)).toBe(1)
  })
})

describe('the overdue timer stopping part-way through a late request', () => {
  it('is finished by its next run: flagged, the handler reminded once and audited once', async () => {
    const past = new Date(Date.now() - 3600_000)
    const id = 'req-late-fault-1'
    await communityDb().collection('service_requests').add({
      _id: id,
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
    const deps = serviceCardDeps()
    // The audit write fails (a stop mid-run); before, the flag was already set and the next run skipped it.
    const auditFails = {
      ...deps,
      audit: failOnce(deps.audit, 'record', (e: { target?: string }) => e.target === `service_requests/${id}`)
    }
    await expect(flagOverdue(auditFails)).rejects.toThrow('database request failed')
    const reminded = async (): Promise<number> =>
      (await cloud.docs('inbox', { to: 'demo-staff', kind: 'service-card.request-overdue' })).filter((i: any) =>
        i._id.includes(id)
      ).length
    const audited = async (): Promise<number> =>
      await cloud.count('audit', { action: 'service-card.request-overdue', target: `service_requests/${id}` })
    expect(await cloud.count('service_requests', { _id: id, overdue: false })).toBe(1)

    // The next run (the timer's next tick) finds it still unflagged and finishes it, once.
    await flagOverdue(serviceCardDeps())
    expect(await cloud.count('service_requests', { _id: id, overdue: true })).toBe(1)
    expect(await reminded()).toBe(1)
    expect(await audited()).toBe(1)
    await flagOverdue(serviceCardDeps())
    expect(await reminded()).toBe(1)
    expect(await audited()).toBe(1)
  })
})

describe('a slot cancellation (暂停办理) that stops after cancelling some of its bookings', () => {
  /** Three residents booked on a fresh slot; staff cancel it and the call stops at the second notice. */
  let round = 0
  async function stoppedCancel(): Promise<{ slotId: string; booked: string[] }> {
    const slotId = await publish(3)
    // Residents of their own (one open booking per person and service: the others hold 低保 ones).
    const booked = [0, 1, 2].map(i => `o-slot-${round}-${i}`)
    round++
    await communityDb()
      .collection('users')
      .add(
        booked.map((id, i) => ({
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
    for (const r of booked) expect((await cloud.call(r, 'book', { slotId, itemId: 'item-dibao' })).ok).toBe(true)
    const deps = serviceCardDeps()
    const staff = await userRepository(communityDb()).loadCaller('demo-staff')
    const notifyFails = { ...deps, notify: failOnce(deps.notify, 'notify', (n: { to: string }) => n.to === booked[1]) }
    await expect(cancelSlot(notifyFails, { slotId, reason: '系统维护' }, staff)).rejects.toThrow(
      'database request failed'
    )
    return { slotId, booked }
  }
  /** Inbox items telling `to` their booking on this slot was cancelled (one per notice key). */
  const toldCancelled = async (to: string, slotId: string): Promise<number> => {
    const [b] = await bookingsOf(slotId, to)
    return await cloud.count('inbox', { _id: deliveryId(`service-card.booking-cancelled:${String(b._id)}`, to) })
  }
  const statuses = async (slotId: string, rs: string[]): Promise<string[]> =>
    await Promise.all(rs.map(async r => (await bookingsOf(slotId, r))[0].status))
  const audited = async (slotId: string): Promise<number> =>
    await cloud.count('audit', { action: 'service-card.cancel-slot', target: `hall_slots/${slotId}` })

  it('is finished by staff repeating it: every booking cancelled, each resident told once, audited once', async () => {
    const { slotId, booked } = await stoppedCancel()
    expect(await statuses(slotId, booked)).toEqual(['cancelled', 'cancelled', 'booked'])
    expect(await toldCancelled(booked[1], slotId)).toBe(0)

    const again = await cloud.call('demo-staff', 'cancelSlot', { slotId, reason: '再试一次' })
    expect(again).toMatchObject({ ok: true, data: { slotId, cancelled: 3 } })
    expect(await statuses(slotId, booked)).toEqual(['cancelled', 'cancelled', 'cancelled'])
    for (const r of booked) expect(await toldCancelled(r, slotId)).toBe(1)
    // Told under the first reason; the marker is gone, so a third try says it is done.
    const notice = (await cloud.docs('inbox', { to: booked[2], kind: 'service-card.booking-cancelled' })).at(-1)
    expect(notice.body).toContain('因系统维护暂停办理')
    expect(await audited(slotId)).toBe(1)
    expect((await cloud.call('demo-staff', 'cancelSlot', { slotId, reason: '再试' })).error.code).toBe('SLOT_CLOSED')
  })

  it('is finished by the no-show timer after a minute when nobody repeats it, never marking its bookings no-shows', async () => {
    const { slotId, booked } = await stoppedCancel()
    expect(await recordNoShows(serviceCardDeps())).toMatchObject({ closingsFinished: 0 })
    expect(await statuses(slotId, booked)).toEqual(['cancelled', 'cancelled', 'booked'])

    expect(await laterNoShows()).toMatchObject({ closingsFinished: 1 })
    expect(await statuses(slotId, booked)).toEqual(['cancelled', 'cancelled', 'cancelled'])
    for (const r of booked) expect(await toldCancelled(r, slotId)).toBe(1)
    expect(await audited(slotId)).toBe(1)
    expect(await laterNoShows()).toMatchObject({ closingsFinished: 0 })
    expect(await slotOf(slotId)).toMatchObject({ status: 'cancelled', closing: null })
  })
})
