/**
 * Enrolment and the waitlist that runs itself (报名与候补).
 *
 * Invariants, each kept by the database and not by reading first:
 * - seats are never oversold: a seat is taken by one conditional decrement of the term's
 *   `seatsLeft` (store.takeSeat), and given back by one increment;
 * - a child holds at most one place per term: the enrolment `_id` is `${termId}:${childId}`,
 *   created by one insert (a second insert of the same `_id` fails);
 * - FIFO: a waitlisted child gets the next number of the term's counter, incremented atomically
 *   (store.joinWaitlist); offers go to the lowest number. A counter rather than createdAt+_id:
 *   many requests land in the same millisecond and function instances' clocks differ, so
 *   timestamps would order ties by id, not by arrival; the database serialises the increments,
 *   so the numbers are the order in which it served the requests, without ties. A newcomer may
 *   take a free seat only when nobody waits, so a seat freed by a cancellation can't be
 *   snatched past the line.
 * - promotion is idempotent: it offers only to `waitlisted` enrolments, one seat each, each step a
 *   conditional update, so a re-run (timer, retry, two cancellations at once) never double-offers.
 *
 * Faults (a request that fails, a function cut off at its timeout) between two of these writes:
 * the term lists who holds its seats and who is counted in its line, in the same conditional
 * updates as the counters, so every step is idempotent and can be checked afterwards. An enrol
 * that stopped half-way leaves a `pending` enrolment: enrolling again (the client's retry, or a
 * co-guardian) finishes it; one that finished but lost its answer is answered to its own retry
 * (the same requestId, stamped on the enrolment), while any other attempt is ALREADY_ENROLLED;
 * the waitlist timer (`runWaitlist`, every 5 minutes) finishes every pending one older than
 * HALF_DONE_AFTER_MS, gives back seats still held by cancelled or lapsed enrolments, takes them
 * out of the line count, and tells open offers that were never told. The family is
 * told before the enrolment leaves `pending` (keyed, so once), so a settled enrolment was told.
 */
import type { Caller } from '../community/caller'
import type { CallInfo, Result } from '../shared/wire'
import { fail, isRetryOf, ok } from '../shared/wire'
import type { ChildRecord, EnrolmentRecord, TermRecord } from './class.model'
import { classMessages } from './class.errors'
import type { ClassesDeps } from './classes.ports'
import type { ClassesResult } from './classes.contract'
import type { EnrolmentView, MyEnrolment } from './classes.views'
import { enrolmentId, fromStates, holdsSeat, isActive, statusLabels } from './enrolment.machine'
import { dateLabel, shanghaiDate, shanghaiHHmm, shanghaiTime } from '../shared/shanghai-time'
import { isEnrolOpen } from './terms.usecase'
import { offerDeadline } from './offer.rule'
import { halfDoneBefore } from '../shared/half-done'
import { guardiansOf, isClassStaff, isGuardianOf } from './visibility.rule'

function view(e: EnrolmentRecord, termTitle: string, ahead: number | null = null): EnrolmentView {
  return {
    termId: e.termId,
    termTitle,
    childId: e.childId,
    childName: e.childName,
    status: e.status,
    statusLabel: statusLabels[e.status],
    waitNumber: e.waitSeq,
    ahead,
    offerExpiresAt: e.offerExpiresAt ? e.offerExpiresAt.toISOString() : null
  }
}

interface Who {
  childId: string | null
  childName: string
  householdId: string | null
  guardians: string[]
}

/** The child (or, for a parent-school lecture, the adult) this caller may enrol. */
function whoIsEnrolled(
  term: TermRecord,
  childId: string | undefined,
  child: ChildRecord | null,
  caller: Caller
): Result<Who, 'INVALID_INPUT' | 'NOT_FOUND' | 'GRADE_NOT_ELIGIBLE'> {
  if (term.kind === 'lecture')
    return ok({
      childId: null,
      childName: caller.name ?? '家长',
      householdId: caller.householdId,
      guardians: [caller.openId]
    })
  if (!childId)
    return fail('INVALID_INPUT', '请选择要报名的孩子', { issues: [{ path: 'payload.childId', message: '请选择孩子' }] })
  if (!child || !isGuardianOf(caller, child)) return fail('NOT_FOUND', classMessages.NOT_FOUND)
  if (term.grades.length > 0 && !term.grades.includes(child.grade))
    return fail('GRADE_NOT_ELIGIBLE', classMessages.GRADE_NOT_ELIGIBLE)
  return ok({
    childId: child._id,
    childName: child.name,
    householdId: child.householdId,
    guardians: guardiansOf(child)
  })
}

