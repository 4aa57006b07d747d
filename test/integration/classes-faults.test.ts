/**
 * A failure between two writes of an enrolment, a single-session booking or a co-guardian join
 * (design.md, "Data": any request can fail). Each test runs the use case in this process on the
 * real repositories (the local cloud's database), makes ONE step throw as a failed database
 * request would, then shows that the client's retry (through the built function) or the timer
 * (`waitlist`, `halfDone`) finishes it: no seat lost, nobody left pending, nobody told twice,
 * and a co-guardian removed in between can't come back through the retry.
 */
import { HALF_DONE_AFTER_MS } from '../../src/core/shared/half-done'
import { acceptOffer, cancelEnrolment, enrol, runWaitlist } from '../../src/core/classes/enrolment.usecase'
import { bookSession, cancelBooking, dropInHolder, repairDropIns } from '../../src/core/classes/drop-in.usecase'
import { acceptCoGuardian, finishPendingJoins } from '../../src/core/classes/co-guardian.usecase'
import type { ClassesDeps, ClassesStore } from '../../src/core/classes/classes.ports'
import { addDays, shanghaiDate } from '../../src/core/shared/shanghai-time'
import type { CallInfo } from '../../src/core/shared/wire'
import { classesActions, classesDeps } from '../../src/server/classes/classes.actions'
import { runDueWork } from '../../src/server/notifications/due-work'
import { outboxSender } from '../../src/server/notifications/sender'
import { templatesFromEnv } from '../../src/server/notifications/templates.config'
import { aCaller } from '../factories/caller.factory'
import { failingOnce as failOnce } from '../factories/faults.fake'
import { lostAnswerRouter } from '../factories/lost-answer.fake'
import { addFamilies, type Family } from '../factories/classes.factory'
import { useSeededCloud, communityDb } from './local-cloud.helper'

jest.setTimeout(60_000)

const cloud = useSeededCloud('classes')
let fams: Family[]
let seq = 0
const rid = (): string => `faults-${Date.now()}-${++seq}`
const today = shanghaiDate(new Date())

beforeAll(async () => {
  fams = await addFamilies(communityDb(), 13, 'faults')
})

const guardian = (f: Family) => aCaller({ openId: f.guardian, roles: ['resident', 'guardian'] })
/** A use case called here as the app's first tap (the router's requestId plays no part in these). */
const firstTap: CallInfo = { requestId: null }

async function newTerm(capacity: number): Promise<string> {
  return (
    await cloud.data(
      'demo-staff',
      'createTerm',
      { title: '容错班', room: '活动室', startDate: addDays(today, 1), endDate: addDays(today, 30), capacity },
      rid()
    )
  ).termId
}

/** The repositories with `method` failing once when `when` says so; `after`: the write lands, its answer is lost. */
function failingOnce<K extends keyof ClassesStore>(
  method: K,
  when: (...args: any[]) => boolean,
  after = false
): ClassesDeps {
  const deps = classesDeps()
  return { ...deps, store: failOnce(deps.store, method, when, after) }
}

/** The waitlist timer as it runs once the function's timeout has surely passed. */
const laterTimer = async (): Promise<unknown> => {
  const later = new Date(Date.now() + HALF_DONE_AFTER_MS + 1000)
  return await runWaitlist({ ...classesDeps(), clock: { now: () => later } })
}

const termOf = async (termId: string): Promise<any> => (await cloud.docs('class_terms', { _id: termId }))[0]
const enrolmentOf = async (termId: string, f: Family): Promise<any> =>
  (await cloud.docs('class_enrolments', { _id: `${termId}:${f.childId}` }))[0]
const told = async (f: Family, kind: string): Promise<number> => await cloud.count('inbox', { to: f.guardian, kind })

