/**
 * Attendance and the pickup hand-over (签到与接送). Tutors act only on sessions they signed up
 * for (staff on any); the hand-over needs the adult's own pickup code, which must belong to an
 * adult on the child's authorised list, and is recorded once (who collected whom, when, confirmed by).
 */
import type { Caller } from '../community/caller'
import { fail, ok } from '../shared/wire'
import type { AttendanceMark, AttendanceRecord, ChildRecord, SessionRecord } from './class.model'
import { classMessages } from './class.errors'
import type { ClassesDeps, SessionRoster } from './classes.ports'
import type { ClassesResult } from './classes.contract'
import type { RosterChild, SessionSheet } from './classes.views'
import { authorisedAdult, isOverdue, OVERDUE_AFTER_MS } from './pickup.rule'
import { dateLabel, shanghaiDate, shanghaiHHmm } from '../shared/shanghai-time'
import { sessionView } from './terms.usecase'
import { guardiansOf, isClassStaff, isGuardianOf } from './visibility.rule'

/** Tutor on this session (signed up) or staff. */
function mayRunSession(caller: Caller, s: SessionRecord): boolean {
  return isClassStaff(caller) || s.tutorIds.includes(caller.openId)
}

/** A session's attendance sheet: its children (term seats and single sessions) by name, with their marks. */
export function sessionSheet(r: SessionRoster, caller: Caller): SessionSheet {
  // The term's children and today's single-session ones (单次), each once.
  const seated = [
    ...r.seats.map(e => ({ childId: e.childId, childName: e.childName })),
    ...r.bookings.map(b => ({ childId: b.childId, childName: b.childName }))
  ]
  const enrolled = seated.filter((e, i) => e.childId !== null && seated.findIndex(x => x.childId === e.childId) === i)
  const byChild = new Map(r.marks.map(a => [a.childId, a]))
  const records = new Map(r.children.map(c => [c._id, c]))
  const children: RosterChild[] = []
  for (const e of enrolled) {
    if (!e.childId) continue
    const c = records.get(e.childId)
    const a = byChild.get(e.childId)
    children.push({
      childId: e.childId,
      name: e.childName,
      grade: c?.grade ?? '',
      allergies: c?.allergies ?? '',
      status: a?.status ?? null,
      reportedByGuardian: a?.reportedByGuardian ?? false,
      pickup: a?.pickup ? { name: a.pickup.name, relation: a.pickup.relation, at: a.pickup.at.toISOString() } : null,
      pickupAdults: (c?.pickupAdults ?? []).map(p => ({ name: p.name, relation: p.relation }))
    })
  }
  children.sort((a, b) => a.name.localeCompare(b.name, 'zh'))
  return { session: sessionView(r.session, caller), children }
}

/** The tutor's sessions today (staff: all of today's), each with its roster. */
export async function todaySessions(
  deps: ClassesDeps,
  _input: unknown,
  caller: Caller
): Promise<ClassesResult<'todaySessions'>> {
  const today = shanghaiDate(deps.clock.now())
  // The day's sessions with their rosters in one query (before: the sessions, then for each its
  // seats, bookings and marks, and each child's record).
  const rosters = (await deps.store.sessionRostersOn(today)).filter(
    r => r.session.status === 'scheduled' && mayRunSession(caller, r.session)
  )
  return ok({ date: today, sessions: rosters.slice(0, 20).map(r => sessionSheet(r, caller)) })
}

async function seatedChild(deps: ClassesDeps, s: SessionRecord, childId: string): Promise<ChildRecord | null> {
  const e = await deps.store.enrolment(`${s.termId}:${childId}`)
  if (e?.status !== 'enrolled' && (await deps.store.booking(`${s._id}:${childId}`))?.status !== 'booked') return null
  return await deps.store.child(childId)
}

function row(
  s: SessionRecord,
  child: ChildRecord,
  guardian: string,
  status: AttendanceMark,
  byGuardian: boolean,
  note: string | null,
  by: string,
  at: Date
): AttendanceRecord {
  return {
    _id: `${s._id}:${child._id}`,
    sessionId: s._id,
    termId: s.termId,
    childId: child._id,
    childName: child.name,
    guardianUserId: guardian,
    status,
    reportedByGuardian: byGuardian,
    note,
    markedBy: by,
    markedAt: at,
    sessionEndsAt: s.endsAt,
    pickup: null,
    overdueAlertedAt: null
  }
}

