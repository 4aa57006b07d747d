/**
 * Single-session bookings (单次报名) when staff keep seats for them: a child not enrolled for the
 * term comes to one session. Seats come from the session's own counter (one conditional
 * decrement); the booking `_id` is `${sessionId}:${childId}`, so a child holds one place per session.
 * No waitlist: a full session is answered SESSION_FULL.
 *
 * Faults (a request that fails, a function cut off at its timeout) between the writes: the
 * booking is written `pending` first, then takes its seat, tells the family, and becomes `booked`,
 * so a booking is `booked` only with its seat. The session lists who holds its seats
 * (`dropInHolders`, in the counter's own conditional update, server/db/seats.ts), so taking and
 * giving back are idempotent: booking again (the client's retry, or the other guardian) finishes a
 * `pending` booking without a second seat; cancelling again finishes a cancellation that stopped
 * before giving the seat back. The `half-done` timer (`repairDropIns`) finishes or undoes pending
 * bookings older than HALF_DONE_AFTER_MS and gives back seats no live booking holds.
 */
import { dateLabel } from '../shared/shanghai-time'
import type { Caller } from '../community/caller'
import { halfDoneBefore } from '../shared/half-done'
import type { Result } from '../shared/wire'
import { fail, ok } from '../shared/wire'
import type { SessionBookingRecord, SessionRecord, TermRecord } from './class.model'
import { classMessages } from './class.errors'
import type { ClassesDeps } from './classes.ports'
import type { ClassesResult } from './classes.contract'
import type { BookingView } from './classes.views'
import { sessionCancelledNotice } from './terms.usecase'
import { isGuardianOf } from './visibility.rule'

/**
 * The name a booking holds its seat under: the booking and when it was (re)made. A booking
 * cancelled and made again is a new holder, so giving back the old one's seat (a late retry, the
 * timer) can never take the new one's.
 */
export const dropInHolder = (b: Pick<SessionBookingRecord, '_id' | 'bookedAt'>): string =>
  `${b._id}@${new Date(b.bookedAt).getTime()}`

const SWEEPER = 'system:classes-half-done'

export async function bookSession(
  deps: ClassesDeps,
  input: { sessionId: string; childId: string },
  caller: Caller
): Promise<ClassesResult<'bookSession'>> {
  const { store, clock } = deps
  const now = clock.now()
  const s = await store.session(input.sessionId)
  if (!s) return fail('NOT_FOUND', classMessages.NOT_FOUND)
  const term = await store.term(s.termId)
  if (!term) return fail('NOT_FOUND', classMessages.NOT_FOUND)
  if (term.kind !== 'class' || !(term.dropInSeats && term.dropInSeats > 0))
    return fail('NO_DROP_IN', classMessages.NO_DROP_IN)
  if (s.status === 'cancelled') return fail('SESSION_CANCELLED', classMessages.SESSION_CANCELLED)
  if (now.getTime() >= s.startsAt.getTime()) return fail('SESSION_STARTED', '这次课已经开始了')
  const child = await store.child(input.childId)
  if (!child || !isGuardianOf(caller, child)) return fail('NOT_FOUND', classMessages.NOT_FOUND)
  if (term.grades.length > 0 && !term.grades.includes(child.grade))
    return fail('GRADE_NOT_ELIGIBLE', classMessages.GRADE_NOT_ELIGIBLE)
  if ((await store.enrolment(`${term._id}:${child._id}`))?.status === 'enrolled')
    return fail('ALREADY_ENROLLED', classMessages.ALREADY_ENROLLED)

  const id = `${s._id}:${child._id}`
  let b = await store.booking(id)
  if (b === null || b.status === 'cancelled') {
    // New, or made again after a cancellation: one insert / one conditional move, so of two taps
    // at once one makes it and the other finishes that same booking below.
    const fields = { status: 'pending' as const, guardianUserId: caller.openId, bookedAt: now, updatedAt: now }
    const claimed =
      b === null
        ? await store.createBooking({
            _id: id,
            sessionId: s._id,
            termId: term._id,
            childId: child._id,
            childName: child.name,
            householdId: child.householdId,
            ...fields
          })
        : await store.moveBooking(id, ['cancelled'], fields)
    b = await store.booking(id)
    if (!claimed && b?.status === 'cancelled') return fail('CONFLICT', classMessages.CONFLICT)
  }
  // A pending booking is one a call (this one, or an earlier attempt that stopped) has not finished.
  if (b?.status !== 'pending') return fail('ALREADY_ENROLLED', classMessages.ALREADY_ENROLLED)
  return await settleBooking(deps, b, s, term, caller.openId)
}

/**
 * Takes the booking's seat, tells the family and marks it booked; each step is idempotent for
 * this booking, so the booking call, its retry and the timer all run it. No seat: the booking
 * ends `cancelled`, so the child can try another session.
 */
