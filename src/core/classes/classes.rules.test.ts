import type { AttendanceRecord, EnrolmentRecord, SessionBookingRecord, SessionRecord } from './class.model'
import { canMove, fromStates, holdsSeat, isActive } from './enrolment.machine'
import { attendanceCsv, csvField, termFigures } from './figures.rule'
import { authorisedAdult, isOverdue, newPickupCode } from './pickup.rule'
import { planSessions } from './session-plan.rule'
import { offerDeadline } from './offer.rule'
import { shanghaiInstant, shanghaiDate, isoWeekday } from '../shared/shanghai-time'
import { guardiansOf, isGuardianOf, maySeeChild, pickupListFor } from './visibility.rule'
import { createTermInput, registerChildInput } from './class.schemas'

const term = {
  _id: 't1', kind: 'class' as const, title: '秋季班', room: '活动室', startDate: '2025-09-29', endDate: '2025-10-10',
  weekdays: [1, 2, 3, 4, 5], startTime: '16:30', endTime: '18:00', minTutors: 2
}

describe('sessions of a term', () => {
  it('are the weekdays between the dates, 16:30–18:00 Shanghai, holidays skipped', () => {
    const s = planSessions(term, ['2025-10-01', '2025-10-02', '2025-10-03'])
    expect(s.map(x => x.date)).toEqual(['2025-09-29', '2025-09-30', '2025-10-06', '2025-10-07', '2025-10-08', '2025-10-09', '2025-10-10'])
    expect(s[0]).toMatchObject({ _id: 't1:2025-09-29', status: 'scheduled', tutorIds: [] })
    expect(s[0].startsAt.toISOString()).toBe('2025-09-29T08:30:00.000Z')
    expect(s[0].endsAt.toISOString()).toBe('2025-09-29T10:00:00.000Z')
  })

  it('a parent-school lecture is one session on its day, even a Saturday', () => {
    const s = planSessions({ ...term, kind: 'lecture', startDate: '2025-10-11', endDate: '2025-10-11', startTime: '19:00', endTime: '20:30' }, [])
    expect(s.map(x => x.date)).toEqual(['2025-10-11'])
  })

  it('reads Shanghai days and weekdays from UTC instants', () => {
    expect(shanghaiDate(new Date('2025-09-28T16:30:00Z'))).toBe('2025-09-29')
    expect(isoWeekday('2025-09-28')).toBe(7)
    expect(shanghaiInstant('2025-09-29', '00:00').toISOString()).toBe('2025-09-28T16:00:00.000Z')
  })
})

describe('enrolment machine', () => {
  it('allows only the listed moves', () => {
    expect(canMove('pending', 'enrolled')).toBe(true)
    expect(canMove('waitlisted', 'enrolled')).toBe(false) // only through an offer
    expect(canMove('offered', 'enrolled')).toBe(true)
    expect(canMove('enrolled', 'waitlisted')).toBe(false)
    expect(fromStates('pending').sort()).toEqual(['cancelled', 'lapsed'])
    expect(['enrolled', 'offered'].every(s => holdsSeat(s as never))).toBe(true)
    expect(isActive('cancelled')).toBe(false)
  })
})

describe('who sees a child', () => {
  const child = { guardianUserId: 'g1' }
  const today = [{ tutorIds: ['t1'], status: 'scheduled' as const }]
  it('the guardian, today\'s tutors and staff; nobody else', () => {
    expect(maySeeChild({ openId: 'g1', roles: ['guardian'] }, child, [])).toBe(true)
    expect(maySeeChild({ openId: 't1', roles: ['tutor'] }, child, today)).toBe(true)
    expect(maySeeChild({ openId: 't2', roles: ['tutor'] }, child, today)).toBe(false)
    expect(maySeeChild({ openId: 't1', roles: ['tutor'] }, child, [{ ...today[0], status: 'cancelled' }])).toBe(false)
    expect(maySeeChild({ openId: 's', roles: ['staff'] }, child, [])).toBe(true)
    expect(maySeeChild({ openId: 'g2', roles: ['guardian'] }, child, [])).toBe(false)
    expect(maySeeChild({ openId: 'x', roles: ['grid_worker'] }, child, [])).toBe(false)
  })
  it('pickup codes only to the guardian', () => {
    const adults = [{ adultId: 'a1', name: '李建国', relation: '父亲', code: '123456' }]
    expect(pickupListFor({ openId: 'g1' }, child, adults)[0].code).toBe('123456')
    expect(pickupListFor({ openId: 't1' }, child, adults)[0]).not.toHaveProperty('code')
  })
})

