/**
 * The BUILT classes function through the local cloud with the real SDK: terms and sessions,
 * children with consent and who sees them, enrolment and the waitlist, tutors, attendance and
 * the pickup hand-over, timers, the staff view, and the roles × actions / bad-input tables.
 * Needs `npm run build:functions` first.
 */
import { shanghaiDate, addDays } from '../../src/core/shared/shanghai-time'
import { addFamilies, pickupCode, type Family } from '../factories/classes.factory'
import { expectEveryLinkOpens } from './deep-links.helper'
import { useSeededCloud, communityDb } from './local-cloud.helper'

jest.setTimeout(60_000)

const cloud = useSeededCloud('classes')
let fams: Family[]
// The functions' clock stands at NOW for the whole file: "today" is the same day for the tests
// and the functions even when the run crosses Shanghai midnight or the machine is slow.
const NOW = new Date()
const today = shanghaiDate(NOW)
beforeAll(async () => {
  await cloud.setClock(NOW)
})
const tomorrow = addDays(today, 1)
let seq = 0
const rid = (): string => `it-classes-${Date.now()}-${seq++}`

const call = cloud.call
const okData = cloud.data
const timer = async (name: string): Promise<any> => await cloud.tick(name)
const db = () => communityDb()
const inboxOf = async (to: string, kind: string): Promise<any[]> =>
  (await db().collection('inbox').where({ to, kind }).limit(100).get()).data as any[]
const countAll = async (names: string[]): Promise<Record<string, number>> => {
  const out: Record<string, number> = {}
  for (const n of names) out[n] = Number((await db().collection(n).count()).total)
  return out
}

async function newTerm(over: Record<string, unknown> = {}): Promise<string> {
  const data = await okData(
    'demo-staff',
    'createTerm',
    {
      title: '测试班',
      room: '二楼活动室',
      startDate: today,
      endDate: addDays(today, 3),
      weekdays: [1, 2, 3, 4, 5, 6, 7],
      startTime: '00:00',
      endTime: '23:59',
      capacity: 2,
      minTutors: 2,
      ...over
    },
    rid()
  )
  return data.termId
}

beforeAll(async () => {
  fams = await addFamilies(communityDb(), 8, 'it')
})

describe('terms and sessions', () => {
  it('staff create a term that generates its sessions at 16:30–18:00 by default, holidays skipped', async () => {
    const { termId, sessions } = await okData(
      'demo-staff',
      'createTerm',
      {
        title: '秋季班',
        room: '活动室',
        startDate: '2025-09-29',
        endDate: '2025-10-10',
        capacity: 30,
        holidays: ['2025-10-01', '2025-10-02', '2025-10-03']
      },
      rid()
    )
    expect(sessions).toBe(7)
    const s = await db().collection('class_sessions').where({ termId }).orderBy('date', 'asc').get()
    expect(s.data.map((x: any) => x.date)).toEqual([
      '2025-09-29',
      '2025-09-30',
      '2025-10-06',
      '2025-10-07',
      '2025-10-08',
      '2025-10-09',
      '2025-10-10'
    ])
    expect(new Date(s.data[0].startsAt).toISOString()).toBe('2025-09-29T08:30:00.000Z')
    const list = await okData('demo-guardian', 'listTerms', {})
    expect(list.items.find((t: any) => t.termId === termId)).toMatchObject({
      title: '秋季班',
      startTime: '16:30',
      endTime: '18:00',
      capacity: 30,
      seatsLeft: 30
    })
  })

  it('a holiday cancels a session and tells every enrolled family, must-reach before it starts', async () => {
    const termId = await newTerm({ capacity: 5 })
    await okData(fams[0].guardian, 'enrol', { termId, childId: fams[0].childId }, rid())
    await okData(fams[1].guardian, 'enrol', { termId, childId: fams[1].childId }, rid())
    const sessionId = `${termId}:${tomorrow}`
    const res = await okData('demo-staff', 'cancelSession', { sessionId, reason: '区里统一停课' }, rid())
    expect(res.notified).toBe(2)
    const notes = await inboxOf(fams[0].guardian, 'classes.session-cancelled')
    expect(notes).toHaveLength(1)
    expect(notes[0].body).toContain('区里统一停课')
    expect(notes[0].mustReachBy ?? notes[0].followUp).toBeTruthy()
    expect((await okData('demo-staff', 'cancelSession', { sessionId, reason: '区里统一停课' }, rid())).notified).toBe(2)
    expect(await inboxOf(fams[0].guardian, 'classes.session-cancelled')).toHaveLength(1) // told once
    expect((await call(fams[0].guardian, 'cancelSession', { sessionId, reason: 'x' }, rid())).error.code).toBe(
      'FORBIDDEN'
    )
  })
})