export async function markAttendance(
  deps: ClassesDeps,
  input: { sessionId: string; childId: string; status: AttendanceMark; note?: string },
  caller: Caller
): Promise<ClassesResult<'markAttendance'>> {
  const s = await deps.store.session(input.sessionId)
  if (!s) return fail('NOT_FOUND', classMessages.NOT_FOUND)
  if (!mayRunSession(caller, s)) return fail('NOT_TUTOR_TODAY', classMessages.NOT_TUTOR_TODAY)
  if (s.status === 'cancelled') return fail('SESSION_CANCELLED', classMessages.SESSION_CANCELLED)
  const child = await seatedChild(deps, s, input.childId)
  if (!child) return fail('NOT_ENROLLED', classMessages.NOT_ENROLLED)
  const now = deps.clock.now()
  const before = await deps.store.attendance(`${s._id}:${child._id}`)
  const rec = row(
    s,
    child,
    child.guardianUserId ?? '',
    input.status,
    before?.reportedByGuardian ?? false,
    input.note ?? before?.note ?? null,
    caller.openId,
    now
  )
  if (!(await deps.store.putAttendance(rec))) return fail('ALREADY_PICKED_UP', classMessages.ALREADY_PICKED_UP)
  await deps.audit.record({
    actor: caller.openId,
    action: 'classes.mark-attendance',
    target: `class_attendance/${rec._id}`,
    data: { status: input.status }
  })
  if (input.status === 'absent' && !rec.reportedByGuardian) {
    // Not reported ahead and not here: every guardian should know now, not at 18:00.
    for (const to of guardiansOf(child)) {
      await deps.notify.notify({
        to,
        kind: 'classes.absent',
        key: `classes.absent:${rec._id}`,
        title: '孩子今天没有到四点半课堂',
        body: `${child.name}今天（${dateLabel(s.date)}）没有到${s.title}，也没有请假。请确认孩子的去向。`,
        link: '/pages/classes/index',
        template: 'status',
        status: '未到',
        urgent: true
      })
    }
  }
  return ok(input.status)
}

/** The guardian reports ahead that the child won't come (请假); only before the session starts. */
export async function reportAbsence(
  deps: ClassesDeps,
  input: { sessionId: string; childId: string; note?: string },
  caller: Caller
): Promise<ClassesResult<'reportAbsence'>> {
  const s = await deps.store.session(input.sessionId)
  if (!s) return fail('NOT_FOUND', classMessages.NOT_FOUND)
  const child = await seatedChild(deps, s, input.childId)
  if (!child || !isGuardianOf(caller, child)) return fail('NOT_FOUND', classMessages.NOT_FOUND)
  const now = deps.clock.now()
  if (now.getTime() >= s.startsAt.getTime()) return fail('SESSION_STARTED', classMessages.SESSION_STARTED)
  const rec = row(s, child, caller.openId, 'absent', true, input.note ?? null, caller.openId, now)
  await deps.store.putAttendance(rec)
  await deps.audit.record({
    actor: caller.openId,
    action: 'classes.report-absence',
    target: `class_attendance/${rec._id}`
  })
  return ok({ sessionId: s._id, childId: child._id })
}

