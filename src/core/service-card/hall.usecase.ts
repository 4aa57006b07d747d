/**
 * Hall appointments (预约办理): staff publish slots, residents book, cancel up to a cutoff, staff
 * check them in; a timer records no-shows.
 *
 * Booking guards two invariants under any concurrency, each with one database-enforced step:
 * - never more bookings than seats: `hall.takeSeat` is one conditional decrement
 *   (`seatsLeft > 0`); a read-then-write would let 100 simultaneous callers all see 5 seats left.
 * - never two overlapping bookings for one resident: `hall.lock` inserts one lock document per
 *   15-minute bucket of the slot with a deterministic `_id` (`${residentId}@${bucket}`, see
 *   hall.rule.ts); the database takes only one document per `_id`, so of two overlapping
 *   bookings at most one holds the shared bucket, and the other backs out.
 * Locks are taken before the seat so a resident who already holds that time never consumes one;
 * if the seat then fails, the locks are released.
 *
 * Faults between those writes (a failed request, a function cut off at its timeout): the booking
 * is recorded first, `pending`, and every later step is idempotent for it (its locks carry its
 * id, the slot lists its seat holders), so booking again (the client's retry) finds and finishes
 * it, and the no-show timer (every 15 minutes) finishes or undoes every pending booking older than
 * HALF_DONE_AFTER_MS and gives back seats held by bookings that no longer hold one. The resident
 * is told before the booking leaves `pending` (keyed: once).
 */
import type { Caller } from '../community/caller'
import { hasAnyRole } from '../community/caller'
import { policies } from '../community/roles'
import type { Page } from '../shared/page'
import type { Result } from '../shared/wire'
import { fail, ok } from '../shared/wire'
import { BUCKET_MS, canCancel, checkInOpen, lockIdsOf, REMINDER_BEFORE_MS, windowOf, withinHours } from './hall.rule'
import type { HallBookingRecord, HallSlotRecord } from './service-card.model'
import type { ServiceCardDeps } from './service-card.ports'
import type { ServiceCardContract as C } from './service-card.contract'
import type { CodeOf } from '../shared/contract'
import type {
  BookingIdInput,
  BookInput,
  CancelSlotInput,
  ListSlotsInput,
  MyBookingsInput,
  PublishSlotInput,
  SlotBookingsInput
} from './service-card.schemas'
import { serviceCardMessages as m } from './service-card.errors'
import type { BookingView, SlotBookingsView, SlotCancelledView, SlotView } from './service-card.views'
import { toBookingView, toSlotView } from './service-card.views'
import { PAGE_SIZE } from './catalog.usecase'
import { shanghaiHHmm, shanghaiTime } from '../shared/shanghai-time'
import { halfDoneBefore } from '../shared/half-done'

const isHallStaff = (caller: Caller): boolean => hasAnyRole(caller, policies.staff)

const reminderKey = (bookingId: string): string => `service-card.booking-reminder:${bookingId}`

type PublishFailure = CodeOf<C['publishSlot']>

/**
 * A slot serves the items it names, or (none named) every appointment item handled at its window;
 * it must be at that window and inside each item's hours, so the item page never offers a time
 * or a window its own text contradicts (1号窗口 on weekdays, yet a slot at 3号窗口 on Sunday).
 */