describe('children and consent', () => {
  let childId: string
  it('a guardian registers a child with a recorded consent and gets their own pickup code', async () => {
    const child = await okData(
      'demo-guardian',
      'registerChild',
      {
        name: '李小宝',
        school: '育才小学',
        grade: '二年级',
        allergies: '芒果过敏',
        emergencyContacts: [{ name: '周婷', relation: '母亲', phone: '14000000099' }],
        consent: true
      },
      rid()
    )
    childId = child.childId
    expect(child.pickupAdults).toEqual([
      { adultId: 'a1', name: '李建国', relation: '监护人', code: expect.stringMatching(/^\d{6}$/) }
    ])
    const consent = (await db().collection('consents').doc(`consent-${childId}`).get()).data[0]
    expect(consent).toMatchObject({
      kind: 'child-record',
      subjectId: childId,
      guardianUserId: 'demo-guardian',
      version: '2025-01'
    })
    const mine = await okData('demo-guardian', 'myChildren', {})
    expect(mine.items.map((c: any) => c.name)).toEqual(expect.arrayContaining(['李小宝', '李梓涵']))
  })

  it('without consent nothing is stored', async () => {
    const before = await countAll(['children', 'consents'])
    const body = await call(
      'demo-guardian',
      'registerChild',
      {
        name: '李二宝',
        school: '育才小学',
        grade: '一年级',
        emergencyContacts: [{ name: '周婷', relation: '母亲', phone: '14000000099' }],
        consent: false
      },
      rid()
    )
    expect(body.error.code).toBe('INVALID_INPUT')
    expect(await countAll(['children', 'consents'])).toEqual(before)
  })

  it("only the guardian, today's tutors of the child's class and staff see the child", async () => {
    expect((await okData('demo-guardian', 'childDetail', { childId })).allergies).toBe('芒果过敏')
    expect((await call(fams[0].guardian, 'childDetail', { childId })).error.code).toBe('NOT_FOUND')
    expect((await call('demo-resident', 'childDetail', { childId })).error.code).toBe('NOT_FOUND')
    expect((await call('demo-volunteer', 'childDetail', { childId })).error.code).toBe('NOT_FOUND') // not his class today
    const staffView = await okData('demo-staff', 'childDetail', { childId })
    expect(staffView.pickupAdults[0]).not.toHaveProperty('code')
    const termId = await newTerm({ capacity: 3 })
    await okData('demo-guardian', 'enrol', { termId, childId }, rid())
    await okData('demo-volunteer', 'signUpTutor', { sessionId: `${termId}:${today}` })
    const tutorView = await okData('demo-volunteer', 'childDetail', { childId })
    expect(tutorView.allergies).toBe('芒果过敏')
    expect(tutorView.pickupAdults[0]).not.toHaveProperty('code')
    const audited = await db()
      .collection('audit')
      .where({ action: 'classes.read-child', target: `children/${childId}` })
      .get()
    expect(audited.data.map((a: any) => a.actor).sort()).toEqual(['demo-staff', 'demo-volunteer'])
  })
})

describe('the pickup list', () => {
  it('adults added at the same moment (two parents at once) are all kept, each with their own code', async () => {
    const f = fams[5]
    const before = (await okData(f.guardian, 'myChildren', {})).items.find(
      (c: any) => c.childId === f.childId
    ).pickupAdults
    const room = 5 - before.length
    expect(room).toBeGreaterThanOrEqual(2)
    const added = await Promise.all(
      Array.from(
        { length: room },
        async (_x, i) =>
          await call(f.guardian, 'addPickupAdult', { childId: f.childId, name: `接送人${i}`, relation: '亲属' }, rid())
      )
    )
    expect(added.map(b => b.ok)).toEqual(Array(room).fill(true))
    const after = (await db().collection('children').doc(f.childId).get()).data[0]
    expect(after.pickupAdults.map((a: any) => a.name).sort()).toEqual(
      [...before.map((a: any) => a.name), ...Array.from({ length: room }, (_x, i) => `接送人${i}`)].sort()
    )
    expect(new Set(after.pickupAdults.map((a: any) => a.adultId)).size).toBe(5)
    expect(new Set(after.pickupAdults.map((a: any) => a.code)).size).toBe(5)
    expect(
      (await call(f.guardian, 'addPickupAdult', { childId: f.childId, name: '多余', relation: '亲属' }, rid())).error
        .code
    ).toBe('TOO_MANY_ADULTS')
    // A removal and an addition at once: both take effect.
    const [removed, again] = await Promise.all([
      call(f.guardian, 'removePickupAdult', { childId: f.childId, adultId: after.pickupAdults[4].adultId }, rid()),
      call(f.guardian, 'removePickupAdult', { childId: f.childId, adultId: after.pickupAdults[3].adultId }, rid())
    ])
    expect([removed.ok, again.ok]).toEqual([true, true])
    expect((await db().collection('children').doc(f.childId).get()).data[0].pickupAdults).toHaveLength(3)
  })
})