/**
 * Who hears about an enrolment: every current guardian of the child (co-guardians too; one who
 * was removed no longer hears, even if they made it), or the adult of a lecture place.
 */
async function recipientsOf(deps: ClassesDeps, e: EnrolmentRecord): Promise<string[]> {
  if (!e.childId) return [e.guardianUserId]
  const child = await deps.store.child(e.childId)
  return child ? guardiansOf(child) : []
}

/** Who may answer for an enrolment: the child's current guardians, or the adult of a lecture place. */
async function mayActFor(deps: ClassesDeps, e: EnrolmentRecord, caller: Caller): Promise<boolean> {
  if (!e.childId) return e.guardianUserId === caller.openId
  const child = await deps.store.child(e.childId)
  return child !== null && isGuardianOf(caller, child)
}

export async function enrol(
  deps: ClassesDeps,
  input: { termId: string; childId?: string },
  caller: Caller,
  call: CallInfo
): Promise<ClassesResult<'enrol'>> {
  const { store, clock } = deps
  const now = clock.now()
  // The term and the child in one request rather than two, read by the router beside the caller
  // when it could (call.joined): the rush's cost, issue 19: enrol ≤ 6.
  const { term, child } = await store.termWithChild(input.termId, input.childId ?? null, call.joined)
  if (!term) return fail('NOT_FOUND', classMessages.NOT_FOUND)
  if (!isEnrolOpen(term, now)) return fail('TERM_NOT_OPEN', classMessages.TERM_NOT_OPEN)
  const who = whoIsEnrolled(term, input.childId, child, caller)
  if (!who.ok) return who
  const { childId, childName, householdId } = who.value

  // 1. Claim the child's one place in this term (deterministic _id: one insert wins).
  const id = enrolmentId(term._id, childId, caller.openId)
  const fresh: EnrolmentRecord = {
    _id: id,
    termId: term._id,
    childId,
    childName,
    guardianUserId: caller.openId,
    householdId,
    status: 'pending',
    waitSeq: null,
    offerExpiresAt: null,
    requestedAt: now,
    updatedAt: now,
    requestId: call.requestId
  }
  let e = fresh
  const made = await store.createEnrolment(fresh)
  if (!made) {
    const existing = await store.enrolment(id)
    // An enrol that stopped half-way (ours, retried; or a co-guardian's): finish it.
    if (existing?.status === 'pending') e = existing
    // This very request made it and lost its answer (cut off, or the router failed to store the
    // response): answer what it made (enrolled, its waitlist number, an offer since), as it stands.
    else if (existing && isRetryOf(call, caller.openId, existing, existing.guardianUserId))
      return ok(view(existing, term.title))
    // Enrolled before and left (cancelled, offer lapsed): come back, again by a conditional update.
    else if (
      !(await store.moveEnrolment(id, fromStates('pending'), {
        status: 'pending',
        guardianUserId: caller.openId,
        waitSeq: null,
        offerExpiresAt: null,
        requestedAt: now,
        updatedAt: now,
        requestId: call.requestId
      }))
    ) {
      // Another tap, or a co-guardian: the child already holds a place (or a line number).
      return fail('ALREADY_ENROLLED', classMessages.ALREADY_ENROLLED)
    }
  }
  // A fresh enrolment holds no seat and is in no line, and the term was just read: settling it
  // needs no second look (fewer database requests per enrol: the rush's cost).
  const settled = await settleEnrolment(
    deps,
    term,
    e,
    caller.openId,
    made ? { term, guardians: who.value.guardians } : null
  )
  return ok(view(settled, term.title))
}