async function settleBooking(
  deps: ClassesDeps,
  b: SessionBookingRecord,
  s: SessionRecord,
  term: TermRecord,
  actor: string
): Promise<Result<BookingView, 'SESSION_FULL' | 'SESSION_CANCELLED'>> {
  const { store } = deps
  const now = deps.clock.now()
  const booked = ok({
    sessionId: b.sessionId,
    childId: b.childId,
    childName: b.childName,
    date: s.date,
    status: 'booked' as const
  })
  const undo = async <C extends 'SESSION_FULL' | 'SESSION_CANCELLED'>(code: C): Promise<Result<never, C>> => {
    if (await store.moveBooking(b._id, ['pending'], { status: 'cancelled', updatedAt: now })) {
      const target = `class_bookings/${b._id}`
      await deps.audit.record({ actor, action: 'classes.book-session-undone', target, reason: classMessages[code] })
    }
    return fail(code, classMessages[code])
  }
  // Staff closed the session (停课) before the booking was finished (the timer, a late retry): its
  // notice went to booked families only, so this one is undone, and told (same key: once) in case
  // the stopped call had already told it booked.
  if (s.status === 'cancelled') {
    await store.releaseDropIn(s._id, dropInHolder(b))
    await deps.notify.notify(sessionCancelledNotice(s, s.cancelReason ?? '临时调整', b.guardianUserId))
    return await undo('SESSION_CANCELLED')
  }
  // No seat: the place is given back so the child can try another session.
  if (!(await store.takeDropIn(s._id, dropInHolder(b)))) return await undo('SESSION_FULL')
  await deps.audit.record({ actor, action: 'classes.book-session', target: `class_bookings/${b._id}` })
  // Keyed by the booking and when it was made: told once per booking, whoever finishes it.
  await deps.notify.notify({
    to: b.guardianUserId,
    kind: 'classes.session-booked',
    key: `classes.session-booked:${dropInHolder(b)}`,
    title: `${term.title}单次报名成功`,
    body: `${b.childName}已报名 ${dateLabel(s.date)} ${term.startTime}–${term.endTime} 的${term.title}（${s.room}）。`,
    link: '/pages/classes/index',
    template: 'booking',
    status: '报名成功',
    when: s.startsAt,
    place: s.room
  })
  if (await store.moveBooking(b._id, ['pending'], { status: 'booked', updatedAt: now })) return booked
  // Another attempt at the same booking got there first (booked), or undid it (cancelled: its
  // seat, if this call took one after the undo, is given back by the timer).
  return (await store.booking(b._id))?.status === 'booked' ? booked : fail('SESSION_FULL', classMessages.SESSION_FULL)
}

export async function cancelBooking(
  deps: ClassesDeps,
  input: { sessionId: string; childId: string },
  caller: Caller
): Promise<ClassesResult<'cancelBooking'>> {
  const id = `${input.sessionId}:${input.childId}`
  const b = await deps.store.booking(id)
  const child = b ? await deps.store.child(b.childId) : null
  if (!b || !child || !isGuardianOf(caller, child)) return fail('NOT_FOUND', classMessages.NOT_FOUND)
  const s = await deps.store.session(b.sessionId)
  // Conditional on `booked`: a double tap cancels once. Already cancelled: this may be the retry
  // of a cancellation that stopped before giving the seat back, so give it back (idempotent).
  const moved =
    b.status === 'booked' &&
    (await deps.store.moveBooking(id, ['booked'], { status: 'cancelled', updatedAt: deps.clock.now() }))
  if (!moved && b.status !== 'cancelled') return fail('NOT_ENROLLED', classMessages.NOT_ENROLLED)
  // Recorded before the seat goes back: a stop in between is recorded again by the retry that
  // gives it back (twice rather than never).
  const audit = async (): Promise<void> => {
    await deps.audit.record({ actor: caller.openId, action: 'classes.cancel-booking', target: `class_bookings/${id}` })
  }
  if (moved) await audit()
  if ((await deps.store.releaseDropIn(b.sessionId, dropInHolder(b))) && !moved) await audit()
  return ok({
    sessionId: b.sessionId,
    childId: b.childId,
    childName: b.childName,
    date: s?.date ?? '',
    status: 'cancelled'
  })
}

export interface DropInRepair {
  bookingsFinished: number
  dropInsReturned: number
}

/**
 * Timer job (`half-done`): what faults left of single-session bookings, finished or undone; every
 * step is conditional and idempotent, so meeting a call finishing the same booking does nothing
 * twice.
 * - pending bookings older than HALF_DONE_AFTER_MS: seat, told, booked (or undone when full or
 *   the session was closed);
 * - seats of sessions not yet ended held by no live booking (cancelled, re-made, never written):
 *   given back.
 */
export async function repairDropIns(deps: ClassesDeps): Promise<DropInRepair> {
  const { store } = deps
  const now = deps.clock.now()
  let bookingsFinished = 0
  for (const b of await store.pendingBookingsSince(halfDoneBefore(now))) {
    const s = await store.session(b.sessionId)
    const term = s ? await store.term(s.termId) : null
    if (!s || !term) continue
    await settleBooking(deps, b, s, term, SWEEPER)
    bookingsFinished++
  }
  let dropInsReturned = 0
  for (const s of await store.heldDropIns(now)) {
    const holders = s.dropInHolders ?? []
    const live = new Set(
      (await store.bookingsByIds(holders.map(h => h.slice(0, h.lastIndexOf('@')))))
        .filter(b => b.status !== 'cancelled')
        .map(dropInHolder)
    )
    for (const h of holders) {
      // A young pending booking holds its seat live too: it is finished above once old enough.
      if (live.has(h) || !(await store.releaseDropIn(s._id, h))) continue
      dropInsReturned++
      await deps.audit.record({
        actor: SWEEPER,
        action: 'classes.drop-in-returned',
        target: `class_sessions/${s._id}`,
        data: { holder: h }
      })
    }
  }
  return { bookingsFinished, dropInsReturned }
}