describe('co-guardians (共同监护人)', () => {
  const adult = async (openId: string, name: string): Promise<void> => {
    await db()
      .collection('users')
      .add({
        _id: openId,
        name,
        roles: ['resident'],
        phone: null,
        memberId: null,
        householdId: null,
        gridId: null,
        createdAt: new Date()
      })
  }

  it('the other parent joins with a one-time code, then sees the child, is told about offers and answers them', async () => {
    const f = fams[6]
    await adult('it-co-mother', '周敏')
    await adult('it-co-a', '甲')
    await adult('it-co-b', '乙')
    expect((await call('it-co-mother', 'childDetail', { childId: f.childId })).error.code).toBe('NOT_FOUND')
    expect((await call(fams[7].guardian, 'inviteCoGuardian', { childId: f.childId }, rid())).error.code).toBe(
      'NOT_FOUND'
    ) // not their child

    // Two people entering the same code at once: exactly one joins; the guardian removes them.
    const first = await okData(f.guardian, 'inviteCoGuardian', { childId: f.childId }, rid())
    expect(first.code).toMatch(/^\d{8}$/)
    const raced = await Promise.all(
      ['it-co-a', 'it-co-b'].map(
        async who => await call(who, 'acceptCoGuardian', { code: first.code, consent: true }, rid())
      )
    )
    expect(raced.filter(r => r.ok)).toHaveLength(1)
    expect(raced.find(r => !r.ok).error.code).toBe('INVITE_INVALID')
    const winner = raced[0].ok ? 'it-co-a' : 'it-co-b'
    expect((await okData(winner, 'childDetail', { childId: f.childId })).name).toBe(f.childName)
    await okData(f.guardian, 'removeCoGuardian', { childId: f.childId, userId: winner }, rid())
    expect((await call(winner, 'childDetail', { childId: f.childId })).error.code).toBe('NOT_FOUND')

    // The mother joins with a fresh code; the registering guardian is told who joined.
    const { code } = await okData(f.guardian, 'inviteCoGuardian', { childId: f.childId }, rid())
    expect((await call('it-co-mother', 'acceptCoGuardian', { code, consent: false }, rid())).error.code).toBe(
      'INVALID_INPUT'
    )
    expect(await okData('it-co-mother', 'acceptCoGuardian', { code, consent: true }, rid())).toEqual({
      childId: f.childId,
      childName: f.childName
    })
    expect((await call('it-co-a', 'acceptCoGuardian', { code, consent: true }, rid())).error.code).toBe(
      'INVITE_INVALID'
    ) // used
    expect((await db().collection('users').doc('it-co-mother').get()).data[0].roles).toEqual(['resident', 'guardian'])
    expect((await db().collection('consents').doc(`consent-${f.childId}-it-co-mother`).get()).data[0]).toMatchObject({
      subjectId: f.childId,
      guardianUserId: 'it-co-mother'
    })
    expect(
      (await inboxOf(f.guardian, 'classes.co-guardian-joined'))
        .map(n => n.body as string)
        .filter(b => b.includes('周敏'))
    ).toHaveLength(1)
    const seen = (await okData('it-co-mother', 'myChildren', {})).items.find((c: any) => c.childId === f.childId)
    expect(seen.pickupAdults[0].code).toMatch(/^\d{6}$/)
    expect(seen.guardians).toEqual([
      { userId: f.guardian, name: expect.any(String), registered: true, me: false },
      { userId: 'it-co-mother', name: '周敏', registered: false, me: true }
    ])
    expect(seen.registeredByMe).toBe(false)
    expect((await call('it-co-mother', 'inviteCoGuardian', { childId: f.childId }, rid())).error.code).toBe('NOT_FOUND') // only the registering guardian invites

    // The father enrols into a full term; both see the place in line, both get the offer, the mother accepts.
    const termId = await newTerm({ capacity: 1 })
    await okData(fams[0].guardian, 'enrol', { termId, childId: fams[0].childId }, rid())
    expect((await okData(f.guardian, 'enrol', { termId, childId: f.childId }, rid())).status).toBe('waitlisted')
    expect(
      (await okData('it-co-mother', 'myEnrolments', {})).items.find((e: any) => e.termId === termId)
    ).toMatchObject({ childId: f.childId, status: 'waitlisted', ahead: 0 })
    await okData(fams[0].guardian, 'cancelEnrolment', { termId, childId: fams[0].childId }, rid())
    for (const who of [f.guardian, 'it-co-mother']) expect(await inboxOf(who, 'classes.waitlist-offer')).toHaveLength(1)
    expect((await okData('it-co-mother', 'acceptOffer', { termId, childId: f.childId }, rid())).status).toBe('enrolled')

    // An expired code is refused; the mother may leave, and then the child is hidden from her again.
    await db()
      .collection('guardian_invites')
      .add({
        _id: 'guardian-invite-00000001',
        code: '00000001',
        childId: f.childId,
        childName: f.childName,
        invitedBy: f.guardian,
        createdAt: new Date(0),
        expiresAt: new Date(NOW.getTime() - 1000),
        acceptedBy: null,
        acceptedAt: null
      })
    expect((await call('it-co-a', 'acceptCoGuardian', { code: '00000001', consent: true }, rid())).error.code).toBe(
      'INVITE_INVALID'
    )
    const hers = await newTerm({ capacity: 3 })
    expect((await okData('it-co-mother', 'enrol', { termId: hers, childId: f.childId }, rid())).status).toBe('enrolled')
    expect((await okData(f.guardian, 'myEnrolments', {})).items.map((e: any) => e.termId)).toContain(hers)
    await okData('it-co-mother', 'removeCoGuardian', { childId: f.childId, userId: 'it-co-mother' }, rid())
    expect((await call('it-co-mother', 'childDetail', { childId: f.childId })).error.code).toBe('NOT_FOUND')
    // Having left, she no longer sees or answers for the child's places, even the one she made.
    expect(
      (await okData('it-co-mother', 'myEnrolments', {})).items.filter((e: any) => e.childId === f.childId)
    ).toEqual([])
    expect(
      (await call('it-co-mother', 'cancelEnrolment', { termId: hers, childId: f.childId }, rid())).error.code
    ).toBe('NOT_FOUND')
  })

  it('guessing codes is cut off: 10 entries an hour per person, counted even when fired all at once', async () => {
    const f = fams[7]
    await adult('it-co-guesser', '猜')
    const { code } = await okData(f.guardian, 'inviteCoGuardian', { childId: f.childId }, rid())
    const wrong = code === '99999999' ? '99999998' : '99999999'
    const burst = await Promise.all(
      Array.from(
        { length: 30 },
        async () => await call('it-co-guesser', 'acceptCoGuardian', { code: wrong, consent: true }, rid())
      )
    )
    const codes = burst.map(r => r.error.code)
    // Exactly 10 looked at (each one counted, the burst's first ones included), the other 20 refused unread.
    expect(codes.filter(c => c === 'INVITE_INVALID')).toHaveLength(10)
    expect(codes.filter(c => c === 'TOO_MANY_ATTEMPTS')).toHaveLength(20)
    // Even the right code is refused now; the child stays hidden.
    expect((await call('it-co-guesser', 'acceptCoGuardian', { code, consent: true }, rid())).error.code).toBe(
      'TOO_MANY_ATTEMPTS'
    )
    expect((await call('it-co-guesser', 'childDetail', { childId: f.childId })).error.code).toBe('NOT_FOUND')
    // Someone else can still use it.
    await adult('it-co-aunt', '姨妈')
    expect((await call('it-co-aunt', 'acceptCoGuardian', { code, consent: true }, rid())).ok).toBe(true)
  })
})