/** What the enrol call itself knows about a fresh enrolment: the term as it read it, the child's guardians. */
interface FreshFacts {
  term: TermRecord
  guardians: string[]
}

/**
 * 2. A seat if one is free and nobody waits; else the next waitlist number. Every step is
 * idempotent, so this finishes a pending enrolment wherever its first attempt stopped: the
 * enrol itself, its retry, and the waitlist timer all run it.
 */
async function settleEnrolment(
  deps: ClassesDeps,
  term: TermRecord,
  e: EnrolmentRecord,
  actor: string,
  fresh: FreshFacts | null = null
): Promise<EnrolmentRecord> {
  const { store, clock } = deps
  const now = clock.now()
  // A fresh enrolment skips the seat when the term it just read had none free for a newcomer
  // (no seat left, or people waiting): takeSeat would refuse. A seat freed since then is found
  // by the check after joining the line below, as for a seat freed during the join.
  const mayTake = fresh === null || (fresh.term.seatsLeft > 0 && (fresh.term.waiting ?? 0) === 0)
  if (mayTake && (await store.takeSeat(term._id, e._id, fresh !== null))) {
    const enrolled = { ...e, status: 'enrolled' as const }
    // Told and audited before leaving `pending`: a stop after this is finished by a retry or the
    // timer, which tell again under the same key (once).
    await deps.audit.record({
      actor,
      action: 'classes.enrol',
      target: `class_enrolments/${e._id}`,
      data: { status: 'enrolled' }
    })
    await tellEnrolled(deps, term, enrolled, fresh?.guardians ?? (await recipientsOf(deps, e)))
    if (!(await store.moveEnrolment(e._id, ['pending'], { status: 'enrolled', updatedAt: now })))
      return (await store.enrolment(e._id)) ?? enrolled
    return enrolled
  }
  let joined = await store.joinWaitlist(term._id, e._id)
  if (joined === null) {
    // In line already, but the number was lost with an earlier attempt's answer: join again at
    // the back (a fresh number; the line stays in order, and it counts this child once).
    await store.leaveWaitlist(term._id, e._id)
    joined = await store.joinWaitlist(term._id, e._id)
    if (joined === null) return (await store.enrolment(e._id)) ?? e // another attempt of the same enrol is at it
  }
  const seq = joined.seq
  await deps.audit.record({
    actor,
    action: 'classes.enrol',
    target: `class_enrolments/${e._id}`,
    data: { status: 'waitlisted', waitSeq: seq }
  })
  if (!(await store.moveEnrolment(e._id, ['pending'], { status: 'waitlisted', waitSeq: seq, updatedAt: now }))) {
    return (await store.enrolment(e._id)) ?? e
  }
  // A seat may have freed between our failed takeSeat and our joining the line, and the
  // canceller's promotion may have looked before we were in it. The counter as the join saw it
  // (same operation) settles it: a seat freed later is promoted by its canceller, who then sees us.
  const waitlisted = { ...e, status: 'waitlisted' as const, waitSeq: seq }
  if (joined.seatsLeft <= 0) return waitlisted
  await promote(deps, term._id, actor)
  return (await store.enrolment(e._id)) ?? waitlisted
}

async function tellEnrolled(
  deps: ClassesDeps,
  term: TermRecord,
  e: EnrolmentRecord,
  guardians: string[]
): Promise<void> {
  for (const to of new Set([e.guardianUserId, ...guardians])) {
    await deps.notify.notify({
      to,
      kind: 'classes.enrolled',
      // The guardian's own enrolment, answered at once (quiet hours hold back only unasked messages).
      reply: to === e.guardianUserId,
      key: `classes.enrolled:${e._id}:${e.requestedAt.getTime()}`,
      title: `${term.title}报名成功`,
      body: `${e.childName}已报名${term.title}（${dateLabel(term.startDate)} 起，${term.startTime}–${term.endTime}，${term.room}）。`,
      link: '/pages/classes/index',
      template: 'booking',
      status: '报名成功',
      place: term.room
    })
  }
}