describe('pickup', () => {
  const adults = [{ adultId: 'a1', name: '李建国', relation: '父亲', code: '123456' }, { adultId: 'a2', name: '周婷', relation: '母亲', code: '654321' }]
  it('hands over only to the adult whose own code it is', () => {
    expect(authorisedAdult(adults, '654321')?.name).toBe('周婷')
    expect(authorisedAdult(adults, '000000')).toBeNull()
  })
  it('a present child not collected 30 min after the end is overdue, once', () => {
    const a = { status: 'present' as const, pickup: null, overdueAlertedAt: null, sessionEndsAt: new Date('2025-10-09T10:00:00Z') }
    expect(isOverdue(a, new Date('2025-10-09T10:29:59Z'))).toBe(false)
    expect(isOverdue(a, new Date('2025-10-09T10:30:00Z'))).toBe(true)
    expect(isOverdue({ ...a, status: 'absent' }, new Date('2025-10-09T11:00:00Z'))).toBe(false)
    expect(isOverdue({ ...a, overdueAlertedAt: new Date() }, new Date('2025-10-09T11:00:00Z'))).toBe(false)
  })
  it('new codes are 6 digits and differ from the child\'s other adults', () => {
    const seq = [123456, 42]
    expect(newPickupCode(['123456'], () => seq.shift() ?? 0)).toBe('000042')
  })
})

describe('figures and CSV', () => {
  const s = (date: string, tutors: number, status: 'scheduled' | 'cancelled' = 'scheduled'): SessionRecord => ({
    ...planSessions({ ...term, startDate: date, endDate: date }, [])[0], tutorIds: Array.from({ length: tutors }, (_, i) => `t${i}`), status
  })
  const e = (child: string, household: string, status: EnrolmentRecord['status'] = 'enrolled'): EnrolmentRecord => ({
    _id: `t1:${child}`, termId: 't1', childId: child, childName: child, guardianUserId: `g-${household}`, householdId: household,
    status, waitSeq: null, offerExpiresAt: null, requestedAt: new Date(), updatedAt: new Date()
  })
  const att = (sessionId: string, child: string, status: AttendanceRecord['status']): AttendanceRecord => ({
    _id: `${sessionId}:${child}`, sessionId, termId: 't1', childId: child, childName: child, guardianUserId: 'g', status, reportedByGuardian: false,
    note: null, markedBy: 't0', markedAt: new Date(), sessionEndsAt: new Date(), pickup: null, overdueAlertedAt: null
  })
  it('counts child-attendances, families and tutor hours of held sessions', () => {
    const sessions = [s('2025-09-29', 2), s('2025-09-30', 3), s('2025-10-01', 2, 'cancelled'), s('2025-10-09', 2)]
    const f = termFigures(new Date('2025-10-01T00:00:00Z'), sessions,
      [e('c1', 'h1'), e('c2', 'h1'), e('c3', 'h2'), e('c4', 'h3', 'waitlisted')],
      [att('t1:2025-09-29', 'c1', 'present'), att('t1:2025-09-29', 'c2', 'late'), att('t1:2025-09-29', 'c3', 'absent'), att('t1:2025-09-30', 'c1', 'present')])
    expect(f).toEqual({ sessionsHeld: 2, sessionsCancelled: 1, enrolled: 3, waiting: 1, childAttendances: 3, familiesServed: 2, tutorHours: 7.5 })
    // Families who came only for single sessions are served too; a household counts once.
    const b = (child: string, household: string | undefined, status: SessionBookingRecord['status'] = 'booked'): SessionBookingRecord => ({
      _id: `t1:2025-09-29:${child}`, sessionId: 't1:2025-09-29', termId: 't1', childId: child, childName: child, guardianUserId: `g-${child}`,
      householdId: household, status, bookedAt: new Date(), updatedAt: new Date()
    })
    const withDropIns = termFigures(new Date('2025-10-01T00:00:00Z'), sessions, [e('c1', 'h1'), e('c3', 'h2')], [],
      [b('c5', 'h1'), b('c6', 'h4'), b('c7', undefined), b('c8', 'h5', 'cancelled')])
    expect(withDropIns.familiesServed).toBe(4) // h1, h2, h4 and c7's guardian; the cancelled booking not
    const csv = attendanceCsv('秋季班', sessions, [att('t1:2025-09-29', 'c1', 'present')], f)
    expect(csv.startsWith('\uFEFF日期,孩子,出勤')).toBe(true)
    expect(csv).toContain('2025-09-29,c1,出勤')
    expect(csv).toContain('服务人次,3')
  })
  it('quotes commas and neutralises formulas', () => {
    expect(csvField('a,b')).toBe('"a,b"')
    expect(csvField('=1+1')).toBe("'=1+1")
  })
})