describe('enrolment and the waitlist', () => {
  it('seats, then the line; a retried request enrols once; a child cannot hold two places', async () => {
    const termId = await newTerm({ capacity: 2 })
    const r0 = rid()
    const a = await okData(fams[0].guardian, 'enrol', { termId, childId: fams[0].childId }, r0)
    expect(a.status).toBe('enrolled')
    expect(await okData(fams[0].guardian, 'enrol', { termId, childId: fams[0].childId }, r0)).toEqual(a) // retry: same answer
    expect((await call(fams[0].guardian, 'enrol', { termId, childId: fams[0].childId }, rid())).error.code).toBe(
      'ALREADY_ENROLLED'
    )
    expect((await okData(fams[1].guardian, 'enrol', { termId, childId: fams[1].childId }, rid())).status).toBe(
      'enrolled'
    )
    const w = await okData(fams[2].guardian, 'enrol', { termId, childId: fams[2].childId }, rid())
    expect(w).toMatchObject({ status: 'waitlisted', waitNumber: 1 })
    expect((await okData(fams[3].guardian, 'enrol', { termId, childId: fams[3].childId }, rid())).waitNumber).toBe(2)
    expect((await call(fams[4].guardian, 'enrol', { termId, childId: fams[0].childId }, rid())).error.code).toBe(
      'NOT_FOUND'
    ) // not their child
    const term = (await db().collection('class_terms').doc(termId).get()).data[0]
    expect(term).toMatchObject({ seatsLeft: 0, waiting: 2 })
    const mine = await okData(fams[3].guardian, 'myEnrolments', {})
    expect(mine.items[0]).toMatchObject({ status: 'waitlisted', ahead: 1 })

    // A seat frees: the head of the line gets an offer (template booking), accepts within the deadline.
    const cancelled = await okData(fams[0].guardian, 'cancelEnrolment', { termId, childId: fams[0].childId }, rid())
    expect(cancelled.promoted).toBe(1)
    const offer = (await db().collection('class_enrolments').doc(`${termId}:${fams[2].childId}`).get()).data[0]
    expect(offer.status).toBe('offered')
    expect(new Date(offer.offerExpiresAt).getTime() - NOW.getTime()).toBeGreaterThan(11.9 * 3600_000)
    const told = await inboxOf(fams[2].guardian, 'classes.waitlist-offer')
    expect(told).toHaveLength(1)
    expect((await db().collection('deliveries').count()).total).toBeGreaterThanOrEqual(0)
    const reminder = (
      await db().collection('reminders').doc(`classes.offer-reminder:${termId}:${fams[2].childId}:1`).get()
    ).data[0]
    expect(reminder).toMatchObject({ status: 'pending' })
    expect(new Date(reminder.at).getTime()).toBe(new Date(offer.offerExpiresAt).getTime() - 2 * 3600_000)
    expect((await okData(fams[2].guardian, 'acceptOffer', { termId, childId: fams[2].childId }, rid())).status).toBe(
      'enrolled'
    )
    expect((await db().collection('reminders').doc(reminder._id).get()).data[0].status).toBe('cancelled')
    // A newcomer can't jump the line.
    expect((await okData(fams[5].guardian, 'enrol', { termId, childId: fams[5].childId }, rid())).status).toBe(
      'waitlisted'
    )
  })

  it('an offer that lapses goes to the next in line, from the timer, and a re-run changes nothing', async () => {
    const termId = await newTerm({ capacity: 1 })
    await okData(fams[0].guardian, 'enrol', { termId, childId: fams[0].childId }, rid())
    await okData(fams[1].guardian, 'enrol', { termId, childId: fams[1].childId }, rid())
    await okData(fams[2].guardian, 'enrol', { termId, childId: fams[2].childId }, rid())
    await okData(fams[0].guardian, 'cancelEnrolment', { termId, childId: fams[0].childId }, rid())
    // 12 hours pass for the offer (written straight to the test database).
    await db()
      .collection('class_enrolments')
      .doc(`${termId}:${fams[1].childId}`)
      .update({ offerExpiresAt: new Date(NOW.getTime() - 1000) })
    expect((await call(fams[1].guardian, 'acceptOffer', { termId, childId: fams[1].childId }, rid())).error.code).toBe(
      'OFFER_EXPIRED'
    )
    const run = await timer('waitlist')
    expect(run.lapsed).toBeGreaterThanOrEqual(1)
    const e1 = (await db().collection('class_enrolments').doc(`${termId}:${fams[1].childId}`).get()).data[0]
    const e2 = (await db().collection('class_enrolments').doc(`${termId}:${fams[2].childId}`).get()).data[0]
    expect([e1.status, e2.status]).toEqual(['lapsed', 'offered'])
    expect(await inboxOf(fams[1].guardian, 'classes.offer-lapsed')).toHaveLength(1)
    await timer('waitlist')
    const term = (await db().collection('class_terms').doc(termId).get()).data[0]
    expect(term).toMatchObject({ seatsLeft: 0, waiting: 0 })
    expect((await db().collection('class_enrolments').doc(`${termId}:${fams[2].childId}`).get()).data[0].status).toBe(
      'offered'
    )
  })

  it('the caller read that also reads the term and child never takes a users document a client wrote', async () => {
    // enrol's caller read joins the term and the child (issue 19); the `_openid` check holds on it too.
    await db()
      .collection('users')
      .add({ _id: 'o-self-made-guardian', _openid: 'o-self-made-guardian', name: '我', roles: ['guardian'] })
    const termId = await newTerm({ capacity: 3 })
    const body = await call('o-self-made-guardian', 'enrol', { termId, childId: fams[0].childId }, rid())
    expect(body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '请先完成社区身份登记' } })
    expect(await db().collection('class_enrolments').where({ termId }).count()).toMatchObject({ total: 0 })
  })

  it('a timer event forged by a client is refused by the router', async () => {
    const body = await call('demo-guardian', 'x', {})
    expect(body.ok).toBe(false)
    const forged = await cloud.raw('demo-guardian', { Type: 'Timer', TriggerName: 'waitlist' })
    expect(forged.ok).toBe(false)
    expect(forged.error.code).toBe('INVALID_INPUT')
  })
})