/**
 * Offers freed seats to the head of the waitlist, one by one, until no seat is free or nobody
 * waits. Safe to run any number of times, concurrently: each offer is a seat taken by a
 * conditional decrement plus a conditional `waitlisted → offered` move; if the move loses (the
 * child left the line meanwhile, or another run offered first) the seat goes back.
 */
export async function promote(deps: ClassesDeps, termId: string, actor: string): Promise<string[]> {
  const { store, clock } = deps
  const term = await store.term(termId)
  if (!term) return []
  const offered: string[] = []
  for (let guard = 0; guard < 200; guard++) {
    const head = await store.headOfWaitlist(termId)
    if (!head) break
    // A seat held by the head already (a promotion that stopped before its move, or one running
    // now for the same head) is its own.
    const seat = await store.takeSeatForWaitlist(termId, head._id)
    if (!seat) break
    const now = clock.now()
    const expires = offerDeadline(now, term.offerHours)
    if (
      !(await store.moveEnrolment(head._id, ['waitlisted'], {
        status: 'offered',
        offerExpiresAt: expires,
        updatedAt: now
      }))
    ) {
      // Only a seat this call took goes back: a held one is the concurrent promotion's that won.
      if (seat === 'taken') await store.releaseSeat(termId, head._id)
      continue
    }
    await store.leaveWaitlist(termId, head._id)
    offered.push(head._id)
    await deps.audit.record({
      actor,
      action: 'classes.offer-seat',
      target: `class_enrolments/${head._id}`,
      data: { waitSeq: head.waitSeq, expiresAt: expires.toISOString() }
    })
    await tellOffer(deps, term, { ...head, status: 'offered', offerExpiresAt: expires }, now)
  }
  return offered
}

/** The offer, to every guardian, and its reminder; keyed, so the timer can send it again safely. */
async function tellOffer(deps: ClassesDeps, term: TermRecord, head: EnrolmentRecord, now: Date): Promise<void> {
  const expires = head.offerExpiresAt ?? now
  {
    for (const to of await recipientsOf(deps, head)) {
      await deps.notify.notify({
        to,
        kind: 'classes.waitlist-offer',
        key: `classes.waitlist-offer:${head._id}:${head.waitSeq ?? 0}`,
        title: `${term.title}有名额了`,
        body: `${head.childName}候补到名额了，请在 ${shanghaiTime(expires)} 前打开小程序确认，过期名额将让给下一位。`,
        link: '/pages/classes/index',
        template: 'booking',
        status: '待确认',
        when: expires,
        place: term.room
      })
    }
    // A nudge two hours before the deadline, dropped once the family answers (to whoever
    // enrolled: the offer itself reached every guardian, and one reminder key is one reminder).
    await deps.notify.schedule(
      {
        to: head.guardianUserId,
        kind: 'classes.offer-reminder',
        key: offerReminderKey(head._id, head.waitSeq),
        title: `${term.title}名额即将过期`,
        body: `${head.childName}的候补名额还没有确认，${shanghaiHHmm(expires)} 后将让给下一位。`,
        link: '/pages/classes/index',
        template: 'reminder',
        when: expires,
        place: term.room
      },
      new Date(Math.max(now.getTime(), expires.getTime() - 2 * 3600_000))
    )
  }
}

const offerReminderKey = (id: string, seq: number | null): string => `classes.offer-reminder:${id}:${seq ?? 0}`