export async function publishSlot(
  deps: ServiceCardDeps,
  input: PublishSlotInput,
  caller: Caller
): Promise<Result<SlotView, PublishFailure>> {
  const now = deps.clock.now()
  if (input.startAt.getTime() <= now.getTime()) return fail('SLOT_IN_PAST', m.SLOT_IN_PAST)
  if (input.startAt.getTime() % BUCKET_MS !== 0) return fail('SLOT_IN_PAST', '开始时间须为整刻钟（如 9:00、9:15）')
  const named = [...new Set(input.itemIds)]
  const items =
    named.length > 0
      ? await deps.catalog.items(named)
      : (await deps.catalog.appointmentItems()).filter(i => windowOf(i.place) === input.window)
  if (items.length !== named.length && named.length > 0) return fail('NOT_FOUND', m.NOT_FOUND)
  if (items.some(i => !i.modes.includes('appointment'))) return fail('MODE_NOT_OFFERED', m.MODE_NOT_OFFERED)
  if (items.length === 0) return fail('NO_ITEM_AT_WINDOW', `${input.window}${m.NO_ITEM_AT_WINDOW.slice(4)}`)
  const elsewhere = items.find(i => windowOf(i.place) !== null && windowOf(i.place) !== input.window)
  if (elsewhere)
    return fail(
      'WRONG_WINDOW',
      `「${elsewhere.name}」在${windowOf(elsewhere.place) ?? ''}办理，不能在${input.window}发布它的时段`
    )
  const endAt = new Date(input.startAt.getTime() + input.minutes * 60_000)
  const closed = items.find(i => !withinHours(i.hours, input.startAt, endAt))
  if (closed) {
    return fail(
      'OUTSIDE_HOURS',
      `${m.OUTSIDE_HOURS}：「${closed.name}」办理时间是 ${closed.hours}，${shanghaiTime(input.startAt)}–${shanghaiHHmm(endAt)} 不在其中`
    )
  }
  const itemIds = items.map(i => i._id)
  const slot: HallSlotRecord = {
    _id: deps.newId('slot'),
    window: input.window,
    itemIds,
    startAt: input.startAt,
    endAt,
    minutes: input.minutes,
    capacity: input.capacity,
    seatsLeft: input.capacity,
    status: 'open',
    createdBy: caller.openId,
    createdAt: now
  }
  await deps.hall.insertSlot(slot)
  await deps.audit.record({
    actor: caller.openId,
    action: 'service-card.publish-slot',
    target: `hall_slots/${slot._id}`,
    data: { window: slot.window, capacity: slot.capacity }
  })
  return ok(toSlotView(slot))
}

export async function listSlots(deps: ServiceCardDeps, input: ListSlotsInput): Promise<Result<Page<SlotView>, never>> {
  const page = await deps.hall.upcomingSlots({
    from: deps.clock.now(),
    itemId: input.itemId,
    cursor: input.cursor,
    limit: PAGE_SIZE
  })
  return ok({ items: page.items.map(toSlotView), cursor: page.cursor })
}

type BookFailure = CodeOf<C['book']>

export async function book(
  deps: ServiceCardDeps,
  input: BookInput,
  caller: Caller
): Promise<Result<BookingView, BookFailure>> {
  if (input.onBehalfOf && !isHallStaff(caller)) return fail('FORBIDDEN', m.FORBIDDEN)
  const residentId = input.onBehalfOf ?? caller.openId
  const [resident, slot, item] = await Promise.all([
    input.onBehalfOf
      ? deps.people.person(residentId)
      : Promise.resolve({ _id: caller.openId, name: caller.name ?? '', roles: caller.roles }),
    deps.hall.slot(input.slotId),
    deps.catalog.item(input.itemId)
  ])
  if (!resident) return fail('RESIDENT_NOT_FOUND', m.RESIDENT_NOT_FOUND)
  if (!slot || !item) return fail('NOT_FOUND', m.NOT_FOUND)
  const now = deps.clock.now()
  const startAt = new Date(slot.startAt)
  const endAt = new Date(slot.endAt)
  if (slot.status !== 'open' || startAt.getTime() <= now.getTime()) return fail('SLOT_CLOSED', m.SLOT_CLOSED)
  if (item.status !== 'active') return fail('ITEM_RETIRED', m.ITEM_RETIRED)
  if (!item.modes.includes('appointment') || (slot.itemIds.length > 0 && !slot.itemIds.includes(item._id))) {
    return fail('MODE_NOT_OFFERED', m.MODE_NOT_OFFERED)
  }

  // A retry of a booking that stopped half-way (or whose answer was lost) finishes the same one.
  const earlier = await deps.hall.liveBookingOf(residentId, slot._id)
  // One open booking per person and service unless they say they want another (a second 低保 slot
  // is usually a mis-tap that blocks a neighbour's seat). The app turns this code into a question
  // showing the booking they hold, and books again with `another: true` if they confirm.
  // A read-then-write on purpose: two simultaneous taps may both pass, which is harmless (the
  // overlap locks still hold, and it is a courtesy check, not an invariant).
  if (!earlier && !input.another) {
    const [held] = await deps.hall.openBookingsOf(residentId, item._id, now, 1)
    if (held) {
      return fail(
        'ALREADY_BOOKED_ITEM',
        `${m.ALREADY_BOOKED_ITEM}：${shanghaiTime(new Date(held.startAt))} ${held.window}`,
        {
          bookingId: held._id,
          startAt: new Date(held.startAt).toISOString(),
          window: held.window
        }
      )
    }
  }

  const booking: HallBookingRecord = earlier ?? {
    _id: deps.newId('bk'),
    slotId: slot._id,
    itemId: item._id,
    itemName: item.name,
    window: slot.window,
    residentId,
    residentName: resident.name,
    startAt,
    endAt,
    status: 'pending',
    lockIds: lockIdsOf(residentId, startAt, endAt),
    bookedBy: input.onBehalfOf ? caller.openId : null,
    createdAt: now,
    updatedAt: now
  }
  if (!earlier) await deps.hall.insertBooking(booking)
  return await settleBooking(deps, booking, slot, item.materials, caller.openId)
}