describe('tutors', () => {
  it('staff put a tutor on a session; the tutor is told once and can withdraw; a non-tutor is refused', async () => {
    const termId = await newTerm({ capacity: 3, minTutors: 2 })
    const sessionId = `${termId}:${tomorrow}`
    expect((await okData('demo-staff', 'tutorPool', {})).items.map((r: any) => r.userId)).toContain('demo-volunteer')
    expect((await call('demo-volunteer', 'tutorPool', {})).error.code).toBe('FORBIDDEN')
    expect((await call('demo-staff', 'assignTutor', { sessionId, userId: 'demo-resident' }, rid())).error.code).toBe(
      'NOT_A_TUTOR'
    )
    expect(
      (await call('demo-volunteer', 'assignTutor', { sessionId, userId: 'demo-volunteer' }, rid())).error.code
    ).toBe('FORBIDDEN')
    const told = async (): Promise<number> =>
      (await inboxOf('demo-volunteer', 'classes.tutor-assigned')).filter(n => String(n._id).includes(sessionId)).length
    expect((await okData('demo-staff', 'assignTutor', { sessionId, userId: 'demo-volunteer' }, rid())).tutors).toBe(1)
    expect((await okData('demo-staff', 'assignTutor', { sessionId, userId: 'demo-volunteer' }, rid())).tutors).toBe(1) // again: no change
    expect(await told()).toBe(1)
    expect(
      (await okData('demo-volunteer', 'upcomingSessions', {})).items.find((r: any) => r.sessionId === sessionId)
        ?.iAmTutor
    ).toBe(true)
    expect((await okData('demo-volunteer', 'withdrawTutor', { sessionId })).tutors).toBe(0)
  })

  it('sign up once however often they tap; a short session warns staff two days ahead, once', async () => {
    const inTwo = addDays(today, 2)
    const { termId } = await okData(
      'demo-staff',
      'createTerm',
      {
        title: '缺人班',
        room: '三楼',
        startDate: inTwo,
        endDate: inTwo,
        weekdays: [1, 2, 3, 4, 5, 6, 7],
        capacity: 10,
        minTutors: 2
      },
      rid()
    )
    const sessionId = `${termId}:${inTwo}`
    await okData('demo-volunteer', 'signUpTutor', { sessionId })
    const s = await okData('demo-volunteer', 'signUpTutor', { sessionId })
    expect(s).toMatchObject({ tutors: 1, iAmTutor: true })
    expect((await call('demo-guardian', 'signUpTutor', { sessionId })).error.code).toBe('FORBIDDEN')
    const run = await timer('tutorShortage')
    expect(run.warned).toBeGreaterThanOrEqual(1)
    const notes = (await inboxOf('demo-staff', 'classes.tutors-short')).filter(n => n.body.includes('缺人班'))
    expect(notes).toHaveLength(1)
    expect(notes[0].body).toContain('现有 1 位')
    await timer('tutorShortage')
    expect((await inboxOf('demo-staff', 'classes.tutors-short')).filter(n => n.body.includes('缺人班'))).toHaveLength(1)
  })
})