export async function acceptOffer(
  deps: ClassesDeps,
  input: { termId: string; childId?: string },
  caller: Caller
): Promise<ClassesResult<'acceptOffer'>> {
  const { store, clock } = deps
  const now = clock.now()
  const id = enrolmentId(input.termId, input.childId ?? null, caller.openId)
  const e = await store.enrolment(id)
  if (!e || !(await mayActFor(deps, e, caller))) return fail('NOT_FOUND', classMessages.NOT_FOUND)
  const term = await store.term(e.termId)
  // The "about to expire" nudge goes BEFORE the move: dropped after it, a stop in between would
  // send it to a family who has accepted. A stop here instead leaves the offer open without its
  // nudge, and the family, who is answering it, told to try again (the retry moves it).
  if (e.status === 'offered') await deps.notify.cancel(offerReminderKey(id, e.waitSeq))
  // Accepting and lapsing race at the deadline: both are conditional on the deadline, so exactly one wins.
  if (
    !(await store.moveEnrolment(id, ['offered'], { status: 'enrolled', offerExpiresAt: null, updatedAt: now }, now))
  ) {
    if (e.status === 'offered') return fail('OFFER_EXPIRED', classMessages.OFFER_EXPIRED)
    if (e.status === 'enrolled') return ok(view(e, term?.title ?? '')) // accepted already (a retry)
    return fail('NO_OFFER', classMessages.NO_OFFER)
  }
  await deps.audit.record({ actor: caller.openId, action: 'classes.accept-offer', target: `class_enrolments/${id}` })
  return ok(view({ ...e, status: 'enrolled', offerExpiresAt: null }, term?.title ?? ''))
}

/** Cancel an enrolment, leave the waitlist, or decline an offer; a freed seat goes to the line. */
export async function cancelEnrolment(
  deps: ClassesDeps,
  input: { termId: string; childId?: string },
  caller: Caller
): Promise<ClassesResult<'cancelEnrolment'>> {
  const { store, clock } = deps
  const staff = isClassStaff(caller)
  const id = enrolmentId(input.termId, input.childId ?? null, caller.openId)
  const e = await store.enrolment(id)
  if (!e || (!staff && !(await mayActFor(deps, e, caller)))) return fail('NOT_FOUND', classMessages.NOT_FOUND)
  if (!isActive(e.status) || e.status === 'pending') return fail('NOT_ENROLLED', classMessages.NOT_ENROLLED)
  const now = clock.now()
  // Conditional on the status we saw: a concurrent cancel or accept makes this one a no-op.
  if (!(await store.moveEnrolment(id, [e.status], { status: 'cancelled', offerExpiresAt: null, updatedAt: now }))) {
    return fail('CONFLICT', classMessages.CONFLICT)
  }
  // Both idempotent; a stop before them is repaired by the waitlist timer (repairTerm).
  if (holdsSeat(e.status)) await store.releaseSeat(e.termId, id)
  if (e.status === 'waitlisted') await store.leaveWaitlist(e.termId, id)
  if (e.status === 'offered') await deps.notify.cancel(offerReminderKey(id, e.waitSeq))
  await deps.audit.record({
    actor: caller.openId,
    action: 'classes.cancel-enrolment',
    target: `class_enrolments/${id}`,
    data: { from: e.status }
  })
  const promoted = await promote(deps, e.termId, caller.openId)
  const term = await store.term(e.termId)
  return ok({
    ...view({ ...e, status: 'cancelled', offerExpiresAt: null }, term?.title ?? ''),
    promoted: promoted.length
  })
}

/**
 * Timer job: offers past their deadline lapse (the seat goes to the next in line), and any term
 * with a free seat and a line is promoted. Re-running it changes nothing that is already right.
 */
export async function runWaitlist(deps: ClassesDeps): Promise<{ lapsed: number; offered: number }> {
  const { store, clock } = deps
  const now = clock.now()
  const terms = new Set<string>()
  let lapsed = 0
  for (const e of await store.expiredOffers(now)) {
    // Conditional on still offered AND past the deadline, so an accept that got in first wins.
    if (!(await store.moveEnrolment(e._id, ['offered'], { status: 'lapsed', updatedAt: now }, undefined, now))) continue
    await store.releaseSeat(e.termId, e._id)
    terms.add(e.termId)
    lapsed++
    await deps.audit.record({
      actor: 'system:classes-waitlist',
      action: 'classes.offer-lapsed',
      target: `class_enrolments/${e._id}`
    })
    for (const to of await recipientsOf(deps, e)) {
      await deps.notify.notify({
        to,
        kind: 'classes.offer-lapsed',
        key: `classes.offer-lapsed:${e._id}:${e.waitSeq ?? 0}`,
        title: '候补名额已过期',
        body: `${e.childName}的候补名额超过确认时间，已让给下一位。如仍需要，可以重新报名。`,
        link: '/pages/classes/index'
      })
    }
  }
  const repaired = await repairHalfDone(deps, now)
  for (const t of await store.termsToPromote()) terms.add(t)
  let offered = 0
  for (const t of terms) offered += (await promote(deps, t, 'system:classes-waitlist')).length
  return { lapsed, offered, ...repaired }
}

