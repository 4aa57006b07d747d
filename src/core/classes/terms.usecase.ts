/** Terms and sessions (期次与课次): staff create a term, which generates its sessions; holidays cancel. */
import type { Caller } from '../community/caller'
import { fail, ok } from '../shared/wire'
import { guardiansOf } from './visibility.rule'
import type { SessionRecord, TermRecord } from './class.model'
import { classMessages } from './class.errors'
import type { CreateTermInput } from './class.schemas'
import type { ClassesDeps } from './classes.ports'
import type { ClassesResult } from './classes.contract'
import type { SessionView, TermView } from './classes.views'
import { planSessions } from './session-plan.rule'
import type { Notice } from '../notifications/notify.ports'
import { dateLabel, shanghaiDate, shanghaiInstant } from '../shared/shanghai-time'

export function termView(t: TermRecord, now: Date): TermView {
  return {
    termId: t._id,
    kind: t.kind,
    title: t.title,
    room: t.room,
    startDate: t.startDate,
    endDate: t.endDate,
    weekdays: t.weekdays,
    startTime: t.startTime,
    endTime: t.endTime,
    capacity: t.capacity,
    seatsLeft: t.seatsLeft,
    waiting: t.waiting,
    grades: t.grades,
    enrolOpen: isEnrolOpen(t, now),
    sessionCount: t.sessionCount,
    dropInSeats: t.dropInSeats ?? 0
  }
}

export function isEnrolOpen(t: Pick<TermRecord, 'enrolOpensAt' | 'enrolClosesAt'>, now: Date): boolean {
  return now.getTime() >= t.enrolOpensAt.getTime() && now.getTime() < t.enrolClosesAt.getTime()
}

export async function createTerm(
  deps: ClassesDeps,
  input: CreateTermInput,
  caller: Caller
): Promise<ClassesResult<'createTerm'>> {
  const now = deps.clock.now()
  const endDate = input.kind === 'lecture' ? input.startDate : (input.endDate ?? input.startDate)
  const term: TermRecord = {
    _id: `term-${deps.newId()}`,
    kind: input.kind,
    title: input.title,
    room: input.room,
    startDate: input.startDate,
    endDate,
    weekdays: input.kind === 'lecture' ? [1, 2, 3, 4, 5, 6, 7] : [...new Set(input.weekdays)].sort(),
    startTime: input.startTime,
    endTime: input.endTime,
    capacity: input.capacity,
    seatsLeft: input.capacity,
    waitSeq: 0,
    waiting: 0,
    seatHolders: [],
    waiters: [],
    grades: input.kind === 'lecture' ? [] : input.grades,
    enrolOpensAt: input.enrolOpensAt ?? now,
    // By default enrolment stays open until the last session starts.
    enrolClosesAt: input.enrolClosesAt ?? shanghaiInstant(endDate, input.startTime),
    minTutors: input.kind === 'lecture' ? 0 : input.minTutors,
    offerHours: input.offerHours,
    dropInSeats: input.kind === 'lecture' ? 0 : input.dropInSeats,
    sessionCount: 0,
    createdBy: caller.openId,
    createdAt: now
  }
  const sessions = planSessions(term, input.holidays)
  if (sessions.length === 0)
    return fail('INVALID_INPUT', '这些日期里没有可上课的日子，请检查日期和星期', {
      issues: [{ path: 'payload.weekdays', message: '没有课次' }]
    })
  term.sessionCount = sessions.length
  await deps.store.insertTerm(term, sessions)
  await deps.audit.record({
    actor: caller.openId,
    action: 'classes.create-term',
    target: `class_terms/${term._id}`,
    data: { kind: term.kind, capacity: term.capacity, sessions: sessions.length }
  })
  return ok({ termId: term._id, sessions: sessions.length })
}

export async function listTerms(deps: ClassesDeps, input: { cursor?: string }): Promise<ClassesResult<'listTerms'>> {
  const now = deps.clock.now()
  const page = await deps.store.terms(input.cursor)
  return ok({ items: page.items.map(t => termView(t, now)), cursor: page.cursor })
}

export function sessionView(s: SessionRecord, caller: Pick<Caller, 'openId'>): SessionView {
  return {
    sessionId: s._id,
    termId: s.termId,
    title: s.title,
    room: s.room,
    date: s.date,
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    status: s.status,
    cancelReason: s.cancelReason,
    tutors: s.tutorIds.length,
    minTutors: s.minTutors,
    iAmTutor: s.tutorIds.includes(caller.openId)
  }
}

/** Sessions of a term from today on, 20 a page (cursor = the last date shown). */
export async function termSessions(
  deps: ClassesDeps,
  input: { termId: string; cursor?: string },
  caller: Caller
): Promise<ClassesResult<'termSessions'>> {
  const today = shanghaiDate(deps.clock.now())
  const from = input.cursor && /^\d{4}-\d{2}-\d{2}$/.test(input.cursor) ? input.cursor : null
  // The term and one more session than a page (is there a next page?) in one query; before, the
  // term, then all its sessions.
  const found = await deps.store.termWithSessions(input.termId, today, from, 21)
  if (!found) return fail('NOT_FOUND', classMessages.NOT_FOUND)
  const rows = found.sessions.slice(0, 20)
  return ok({
    items: rows.map(s => sessionView(s, caller)),
    cursor: found.sessions.length > 20 ? rows[rows.length - 1].date : null
  })
}

/**
 * A holiday or closure (停课): the session is cancelled and every enrolled family is told. The
 * notice must reach them before the session starts (mustReachBy): unread by then, staff phone them.
 */
export async function cancelSession(
  deps: ClassesDeps,
  input: { sessionId: string; reason: string },
  caller: Caller
): Promise<ClassesResult<'cancelSession'>> {
  const session = await deps.store.session(input.sessionId)
  if (!session) return fail('NOT_FOUND', classMessages.NOT_FOUND)
  const changed = await deps.store.cancelSession(session._id, input.reason)
  if (!changed && session.status !== 'cancelled') return fail('CONFLICT', classMessages.CONFLICT)
  if (changed)
    await deps.audit.record({
      actor: caller.openId,
      action: 'classes.cancel-session',
      target: `class_sessions/${session._id}`,
      reason: input.reason
    })
  // Told again on a retry is harmless: the notice key makes it one delivery per family.
  const enrolled = await deps.store.enrolmentsOfTerm(session.termId, ['enrolled'])
  const booked = await deps.store.bookingsOfSession(session._id)
  const children = await deps.store.childrenByIds([...enrolled, ...booked].flatMap(x => (x.childId ? [x.childId] : [])))
  // Every guardian of every child in the session (co-guardians too), and the adults of a
  // lecture, each told once.
  const families = new Set([
    ...enrolled.filter(e => e.childId === null).map(e => e.guardianUserId),
    ...children.flatMap(c => guardiansOf(c))
  ])
  for (const to of families) await deps.notify.notify(sessionCancelledNotice(session, input.reason, to))
  return ok({ sessionId: session._id, notified: families.size })
}

/** The 停课 notice to one family, keyed so each is told once (also a drop-in booking undone by it). */
export function sessionCancelledNotice(session: SessionRecord, reason: string, to: string): Notice {
  return {
    to,
    kind: 'classes.session-cancelled',
    key: `classes.session-cancelled:${session._id}:${to}`,
    title: `${session.title}停课通知`,
    body: `${dateLabel(session.date)} ${session.title}停课：${reason}。当天请安排孩子放学后的接送。`,
    link: '/pages/classes/index',
    template: 'status',
    status: '已取消',
    when: session.startsAt,
    place: session.room,
    mustReachBy: session.startsAt
  }
}