describe('attendance and the pickup hand-over', () => {
  let termId: string
  const sessionId = (): string => `${termId}:${today}`
  beforeAll(async () => {
    termId = await newTerm({ capacity: 5, title: '接送班' })
    for (const f of fams.slice(0, 3)) await okData(f.guardian, 'enrol', { termId, childId: f.childId }, rid())
  })

  it('only a tutor signed up for the session takes attendance; the roster shows care needs and who may collect', async () => {
    expect(
      (
        await call('demo-volunteer', 'markAttendance', {
          sessionId: sessionId(),
          childId: fams[0].childId,
          status: 'present'
        })
      ).error.code
    ).toBe('NOT_TUTOR_TODAY')
    await okData('demo-volunteer', 'signUpTutor', { sessionId: sessionId() })
    const today = await okData('demo-volunteer', 'todaySessions', {})
    const sheet = today.sessions.find((s: any) => s.session.sessionId === sessionId())
    expect(sheet.children.map((c: any) => c.name)).toHaveLength(3)
    expect(sheet.children[0].pickupAdults[0]).toEqual({ name: expect.any(String), relation: '父亲' })
    expect(JSON.stringify(sheet)).not.toMatch(/code/)
    expect(
      await okData('demo-volunteer', 'markAttendance', {
        sessionId: sessionId(),
        childId: fams[0].childId,
        status: 'present'
      })
    ).toBe('present')
    expect(
      await okData('demo-volunteer', 'markAttendance', {
        sessionId: sessionId(),
        childId: fams[1].childId,
        status: 'late'
      })
    ).toBe('late')
    await okData('demo-volunteer', 'markAttendance', {
      sessionId: sessionId(),
      childId: fams[2].childId,
      status: 'absent'
    })
    expect(await inboxOf(fams[2].guardian, 'classes.absent')).toHaveLength(1) // not reported ahead: the family is told
  })

  it('a guardian reports absence ahead, not after the start', async () => {
    const next = `${termId}:${tomorrow}`
    await okData(
      fams[0].guardian,
      'reportAbsence',
      { sessionId: next, childId: fams[0].childId, note: '看牙医' },
      rid()
    )
    const row = (await db().collection('class_attendance').doc(`${next}:${fams[0].childId}`).get()).data[0]
    expect(row).toMatchObject({ status: 'absent', reportedByGuardian: true, note: '看牙医' })
    expect(
      (await call(fams[0].guardian, 'reportAbsence', { sessionId: sessionId(), childId: fams[0].childId }, rid())).error
        .code
    ).toBe('SESSION_STARTED')
    expect(
      (await call(fams[1].guardian, 'reportAbsence', { sessionId: next, childId: fams[0].childId }, rid())).error.code
    ).toBe('NOT_FOUND')
  })

  it('hands a child over to an authorised adult with their own code, refuses anyone else, records who/when/by whom', async () => {
    const refused = await call(
      'demo-volunteer',
      'handOver',
      { sessionId: sessionId(), childId: fams[0].childId, code: '999999' },
      rid()
    )
    expect(refused.error.code).toBe('PICKUP_REFUSED')
    expect(await inboxOf(fams[0].guardian, 'classes.pickup-refused')).toHaveLength(1)
    const wrongChildsCode = await call(
      'demo-volunteer',
      'handOver',
      { sessionId: sessionId(), childId: fams[0].childId, code: pickupCode(2) },
      rid()
    )
    expect(wrongChildsCode.error.code).toBe('PICKUP_REFUSED') // another family's adult
    const done = await okData(
      'demo-volunteer',
      'handOver',
      { sessionId: sessionId(), childId: fams[0].childId, code: pickupCode(1, 2) },
      rid()
    )
    expect(done).toMatchObject({ name: '奶奶1', relation: '奶奶' })
    const row = (await db().collection('class_attendance').doc(`${sessionId()}:${fams[0].childId}`).get()).data[0]
    expect(row.pickup).toMatchObject({ adultId: 'a2', confirmedBy: 'demo-volunteer' })
    expect(
      (
        await call(
          'demo-volunteer',
          'handOver',
          { sessionId: sessionId(), childId: fams[0].childId, code: pickupCode(1) },
          rid()
        )
      ).error.code
    ).toBe('ALREADY_PICKED_UP')
    expect(
      (
        await call(
          'demo-volunteer',
          'handOver',
          { sessionId: sessionId(), childId: fams[2].childId, code: pickupCode(3) },
          rid()
        )
      ).error.code
    ).toBe('NOT_PRESENT')
    expect(await inboxOf(fams[0].guardian, 'classes.picked-up')).toHaveLength(1)
  })

  it('two tutors confirming the same child at once record one hand-over', async () => {
    await okData('demo-staff', 'markAttendance', {
      sessionId: sessionId(),
      childId: fams[1].childId,
      status: 'present'
    })
    const both = await Promise.all([
      call(
        'demo-volunteer',
        'handOver',
        { sessionId: sessionId(), childId: fams[1].childId, code: pickupCode(2) },
        rid()
      ),
      call(
        'demo-staff',
        'handOver',
        { sessionId: sessionId(), childId: fams[1].childId, code: pickupCode(2, 2) },
        rid()
      )
    ])
    expect(both.filter(b => b.ok)).toHaveLength(1)
    expect(both.filter(b => !b.ok).map(b => b.error.code)).toEqual(['ALREADY_PICKED_UP'])
  })

  it('a child not collected 30 minutes after the end alerts guardians and staff, once', async () => {
    const t2 = await newTerm({ capacity: 3, title: '晚接班' })
    await okData(fams[6].guardian, 'enrol', { termId: t2, childId: fams[6].childId }, rid())
    await okData('demo-staff', 'markAttendance', {
      sessionId: `${t2}:${today}`,
      childId: fams[6].childId,
      status: 'present'
    })
    // The session ended 31 minutes ago (time moved in the test database).
    await db()
      .collection('class_attendance')
      .doc(`${t2}:${today}:${fams[6].childId}`)
      .update({ sessionEndsAt: new Date(NOW.getTime() - 31 * 60_000) })
    const run = await timer('pickupOverdue')
    expect(run.alerted).toBe(1)
    expect(await inboxOf(fams[6].guardian, 'classes.not-collected')).toHaveLength(1)
    const staffAlert = await inboxOf('demo-staff', 'classes.not-collected')
    expect(staffAlert.length).toBeGreaterThanOrEqual(1)
    expect(staffAlert[0].link).toBe('/pages/classes/tutor') // today's sessions, not a guardian's page
    expect((await inboxOf(fams[6].guardian, 'classes.not-collected'))[0].link).toBe('/pages/classes/index')
    expect((await timer('pickupOverdue')).alerted).toBe(0)
  })

  it('staff see the roster, attendance sheet, live figures and export CSV', async () => {
    const roster = await okData('demo-staff', 'roster', { termId })
    expect(roster.items).toHaveLength(3)
    const sheet = await okData('demo-staff', 'attendanceSheet', { sessionId: sessionId() })
    expect(sheet.children.filter((c: any) => c.pickup !== null)).toHaveLength(2)
    const f = await okData('demo-staff', 'figures', { termId })
    expect(f).toMatchObject({ enrolled: 3, childAttendances: 2, familiesServed: 3 })
    const csv = await okData('demo-staff', 'exportCsv', { termId })
    expect(csv.csv).toContain('奶奶1（奶奶）')
    expect(csv.csv).toContain('服务人次,2')
    expect((await call('demo-volunteer', 'figures', { termId })).error.code).toBe('FORBIDDEN')
  })
})