/**
 * What faults left half-done (see the header), finished or undone; every step is conditional
 * and idempotent, so meeting a call that is finishing the same thing does nothing twice.
 * - pending enrolments older than HALF_DONE_AFTER_MS: finished (seat or line, told);
 * - seats held by enrolments that no longer hold one (cancelled, lapsed, gone): given back;
 * - line places of enrolments no longer waiting: taken out of the count;
 * - open offers: told (once per key: only one never told is actually sent).
 */
async function repairHalfDone(deps: ClassesDeps, now: Date): Promise<{ finished: number; seatsReturned: number }> {
  const { store } = deps
  const actor = 'system:classes-waitlist'
  let finished = 0
  for (const e of await store.pendingSince(halfDoneBefore(now))) {
    const term = await store.term(e.termId)
    if (!term) continue
    await settleEnrolment(deps, term, e, actor)
    finished++
  }
  let seatsReturned = 0
  for (const term of await store.currentTerms(shanghaiDate(now))) {
    const holders = term.seatHolders ?? []
    const waiters = term.waiters ?? []
    if (holders.length === 0 && waiters.length === 0) continue
    const byId = new Map((await store.enrolmentsByIds([...holders, ...waiters])).map(e => [e._id, e]))
    for (const id of holders) {
      const status = byId.get(id)?.status
      // pending: finished above (or still young); waitlisted: a promotion's seat, which the
      // promotion below finishes (the head's own seat is taken again as its own).
      if (status === undefined || status === 'cancelled' || status === 'lapsed') {
        if (await store.releaseSeat(term._id, id)) seatsReturned++
      }
    }
    for (const id of waiters) {
      const status = byId.get(id)?.status
      if (status !== 'pending' && status !== 'waitlisted') await store.leaveWaitlist(term._id, id)
    }
    for (const e of byId.values()) if (e.status === 'offered') await tellOffer(deps, term, e, now)
  }
  return { finished, seatsReturned }
}

/**
 * A family's enrolments, newest first, 20 a page. They pile up over the terms and years (one per
 * child per term), so the list pages; the cursor is the position in the family's own list.
 */
export async function myEnrolments(
  deps: ClassesDeps,
  input: { cursor?: string },
  caller: Caller
): Promise<ClassesResult<'myEnrolments'>> {
  // Co-guardians see the enrolments of their children whoever made them. The children, the
  // enrolments, their terms' titles, next sessions and counts ahead come in one query, whatever
  // the history (issue 19: a read ≤ 2, router included).
  const family = await deps.store.familyEnrolments(caller.openId, deps.clock.now())
  const children = new Set(family.childIds)
  // A child's enrolments only while the caller is the child's guardian (a removed co-guardian's own go too).
  const mine = family.enrolments.filter(e => e.status !== 'pending' && (e.childId === null || children.has(e.childId)))
  const start = Math.max(0, Number.parseInt(input.cursor ?? '0', 10) || 0)
  const items: MyEnrolment[] = mine.slice(start, start + 20).map(({ termTitle, nextSession, ahead, ...e }) => ({
    ...view(e, termTitle, e.status === 'waitlisted' && e.waitSeq !== null ? ahead : null),
    // The next session not yet started, to report absence for (请假): an enrolled child's only.
    nextSession:
      e.status === 'enrolled' && e.childId && nextSession
        ? {
            sessionId: nextSession._id,
            date: nextSession.date,
            startsAt: nextSession.startsAt.toISOString(),
            reportedAbsent: nextSession.reportedAbsent
          }
        : null
  }))
  return ok({ items, cursor: start + 20 < mine.length ? String(start + 20) : null })
}

export { view as enrolmentView }