describe('an enrol that stops between taking the seat and recording it', () => {
  it("is finished by the family's retry: enrolled, one seat taken, told once", async () => {
    const termId = await newTerm(2)
    const f = fams[0]
    const deps = failingOnce(
      'moveEnrolment',
      (_id: string, _from: unknown, fields: { status?: string }) => fields.status === 'enrolled'
    )
    await expect(enrol(deps, { termId, childId: f.childId }, guardian(f), firstTap)).rejects.toThrow(
      'database request failed'
    )
    expect(await enrolmentOf(termId, f)).toMatchObject({ status: 'pending' })

    const again = await cloud.call(f.guardian, 'enrol', { termId, childId: f.childId }, rid())
    expect(again).toMatchObject({ ok: true, data: { status: 'enrolled' } })
    expect(await termOf(termId)).toMatchObject({ seatsLeft: 1, seatHolders: [`${termId}:${f.childId}`] })
    expect(await told(f, 'classes.enrolled')).toBe(1)
    // And it can be cancelled like any enrolment, giving the seat back.
    expect((await cloud.call(f.guardian, 'cancelEnrolment', { termId, childId: f.childId }, rid())).ok).toBe(true)
    expect(await termOf(termId)).toMatchObject({ seatsLeft: 2, seatHolders: [] })
  })

  it('is finished by the waitlist timer when nobody retries', async () => {
    const termId = await newTerm(2)
    const f = fams[1]
    const deps = failingOnce(
      'moveEnrolment',
      (_id: string, _from: unknown, fields: { status?: string }) => fields.status === 'enrolled'
    )
    await expect(enrol(deps, { termId, childId: f.childId }, guardian(f), firstTap)).rejects.toThrow()
    // Not while the call may still be running.
    await runWaitlist(classesDeps())
    expect(await enrolmentOf(termId, f)).toMatchObject({ status: 'pending' })

    expect(await laterTimer()).toMatchObject({ finished: 1 })
    expect(await enrolmentOf(termId, f)).toMatchObject({ status: 'enrolled' })
    expect(await termOf(termId)).toMatchObject({ seatsLeft: 1 })
    expect(await told(f, 'classes.enrolled')).toBe(1)
  })

  it('takes no second seat when the seat was taken but its answer was lost', async () => {
    const termId = await newTerm(2)
    const f = fams[2]
    // takeSeat's write lands, its answer is lost: the first attempt stops there.
    const lost = failingOnce('takeSeat', () => true, true)
    await expect(enrol(lost, { termId, childId: f.childId }, guardian(f), firstTap)).rejects.toThrow()
    const again = await cloud.call(f.guardian, 'enrol', { termId, childId: f.childId }, rid())
    expect(again).toMatchObject({ ok: true, data: { status: 'enrolled' } })
    expect(await termOf(termId)).toMatchObject({ seatsLeft: 1 })
  })
})

describe('a waitlist join that stops before the enrolment records its number', () => {
  it('is finished by the timer, counted once in the line, and a freed seat goes to the line first', async () => {
    const termId = await newTerm(1)
    const [a, b, c] = [fams[3], fams[4], fams[5]]
    expect((await cloud.call(a.guardian, 'enrol', { termId, childId: a.childId }, rid())).data.status).toBe('enrolled')
    const deps = failingOnce(
      'moveEnrolment',
      (_id: string, _from: unknown, fields: { status?: string }) => fields.status === 'waitlisted'
    )
    await expect(enrol(deps, { termId, childId: b.childId }, guardian(b), firstTap)).rejects.toThrow()
    expect(await termOf(termId)).toMatchObject({ waiting: 1, waiters: [`${termId}:${b.childId}`] })

    await laterTimer()
    expect(await enrolmentOf(termId, b)).toMatchObject({ status: 'waitlisted' })
    expect(await termOf(termId)).toMatchObject({ waiting: 1 })
    // c joins behind b; a's cancellation offers the seat to b.
    expect((await cloud.call(c.guardian, 'enrol', { termId, childId: c.childId }, rid())).data.status).toBe(
      'waitlisted'
    )
    expect((await cloud.call(a.guardian, 'cancelEnrolment', { termId, childId: a.childId }, rid())).ok).toBe(true)
    expect(await enrolmentOf(termId, b)).toMatchObject({ status: 'offered' })
    expect(await enrolmentOf(termId, c)).toMatchObject({ status: 'waitlisted' })
    expect(await termOf(termId)).toMatchObject({ seatsLeft: 0, waiting: 1 })
  })
})