type SettleFailure = 'OVERLAPPING_BOOKING' | 'SLOT_FULL' | 'SLOT_CLOSED'

/**
 * Holds the booking's time and seat, tells the resident, and marks it booked; each step is
 * idempotent for this booking, so the booking, its retry and the no-show timer all run it. When
 * it can't be held, everything it took is given back and it ends `cancelled`.
 */
async function settleBooking(
  deps: ServiceCardDeps,
  b: HallBookingRecord,
  slot: HallSlotRecord,
  materials: string[],
  actor: string
): Promise<Result<BookingView, SettleFailure>> {
  const now = deps.clock.now()
  if (b.status === 'booked') {
    await tellBooked(deps, b, slot, materials, now) // keyed: told once, whoever asks again
    return ok(toBookingView(b, materials))
  }
  const undo = async <C extends SettleFailure>(code: C): Promise<Result<never, C>> => {
    await deps.hall.returnSeat(b.slotId, b._id)
    await deps.hall.unlock(b.lockIds, b._id)
    await deps.hall.moveBooking(b._id, 'pending', 'cancelled', now)
    return fail(code, m[code])
  }
  if (!(await deps.hall.lock(b.lockIds, b.residentId, b._id, now))) return await undo('OVERLAPPING_BOOKING')
  if (!(await deps.hall.takeSeat(b.slotId, b._id))) {
    return await undo((await deps.hall.slot(b.slotId))?.status === 'open' ? 'SLOT_FULL' : 'SLOT_CLOSED')
  }
  const onBehalf = b.bookedBy !== null
  await deps.audit.record({
    actor,
    action: 'service-card.book',
    target: `hall_bookings/${b._id}`,
    ...(onBehalf ? { reason: '帮办：工作人员代居民预约' } : {}),
    data: { slotId: b.slotId, itemId: b.itemId, residentId: b.residentId, onBehalf }
  })
  await tellBooked(deps, b, slot, materials, now)
  if (!(await deps.hall.moveBooking(b._id, 'pending', 'booked', now))) {
    // Another attempt of the same booking settled it first (or undid it).
    const current = await deps.hall.booking(b._id)
    if (current?.status !== 'booked') return fail('SLOT_CLOSED', m.SLOT_CLOSED)
  }
  // Staff may have cancelled the slot between our seat and our move; their sweep would not have
  // seen this booking as booked, so it undoes itself (conditional: only one of us moves it).
  if ((await deps.hall.slot(b.slotId))?.status !== 'open') {
    if (await deps.hall.moveBooking(b._id, 'booked', 'cancelled', now)) await deps.hall.unlock(b.lockIds, b._id)
    return fail('SLOT_CLOSED', m.SLOT_CLOSED)
  }
  return ok(toBookingView({ ...b, status: 'booked' }, materials))
}

