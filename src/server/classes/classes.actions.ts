/** The `classes` function's actions: schema, use case and who may call each. */
import { randomInt, randomUUID } from 'node:crypto'
import { handOver, markAttendance, reportAbsence, todaySessions } from '../../core/classes/attendance.usecase'
import { addPickupAdult, childDetail, myChildren, registerChild, removePickupAdult } from '../../core/classes/children.usecase'
import {
  acceptCoGuardianInput, addPickupAdultInput, assignTutorInput, bookSessionInput, cancelSessionInput, childInput, createTermInput, enrolInput, enrolmentInput, handOverInput, listInput,
  markAttendanceInput, registerChildInput, removeCoGuardianInput, removePickupAdultInput, reportAbsenceInput, sessionInput, termInput, termPageInput
} from '../../core/classes/class.schemas'
import type { ClassesDeps } from '../../core/classes/classes.ports'
import { bookSession, cancelBooking } from '../../core/classes/drop-in.usecase'
import { acceptOffer, cancelEnrolment, enrol, myEnrolments } from '../../core/classes/enrolment.usecase'
import { attendanceSheet, exportCsv, figures, roster, waitlist } from '../../core/classes/staff-view.usecase'
import { cancelSession, createTerm, listTerms, termSessions } from '../../core/classes/terms.usecase'
import {
  acceptCoGuardian, inviteCoGuardian, removeCoGuardian
} from '../../core/classes/co-guardian.usecase'
import { assignTutor, signUpTutor, tutorPool, upcomingSessions, withdrawTutor } from '../../core/classes/tutors.usecase'
import type { Role } from '../../core/community/roles'
import { serverClock } from '../clock'
import { auditWriter } from '../audit'
import { getDb } from '../db/client'
import { notifier } from '../notifications/notifier'
import type { ActionTable } from '../router'
import { action } from '../router'
import { classesRepository } from './classes.repository'

const staff: Role[] = ['staff', 'admin']
const tutors: Role[] = ['tutor', 'staff', 'admin']
const guardians: Role[] = ['guardian']
/** Parent-school lectures are for any resident adult; enrolling a child needs the guardian role. */
const families: Role[] = ['guardian', 'resident']

export const classesActions: ActionTable<ClassesDeps> = {
  // terms and sessions
  createTerm: action({ schema: createTermInput, run: createTerm, roles: staff, idempotent: true }),
  listTerms: action({ schema: listInput, run: listTerms, roles: 'registered' }),
  termSessions: action({ schema: termPageInput, run: termSessions, roles: 'registered' }),
  cancelSession: action({ schema: cancelSessionInput, run: cancelSession, roles: staff, idempotent: true }),
  // children
  registerChild: action({ schema: registerChildInput, run: registerChild, roles: guardians, idempotent: true }),
  myChildren: action({ schema: listInput, run: myChildren, roles: guardians }),
  childDetail: action({ schema: childInput, run: childDetail, roles: 'registered' }),
  addPickupAdult: action({ schema: addPickupAdultInput, run: addPickupAdult, roles: guardians, idempotent: true }),
  removePickupAdult: action({ schema: removePickupAdultInput, run: removePickupAdult, roles: guardians }),
  // co-guardians (共同监护人): invited by code; accepting gives the guardian role, so any registered adult may
  inviteCoGuardian: action({ schema: childInput, run: inviteCoGuardian, roles: guardians, idempotent: true }),
  acceptCoGuardian: action({ schema: acceptCoGuardianInput, run: acceptCoGuardian, roles: 'registered', idempotent: true }),
  removeCoGuardian: action({ schema: removeCoGuardianInput, run: removeCoGuardian, roles: guardians }),
  // enrolment and the waitlist
  // The enrolment carries its requestId and answers its own retry (enrolment.usecase.ts).
  enrol: action({ schema: enrolInput, run: enrol, roles: families, idempotent: 'stamped' }),
  cancelEnrolment: action({ schema: enrolmentInput, run: cancelEnrolment, roles: [...families, ...staff], idempotent: true }),
  acceptOffer: action({ schema: enrolmentInput, run: acceptOffer, roles: families, idempotent: true }),
  myEnrolments: action({ schema: listInput, run: myEnrolments, roles: families }),
  // single sessions (单次报名), when staff keep seats for them
  bookSession: action({ schema: bookSessionInput, run: bookSession, roles: guardians, idempotent: true }),
  cancelBooking: action({ schema: bookSessionInput, run: cancelBooking, roles: guardians, idempotent: true }),
  // tutors
  upcomingSessions: action({ schema: listInput, run: upcomingSessions, roles: tutors }),
  signUpTutor: action({ schema: sessionInput, run: signUpTutor, roles: tutors }),
  withdrawTutor: action({ schema: sessionInput, run: withdrawTutor, roles: tutors }),
  tutorPool: action({ schema: listInput, run: tutorPool, roles: staff }),
  assignTutor: action({ schema: assignTutorInput, run: assignTutor, roles: staff, idempotent: true }),
  // attendance and hand-over
  todaySessions: action({ schema: listInput, run: todaySessions, roles: tutors }),
  markAttendance: action({ schema: markAttendanceInput, run: markAttendance, roles: tutors }),
  reportAbsence: action({ schema: reportAbsenceInput, run: reportAbsence, roles: guardians, idempotent: true }),
  handOver: action({ schema: handOverInput, run: handOver, roles: tutors, idempotent: true }),
  // staff view
  roster: action({ schema: termPageInput, run: roster, roles: staff }),
  waitlist: action({ schema: termPageInput, run: waitlist, roles: staff }),
  attendanceSheet: action({ schema: sessionInput, run: attendanceSheet, roles: staff }),
  figures: action({ schema: termInput, run: figures, roles: staff }),
  exportCsv: action({ schema: termInput, run: exportCsv, roles: staff })
}

export function classesDeps (): ClassesDeps {
  const db = getDb()
  return {
    store: classesRepository(db),
    clock: serverClock,
    audit: auditWriter(db, serverClock),
    notify: notifier(db, serverClock),
    random: () => randomInt(0, 1_000_000),
    newId: () => randomUUID().replace(/-/g, '').slice(0, 16)
  }
}