describe('a cancellation that stops before giving the seat back', () => {
  it('has the seat given back by the timer, which offers it to the head of the line', async () => {
    const termId = await newTerm(1)
    const [a, b] = [fams[6], fams[7]]
    expect((await cloud.call(a.guardian, 'enrol', { termId, childId: a.childId }, rid())).data.status).toBe('enrolled')
    expect((await cloud.call(b.guardian, 'enrol', { termId, childId: b.childId }, rid())).data.status).toBe(
      'waitlisted'
    )
    const deps = failingOnce('releaseSeat', () => true)
    await expect(cancelEnrolment(deps, { termId, childId: a.childId }, guardian(a))).rejects.toThrow()
    expect(await termOf(termId)).toMatchObject({ seatsLeft: 0 })

    expect(await laterTimer()).toMatchObject({ seatsReturned: 1, offered: 1 })
    expect(await enrolmentOf(termId, b)).toMatchObject({ status: 'offered' })
    expect(await termOf(termId)).toMatchObject({ seatsLeft: 0, waiting: 0, seatHolders: [`${termId}:${b.childId}`] })
    expect(await told(b, 'classes.waitlist-offer')).toBe(1)
    await laterTimer()
    expect(await told(b, 'classes.waitlist-offer')).toBe(1)
  })
})

describe('an enrol whose writes all landed but whose answer was lost', () => {
  it("answers the family's retry (same requestId) with what it made; another tap or a co-guardian is ALREADY_ENROLLED", async () => {
    const termId = await newTerm(1)
    const [a, b] = [fams[8], fams[9]]
    const [forA, forB] = [
      lostAnswerRouter('classes', classesActions, classesDeps),
      lostAnswerRouter('classes', classesActions, classesDeps)
    ]
    const [ra, rb] = [rid(), rid()]
    expect(await forA.first(a.guardian, 'enrol', { termId, childId: a.childId }, ra)).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' }
    })
    expect(await forB.first(b.guardian, 'enrol', { termId, childId: b.childId }, rb)).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' }
    })
    expect(await enrolmentOf(termId, a)).toMatchObject({ status: 'enrolled' })
    expect(await enrolmentOf(termId, b)).toMatchObject({ status: 'waitlisted', waitSeq: 1 })

    // The retries, after taking the claims over, see their own enrolments: the seat, the number.
    expect(await forA.retry(a.guardian, 'enrol', { termId, childId: a.childId }, ra)).toMatchObject({
      ok: true,
      data: { status: 'enrolled', statusLabel: '已报名' }
    })
    expect(await forB.retry(b.guardian, 'enrol', { termId, childId: b.childId }, rb)).toMatchObject({
      ok: true,
      data: { status: 'waitlisted', waitNumber: 1 }
    })
    expect(await termOf(termId)).toMatchObject({ seatsLeft: 0, waiting: 1, seatHolders: [`${termId}:${a.childId}`] })
    expect(await told(a, 'classes.enrolled')).toBe(1)

    // A new tap (new requestId) and a co-guardian are second attempts: refused, nothing changes.
    expect((await cloud.call(a.guardian, 'enrol', { termId, childId: a.childId }, rid())).error.code).toBe(
      'ALREADY_ENROLLED'
    )
    const co = 'faults-co-guardian-009'
    await communityDb()
      .collection('users')
      .add({
        _id: co,
        name: '妈妈9',
        roles: ['resident', 'guardian'],
        phone: null,
        memberId: null,
        householdId: null,
        gridId: 'grid-1',
        createdAt: new Date()
      })
    await communityDb()
      .collection('children')
      .doc(a.childId)
      .update({ coGuardianUserIds: [co] })
    expect((await cloud.call(co, 'enrol', { termId, childId: a.childId }, ra)).error.code).toBe('ALREADY_ENROLLED')
    expect(await termOf(termId)).toMatchObject({ seatsLeft: 0, waiting: 1 })
  })
})

