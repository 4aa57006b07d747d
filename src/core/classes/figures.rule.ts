/**
 * The seeds' figures, computed live per term (seeds-catalog: child-attendances, families served,
 * tutor hours) and the CSV staff export.
 */
import type {
  AttendanceMark,
  AttendanceRecord,
  EnrolmentRecord,
  SessionBookingRecord,
  SessionRecord
} from './class.model'
import { sessionHours } from './session-plan.rule'
import { shanghaiDate, shanghaiHHmm } from '../shared/shanghai-time'

export interface TermFigures {
  sessionsHeld: number
  sessionsCancelled: number
  enrolled: number
  waiting: number
  /** 人次: a child present or late at one session counts once. */
  childAttendances: number
  /**
   * Households with a child enrolled for the term or booked into one of its single sessions (or
   * an adult signed up, for lectures); each household once.
   */
  familiesServed: number
  /** Sum over sessions held (not cancelled, already ended) of tutors × session length. */
  tutorHours: number
}

/** Marks that count as a child-attendance (人次). */
export const ATTENDED_MARKS: readonly AttendanceMark[] = ['present', 'late']

/** What a term's figures are computed from; the database counts what can be many (store.termFigureInputs). */
export interface FigureInputs {
  /** All the term's sessions. */
  sessions: readonly SessionRecord[]
  /** The term's enrolments that hold a seat (`enrolled`). */
  seated: ReadonlyArray<Pick<EnrolmentRecord, 'householdId' | 'guardianUserId'>>
  /** How many are waitlisted. */
  waiting: number
  /** How many marks are in ATTENDED_MARKS. */
  childAttendances: number
  /** The single-session bookings still booked (one per family is enough). */
  booked: ReadonlyArray<Pick<SessionBookingRecord, 'householdId' | 'guardianUserId'>>
}

export function termFigures(now: Date, f: FigureInputs): TermFigures {
  const held = f.sessions.filter(s => s.status === 'scheduled' && s.endsAt.getTime() <= now.getTime())
  // A family without a household record counts by its guardian.
  const families = new Set([...f.seated, ...f.booked].map(e => e.householdId ?? `user:${e.guardianUserId}`))
  return {
    sessionsHeld: held.length,
    sessionsCancelled: f.sessions.filter(s => s.status === 'cancelled').length,
    enrolled: f.seated.length,
    waiting: f.waiting,
    childAttendances: f.childAttendances,
    familiesServed: families.size,
    tutorHours: Math.round(held.reduce((sum, s) => sum + s.tutorIds.length * sessionHours(s), 0) * 10) / 10
  }
}

const marks: Record<string, string> = { present: '出勤', absent: '缺勤', late: '迟到' }

/** One field of a CSV row: quoted when needed, and a leading = + - @ neutralised (spreadsheet formulas). */
export function csvField(v: string | number): string {
  let s = String(v)
  if (/^[=+\-@]/.test(s)) s = `'${s}`
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/** Attendance sheet of a term: one row per child and session marked, then the figures. */
export function attendanceCsv(
  termTitle: string,
  sessions: readonly SessionRecord[],
  attendance: readonly AttendanceRecord[],
  figures: TermFigures
): string {
  const byId = new Map(sessions.map(s => [s._id, s]))
  const rows: Array<Array<string | number>> = [['日期', '孩子', '出勤', '家长请假', '接走人', '接走时间']]
  const sorted = [...attendance].sort(
    (a, b) => a.sessionId.localeCompare(b.sessionId) || a.childName.localeCompare(b.childName, 'zh')
  )
  for (const a of sorted) {
    const s = byId.get(a.sessionId)
    rows.push([
      s ? s.date : a.sessionId,
      a.childName,
      marks[a.status] ?? a.status,
      a.reportedByGuardian ? '是' : '',
      a.pickup ? `${a.pickup.name}（${a.pickup.relation}）` : '',
      a.pickup ? `${shanghaiDate(a.pickup.at)} ${shanghaiHHmm(a.pickup.at)}` : ''
    ])
  }
  rows.push([])
  rows.push(['期次', termTitle])
  rows.push(['已上课次数', figures.sessionsHeld])
  rows.push(['服务人次', figures.childAttendances])
  rows.push(['服务家庭', figures.familiesServed])
  rows.push(['志愿辅导时长（小时）', figures.tutorHours])
  // BOM: Excel on Windows then reads the file as UTF-8, not GBK.
  return '\uFEFF' + rows.map(r => r.map(csvField).join(',')).join('\r\n') + '\r\n'
}
