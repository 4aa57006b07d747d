/**
 * Enrolment and the waitlist (报名与候补), in process: the real classes repository, audit writer
 * and notifier over the local cloud's database engine in memory, at a frozen Shanghai time
 * (test/support/in-memory-deps.ts). What a family would notice: a seat or a place in line, who
 * is told what, and what staff can later read in the audit log.
 */
import { aCaller } from '../../../test/factories/caller.factory'
import { family } from '../../../test/factories/classes.factory'
import { classesDeps, minutes, rows, useWorld } from '../../../test/support/in-memory-deps'
import { shanghaiInstant } from '../shared/shanghai-time'
import { createTermInput } from './class.schemas'
import { reportAbsence } from './attendance.usecase'
import { removeCoGuardian } from './co-guardian.usecase'
import { acceptOffer, cancelEnrolment, enrol, myEnrolments, promote, runWaitlist } from './enrolment.usecase'
import { cancelSession, createTerm } from './terms.usecase'

// Monday 1 September 2025, 10:00 in Shanghai: enrolment for the autumn term is open.
const world = useWorld('2025-09-01 10:00')
const deps = () => classesDeps(world())
const staff = aCaller({ openId: 'o-staff', name: '李社工', roles: ['staff'] })

/** A guardian (家长) with one consented child in grade 三年级, stored as the app stores them. */
async function aFamily(i: number) {
  const f = family(i, 'spec')
  const { db } = world()
  await db.collection('users').add(f.user)
  await db.collection('consents').add({ ...f.consent })
  await db.collection('children').add({ ...f.child })
  return {
    guardian: aCaller({ openId: f.user._id as string, name: f.user.name as string, roles: ['resident', 'guardian'] }),
    childId: f.child._id,
    childName: f.child.name
  }
}

async function aTerm(over: Record<string, unknown> = {}): Promise<string> {
  const input = createTermInput.parse({
    title: '秋季四点半课堂',
    room: '二楼活动室',
    startDate: '2025-09-08',
    endDate: '2025-09-26',
    capacity: 2,
    ...over
  })
  const res = await createTerm(deps(), input, staff)
  if (!res.ok) throw new Error(res.code)
  return res.value.termId
}

let rid = 0
const call = () => ({ requestId: `spec-${++rid}` })
const inbox = async (to: string, kind: string) => await rows(world().db, 'inbox', { to, kind })
const audit = async (action: string) => await rows(world().db, 'audit', { action })

describe('enrol', () => {
  it('gives a free seat, tells the guardian, audits it, and the term has one seat fewer', async () => {
    const termId = await aTerm()
    const a = await aFamily(1)
    const res = await enrol(deps(), { termId, childId: a.childId }, a.guardian, call())
    expect(res).toMatchObject({
      ok: true,
      value: { status: 'enrolled', statusLabel: expect.any(String), waitNumber: null, childName: a.childName }
    })
    const told = await inbox(a.guardian.openId, 'classes.enrolled')
    expect(told).toHaveLength(1)
    expect(told[0].title).toBe('秋季四点半课堂报名成功')
    expect(told[0].body).toContain('二楼活动室')
    expect(await audit('classes.enrol')).toEqual([
      expect.objectContaining({ actor: a.guardian.openId, data: { status: 'enrolled' } })
    ])
    const [term] = await rows(world().db, 'class_terms', { _id: termId })
    expect(term.seatsLeft).toBe(1)
  })

  it('puts the third child in line with number 1 once both seats are taken, and says so', async () => {
    const termId = await aTerm({ capacity: 2 })
    const [a, b, c] = [await aFamily(1), await aFamily(2), await aFamily(3)]
    await enrol(deps(), { termId, childId: a.childId }, a.guardian, call())
    await enrol(deps(), { termId, childId: b.childId }, b.guardian, call())
    const res = await enrol(deps(), { termId, childId: c.childId }, c.guardian, call())
    expect(res).toMatchObject({ ok: true, value: { status: 'waitlisted', waitNumber: 1 } })
    expect(await inbox(c.guardian.openId, 'classes.enrolled')).toHaveLength(0)
    expect(await audit('classes.enrol')).toContainEqual(
      expect.objectContaining({ actor: c.guardian.openId, data: { status: 'waitlisted', waitSeq: 1 } })
    )
  })

  it('refuses a child of a grade the term is not for, and stores nothing', async () => {
    const termId = await aTerm({ grades: ['一年级', '二年级'] })
    const a = await aFamily(1) // 三年级
    const res = await enrol(deps(), { termId, childId: a.childId }, a.guardian, call())
    expect(res).toMatchObject({ ok: false, code: 'GRADE_NOT_ELIGIBLE' })
    expect(await rows(world().db, 'class_enrolments')).toEqual([])
    expect(await audit('classes.enrol')).toEqual([])
  })

  it('refuses a second enrolment of the same child, keeping the one seat', async () => {
    const termId = await aTerm({ capacity: 5 })
    const a = await aFamily(1)
    await enrol(deps(), { termId, childId: a.childId }, a.guardian, call())
    const again = await enrol(deps(), { termId, childId: a.childId }, a.guardian, call())
    expect(again).toMatchObject({ ok: false, code: 'ALREADY_ENROLLED' })
    const [term] = await rows(world().db, 'class_terms', { _id: termId })
    expect(term.seatsLeft).toBe(4)
    expect(await inbox(a.guardian.openId, 'classes.enrolled')).toHaveLength(1)
  })

  it("refuses someone else's child as if it did not exist", async () => {
    const termId = await aTerm()
    const a = await aFamily(1)
    const stranger = aCaller({ openId: 'o-stranger', roles: ['resident', 'guardian'] })
    expect(await enrol(deps(), { termId, childId: a.childId }, stranger, call())).toMatchObject({
      ok: false,
      code: 'NOT_FOUND'
    })
  })

  it('refuses before enrolment opens', async () => {
    const termId = await aTerm({ enrolOpensAt: '2025-09-02T00:00:00Z' })
    const a = await aFamily(1)
    expect(await enrol(deps(), { termId, childId: a.childId }, a.guardian, call())).toMatchObject({
      ok: false,
      code: 'TERM_NOT_OPEN'
    })
  })
})

