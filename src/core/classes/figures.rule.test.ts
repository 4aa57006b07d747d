import type { AttendanceRecord, EnrolmentRecord, SessionBookingRecord, SessionRecord } from './class.model'
import { attendanceCsv, csvField, termFigures } from './figures.rule'
import { planSessions } from './session-plan.rule'

const term = {
  _id: 't1',
  kind: 'class' as const,
  title: '秋季班',
  room: '活动室',
  startDate: '2025-09-29',
  endDate: '2025-10-10',
  weekdays: [1, 2, 3, 4, 5],
  startTime: '16:30',
  endTime: '18:00',
  minTutors: 2
}

describe('figures and CSV', () => {
  const s = (date: string, tutors: number, status: 'scheduled' | 'cancelled' = 'scheduled'): SessionRecord => ({
    ...planSessions({ ...term, startDate: date, endDate: date }, [])[0],
    tutorIds: Array.from({ length: tutors }, (_, i) => `t${i}`),
    status
  })
  const e = (child: string, household: string, status: EnrolmentRecord['status'] = 'enrolled'): EnrolmentRecord => ({
    _id: `t1:${child}`,
    termId: 't1',
    childId: child,
    childName: child,
    guardianUserId: `g-${household}`,
    householdId: household,
    status,
    waitSeq: null,
    offerExpiresAt: null,
    requestedAt: new Date(),
    updatedAt: new Date()
  })
  const att = (sessionId: string, child: string, status: AttendanceRecord['status']): AttendanceRecord => ({
    _id: `${sessionId}:${child}`,
    sessionId,
    termId: 't1',
    childId: child,
    childName: child,
    guardianUserId: 'g',
    status,
    reportedByGuardian: false,
    note: null,
    markedBy: 't0',
    markedAt: new Date(),
    sessionEndsAt: new Date(),
    pickup: null,
    overdueAlertedAt: null
  })
  it('counts child-attendances, families and tutor hours of held sessions', () => {
    const sessions = [s('2025-09-29', 2), s('2025-09-30', 3), s('2025-10-01', 2, 'cancelled'), s('2025-10-09', 2)]
    // The database counts the line and the marks (c1 present, c2 late, c3 absent, c1 present: 3 attended).
    const f = termFigures(new Date('2025-10-01T00:00:00Z'), {
      sessions,
      seated: [e('c1', 'h1'), e('c2', 'h1'), e('c3', 'h2')],
      waiting: 1,
      childAttendances: 3,
      booked: []
    })
    expect(f).toEqual({
      sessionsHeld: 2,
      sessionsCancelled: 1,
      enrolled: 3,
      waiting: 1,
      childAttendances: 3,
      familiesServed: 2,
      tutorHours: 7.5
    })
    // Families who came only for single sessions are served too; a household counts once.
    const b = (
      child: string,
      household: string | undefined,
      status: SessionBookingRecord['status'] = 'booked'
    ): SessionBookingRecord => ({
      _id: `t1:2025-09-29:${child}`,
      sessionId: 't1:2025-09-29',
      termId: 't1',
      childId: child,
      childName: child,
      guardianUserId: `g-${child}`,
      householdId: household,
      status,
      bookedAt: new Date(),
      updatedAt: new Date()
    })
    // Only bookings still booked reach the rule (the store's query; test/integration/classes.test.ts).
    const withDropIns = termFigures(new Date('2025-10-01T00:00:00Z'), {
      sessions,
      seated: [e('c1', 'h1'), e('c3', 'h2')],
      waiting: 0,
      childAttendances: 0,
      booked: [b('c5', 'h1'), b('c6', 'h4'), b('c7', undefined)]
    })
    expect(withDropIns.familiesServed).toBe(4) // h1, h2, h4 and c7's guardian
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
