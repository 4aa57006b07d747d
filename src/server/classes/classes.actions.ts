/** The `classes` function's actions: the use case answering each action of its contract, and who may call it. */
import { randomInt } from 'node:crypto'
import { alertNotCollected, handOver, markAttendance, reportAbsence, todaySessions } from '../../core/classes/attendance.usecase'
import { addPickupAdult, childDetail, myChildren, registerChild, removePickupAdult } from '../../core/classes/children.usecase'
import { classesContract } from '../../core/classes/classes.contract'
import type { ClassesDeps } from '../../core/classes/classes.ports'
import { bookSession, cancelBooking, repairDropIns } from '../../core/classes/drop-in.usecase'
import { acceptOffer, cancelEnrolment, enrol, myEnrolments, runWaitlist } from '../../core/classes/enrolment.usecase'
import { attendanceSheet, exportCsv, figures, roster, waitlist } from '../../core/classes/staff-view.usecase'
import { cancelSession, createTerm, listTerms, termSessions } from '../../core/classes/terms.usecase'
import {
  acceptCoGuardian, finishPendingJoins, inviteCoGuardian, removeCoGuardian
} from '../../core/classes/co-guardian.usecase'
import { assignTutor, signUpTutor, tutorPool, upcomingSessions, warnShortOfTutors, withdrawTutor } from '../../core/classes/tutors.usecase'
import { policies } from '../../core/community/roles'
import { serverClock } from '../clock'
import { auditWriter } from '../audit'
import { getDb } from '../db/client'
import { newId } from '../ids'
import { notifier } from '../notifications/notifier'
import { implement } from '../router'
import { classesRepository } from './classes.repository'

const { staff, tutors, guardians, families } = policies

export const classesActions = implement<ClassesDeps, typeof classesContract>(classesContract, {
  // terms and sessions
  createTerm: { run: createTerm, roles: staff },
  listTerms: { run: listTerms, roles: 'registered' },
  termSessions: { run: termSessions, roles: 'registered' },
  cancelSession: { run: cancelSession, roles: staff },
  // children
  registerChild: { run: registerChild, roles: guardians },
  myChildren: { run: myChildren, roles: guardians },
  childDetail: { run: childDetail, roles: 'registered' },
  addPickupAdult: { run: addPickupAdult, roles: guardians },
  removePickupAdult: { run: removePickupAdult, roles: guardians },
  // co-guardians (共同监护人): invited by code; accepting gives the guardian role, so any registered adult may
  inviteCoGuardian: { run: inviteCoGuardian, roles: guardians },
  acceptCoGuardian: { run: acceptCoGuardian, roles: 'registered' },
  removeCoGuardian: { run: removeCoGuardian, roles: guardians },
  // enrolment and the waitlist
  enrol: { run: enrol, roles: families },
  // Staff may cancel any enrolment, on a family's behalf (cancelEnrolment skips the guardian check for them).
  cancelEnrolment: { run: cancelEnrolment, roles: [...families, ...staff] },
  acceptOffer: { run: acceptOffer, roles: families },
  myEnrolments: { run: myEnrolments, roles: families },
  // single sessions (单次报名), when staff keep seats for them
  bookSession: { run: bookSession, roles: guardians },
  cancelBooking: { run: cancelBooking, roles: guardians },
  // tutors
  upcomingSessions: { run: upcomingSessions, roles: tutors },
  signUpTutor: { run: signUpTutor, roles: tutors },
  withdrawTutor: { run: withdrawTutor, roles: tutors },
  tutorPool: { run: tutorPool, roles: staff },
  assignTutor: { run: assignTutor, roles: staff },
  // attendance and hand-over
  todaySessions: { run: todaySessions, roles: tutors },
  markAttendance: { run: markAttendance, roles: tutors },
  reportAbsence: { run: reportAbsence, roles: guardians },
  handOver: { run: handOver, roles: tutors },
  // staff view
  roster: { run: roster, roles: staff },
  waitlist: { run: waitlist, roles: staff },
  attendanceSheet: { run: attendanceSheet, roles: staff },
  figures: { run: figures, roles: staff },
  exportCsv: { run: exportCsv, roles: staff }
})

/** Timer jobs by trigger name (cloudfunctions/classes/config.json). */
/** Run by the function's one `tick` (src/server/timers.ts), each on its own cron (Beijing time). */
export const classesTimers: Record<string, { cron: string; run: (deps: ClassesDeps) => Promise<unknown> }> = {
  // Offers past their deadline lapse; free seats go to the head of the line.
  waitlist: { cron: '0 */5 * * * * *', run: runWaitlist },
  // Single-session bookings and co-guardian joins a fault stopped half-way, once older than
  // HALF_DONE_AFTER_MS: finished or undone (drop-in.usecase.ts, co-guardian.usecase.ts).
  'half-done': {
    cron: '0 */5 * * * * *',
    run: async deps => ({ ...(await repairDropIns(deps)), ...(await finishPendingJoins(deps)) })
  },
  // Two days ahead: sessions short of tutors → staff.
  'tutor-shortage': { cron: '0 0 9 * * * *', run: warnShortOfTutors },
  // 30 min after the end: children not collected → guardians and staff.
  'pickup-overdue': { cron: '0 */5 15-21 * * * *', run: alertNotCollected }
}

export function classesDeps (): ClassesDeps {
  const db = getDb()
  return {
    store: classesRepository(db),
    clock: serverClock,
    audit: auditWriter(db, serverClock),
    notify: notifier(db, serverClock),
    random: () => randomInt(0, 1_000_000),
    newId: () => newId()
  }
}