describe('an accept that stops between taking the offer and dropping its reminder', () => {
  it('sends no stale "offer about to expire" reminder: the reminder is dropped before the move', async () => {
    const termId = await newTerm(1)
    const [a, b] = [fams[10], fams[11]]
    expect((await cloud.call(a.guardian, 'enrol', { termId, childId: a.childId }, rid())).data.status).toBe('enrolled')
    expect((await cloud.call(b.guardian, 'enrol', { termId, childId: b.childId }, rid())).data.status).toBe(
      'waitlisted'
    )
    expect((await cloud.call(a.guardian, 'cancelEnrolment', { termId, childId: a.childId }, rid())).ok).toBe(true)
    const reminderId = `classes.offer-reminder:${termId}:${b.childId}:1`
    const reminder = (await cloud.docs('reminders', { _id: reminderId }))[0]
    expect(reminder).toMatchObject({ status: 'pending' })

    // The move to enrolled lands, its answer is lost: the accept stops there.
    const lost = failingOnce(
      'moveEnrolment',
      (_id: string, _from: unknown, fields: { status?: string }) => fields.status === 'enrolled',
      true
    )
    await expect(acceptOffer(lost, { termId, childId: b.childId }, guardian(b))).rejects.toThrow(
      'database request failed'
    )
    expect(await enrolmentOf(termId, b)).toMatchObject({ status: 'enrolled' })

    // The notifications timer at the reminder's time: nothing for the family who accepted.
    const at = new Date(reminder.at)
    await runDueWork({
      db: communityDb(),
      clock: { now: () => at },
      sender: outboxSender(communityDb(), { now: () => at }),
      templates: templatesFromEnv()
    })
    expect(await told(b, 'classes.offer-reminder')).toBe(0)
    expect((await cloud.docs('reminders', { _id: reminderId }))[0]).toMatchObject({ status: 'cancelled' })
    // Their retry is answered as accepted.
    expect(await cloud.call(b.guardian, 'acceptOffer', { termId, childId: b.childId }, rid())).toMatchObject({
      ok: true,
      data: { status: 'enrolled' }
    })
  })
})

