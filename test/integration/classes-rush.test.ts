/**
 * The enrolment rush through the local cloud (the built function, real SDK, over HTTP):
 * 300 guardians enrol 300 different children at the same moment into a 30-seat term.
 * Invariants: exactly 30 enrolled, 270 waitlisted with numbers 1..270 (FIFO), no child twice,
 * the counters agree with the documents; cancelling 5 offers seats to exactly numbers 1..5.
 */
import { addDays, shanghaiDate } from '../../src/core/shared/shanghai-time'
import { addFamilies, type Family } from '../factories/classes.factory'
import { useSeededCloud, communityDb } from './local-cloud.helper'

jest.setTimeout(120_000)

const cloud = useSeededCloud('classes')
let fams: Family[]
const today = shanghaiDate(new Date())

const call = async (openId: string, action: string, payload: unknown, requestId: string): Promise<any> =>
  await cloud.call(openId, action, payload, requestId)

beforeAll(async () => {
  fams = await addFamilies(communityDb(), 300)
})

async function createTerm(capacity: number): Promise<string> {
  const body = await call(
    'demo-staff',
    'createTerm',
    { title: '抢报班', room: '活动室', startDate: addDays(today, 1), endDate: addDays(today, 30), capacity },
    `rush-term-${Date.now()}-${capacity}`
  )
  expect(body.ok).toBe(true)
  return body.data.termId
}

const percentile = (xs: number[], p: number): number =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]

describe('300 guardians enrol at once into a 30-seat term', () => {
  let termId: string
  const answers: any[] = []

  it('enrols exactly 30 and waitlists 270 in FIFO numbers, no child twice', async () => {
    termId = await createTerm(30)
    const started = Date.now()
    const ms: number[] = []
    const results = await Promise.all(
      fams.map(async (f, i) => {
        const t0 = Date.now()
        const body = await call(f.guardian, 'enrol', { termId, childId: f.childId }, `rush-${i}-enrol`)
        ms.push(Date.now() - t0)
        return body
      })
    )
    const wall = Date.now() - started
    console.log(
      `rush: 300 enrols answered in ${wall} ms, p50 ${percentile(ms, 0.5)} ms, p99 ${percentile(ms, 0.99)} ms`
    )
    answers.push(...results)
    expect(results.filter(r => !r.ok)).toEqual([])
    const enrolled = results.filter(r => r.data.status === 'enrolled')
    const waiting = results.filter(r => r.data.status === 'waitlisted')
    expect(enrolled).toHaveLength(30)
    expect(waiting).toHaveLength(270)
    expect(waiting.map(r => r.data.waitNumber).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 270 }, (_, i) => i + 1)
    )

    const db = communityDb()
    const term = (await db.collection('class_terms').doc(termId).get()).data[0]
    expect(term).toMatchObject({ seatsLeft: 0, waiting: 270, waitSeq: 270 })
    const docs: any[] = []
    for (let skip = 0; skip < 300; skip += 100)
      docs.push(
        ...(await db.collection('class_enrolments').where({ termId }).orderBy('_id', 'asc').skip(skip).limit(100).get())
          .data
      )
    expect(docs).toHaveLength(300)
    expect(new Set(docs.map(d => d.childId)).size).toBe(300)
    expect(docs.filter(d => d.status === 'enrolled')).toHaveLength(30)
    // The first 30 answered requests are exactly the ones that got seats (no seat handed after the line formed).
    const seatedIds = new Set(enrolled.map(r => r.data.childId))
    expect(docs.filter(d => d.status === 'enrolled').every(d => seatedIds.has(d.childId))).toBe(true)
  })

  it('a retry returns the first answer; enrolling again with a new request is refused', async () => {
    const again = await Promise.all(
      fams
        .slice(0, 50)
        .map(async (f, i) => await call(f.guardian, 'enrol', { termId, childId: f.childId }, `rush-${i}-enrol`))
    )
    expect(again).toEqual(answers.slice(0, 50))
    const dup = await Promise.all(
      fams
        .slice(0, 50)
        .map(async (f, i) => await call(f.guardian, 'enrol', { termId, childId: f.childId }, `rush-${i}-again`))
    )
    expect(dup.map(d => d.error?.code)).toEqual(Array(50).fill('ALREADY_ENROLLED'))
  })

  it('cancelling 5 at once offers exactly the next 5 in line; they accept and the term is full again', async () => {
    const seated = answers.filter(r => r.data.status === 'enrolled').slice(0, 5)
    const byChild = new Map(fams.map(f => [f.childId, f]))
    const res = await Promise.all(
      seated.map(
        async (r, i) =>
          await call(
            byChild.get(r.data.childId)!.guardian,
            'cancelEnrolment',
            { termId, childId: r.data.childId },
            `rush-cancel-${i}`
          )
      )
    )
    expect(res.every(r => r.ok)).toBe(true)
    const db = communityDb()
    const offered = (await db.collection('class_enrolments').where({ termId, status: 'offered' }).limit(100).get())
      .data as any[]
    expect(offered.map(o => o.waitSeq).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5])
    const term = (await db.collection('class_terms').doc(termId).get()).data[0]
    expect(term).toMatchObject({ seatsLeft: 0, waiting: 265 })
    const accepted = await Promise.all(
      offered.map(
        async (o, i) => await call(o.guardianUserId, 'acceptOffer', { termId, childId: o.childId }, `rush-accept-${i}`)
      )
    )
    expect(accepted.map(a => a.data?.status)).toEqual(Array(5).fill('enrolled'))
    expect(Number((await db.collection('class_enrolments').where({ termId, status: 'enrolled' }).count()).total)).toBe(
      30
    )
    const line = (
      await db
        .collection('class_enrolments')
        .where({ termId, status: 'waitlisted' })
        .orderBy('waitSeq', 'asc')
        .limit(1)
        .get()
    ).data as any[]
    expect(line[0].waitSeq).toBe(6)
  })

  it('waves keep request order: everyone answered in the first wave is ahead of the second wave', async () => {
    const t2 = await createTerm(10)
    const first = await Promise.all(
      fams
        .slice(0, 40)
        .map(async (f, i) => await call(f.guardian, 'enrol', { termId: t2, childId: f.childId }, `rush-wave1-${i}`))
    )
    const second = await Promise.all(
      fams
        .slice(40, 80)
        .map(async (f, i) => await call(f.guardian, 'enrol', { termId: t2, childId: f.childId }, `rush-wave2-${i}`))
    )
    const maxFirst = Math.max(...first.filter(r => r.data.status === 'waitlisted').map(r => r.data.waitNumber))
    const minSecond = Math.min(...second.map(r => r.data.waitNumber))
    expect(first.filter(r => r.data.status === 'enrolled')).toHaveLength(10)
    expect(second.every(r => r.data.status === 'waitlisted')).toBe(true)
    expect(maxFirst).toBe(30)
    expect(minSecond).toBe(31)
  })
})