describe('single sessions (单次报名)', () => {
  it("books single sessions from their own seats, never oversold, and the child is on that day's sheet", async () => {
    const termId = await newTerm({ capacity: 1, dropInSeats: 2, title: '单次班' })
    const sessionId = `${termId}:${tomorrow}`
    await okData(fams[0].guardian, 'enrol', { termId, childId: fams[0].childId }, rid())
    expect(
      (await call(fams[0].guardian, 'bookSession', { sessionId, childId: fams[0].childId }, rid())).error.code
    ).toBe('ALREADY_ENROLLED')
    const all = await Promise.all(
      fams.slice(1, 8).map(async f => await call(f.guardian, 'bookSession', { sessionId, childId: f.childId }, rid()))
    )
    expect(all.filter(r => r.ok)).toHaveLength(2)
    expect(all.filter(r => !r.ok).map(r => r.error.code)).toEqual(Array(5).fill('SESSION_FULL'))
    expect((await db().collection('class_sessions').doc(sessionId).get()).data[0].dropInLeft).toBe(0)
    const booked = all.findIndex(r => r.ok) + 1
    const sheet = await okData('demo-staff', 'attendanceSheet', { sessionId })
    expect(sheet.children.map((c: any) => c.childId).sort()).toEqual(
      [fams[0].childId, ...all.map((r, i) => (r.ok ? fams[i + 1].childId : null)).filter(Boolean)].sort()
    )
    await okData(fams[booked].guardian, 'cancelBooking', { sessionId, childId: fams[booked].childId }, rid())
    expect((await db().collection('class_sessions').doc(sessionId).get()).data[0].dropInLeft).toBe(1)
    // Families served: the enrolled family and the one still booked for a single session.
    expect((await okData('demo-staff', 'figures', { termId })).familiesServed).toBe(2)
    const termOnly = await newTerm({ capacity: 3, title: '无单次班' })
    expect(
      (
        await call(
          fams[1].guardian,
          'bookSession',
          { sessionId: `${termOnly}:${tomorrow}`, childId: fams[1].childId },
          rid()
        )
      ).error.code
    ).toBe('NO_DROP_IN')
  })
})

describe('parent school (家长学校)', () => {
  it('a lecture is a one-session term that adults sign up for, with the same waitlist', async () => {
    const { termId, sessions } = await okData(
      'demo-staff',
      'createTerm',
      {
        kind: 'lecture',
        title: '家长学校：青春期沟通',
        room: '会议室',
        startDate: tomorrow,
        startTime: '19:00',
        endTime: '20:30',
        capacity: 1
      },
      rid()
    )
    expect(sessions).toBe(1)
    expect((await okData('demo-guardian', 'enrol', { termId }, rid())).status).toBe('enrolled')
    expect((await okData('demo-resident', 'enrol', { termId }, rid())).status).toBe('waitlisted')
    expect((await call('demo-guardian', 'enrol', { termId }, rid())).error.code).toBe('ALREADY_ENROLLED')
  })
})

describe('bad input and wrong roles change nothing', () => {
  const watched = [
    'class_terms',
    'class_sessions',
    'class_enrolments',
    'class_attendance',
    'children',
    'consents',
    'audit',
    'inbox',
    'guardian_invites'
  ]
  let termId: string
  beforeAll(async () => {
    termId = await newTerm({ capacity: 5, title: '权限班' })
  })

  const table = (): Array<[string, Record<string, unknown>, string[]]> => [
    [
      'createTerm',
      { title: 'x', room: 'y', startDate: today, capacity: 3 },
      ['demo-guardian', 'demo-volunteer', 'demo-resident', 'demo-grid-worker', 'demo-elder']
    ],
    [
      'cancelSession',
      { sessionId: `${termId}:${today}`, reason: '停课' },
      ['demo-guardian', 'demo-volunteer', 'demo-grid-worker']
    ],
    [
      'registerChild',
      {
        name: '王小',
        school: '育才小学',
        grade: '一年级',
        emergencyContacts: [{ name: '王', relation: '父亲', phone: '14000000011' }],
        consent: true
      },
      ['demo-resident', 'demo-volunteer', 'demo-staff', 'demo-elder']
    ],
    [
      'addPickupAdult',
      { childId: fams[0].childId, name: '张三', relation: '叔叔' },
      ['demo-resident', 'demo-volunteer', 'demo-staff']
    ],
    ['enrol', { termId, childId: fams[0].childId }, ['demo-grid-worker', 'demo-staff']],
    [
      'markAttendance',
      { sessionId: `${termId}:${today}`, childId: fams[0].childId, status: 'present' },
      ['demo-guardian', 'demo-resident', 'demo-grid-worker']
    ],
    [
      'handOver',
      { sessionId: `${termId}:${today}`, childId: fams[0].childId, code: pickupCode(1) },
      ['demo-guardian', 'demo-resident', 'demo-elder']
    ],
    ['signUpTutor', { sessionId: `${termId}:${today}` }, ['demo-guardian', 'demo-resident']],
    [
      'bookSession',
      { sessionId: `${termId}:${tomorrow}`, childId: fams[0].childId },
      ['demo-resident', 'demo-staff', 'demo-volunteer']
    ],
    ['roster', { termId }, ['demo-guardian', 'demo-volunteer', 'demo-grid-worker']],
    ['waitlist', { termId }, ['demo-guardian', 'demo-volunteer']],
    ['exportCsv', { termId }, ['demo-guardian', 'demo-volunteer', 'demo-grid-worker']],
    ['todaySessions', {}, ['demo-guardian', 'demo-resident']],
    ['inviteCoGuardian', { childId: fams[0].childId }, ['demo-resident', 'demo-volunteer', 'demo-staff']],
    ['removeCoGuardian', { childId: fams[0].childId, userId: 'demo-resident' }, ['demo-resident', 'demo-staff']],
    ['acceptCoGuardian', { code: '12345678', consent: true }, []]
  ]

  it('answers FORBIDDEN for every action a role may not call, and writes nothing', async () => {
    const before = await countAll(watched)
    for (const [action, payload, roles] of table()) {
      for (const who of [...roles, 'o-stranger']) {
        const body = await call(who, action, payload, rid())
        expect({ action, who, code: body.error?.code }).toEqual({ action, who, code: 'FORBIDDEN' })
      }
    }
    expect(await countAll(watched)).toEqual(before)
  })

  const bad: Array<[string, unknown]> = [
    ['createTerm', { title: '', room: 'y', startDate: today, capacity: 3 }],
    ['createTerm', { title: 'x', room: 'y', startDate: '2025-13-45', capacity: 3 }],
    ['createTerm', { title: 'x', room: 'y', startDate: today, capacity: 0 }],
    ['createTerm', { title: 'x', room: 'y', startDate: today, capacity: 3, startTime: '18:00', endTime: '16:30' }],
    ['createTerm', { title: 'x', room: 'y', startDate: today, capacity: 3, weekdays: [0, 8] }],
    [
      'registerChild',
      {
        name: '王小',
        school: '育才小学',
        grade: '七年级',
        emergencyContacts: [{ name: '王', relation: '父亲', phone: '14000000011' }],
        consent: true
      }
    ],
    [
      'registerChild',
      {
        name: '王小',
        school: '育才小学',
        grade: '一年级',
        emergencyContacts: [{ name: '王', relation: '父亲', phone: '123' }],
        consent: true
      }
    ],
    ['enrol', { termId: { $gt: '' } }],
    ['enrol', { termId: 'a'.repeat(500) }],
    ['markAttendance', { sessionId: 'x', childId: 'y', status: 'gone' }],
    ['handOver', { sessionId: 'x', childId: 'y', code: '12345' }],
    ['handOver', { sessionId: 'x', childId: 'y', code: ['123456'] }],
    ['cancelSession', { sessionId: 'x' }],
    ['acceptOffer', { termId: null }],
    ['acceptCoGuardian', { code: '1234567', consent: true }],
    ['acceptCoGuardian', { code: '12345678' }],
    ['inviteCoGuardian', { childId: '../x' }]
  ]

  it('answers INVALID_INPUT with the failing paths for malformed payloads, and writes nothing', async () => {
    const before = await countAll(watched)
    const who: Record<string, string> = {
      createTerm: 'demo-staff',
      cancelSession: 'demo-staff',
      registerChild: 'demo-guardian',
      enrol: 'demo-guardian',
      acceptOffer: 'demo-guardian',
      acceptCoGuardian: 'demo-resident',
      inviteCoGuardian: 'demo-guardian',
      markAttendance: 'demo-volunteer',
      handOver: 'demo-volunteer'
    }
    for (const [action, payload] of bad) {
      const body = await call(who[action], action, payload, rid())
      expect({ action, payload, code: body.error?.code }).toEqual({ action, payload, code: 'INVALID_INPUT' })
      expect(body.error.details.issues[0].path).toMatch(/^payload/)
      expect(JSON.stringify(body)).not.toMatch(/at .*\.js/)
    }
    expect(await countAll(watched)).toEqual(before)
  })
})