describe('promote: the waitlist moves by itself', () => {
  /** A full term (1 seat, A holds it) with B and C in line, in that order. */
  async function fullTermWithLine() {
    const termId = await aTerm({ capacity: 1, offerHours: 12 })
    const [a, b, c] = [await aFamily(1), await aFamily(2), await aFamily(3)]
    for (const f of [a, b, c]) await enrol(deps(), { termId, childId: f.childId }, f.guardian, call())
    return { termId, a, b, c }
  }

  it('offers a freed seat to the head of the line, with a 12-hour deadline and a reminder two hours before', async () => {
    const { termId, a, b, c } = await fullTermWithLine()
    const res = await cancelEnrolment(deps(), { termId, childId: a.childId }, a.guardian)
    expect(res).toMatchObject({ ok: true, value: { status: 'cancelled', promoted: 1 } })
    const offer = await inbox(b.guardian.openId, 'classes.waitlist-offer')
    expect(offer).toHaveLength(1)
    // Offered at 10:00 Shanghai: answer by 22:00 (shown in Shanghai time).
    expect(offer[0].body).toContain('22:00')
    expect(await inbox(c.guardian.openId, 'classes.waitlist-offer')).toHaveLength(0) // C still waits
    const [e] = await rows(world().db, 'class_enrolments', { childId: b.childId })
    expect(e).toMatchObject({ status: 'offered', offerExpiresAt: new Date('2025-09-01T14:00:00Z') })
    const [reminder] = await rows(world().db, 'reminders', { status: 'pending' })
    expect(reminder).toMatchObject({
      at: new Date('2025-09-01T12:00:00Z'),
      notice: expect.objectContaining({ to: b.guardian.openId })
    })
    expect(await audit('classes.offer-seat')).toEqual([
      expect.objectContaining({ target: `class_enrolments/${e._id}`, data: expect.objectContaining({ waitSeq: 1 }) })
    ])
  })

  it('an offer accepted before its deadline becomes a place, and its reminder is dropped', async () => {
    const { termId, a, b } = await fullTermWithLine()
    await cancelEnrolment(deps(), { termId, childId: a.childId }, a.guardian)
    world().clock.advance(minutes(11 * 60 + 59)) // 21:59
    expect(await acceptOffer(deps(), { termId, childId: b.childId }, b.guardian)).toMatchObject({
      ok: true,
      value: { status: 'enrolled' }
    })
    expect(await rows(world().db, 'reminders', { status: 'pending' })).toEqual([])
    expect(await audit('classes.accept-offer')).toHaveLength(1)
  })

  it('an offer not accepted in time lapses at the timer: the family is told, and the next in line gets the seat', async () => {
    const { termId, a, b, c } = await fullTermWithLine()
    await cancelEnrolment(deps(), { termId, childId: a.childId }, a.guardian)
    world().clock.advance(minutes(12 * 60)) // 22:00: the deadline
    expect(await acceptOffer(deps(), { termId, childId: b.childId }, b.guardian)).toMatchObject({
      ok: false,
      code: 'OFFER_EXPIRED'
    })
    expect(await runWaitlist(deps())).toMatchObject({ lapsed: 1, offered: 1 })
    expect(await inbox(b.guardian.openId, 'classes.offer-lapsed')).toHaveLength(1)
    expect(await inbox(c.guardian.openId, 'classes.waitlist-offer')).toHaveLength(1)
    const statuses = Object.fromEntries((await rows(world().db, 'class_enrolments')).map(e => [e.childId, e.status]))
    expect(statuses).toEqual({ [a.childId]: 'cancelled', [b.childId]: 'lapsed', [c.childId]: 'offered' })
    // Run again: nothing more happens (it is a timer; it runs every five minutes).
    expect(await runWaitlist(deps())).toMatchObject({ lapsed: 0, offered: 0 })
    expect(await inbox(c.guardian.openId, 'classes.waitlist-offer')).toHaveLength(1)
  })

  it('offers in line order, never to two families for one seat, however often it runs', async () => {
    const { termId, a, b, c } = await fullTermWithLine()
    // A's seat comes free without the usual promotion (as if the cancel stopped right after it).
    await world().db.collection('class_enrolments').doc(`${termId}:${a.childId}`).update({ status: 'cancelled' })
    const term = (await rows(world().db, 'class_terms', { _id: termId }))[0]
    await world()
      .db.collection('class_terms')
      .doc(termId)
      .update({ seatsLeft: 1, seatHolders: term.seatHolders.filter((h: string) => !h.endsWith(a.childId)) })
    const offered = await Promise.all([1, 2, 3].map(async () => await promote(deps(), termId, 'spec')))
    expect(offered.flat()).toEqual([`${termId}:${b.childId}`])
    expect(await inbox(c.guardian.openId, 'classes.waitlist-offer')).toHaveLength(0)
  })
})

