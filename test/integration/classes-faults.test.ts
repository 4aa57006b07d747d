/**
 * A failure between two writes of an enrolment (design.md, "Data": any request can fail). Each
 * test runs the use case in this process on the real repositories (the local cloud's database),
 * makes ONE step throw as a failed database request would, then shows that the client's retry
 * (through the built function) or the waitlist timer finishes it: no seat lost, nobody left
 * pending, nobody told twice.
 */
import { HALF_DONE_AFTER_MS } from '../../src/core/shared/half-done'
import { acceptOffer, cancelEnrolment, enrol, runWaitlist } from '../../src/core/classes/enrolment.usecase'
import type { ClassesDeps, ClassesStore } from '../../src/core/classes/classes.ports'
import { addDays, shanghaiDate } from '../../src/core/shared/shanghai-time'
import type { CallInfo } from '../../src/core/shared/wire'
import { classesActions, classesDeps } from '../../src/server/classes/classes.actions'
import { getDb } from '../../src/server/db/client'
import { runDueWork } from '../../src/server/notifications/due-work'
import { outboxSender } from '../../src/server/notifications/sender'
import { templatesFromEnv } from '../../src/server/notifications/templates.config'
import { aCaller } from '../factories/caller.factory'
import { failingOnce as failOnce } from '../factories/faults.fake'
import { lostAnswerRouter } from '../factories/lost-answer.fake'
import { addFamilies, type Family } from '../factories/classes.factory'
import { useSeededCloud } from './local-cloud.helper'

jest.setTimeout(60_000)

const cloud = useSeededCloud('classes')
let fams: Family[]
let seq = 0
const rid = (): string => `faults-${Date.now()}-${++seq}`
const today = shanghaiDate(new Date())

beforeAll(async () => {
  fams = await addFamilies(getDb(), 13, 'faults')
})

const guardian = (f: Family) => aCaller({ openId: f.guardian, roles: ['resident', 'guardian'] })
/** A use case called here as the app's first tap (the router's requestId plays no part in these). */
const firstTap: CallInfo = { requestId: null }

async function newTerm (capacity: number): Promise<string> {
  return (await cloud.data('demo-staff', 'createTerm', { title: '容错班', room: '活动室', startDate: addDays(today, 1), endDate: addDays(today, 30), capacity }, rid())).termId
}

/** The repositories with `method` failing once when `when` says so; `after`: the write lands, its answer is lost. */
function failingOnce<K extends keyof ClassesStore> (method: K, when: (...args: any[]) => boolean, after = false): ClassesDeps {
  const deps = classesDeps()
  return { ...deps, store: failOnce(deps.store, method, when, after) }
}

/** The waitlist timer as it runs once the function's timeout has surely passed. */
const laterTimer = async (): Promise<unknown> => {
  const later = new Date(Date.now() + HALF_DONE_AFTER_MS + 1000)
  return await runWaitlist({ ...classesDeps(), clock: { now: () => later } })
}

const termOf = async (termId: string): Promise<any> => (await cloud.docs('class_terms', { _id: termId }))[0]
const enrolmentOf = async (termId: string, f: Family): Promise<any> => (await cloud.docs('class_enrolments', { _id: `${termId}:${f.childId}` }))[0]
const told = async (f: Family, kind: string): Promise<number> => await cloud.count('inbox', { to: f.guardian, kind })