describe("a family's history", () => {
  it('pages my enrolments 20 at a time, newest first, however many terms they span', async () => {
    const guardian = fams[7].guardian
    const base = NOW.getTime() - 400 * 24 * 3600_000
    await db()
      .collection('class_enrolments')
      .add(
        Array.from({ length: 25 }, (_, i) => ({
          _id: `old-term-${i}:${fams[7].childId}`,
          termId: `old-term-${i}`,
          childId: fams[7].childId,
          childName: '历史学生',
          guardianUserId: guardian,
          householdId: null,
          status: 'cancelled',
          waitSeq: null,
          offerExpiresAt: null,
          requestedAt: new Date(base + i * 7 * 24 * 3600_000),
          updatedAt: new Date(base + i * 7 * 24 * 3600_000)
        }))
      )
    const first = await okData(guardian, 'myEnrolments', {})
    expect(first.items).toHaveLength(20)
    expect(first.cursor).not.toBeNull()
    const second = await okData(guardian, 'myEnrolments', { cursor: first.cursor })
    const old = [...first.items, ...second.items].filter((r: any) => r.termId.startsWith('old-term-'))
    expect(old).toHaveLength(25)
    expect(old[0].termId).toBe('old-term-24')
    expect(second.cursor).toBeNull()
  })
})

describe('the demo seed', () => {
  it("has a current term with sessions, demo-guardian's child enrolled with both parents authorised, demo-volunteer tutoring", async () => {
    const term = (await db().collection('class_terms').doc('term-demo').get()).data[0]
    expect(term).toMatchObject({ capacity: 30, seatsLeft: 29, startTime: '16:30', endTime: '18:00' })
    const mine = await okData('demo-guardian', 'myEnrolments', {})
    expect(mine.items.find((r: any) => r.termId === 'term-demo')).toMatchObject({ status: 'enrolled' })
    const kids = await okData('demo-guardian', 'myChildren', {})
    const enrolled = kids.items.find(
      (c: any) => c.childId === mine.items.find((r: any) => r.termId === 'term-demo').childId
    )
    expect(enrolled.pickupAdults.map((a: any) => a.relation)).toEqual(['父亲', '母亲'])
    // All pages: on a weekend the first page may hold only the other test terms' sessions.
    const upcoming: any[] = []
    for (let cursor: string | undefined, page = 0; page < 20; page++) {
      const p = await okData('demo-volunteer', 'upcomingSessions', cursor ? { cursor } : {})
      upcoming.push(...p.items)
      if (!p.cursor) break
      cursor = p.cursor
    }
    expect(upcoming.some((s: any) => s.termId === 'term-demo' && s.iAmTutor)).toBe(true)
    const f = await okData('demo-staff', 'figures', { termId: 'term-demo' })
    expect(f.childAttendances).toBeGreaterThan(0)
    expect(f.childAttendances).toBeGreaterThanOrEqual(f.sessionsHeld - 1) // today's session may have ended unmarked
    expect((await db().collection('class_terms').doc('term-demo-lecture').get()).data[0].kind).toBe('lecture')
  })
})

// Last: every notice these flows sent opens a page its reader may see (issue 18).
test('every notice sent above opens, for its recipient, a page that loads what it is about', async () => {
  await expectEveryLinkOpens(cloud)
})