describe('myEnrolments: what the family sees in 我的报名', () => {
  /** Another child of `guardian` (family i's child, registered by them), stored as the app stores it. */
  async function aChildOf(guardian: string, i: number): Promise<string> {
    const { child, consent } = family(i, 'spec')
    const { db } = world()
    await db.collection('consents').add({ ...consent, guardianUserId: guardian })
    await db.collection('children').add({ ...child, guardianUserId: guardian })
    return child._id
  }

  /** Moves the frozen clock on to Shanghai wall time `hhmm` of `date`. */
  const at = (date: string, hhmm: string): void =>
    world().clock.advance(shanghaiInstant(date, hhmm).getTime() - world().clock.now().getTime())

  /**
   * A family with history, a minute between each step (newest first is by the time of asking): 小一
   * enrolled this week (sessions today to Wednesday at 16:30–18:00, the
   * first one reported absent), 小二 third in the line of a full term, and 小一's place in a third term
   * cancelled.
   */
  async function aFamilyWithHistory() {
    const f = await aFamily(1)
    const second = await aChildOf(f.guardian.openId, 9)
    const seated = await aTerm({ title: '本周班', startDate: '2025-09-01', endDate: '2025-09-03', capacity: 5 })
    const full = await aTerm({ title: '满员班', capacity: 1 })
    const left = await aTerm({ title: '退出班', capacity: 5 })
    await enrol(deps(), { termId: seated, childId: f.childId }, f.guardian, call())
    const [a, b, c] = [await aFamily(2), await aFamily(3), await aFamily(4)]
    for (const o of [a, b, c]) await enrol(deps(), { termId: full, childId: o.childId }, o.guardian, call())
    at('2025-09-01', '10:01')
    await enrol(deps(), { termId: full, childId: second }, f.guardian, call())
    at('2025-09-01', '10:02')
    await enrol(deps(), { termId: left, childId: f.childId }, f.guardian, call())
    await cancelEnrolment(deps(), { termId: left, childId: f.childId }, f.guardian)
    const today = `${seated}:2025-09-01`
    await reportAbsence(deps(), { sessionId: today, childId: f.childId }, f.guardian)
    return { f, second, seated, full, left, b }
  }

  async function listOf(caller: ReturnType<typeof aCaller>) {
    const res = await myEnrolments(deps(), {}, caller)
    if (!res.ok) throw new Error(res.code)
    return res.value
  }
  const byTerm = <T extends { termId: string }>(items: T[]) => new Map(items.map(e => [e.termId, e]))

  it('shows each place with its next session, its place in line and what was cancelled, newest first', async () => {
    const { f, second, seated, full, left } = await aFamilyWithHistory()
    const list = await listOf(f.guardian)
    expect(list.cursor).toBeNull()
    expect(list.items.map(e => e.termTitle)).toEqual(['退出班', '满员班', '本周班'])
    const mine = byTerm(list.items)
    // Today's 16:30 session has not started at 10:02: it is the next one, already reported absent (已请假).
    expect(mine.get(seated)).toMatchObject({
      status: 'enrolled',
      childId: f.childId,
      waitNumber: null,
      ahead: null,
      nextSession: {
        sessionId: `${seated}:2025-09-01`,
        date: '2025-09-01',
        startsAt: '2025-09-01T08:30:00.000Z',
        reportedAbsent: true
      }
    })
    // Third in line: two ahead; no session to report absence for.
    expect(mine.get(full)).toMatchObject({
      status: 'waitlisted',
      childId: second,
      waitNumber: 3,
      ahead: 2,
      nextSession: null
    })
    expect(mine.get(left)).toMatchObject({ status: 'cancelled', waitNumber: null, ahead: null, nextSession: null })
  })

  it('the next session is the first scheduled one not yet started: today once it starts or ends, never', async () => {
    const { f, seated } = await aFamilyWithHistory()
    const next = async () => byTerm((await listOf(f.guardian)).items).get(seated)?.nextSession
    at('2025-09-01', '16:30') // today's starts now, so tomorrow's is next
    expect(await next()).toEqual({
      sessionId: `${seated}:2025-09-02`,
      date: '2025-09-02',
      startsAt: '2025-09-02T08:30:00.000Z',
      reportedAbsent: false
    })
    at('2025-09-01', '18:10') // today's has ended
    expect((await next())?.sessionId).toBe(`${seated}:2025-09-02`)
    // Tomorrow's is cancelled (a holiday): Wednesday's is next.
    await cancelSession(deps(), { sessionId: `${seated}:2025-09-02`, reason: '停电' }, staff)
    expect((await next())?.sessionId).toBe(`${seated}:2025-09-03`)
    at('2025-09-03', '18:00') // Wednesday: the last one has ended
    expect(await next()).toBeNull()
  })

  it('the count ahead moves as the line does: someone ahead leaves, one fewer', async () => {
    const { f, full, b } = await aFamilyWithHistory()
    await cancelEnrolment(deps(), { termId: full, childId: b.childId }, b.guardian)
    expect(byTerm((await listOf(f.guardian)).items).get(full)).toMatchObject({ waitNumber: 3, ahead: 1 })
  })

  it('a co-guardian sees the same list, and nothing of the child once removed, even the place she made', async () => {
    const { f, second, full } = await aFamilyWithHistory()
    const mother = aCaller({ openId: 'o-co-mother', name: '王妈妈', roles: ['resident', 'guardian'] })
    await world()
      .db.collection('users')
      .add({ _id: mother.openId, name: '王妈妈', roles: ['resident', 'guardian'] })
    await world()
      .db.collection('children')
      .doc(second)
      .update({ coGuardianUserIds: [mother.openId] })
    const seen = (await listOf(mother)).items
    expect(seen).toEqual((await listOf(f.guardian)).items.filter(e => e.childId === second))
    expect(byTerm(seen).get(full)).toMatchObject({ ahead: 2 })
    const other = await aTerm({ title: '妈妈报的班', capacity: 5 })
    at('2025-09-01', '10:03')
    await enrol(deps(), { termId: other, childId: second }, mother, call())
    expect((await listOf(mother)).items.map(e => e.termTitle)).toEqual(['妈妈报的班', '满员班'])
    expect(await removeCoGuardian(deps(), { childId: second, userId: mother.openId }, f.guardian)).toMatchObject({
      ok: true
    })
    expect(await listOf(mother)).toEqual({ items: [], cursor: null })
  })
})