describe('a single-session booking (单次报名) that stops between its writes', () => {
  let kids: Family[]
  beforeAll(async () => {
    kids = await addFamilies(communityDb(), 6, 'dropfault')
  })

  /** A term with `seats` single-session seats; its session the day after tomorrow. */
  async function dropInSession(seats: number): Promise<string> {
    const date = addDays(today, 2)
    const { termId } = await cloud.data(
      'demo-staff',
      'createTerm',
      {
        title: '单次容错班',
        room: '活动室',
        startDate: date,
        endDate: date,
        weekdays: [1, 2, 3, 4, 5, 6, 7],
        capacity: 1,
        dropInSeats: seats
      },
      rid()
    )
    return `${termId}:${date}`
  }
  const sessionOf = async (id: string): Promise<any> => (await cloud.docs('class_sessions', { _id: id }))[0]
  const bookingOf = async (sessionId: string, f: Family): Promise<any> =>
    (await cloud.docs('class_bookings', { _id: `${sessionId}:${f.childId}` }))[0]
  const laterHalfDone = async (): Promise<any> => {
    const later = new Date(Date.now() + HALF_DONE_AFTER_MS + 1000)
    return await repairDropIns({ ...classesDeps(), clock: { now: () => later } })
  }

  it("whose seat was taken but the answer lost is finished by the family's retry: booked, one seat, told once", async () => {
    const sessionId = await dropInSession(2)
    const f = kids[0]
    // The seat's write lands, its answer is lost: the call stops there.
    const deps = { ...classesDeps(), store: failOnce(classesDeps().store, 'takeDropIn', () => true, true) }
    await expect(bookSession(deps, { sessionId, childId: f.childId }, guardian(f))).rejects.toThrow(
      'database request failed'
    )
    // Not booked yet: the sheet and the figures don't count it.
    expect(await bookingOf(sessionId, f)).toMatchObject({ status: 'pending' })

    const again = await cloud.call(f.guardian, 'bookSession', { sessionId, childId: f.childId }, rid())
    expect(again).toMatchObject({ ok: true, data: { status: 'booked' } })
    const b = await bookingOf(sessionId, f)
    expect(b).toMatchObject({ status: 'booked' })
    expect(await sessionOf(sessionId)).toMatchObject({ dropInLeft: 1, dropInHolders: [dropInHolder(b)] })
    expect(await told(f, 'classes.session-booked')).toBe(1)
    expect((await cloud.call(f.guardian, 'bookSession', { sessionId, childId: f.childId }, rid())).error.code).toBe(
      'ALREADY_ENROLLED'
    )
  })

  it('that stopped before taking a seat is finished by the half-done timer (through the built function too)', async () => {
    const sessionId = await dropInSession(2)
    const f = kids[1]
    await expect(
      bookSession(
        failingOnce('takeDropIn', () => true),
        { sessionId, childId: f.childId },
        guardian(f)
      )
    ).rejects.toThrow()
    expect(await bookingOf(sessionId, f)).toMatchObject({ status: 'pending' })
    // The function's own tick: young, the call may still be running, so it is left alone.
    expect(await cloud.tick('halfDone')).toMatchObject({ bookingsFinished: 0 })
    expect(await bookingOf(sessionId, f)).toMatchObject({ status: 'pending' })

    expect(await laterHalfDone()).toMatchObject({ bookingsFinished: 1 })
    expect(await bookingOf(sessionId, f)).toMatchObject({ status: 'booked' })
    expect(await sessionOf(sessionId)).toMatchObject({ dropInLeft: 1 })
    expect(await told(f, 'classes.session-booked')).toBe(1)
    expect(
      (await cloud.data('demo-staff', 'attendanceSheet', { sessionId })).children.map((c: any) => c.childId)
    ).toEqual([f.childId])
    // A second run changes nothing.
    expect(await laterHalfDone()).toMatchObject({ bookingsFinished: 0, dropInsReturned: 0 })
    expect(await told(f, 'classes.session-booked')).toBe(1)
  })

  it('is undone by the timer when the last seat went to someone else meanwhile', async () => {
    const sessionId = await dropInSession(1)
    const [a, b] = [kids[2], kids[3]]
    await expect(
      bookSession(
        failingOnce('takeDropIn', () => true),
        { sessionId, childId: a.childId },
        guardian(a)
      )
    ).rejects.toThrow()
    expect((await cloud.call(b.guardian, 'bookSession', { sessionId, childId: b.childId }, rid())).ok).toBe(true)

    expect(await laterHalfDone()).toMatchObject({ bookingsFinished: 1 })
    expect(await bookingOf(sessionId, a)).toMatchObject({ status: 'cancelled' })
    expect(await sessionOf(sessionId)).toMatchObject({
      dropInLeft: 0,
      dropInHolders: [dropInHolder(await bookingOf(sessionId, b))]
    })
    expect(await told(a, 'classes.session-booked')).toBe(0)
  })

  it('is undone by the timer when staff closed the session meanwhile (its notice went to booked families only)', async () => {
    const sessionId = await dropInSession(2)
    const f = kids[3]
    // Stops after taking the seat (the answer to the move to booked is lost before it is sent).
    const stopsBeforeBooked = failingOnce('moveBooking', (_id: string, from: string[]) => from.includes('pending'))
    await expect(bookSession(stopsBeforeBooked, { sessionId, childId: f.childId }, guardian(f))).rejects.toThrow()
    await cloud.data('demo-staff', 'cancelSession', { sessionId, reason: '消防检查' }, rid())
    expect(await laterHalfDone()).toMatchObject({ bookingsFinished: 1 })
    expect(await bookingOf(sessionId, f)).toMatchObject({ status: 'cancelled' })
    expect(await sessionOf(sessionId)).toMatchObject({ dropInLeft: 2, dropInHolders: [] })
    // It was told "booked" before the stop, so it is told of the closure too, once.
    expect(await told(f, 'classes.session-cancelled')).toBe(1)
    await laterHalfDone()
    expect(await told(f, 'classes.session-cancelled')).toBe(1)
  })

  it('a cancellation that stops before giving the seat back: the retry gives it back once, and so does the timer', async () => {
    const sessionId = await dropInSession(1)
    const [a, b] = [kids[4], kids[5]]
    expect((await cloud.call(a.guardian, 'bookSession', { sessionId, childId: a.childId }, rid())).ok).toBe(true)
    await expect(
      cancelBooking(
        failingOnce('releaseDropIn', () => true),
        { sessionId, childId: a.childId },
        guardian(a)
      )
    ).rejects.toThrow()
    expect(await bookingOf(sessionId, a)).toMatchObject({ status: 'cancelled' })
    expect(await sessionOf(sessionId)).toMatchObject({ dropInLeft: 0 })

    // The retry (the first call's answer was never stored) finishes it; a second changes nothing.
    for (let i = 0; i < 2; i++) {
      const again = await cloud.call(a.guardian, 'cancelBooking', { sessionId, childId: a.childId }, rid())
      expect(again).toMatchObject({ ok: true, data: { status: 'cancelled' } })
    }
    expect(await sessionOf(sessionId)).toMatchObject({ dropInLeft: 1, dropInHolders: [] })

    // Without a retry: b books the freed seat, cancels, the give-back fails; the timer gives it back.
    expect((await cloud.call(b.guardian, 'bookSession', { sessionId, childId: b.childId }, rid())).ok).toBe(true)
    await expect(
      cancelBooking(
        failingOnce('releaseDropIn', () => true),
        { sessionId, childId: b.childId },
        guardian(b)
      )
    ).rejects.toThrow()
    expect(await laterHalfDone()).toMatchObject({ dropInsReturned: 1 })
    expect(await sessionOf(sessionId)).toMatchObject({ dropInLeft: 1, dropInHolders: [] })
    // a books again: a new holder, whose seat no late give-back of the old booking can take.
    expect((await cloud.call(a.guardian, 'bookSession', { sessionId, childId: a.childId }, rid())).ok).toBe(true)
    expect(await laterHalfDone()).toMatchObject({ dropInsReturned: 0 })
    expect(await sessionOf(sessionId)).toMatchObject({ dropInLeft: 0 })
  })
})