describe('input schemas', () => {
  it('defaults a term to weekdays 16:30–18:00 and refuses an end before the start', () => {
    const t = createTermInput.parse({ title: '秋季班', room: '活动室', startDate: '2025-09-01', endDate: '2025-12-31', capacity: 30 })
    expect(t).toMatchObject({ kind: 'class', weekdays: [1, 2, 3, 4, 5], startTime: '16:30', endTime: '18:00', offerHours: 12 })
    expect(createTermInput.safeParse({ title: 'x', room: 'y', startDate: '2025-09-01', endDate: '2025-08-01', capacity: 3 }).success).toBe(false)
  })
  it('refuses a child without the guardian\'s consent', () => {
    const child = { name: '小明', school: '育才小学', grade: '三年级', emergencyContacts: [{ name: '李建国', relation: '父亲', phone: '14000000001' }] }
    expect(registerChildInput.safeParse({ ...child, consent: true }).success).toBe(true)
    expect(registerChildInput.safeParse({ ...child, consent: false }).success).toBe(false)
    expect(registerChildInput.safeParse(child).success).toBe(false)
  })
})

describe('co-guardians', () => {
  const child = { guardianUserId: 'father', coGuardianUserIds: ['mother', 'grandma'] }
  it('counts every co-guardian as a guardian, and lists the registering one first, each once', () => {
    expect(isGuardianOf({ openId: 'mother' }, child)).toBe(true)
    expect(isGuardianOf({ openId: 'neighbour' }, child)).toBe(false)
    expect(isGuardianOf({ openId: 'mother' }, { guardianUserId: 'father' })).toBe(false)
    expect(guardiansOf({ guardianUserId: 'father', coGuardianUserIds: ['mother', 'father'] })).toEqual(['father', 'mother'])
    expect(guardiansOf({ guardianUserId: null, coGuardianUserIds: ['mother'] })).toEqual(['mother'])
    expect(pickupListFor({ openId: 'grandma' }, child, [{ code: '123456', name: '李' }])).toEqual([{ code: '123456', name: '李' }])
  })
})

describe('waitlist offer deadline', () => {
  it('runs 12 hours from the offer in the day, and from 08:00 when the offer is made at night', () => {
    // Beijing 15:00 → 03:00 next day; 23:00 → counted from 08:00 → 20:00 next day; 06:00 → 20:00 same day.
    expect(offerDeadline(new Date('2026-11-24T07:00:00Z'), 12).toISOString()).toBe('2026-11-24T19:00:00.000Z')
    expect(offerDeadline(new Date('2026-11-24T15:00:00Z'), 12).toISOString()).toBe('2026-11-25T12:00:00.000Z')
    expect(offerDeadline(new Date('2026-11-24T22:00:00Z'), 12).toISOString()).toBe('2026-11-25T12:00:00.000Z')
  })
})
