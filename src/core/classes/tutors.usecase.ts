/** Tutors (辅导老师) sign up for sessions; a session short of tutors warns staff two days ahead. */
import type { Caller } from '../community/caller'
import { fail, ok } from '../shared/wire'
import { classMessages } from './class.errors'
import type { ClassesDeps } from './classes.ports'
import type { ClassesResult } from './classes.contract'
import { addDays, dateLabel, shanghaiDate } from '../shared/shanghai-time'
import { sessionView } from './terms.usecase'

export const SHORTAGE_DAYS_AHEAD = 2

export async function signUpTutor(
  deps: ClassesDeps,
  input: { sessionId: string },
  caller: Caller
): Promise<ClassesResult<'signUpTutor'>> {
  const s = await deps.store.session(input.sessionId)
  if (!s) return fail('NOT_FOUND', classMessages.NOT_FOUND)
  if (s.status === 'cancelled') return fail('SESSION_CANCELLED', classMessages.SESSION_CANCELLED)
  if (s.endsAt.getTime() <= deps.clock.now().getTime()) return fail('SESSION_STARTED', '这次课已经结束了')
  // addToSet: signing up twice (a double tap) keeps one entry.
  await deps.store.addTutor(s._id, caller.openId)
  await deps.audit.record({ actor: caller.openId, action: 'classes.tutor-sign-up', target: `class_sessions/${s._id}` })
  const after = await deps.store.session(s._id)
  return ok(sessionView(after ?? s, caller))
}

export async function withdrawTutor(
  deps: ClassesDeps,
  input: { sessionId: string },
  caller: Caller
): Promise<ClassesResult<'withdrawTutor'>> {
  const s = await deps.store.session(input.sessionId)
  if (!s) return fail('NOT_FOUND', classMessages.NOT_FOUND)
  await deps.store.removeTutor(s._id, caller.openId)
  await deps.audit.record({ actor: caller.openId, action: 'classes.tutor-withdraw', target: `class_sessions/${s._id}` })
  const after = await deps.store.session(s._id)
  return ok(sessionView(after ?? s, caller))
}

/**
 * Staff put a tutor on a session (安排辅导老师): a retired teacher who phoned the office, or the
 * answer to a shortage warning. Only users with the tutor role; the tutor is told, and can
 * withdraw like anyone who signed up.
 */
export async function assignTutor(
  deps: ClassesDeps,
  input: { sessionId: string; userId: string },
  caller: Caller
): Promise<ClassesResult<'assignTutor'>> {
  const s = await deps.store.session(input.sessionId)
  if (!s) return fail('NOT_FOUND', classMessages.NOT_FOUND)
  if (s.status === 'cancelled') return fail('SESSION_CANCELLED', classMessages.SESSION_CANCELLED)
  if (s.endsAt.getTime() <= deps.clock.now().getTime()) return fail('SESSION_STARTED', '这次课已经结束了')
  if (!(await deps.store.userRoles(input.userId)).includes('tutor'))
    return fail('NOT_A_TUTOR', classMessages.NOT_A_TUTOR)
  // addToSet: assigning someone already on the session changes nothing (false) and tells nobody.
  const added = await deps.store.addTutor(s._id, input.userId)
  const after = await deps.store.session(s._id)
  if (!after || after.status !== 'scheduled') return fail('SESSION_CANCELLED', classMessages.SESSION_CANCELLED)
  if (!added) return ok(sessionView(after, caller))
  await deps.audit.record({
    actor: caller.openId,
    action: 'classes.tutor-assign',
    target: `class_sessions/${s._id}`,
    data: { tutor: input.userId }
  })
  await deps.notify.notify({
    to: input.userId,
    kind: 'classes.tutor-assigned',
    key: `classes.tutor-assigned:${s._id}:${input.userId}`,
    title: '请您来四点半课堂辅导',
    body: `社工为您安排了 ${dateLabel(s.date)} ${s.title}（${s.room}）的辅导。如果来不了，请在“今天的课”页面取消报名，或直接联系社工。`,
    link: '/pages/classes/tutor',
    template: 'booking',
    status: '已安排',
    when: s.startsAt,
    place: s.room
  })
  return ok(sessionView(after, caller))
}

/** The tutors staff can put on a session, 20 a page. */
export async function tutorPool(deps: ClassesDeps, input: { cursor?: string }): Promise<ClassesResult<'tutorPool'>> {
  const page = await deps.store.tutorPool(input.cursor)
  return ok({ items: page.items.map(u => ({ userId: u._id, name: u.name ?? '辅导老师' })), cursor: page.cursor })
}

/** Sessions of the next 14 days for a tutor to sign up, 20 a page (cursor = last session id). */
export async function upcomingSessions(
  deps: ClassesDeps,
  input: { cursor?: string },
  caller: Caller
): Promise<ClassesResult<'upcomingSessions'>> {
  const today = shanghaiDate(deps.clock.now())
  // The 14 days in one query (one a day before: 15 requests a call of the tutor page).
  const sorted = (await deps.store.sessionsBetween(today, addDays(today, 13)))
    .filter(s => s.status === 'scheduled')
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a._id.localeCompare(b._id))
  const start = input.cursor ? sorted.findIndex(s => s._id === input.cursor) + 1 : 0
  const rows = sorted.slice(start, start + 20)
  return ok({
    items: rows.map(s => sessionView(s, caller)),
    cursor: start + 20 < sorted.length ? rows[rows.length - 1]._id : null
  })
}

/** Timer job (daily): sessions two days ahead with fewer tutors than needed → staff are told once. */
export async function warnShortOfTutors(deps: ClassesDeps): Promise<{ warned: number }> {
  const now = deps.clock.now()
  const day = addDays(shanghaiDate(now), SHORTAGE_DAYS_AHEAD)
  const short = (await deps.store.sessionsOn(day)).filter(
    s => s.status === 'scheduled' && s.tutorIds.length < s.minTutors
  )
  const staff = await deps.store.staffIds()
  let warned = 0
  for (const s of short) {
    // Marked once; the notice keys also dedupe, so a re-run never tells staff twice.
    await deps.store.markShortWarned(s._id, now)
    warned++
    for (const to of staff) {
      await deps.notify.notify({
        to,
        kind: 'classes.tutors-short',
        key: `classes.tutors-short:${s._id}:${to}`,
        title: '四点半课堂缺辅导老师',
        body: `${dateLabel(s.date)} ${s.title}（${s.room}）现有 ${s.tutorIds.length} 位辅导老师，至少需要 ${s.minTutors} 位，请尽快安排。`,
        // Straight to the term's sessions, where "安排辅导老师" is.
        link: '/pages/classes/staff',
        template: 'status',
        status: '待安排'
      })
    }
  }
  return { warned }
}