describe('a co-guardian join (共同监护人) that stops after the invitation was used', () => {
  let kids: Family[]
  const joiners = ['o-cg-mother', 'o-cg-father', 'o-cg-aunt', 'o-cg-other']
  beforeAll(async () => {
    kids = await addFamilies(communityDb(), 3, 'joinfault')
    await communityDb()
      .collection('users')
      .add(
        joiners.map(id => ({
          _id: id,
          name: `家人${id.slice(-3)}`,
          roles: ['resident'],
          phone: null,
          memberId: null,
          householdId: null,
          gridId: null,
          createdAt: new Date()
        }))
      )
  })
  const adult = (openId: string) => aCaller({ openId, name: `家人${openId.slice(-3)}`, roles: ['resident'] })
  const invite = async (f: Family): Promise<string> =>
    (await cloud.data(f.guardian, 'inviteCoGuardian', { childId: f.childId }, rid())).code
  const accept = async (who: string, code: string): Promise<any> =>
    await cloud.call(who, 'acceptCoGuardian', { code, consent: true }, rid())
  const sees = async (who: string, f: Family): Promise<boolean> =>
    (await cloud.call(who, 'childDetail', { childId: f.childId })).ok === true
  const joinedNotices = async (f: Family): Promise<number> => await told(f, 'classes.co-guardian-joined')

  it("is finished by the joiner's retry; to anyone else the code stays used", async () => {
    const f = kids[0]
    const code = await invite(f)
    await expect(
      acceptCoGuardian(
        failingOnce('addCoGuardian', () => true),
        { code },
        adult('o-cg-mother')
      )
    ).rejects.toThrow()
    expect(await sees('o-cg-mother', f)).toBe(false)
    // Someone else with the same code while the join is half-done: refused.
    expect((await accept('o-cg-other', code)).error.code).toBe('INVITE_INVALID')

    expect(await accept('o-cg-mother', code)).toMatchObject({ ok: true, data: { childId: f.childId } })
    expect(await sees('o-cg-mother', f)).toBe(true)
    expect((await cloud.docs('users', { _id: 'o-cg-mother' }))[0].roles).toEqual(['resident', 'guardian'])
    expect(await joinedNotices(f)).toBe(1)
    expect((await cloud.docs('guardian_invites', { code }))[0]).toMatchObject({
      acceptedBy: 'o-cg-mother',
      joinPending: false
    })
    expect((await accept('o-cg-other', code)).error.code).toBe('INVITE_INVALID')
  })

  it('a co-guardian removed before the retry cannot come back through it', async () => {
    const f = kids[1]
    const code = await invite(f)
    // Stops after the co-guardian was added, before the role and the notice.
    await expect(
      acceptCoGuardian(
        failingOnce('grantGuardianRole', () => true),
        { code },
        adult('o-cg-father')
      )
    ).rejects.toThrow()
    expect(await sees('o-cg-father', f)).toBe(true)
    await cloud.data(f.guardian, 'removeCoGuardian', { childId: f.childId, userId: 'o-cg-father' }, rid())

    expect((await accept('o-cg-father', code)).error.code).toBe('INVITE_INVALID')
    expect(await sees('o-cg-father', f)).toBe(false)
    expect((await cloud.docs('guardian_invites', { code }))[0]).toMatchObject({ joinPending: false })
    // Nor through the timer, nor a later retry.
    const later = { ...classesDeps(), clock: { now: () => new Date(Date.now() + HALF_DONE_AFTER_MS + 1000) } }
    expect(await finishPendingJoins(later)).toEqual({ joinsFinished: 0 })
    expect((await accept('o-cg-father', code)).error.code).toBe('INVITE_INVALID')
    expect(await sees('o-cg-father', f)).toBe(false)
  })

  it('is finished by the half-done timer when the joiner never retries, and the guardian is told', async () => {
    const f = kids[2]
    const code = await invite(f)
    await expect(
      acceptCoGuardian(
        failingOnce('insertConsent', () => true),
        { code },
        adult('o-cg-aunt')
      )
    ).rejects.toThrow()
    const later = (ms: number) => ({ ...classesDeps(), clock: { now: () => new Date(Date.now() + ms) } })
    expect(await finishPendingJoins(later(0))).toEqual({ joinsFinished: 0 })
    expect(await joinedNotices(f)).toBe(0)

    expect(await finishPendingJoins(later(HALF_DONE_AFTER_MS + 1000))).toEqual({ joinsFinished: 1 })
    expect(await sees('o-cg-aunt', f)).toBe(true)
    expect(await cloud.count('consents', { _id: `consent-${f.childId}-o-cg-aunt` })).toBe(1)
    expect(await joinedNotices(f)).toBe(1)
    expect(await finishPendingJoins(later(HALF_DONE_AFTER_MS + 1000))).toEqual({ joinsFinished: 0 })
    expect(await joinedNotices(f)).toBe(1)
  })
})