async function tellBooked(
  deps: ServiceCardDeps,
  b: HallBookingRecord,
  slot: HallSlotRecord,
  materials: string[],
  now: Date
): Promise<void> {
  const startAt = new Date(b.startAt)
  const when = shanghaiTime(startAt)
  const bring = materials.length > 0 ? `请带：${materials.join('、')}。` : ''
  await deps.notify.notify({
    to: b.residentId,
    kind: 'service-card.booked',
    key: `service-card.booked:${b._id}`,
    // The resident's own booking: answered at once, even in quiet hours; one staff made for them waits.
    reply: b.bookedBy === null,
    title: `已预约：${b.itemName}`,
    body: `${when} 到${slot.window}办理。${bring}`,
    link: '/pages/service-card/bookings',
    template: 'booking',
    when: startAt,
    place: slot.window,
    status: '预约成功'
  })
  const remindAt = new Date(startAt.getTime() - REMINDER_BEFORE_MS)
  if (remindAt.getTime() > now.getTime()) {
    await deps.notify.schedule(
      {
        to: b.residentId,
        kind: 'service-card.booking-reminder',
        key: reminderKey(b._id),
        title: `办事提醒：${b.itemName}`,
        body: `今天 ${shanghaiHHmm(startAt)} 请到${slot.window}办理。${bring}`,
        link: '/pages/service-card/bookings',
        template: 'reminder',
        when: startAt,
        place: slot.window
      },
      remindAt
    )
  }
}

export async function cancelBooking(
  deps: ServiceCardDeps,
  input: BookingIdInput,
  caller: Caller
): Promise<Result<BookingView, 'NOT_FOUND' | 'NOT_CANCELLABLE' | 'CANCEL_TOO_LATE'>> {
  const b = await deps.hall.booking(input.bookingId)
  const staff = isHallStaff(caller)
  // Someone else's booking looks the same as none: it is not theirs to know about.
  if (!b || (b.residentId !== caller.openId && !staff)) return fail('NOT_FOUND', m.NOT_FOUND)
  const now = deps.clock.now()
  if (b.status !== 'booked') return fail('NOT_CANCELLABLE', m.NOT_CANCELLABLE)
  if (!staff && !canCancel(new Date(b.startAt), now)) return fail('CANCEL_TOO_LATE', m.CANCEL_TOO_LATE)
  // Conditional on 'booked': a double tap (or a check-in at the same moment) cancels once, so
  // the seat is given back once.
  if (!(await deps.hall.moveBooking(b._id, 'booked', 'cancelled', now)))
    return fail('NOT_CANCELLABLE', m.NOT_CANCELLABLE)
  // Both idempotent; a stop before them is repaired by the no-show timer (repairHalfDone).
  await deps.hall.returnSeat(b.slotId, b._id)
  await deps.hall.unlock(b.lockIds, b._id)
  await deps.notify.cancel(reminderKey(b._id))
  const onBehalf = b.residentId !== caller.openId
  await deps.audit.record({
    actor: caller.openId,
    action: 'service-card.cancel-booking',
    target: `hall_bookings/${b._id}`,
    ...(onBehalf ? { reason: '帮办：工作人员代居民取消' } : {}),
    data: { slotId: b.slotId, onBehalf }
  })
  // The resident always hears of it: staff cancelling for them, or their own tap confirmed in writing
  // (a cancellation nobody acknowledges leaves them unsure whether the seat is still theirs).
  const when = shanghaiTime(new Date(b.startAt))
  await deps.notify.notify({
    to: b.residentId,
    kind: 'service-card.booking-cancelled',
    key: `service-card.booking-cancelled:${b._id}`,
    reply: !onBehalf,
    title: `预约已取消：${b.itemName}`,
    body: onBehalf
      ? `${when} 的预约已由社区工作人员取消。`
      : `您已取消 ${when} 在${b.window}的预约，需要时可以重新预约。`,
    link: '/pages/service-card/bookings',
    template: 'booking',
    status: '已取消'
  })
  // Staff who booked it for the resident (帮办) learn that their arrangement was undone.
  if (b.bookedBy && b.bookedBy !== caller.openId) {
    await deps.notify.notify({
      to: b.bookedBy,
      kind: 'service-card.booking-cancelled-staff',
      key: `service-card.booking-cancelled-staff:${b._id}`,
      title: `代约的预约已取消：${b.itemName}`,
      body: `${b.residentName} 取消了 ${when} 在${b.window}的预约（原由您代约）。`,
      link: '/pages/service-card/hall'
    })
  }
  return ok(toBookingView({ ...b, status: 'cancelled' }))
}