describe('an enrol that stops between taking the seat and recording it', () => {
  it("is finished by the family's retry: enrolled, one seat taken, told once", async () => {
    const termId = await newTerm(2)
    const f = fams[0]
    const deps = failingOnce('moveEnrolment', (_id: string, _from: unknown, fields: { status?: string }) => fields.status === 'enrolled')
    await expect(enrol(deps, { termId, childId: f.childId }, guardian(f), firstTap)).rejects.toThrow('database request failed')
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
    const deps = failingOnce('moveEnrolment', (_id: string, _from: unknown, fields: { status?: string }) => fields.status === 'enrolled')
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
    const deps = failingOnce('moveEnrolment', (_id: string, _from: unknown, fields: { status?: string }) => fields.status === 'waitlisted')
    await expect(enrol(deps, { termId, childId: b.childId }, guardian(b), firstTap)).rejects.toThrow()
    expect(await termOf(termId)).toMatchObject({ waiting: 1, waiters: [`${termId}:${b.childId}`] })

    await laterTimer()
    expect(await enrolmentOf(termId, b)).toMatchObject({ status: 'waitlisted' })
    expect(await termOf(termId)).toMatchObject({ waiting: 1 })
    // c joins behind b; a's cancellation offers the seat to b.
    expect((await cloud.call(c.guardian, 'enrol', { termId, childId: c.childId }, rid())).data.status).toBe('waitlisted')
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
    expect((await cloud.call(b.guardian, 'enrol', { termId, childId: b.childId }, rid())).data.status).toBe('waitlisted')
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
    const [forA, forB] = [lostAnswerRouter('classes', classesActions, classesDeps), lostAnswerRouter('classes', classesActions, classesDeps)]
    const [ra, rb] = [rid(), rid()]
    expect(await forA.first(a.guardian, 'enrol', { termId, childId: a.childId }, ra)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(await forB.first(b.guardian, 'enrol', { termId, childId: b.childId }, rb)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(await enrolmentOf(termId, a)).toMatchObject({ status: 'enrolled' })
    expect(await enrolmentOf(termId, b)).toMatchObject({ status: 'waitlisted', waitSeq: 1 })

    // The retries, after taking the claims over, see their own enrolments: the seat, the number.
    expect(await forA.retry(a.guardian, 'enrol', { termId, childId: a.childId }, ra)).toMatchObject({ ok: true, data: { status: 'enrolled', statusLabel: '已报名' } })
    expect(await forB.retry(b.guardian, 'enrol', { termId, childId: b.childId }, rb)).toMatchObject({ ok: true, data: { status: 'waitlisted', waitNumber: 1 } })
    expect(await termOf(termId)).toMatchObject({ seatsLeft: 0, waiting: 1, seatHolders: [`${termId}:${a.childId}`] })
    expect(await told(a, 'classes.enrolled')).toBe(1)

    // A new tap (new requestId) and a co-guardian are second attempts: refused, nothing changes.
    expect((await cloud.call(a.guardian, 'enrol', { termId, childId: a.childId }, rid())).error.code).toBe('ALREADY_ENROLLED')
    const co = 'faults-co-guardian-009'
    await getDb().collection('users').add({ _id: co, name: '妈妈9', roles: ['resident', 'guardian'], phone: null, memberId: null, householdId: null, gridId: 'grid-1', createdAt: new Date() })
    await getDb().collection('children').doc(a.childId).update({ coGuardianUserIds: [co] })
    expect((await cloud.call(co, 'enrol', { termId, childId: a.childId }, ra)).error.code).toBe('ALREADY_ENROLLED')
    expect(await termOf(termId)).toMatchObject({ seatsLeft: 0, waiting: 1 })
  })
})

describe('an accept that stops between taking the offer and dropping its reminder', () => {
  it('sends no stale "offer about to expire" reminder: the reminder is dropped before the move', async () => {
    const termId = await newTerm(1)
    const [a, b] = [fams[10], fams[11]]
    expect((await cloud.call(a.guardian, 'enrol', { termId, childId: a.childId }, rid())).data.status).toBe('enrolled')
    expect((await cloud.call(b.guardian, 'enrol', { termId, childId: b.childId }, rid())).data.status).toBe('waitlisted')
    expect((await cloud.call(a.guardian, 'cancelEnrolment', { termId, childId: a.childId }, rid())).ok).toBe(true)
    const reminderId = `classes.offer-reminder:${termId}:${b.childId}:1`
    const reminder = (await cloud.docs('reminders', { _id: reminderId }))[0]
    expect(reminder).toMatchObject({ status: 'pending' })

    // The move to enrolled lands, its answer is lost: the accept stops there.
    const lost = failingOnce('moveEnrolment', (_id: string, _from: unknown, fields: { status?: string }) => fields.status === 'enrolled', true)
    await expect(acceptOffer(lost, { termId, childId: b.childId }, guardian(b))).rejects.toThrow('database request failed')
    expect(await enrolmentOf(termId, b)).toMatchObject({ status: 'enrolled' })

    // The notifications timer at the reminder's time: nothing for the family who accepted.
    const at = new Date(reminder.at)
    await runDueWork({ db: getDb(), clock: { now: () => at }, sender: outboxSender(getDb(), { now: () => at }), templates: templatesFromEnv() })
    expect(await told(b, 'classes.offer-reminder')).toBe(0)
    expect((await cloud.docs('reminders', { _id: reminderId }))[0]).toMatchObject({ status: 'cancelled' })
    // Their retry is answered as accepted.
    expect(await cloud.call(b.guardian, 'acceptOffer', { termId, childId: b.childId }, rid())).toMatchObject({ ok: true, data: { status: 'enrolled' } })
  })
})
