/**
 * A failure between two writes of an enrolment (design.md, "Data": any request can fail). Each
 * test runs the use case in this process on the real repositories (the local cloud's database),
 * makes ONE step throw as a failed database request would, then shows that the client's retry
 * (through the built function) or the waitlist timer finishes it: no seat lost, nobody left
 * pending, nobody told twice.
 */
import { HALF_DONE_AFTER_MS } from '../../src/core/shared/half-done'
import { cancelEnrolment, enrol, runWaitlist } from '../../src/core/classes/enrolment.usecase'
import type { ClassesDeps, ClassesStore } from '../../src/core/classes/classes.ports'
import { addDays, shanghaiDate } from '../../src/core/shared/shanghai-time'
import { classesDeps } from '../../src/server/classes/classes.actions'
import { getDb } from '../../src/server/db/client'
import { aCaller } from '../factories/caller.factory'
import { failingOnce as failOnce } from '../factories/faults.fake'
import { addFamilies, type Family } from '../factories/classes.factory'
import { useSeededCloud } from './local-cloud.helper'

jest.setTimeout(60_000)

const cloud = useSeededCloud('classes')
let fams: Family[]
let seq = 0
const rid = (): string => `faults-${Date.now()}-${++seq}`
const today = shanghaiDate(new Date())

beforeAll(async () => {
  fams = await addFamilies(getDb(), 8, 'faults')
})

const guardian = (f: Family) => aCaller({ openId: f.guardian, roles: ['resident', 'guardian'] })

async function newTerm (capacity: number): Promise<string> {
  return (await cloud.data('demo-staff', 'createTerm', { title: '容错班', room: '活动室', startDate: addDays(today, 1), endDate: addDays(today, 30), capacity }, rid())).termId
}

/** The repositories with `method` failing once when `when` says so. */
function failingOnce<K extends keyof ClassesStore> (method: K, when: (...args: any[]) => boolean): ClassesDeps {
  const deps = classesDeps()
  return { ...deps, store: failOnce(deps.store, method, when) }
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
    await expect(enrol(deps, { termId, childId: f.childId }, guardian(f))).rejects.toThrow('database request failed')
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
    await expect(enrol(deps, { termId, childId: f.childId }, guardian(f))).rejects.toThrow()
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
    const lost = { ...classesDeps(), store: failOnce(classesDeps().store, 'takeSeat', () => true, true) }
    await expect(enrol(lost, { termId, childId: f.childId }, guardian(f))).rejects.toThrow()
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
    await expect(enrol(deps, { termId, childId: b.childId }, guardian(b))).rejects.toThrow()
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