export async function checkIn(
  deps: ServiceCardDeps,
  input: BookingIdInput,
  caller: Caller
): Promise<Result<BookingView, 'NOT_FOUND' | 'CHECK_IN_NOT_OPEN' | 'CONFLICT'>> {
  const b = await deps.hall.booking(input.bookingId)
  if (!b) return fail('NOT_FOUND', m.NOT_FOUND)
  const now = deps.clock.now()
  if (b.status !== 'booked')
    return fail('CONFLICT', b.status === 'checked_in' ? '已经签到过了' : '该预约已取消或已记为爽约')
  if (!checkInOpen(new Date(b.startAt), new Date(b.endAt), now)) return fail('CHECK_IN_NOT_OPEN', m.CHECK_IN_NOT_OPEN)
  if (!(await deps.hall.moveBooking(b._id, 'booked', 'checked_in', now))) return fail('CONFLICT', '已经签到过了')
  await deps.audit.record({
    actor: caller.openId,
    action: 'service-card.check-in',
    target: `hall_bookings/${b._id}`,
    data: { slotId: b.slotId }
  })
  return ok(toBookingView({ ...b, status: 'checked_in' }))
}

export async function myBookings(
  deps: ServiceCardDeps,
  input: MyBookingsInput,
  caller: Caller
): Promise<Result<Page<BookingView>, never>> {
  const page = await deps.hall.myBookings({
    residentId: caller.openId,
    itemId: input.itemId,
    now: deps.clock.now(),
    cursor: input.cursor,
    limit: PAGE_SIZE
  })
  // A pending booking is not one yet (its answer is still coming, or a retry or the timer finishes it).
  return ok({
    items: page.items.filter(b => b.status !== 'pending').map(({ materials, ...b }) => toBookingView(b, materials)),
    cursor: page.cursor
  })
}

/** The window's list for check-in: who booked this slot. */
export async function slotBookings(
  deps: ServiceCardDeps,
  input: SlotBookingsInput
): Promise<Result<SlotBookingsView, 'NOT_FOUND'>> {
  const found = await deps.hall.slotWithBookings(input.slotId)
  if (!found) return fail('NOT_FOUND', m.NOT_FOUND)
  const { slot, bookings } = found
  return ok({
    slot: toSlotView(slot),
    bookings: bookings.filter(b => b.status !== 'pending').map(b => toBookingView(b))
  })
}

/**
 * Staff cancel a slot (the window can't open): every booking on it is cancelled, its reminder
 * dropped, and each resident told — must-reach, since they would otherwise come for nothing.
 * The slot closes first (conditional), so no booking can land on it while the others are undone.
 */
export async function cancelSlot(
  deps: ServiceCardDeps,
  input: CancelSlotInput,
  caller: Caller
): Promise<Result<SlotCancelledView, 'NOT_FOUND' | 'SLOT_CLOSED'>> {
  const slot = await deps.hall.slot(input.slotId)
  if (!slot) return fail('NOT_FOUND', m.NOT_FOUND)
  const closing = { reason: input.reason, by: caller.openId, at: deps.clock.now() }
  if (await deps.hall.closeSlot(slot._id, closing)) return ok(await finishClosing(deps, { ...slot, closing }))
  // Closed already: one that stopped half-way (its marker is still there) is finished by
  // repeating it, under its first reason; a finished one says so.
  const now = await deps.hall.slot(slot._id)
  if (!now?.closing) return fail('SLOT_CLOSED', '该时段已取消')
  return ok(await finishClosing(deps, now))
}

/**
 * Cancels every booking on a closed slot and tells each resident, then audits and drops the
 * marker. Every step is safe to repeat: each booking moves once (conditional), its locks and
 * reminder go by its id, the notice and the audit entry are keyed. So the staff member's repeat
 * and the no-show timer (after the call has surely ended) both finish what a stop left.
 */