export async function handOver(
  deps: ClassesDeps,
  input: { sessionId: string; childId: string; code: string },
  caller: Caller
): Promise<ClassesResult<'handOver'>> {
  const s = await deps.store.session(input.sessionId)
  if (!s) return fail('NOT_FOUND', classMessages.NOT_FOUND)
  if (!mayRunSession(caller, s)) return fail('NOT_TUTOR_TODAY', classMessages.NOT_TUTOR_TODAY)
  const child = await seatedChild(deps, s, input.childId)
  if (!child) return fail('NOT_ENROLLED', classMessages.NOT_ENROLLED)
  const att = await deps.store.attendance(`${s._id}:${child._id}`)
  if (!att || att.status === 'absent') return fail('NOT_PRESENT', classMessages.NOT_PRESENT)
  if (att.pickup)
    return fail('ALREADY_PICKED_UP', classMessages.ALREADY_PICKED_UP, {
      name: att.pickup.name,
      at: att.pickup.at.toISOString()
    })
  const now = deps.clock.now()
  const adult = authorisedAdult(child.pickupAdults ?? [], input.code)
  if (!adult) {
    await deps.audit.record({
      actor: caller.openId,
      action: 'classes.pickup-refused',
      target: `class_attendance/${att._id}`,
      reason: '接送码不在授权名单上'
    })
    for (const to of guardiansOf(child)) {
      await deps.notify.notify({
        to,
        kind: 'classes.pickup-refused',
        key: `classes.pickup-refused:${att._id}:${now.getTime()}`,
        title: '有人未能接走孩子',
        body: `${shanghaiHHmm(now)} 有人来接${child.name}，但出示的接送码不在您的授权名单上，老师没有放行。孩子仍在课堂。`,
        link: '/pages/classes/index',
        template: 'alert',
        when: now,
        urgent: true
      })
    }
    return fail('PICKUP_REFUSED', classMessages.PICKUP_REFUSED)
  }
  const pickup = {
    adultId: adult.adultId,
    name: adult.name,
    relation: adult.relation,
    at: now,
    confirmedBy: caller.openId
  }
  // Conditional on no pickup recorded yet: two tutors confirming at once record one hand-over.
  if (!(await deps.store.recordPickup(att._id, pickup)))
    return fail('ALREADY_PICKED_UP', classMessages.ALREADY_PICKED_UP)
  await deps.audit.record({
    actor: caller.openId,
    action: 'classes.hand-over',
    target: `class_attendance/${att._id}`,
    data: { adultId: adult.adultId, relation: adult.relation }
  })
  for (const to of guardiansOf(child)) {
    await deps.notify.notify({
      to,
      kind: 'classes.picked-up',
      key: `classes.picked-up:${att._id}`,
      title: '孩子已被接走',
      body: `${child.name}已于 ${shanghaiHHmm(now)} 由${adult.name}（${adult.relation}）接走。`,
      link: '/pages/classes/index',
      template: 'status',
      status: '已接走'
    })
  }
  return ok({ childName: child.name, name: adult.name, relation: adult.relation, at: now.toISOString() })
}

/** Timer job: a child present and not collected 30 min after the end alerts guardians and staff, once. */
export async function alertNotCollected(deps: ClassesDeps): Promise<{ alerted: number }> {
  const now = deps.clock.now()
  // Only today's evening: a hand-over nobody recorded last week is not an emergency now.
  const since = new Date(now.getTime() - 6 * 3600_000)
  const rows = (await deps.store.notCollected(since, new Date(now.getTime() - OVERDUE_AFTER_MS))).filter(a =>
    isOverdue(a, now)
  )
  if (rows.length === 0) return { alerted: 0 }
  const staff = await deps.store.staffIds()
  let alerted = 0
  for (const a of rows) {
    if (!(await deps.store.markOverdueAlerted(a._id, now))) continue
    alerted++
    const s = await deps.store.session(a.sessionId)
    const child = await deps.store.child(a.childId)
    await deps.audit.record({
      actor: 'system:classes-pickup',
      action: 'classes.not-collected',
      target: `class_attendance/${a._id}`
    })
    const family = new Set([a.guardianUserId, ...(child ? guardiansOf(child) : [])].filter(Boolean))
    for (const to of new Set([...family, ...staff])) {
      await deps.notify.notify({
        to,
        kind: 'classes.not-collected',
        key: `classes.not-collected:${a._id}:${to}`,
        title: '孩子还没有被接走',
        body: `${a.childName}在${s?.title ?? '四点半课堂'}（${s?.room ?? ''}）下课已超过 30 分钟，还没有被接走，请尽快联系。`,
        // Staff act from today's sessions (roster, hand-over); the guardians' own page would refuse them.
        link: family.has(to) ? '/pages/classes/index' : '/pages/classes/tutor',
        template: 'alert',
        when: now,
        urgent: true
      })
    }
  }
  return { alerted }
}
