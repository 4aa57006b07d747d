/**
 * Single-session bookings (单次报名) when staff keep seats for them: a child not enrolled for the
 * term comes to one session. Seats come from the session's own counter (one conditional
 * decrement); the booking `_id` is `${sessionId}:${childId}`, so a child holds one place per session.
 * No waitlist: a full session is answered SESSION_FULL.
 */
import { dateLabel } from '../shared/shanghai-time'
import type { Caller } from '../community/caller'
import type { Result } from '../shared/wire'
import { fail, ok } from '../shared/wire'
import type { SessionBookingRecord } from './class.model'
import { classMessages } from './class.errors'
import type { ClassesDeps } from './classes.ports'
import { isGuardianOf } from './visibility.rule'

export interface BookingView { sessionId: string, childId: string, childName: string, date: string, status: SessionBookingRecord['status'] }

export async function bookSession (deps: ClassesDeps, input: { sessionId: string, childId: string }, caller: Caller): Promise<Result<BookingView, string>> {
  const { store, clock } = deps
  const now = clock.now()
  const s = await store.session(input.sessionId)
  if (!s) return fail('NOT_FOUND', classMessages.NOT_FOUND)
  const term = await store.term(s.termId)
  if (!term) return fail('NOT_FOUND', classMessages.NOT_FOUND)
  if (term.kind !== 'class' || !(term.dropInSeats && term.dropInSeats > 0)) return fail('NO_DROP_IN', classMessages.NO_DROP_IN)
  if (s.status === 'cancelled') return fail('SESSION_CANCELLED', classMessages.SESSION_CANCELLED)
  if (now.getTime() >= s.startsAt.getTime()) return fail('SESSION_STARTED', '这次课已经开始了')
  const child = await store.child(input.childId)
  if (!child || !isGuardianOf(caller, child)) return fail('NOT_FOUND', classMessages.NOT_FOUND)
  if (term.grades.length > 0 && !term.grades.includes(child.grade)) return fail('GRADE_NOT_ELIGIBLE', classMessages.GRADE_NOT_ELIGIBLE)
  if ((await store.enrolment(`${term._id}:${child._id}`))?.status === 'enrolled') return fail('ALREADY_ENROLLED', classMessages.ALREADY_ENROLLED)

  const id = `${s._id}:${child._id}`
  const booking: SessionBookingRecord = { _id: id, sessionId: s._id, termId: term._id, childId: child._id, childName: child.name, guardianUserId: caller.openId, householdId: child.householdId, status: 'booked', bookedAt: now, updatedAt: now }
  const claimed = (await store.createBooking(booking)) || (await store.moveBooking(id, ['cancelled'], { status: 'booked', bookedAt: now, updatedAt: now }))
  if (!claimed) return fail('ALREADY_ENROLLED', classMessages.ALREADY_ENROLLED)
  if (!(await store.takeDropIn(s._id))) {
    // No seat: give the place back so the child can try another session.
    await store.moveBooking(id, ['booked'], { status: 'cancelled', updatedAt: now })
    return fail('SESSION_FULL', classMessages.SESSION_FULL)
  }
  await deps.audit.record({ actor: caller.openId, action: 'classes.book-session', target: `class_bookings/${id}` })
  await deps.notify.notify({
    to: caller.openId,
    kind: 'classes.session-booked',
    key: `classes.session-booked:${id}:${now.getTime()}`,
    title: `${term.title}单次报名成功`,
    body: `${child.name}已报名 ${dateLabel(s.date)} ${term.startTime}–${term.endTime} 的${term.title}（${s.room}）。`,
    link: '/pages/classes/index',
    template: 'booking',
    status: '报名成功',
    when: s.startsAt,
    place: s.room
  })
  return ok({ sessionId: s._id, childId: child._id, childName: child.name, date: s.date, status: 'booked' })
}

export async function cancelBooking (deps: ClassesDeps, input: { sessionId: string, childId: string }, caller: Caller): Promise<Result<BookingView, string>> {
  const id = `${input.sessionId}:${input.childId}`
  const b = await deps.store.booking(id)
  const child = b ? await deps.store.child(b.childId) : null
  if (!b || !child || !isGuardianOf(caller, child)) return fail('NOT_FOUND', classMessages.NOT_FOUND)
  const s = await deps.store.session(b.sessionId)
  if (!(await deps.store.moveBooking(id, ['booked'], { status: 'cancelled', updatedAt: deps.clock.now() }))) return fail('NOT_ENROLLED', classMessages.NOT_ENROLLED)
  await deps.store.releaseDropIn(b.sessionId)
  await deps.audit.record({ actor: caller.openId, action: 'classes.cancel-booking', target: `class_bookings/${id}` })
  return ok({ sessionId: b.sessionId, childId: b.childId, childName: b.childName, date: s?.date ?? '', status: 'cancelled' })
}