async function finishClosing(deps: ServiceCardDeps, slot: HallSlotRecord): Promise<SlotCancelledView> {
  const closing = slot.closing
  if (!closing) return { slotId: slot._id, cancelled: 0 }
  const startAt = new Date(slot.startAt)
  const now = deps.clock.now()
  let cancelled = 0
  for (const b of await deps.hall.bookingsOfSlot(slot._id)) {
    const moved =
      b.status === 'booked' &&
      (await deps.hall.moveBooking(b._id, 'booked', 'cancelled', now, { cancelledBySlot: true }))
    if (!moved && !(b.status === 'cancelled' && b.cancelledBySlot === true)) continue
    cancelled++
    await deps.hall.unlock(b.lockIds, b._id)
    await deps.notify.cancel(reminderKey(b._id))
    await deps.notify.notify({
      to: b.residentId,
      kind: 'service-card.booking-cancelled',
      key: `service-card.booking-cancelled:${b._id}`,
      title: `预约已取消：${b.itemName}`,
      body: `${shanghaiTime(startAt)} ${slot.window}因${closing.reason}暂停办理，请另约时间，给您添麻烦了。`,
      link: '/pages/service-card/bookings',
      template: 'booking',
      status: '已取消',
      // Tell them before they set out: staff phone whoever hasn't seen it an hour before.
      mustReachBy: new Date(Math.max(now.getTime(), startAt.getTime() - 60 * 60_000))
    })
  }
  await deps.audit.record({
    key: `service-card.cancel-slot:${slot._id}`,
    actor: closing.by,
    action: 'service-card.cancel-slot',
    target: `hall_slots/${slot._id}`,
    reason: closing.reason,
    data: { cancelled }
  })
  await deps.hall.closedSlot(slot._id)
  return { slotId: slot._id, cancelled }
}

/** Timer: bookings still 'booked' after their slot ended become no-shows (记录爽约). */
export async function recordNoShows(deps: ServiceCardDeps): Promise<{ recorded: number; closingsFinished: number }> {
  const now = deps.clock.now()
  // Slot cancellations left half-done first, so their bookings are told "停办", never marked no-shows.
  let closingsFinished = 0
  for (const slot of await deps.hall.closingSince(halfDoneBefore(now), 100)) {
    await finishClosing(deps, slot)
    closingsFinished++
  }
  const due = await deps.hall.endedUnattended(now, 1000)
  let recorded = 0
  for (const b of due) {
    if (await deps.hall.moveBooking(b._id, 'booked', 'no_show', now)) {
      recorded++
      await deps.hall.unlock(b.lockIds, b._id)
      await deps.audit.record({
        actor: 'system:no-shows',
        action: 'service-card.no-show',
        target: `hall_bookings/${b._id}`,
        data: { slotId: b.slotId, residentId: b.residentId }
      })
    }
  }
  return { recorded, closingsFinished, ...(await repairHalfDone(deps, now)) }
}

/**
 * What faults left half-done (see the header): pending bookings older than HALF_DONE_AFTER_MS
 * are finished (or undone when their time or seat is gone), and seats still held by bookings
 * that no longer hold one (cancelled, or never written) are given back with their locks.
 */
async function repairHalfDone(deps: ServiceCardDeps, now: Date): Promise<{ finished: number; seatsReturned: number }> {
  let finished = 0
  for (const b of await deps.hall.pendingSince(halfDoneBefore(now), 200)) {
    const [slot, item] = await Promise.all([deps.hall.slot(b.slotId), deps.catalog.item(b.itemId)])
    if (!slot) continue
    await settleBooking(deps, b, slot, item?.materials ?? [], 'system:no-shows')
    finished++
  }
  let seatsReturned = 0
  for (const slot of await deps.hall.heldSlots(now, 200)) {
    const holders = slot.seatHolders ?? []
    const byId = new Map((await deps.hall.bookingsByIds(holders)).map(b => [b._id, b]))
    for (const id of holders) {
      const b = byId.get(id)
      if (b && b.status !== 'cancelled') continue // pending ones are finished above once old enough
      if (await deps.hall.returnSeat(slot._id, id)) seatsReturned++
      if (b) await deps.hall.unlock(b.lockIds, b._id)
    }
  }
  return { finished, seatsReturned }
}
