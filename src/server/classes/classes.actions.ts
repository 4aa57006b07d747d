/** The `classes` function's actions: the use case answering each action of its contract, and who may call it. */
import { randomInt } from 'node:crypto'
import { handOver, markAttendance, reportAbsence, todaySessions } from '../../core/classes/attendance.usecase'
import {
  addPickupAdult,
  childDetail,
  myChildren,
  registerChild,
  removePickupAdult
} from '../../core/classes/children.usecase'
import { classesContract } from '../../core/classes/classes.contract'
import type { ClassesDeps } from '../../core/classes/classes.ports'
import { bookSession, cancelBooking } from '../../core/classes/drop-in.usecase'
import { acceptOffer, cancelEnrolment, enrol, myEnrolments } from '../../core/classes/enrolment.usecase'
import { attendanceSheet, exportCsv, figures, roster, waitlist } from '../../core/classes/staff-view.usecase'
import { cancelSession, createTerm, listTerms, termSessions } from '../../core/classes/terms.usecase'
import { acceptCoGuardian, inviteCoGuardian, removeCoGuardian } from '../../core/classes/co-guardian.usecase'
import { assignTutor, signUpTutor, tutorPool, upcomingSessions, withdrawTutor } from '../../core/classes/tutors.usecase'
import { policies } from '../../core/community/roles'
import { auditWriter } from '../audit'
import { notifier } from '../notifications/notifier'
import { implement } from '../router'
import { serverInfra, type Infra } from '../infra'
import { classesRepository, termWithChildJoins } from './classes.repository'

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
  // The term and the child are read with the caller: one request for the three (issue 19: enrol ≤ 6).
  enrol: {
    run: enrol,
    roles: families,
    joinToCaller: (db, input) => termWithChildJoins(db, input.termId, input.childId ?? null)
  },
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

export function classesDeps({ db, clock, newId }: Infra = serverInfra()): ClassesDeps {
  return {
    store: classesRepository(db),
    clock,
    audit: auditWriter(db, clock),
    notify: notifier(db, clock),
    random: () => randomInt(0, 1_000_000),
    newId: () => newId()
  }
}
