/**
 * The `classes` function's contract (四点半课堂): each action's input, reply and the business codes
 * its use case may answer (core/shared/contract.ts). The router's own codes come on top.
 */
import { defineContract } from '../shared/contract'
import type { CodeOf, ServerReplyOf } from '../shared/contract'
import type { Result } from '../shared/wire'
import {
  acceptCoGuardianInput,
  addPickupAdultInput,
  assignTutorInput,
  bookSessionInput,
  cancelSessionInput,
  childInput,
  createTermInput,
  enrolInput,
  enrolmentInput,
  handOverInput,
  listInput,
  markAttendanceInput,
  registerChildInput,
  removeCoGuardianInput,
  removePickupAdultInput,
  reportAbsenceInput,
  sessionInput,
  termInput,
  termPageInput
} from './class.schemas'
import {
  absenceSchema,
  attendanceMarkSchema,
  bookingViewSchema,
  cancelledEnrolmentSchema,
  cancelledSessionSchema,
  childPageSchema,
  childRefSchema,
  childViewSchema,
  createdTermSchema,
  csvFileSchema,
  enrolmentPageSchema,
  enrolmentViewSchema,
  figuresSchema,
  handedOverSchema,
  inviteViewSchema,
  joinedSchema,
  myEnrolmentPageSchema,
  sessionPageSchema,
  sessionSheetSchema,
  sessionViewSchema,
  termPageSchema,
  todaySchema,
  tutorPageSchema
} from './classes.views'

export const classesContract = defineContract('classes', {
  // terms and sessions
  createTerm: () => ({ input: createTermInput, reply: createdTermSchema, codes: ['INVALID_INPUT'], idempotent: true }),
  listTerms: () => ({ input: listInput, reply: termPageSchema, codes: [] }),
  termSessions: () => ({ input: termPageInput, reply: sessionPageSchema, codes: ['NOT_FOUND'] }),
  cancelSession: () => ({
    input: cancelSessionInput,
    reply: cancelledSessionSchema,
    codes: ['NOT_FOUND', 'CONFLICT'],
    idempotent: true
  }),
  // children
  registerChild: () => ({ input: registerChildInput, reply: childViewSchema, codes: [], idempotent: true }),
  myChildren: () => ({ input: listInput, reply: childPageSchema, codes: [] }),
  childDetail: () => ({ input: childInput, reply: childViewSchema, codes: ['NOT_FOUND'] }),
  addPickupAdult: () => ({
    input: addPickupAdultInput,
    reply: childViewSchema,
    codes: ['NOT_FOUND', 'TOO_MANY_ADULTS', 'PICKUP_LIST_BUSY'],
    idempotent: true
  }),
  removePickupAdult: () => ({
    input: removePickupAdultInput,
    reply: childViewSchema,
    codes: ['NOT_FOUND', 'PICKUP_LIST_BUSY']
  }),
  // co-guardians (共同监护人)
  inviteCoGuardian: () => ({
    input: childInput,
    reply: inviteViewSchema,
    codes: ['NOT_FOUND', 'TOO_MANY_GUARDIANS', 'CONFLICT'],
    idempotent: true
  }),
  acceptCoGuardian: () => ({
    input: acceptCoGuardianInput,
    reply: joinedSchema,
    codes: ['TOO_MANY_ATTEMPTS', 'INVITE_INVALID', 'ALREADY_GUARDIAN', 'TOO_MANY_GUARDIANS'],
    idempotent: true
  }),
  removeCoGuardian: () => ({ input: removeCoGuardianInput, reply: childRefSchema, codes: ['NOT_FOUND'] }),
  // enrolment and the waitlist
  enrol: () => ({
    input: enrolInput,
    reply: enrolmentViewSchema,
    codes: ['NOT_FOUND', 'TERM_NOT_OPEN', 'INVALID_INPUT', 'GRADE_NOT_ELIGIBLE', 'ALREADY_ENROLLED'],
    // The enrolment carries its requestId and answers its own retry (enrolment.usecase.ts).
    idempotent: 'stamped'
  }),
  cancelEnrolment: () => ({
    input: enrolmentInput,
    reply: cancelledEnrolmentSchema,
    codes: ['NOT_FOUND', 'NOT_ENROLLED', 'CONFLICT'],
    idempotent: true
  }),
  acceptOffer: () => ({
    input: enrolmentInput,
    reply: enrolmentViewSchema,
    codes: ['NOT_FOUND', 'OFFER_EXPIRED', 'NO_OFFER'],
    idempotent: true
  }),
  myEnrolments: () => ({ input: listInput, reply: myEnrolmentPageSchema, codes: [] }),
  // single sessions (单次报名)
  bookSession: () => ({
    input: bookSessionInput,
    reply: bookingViewSchema,
    codes: [
      'NOT_FOUND',
      'NO_DROP_IN',
      'SESSION_CANCELLED',
      'SESSION_STARTED',
      'GRADE_NOT_ELIGIBLE',
      'ALREADY_ENROLLED',
      'CONFLICT',
      'SESSION_FULL'
    ],
    idempotent: true
  }),
  cancelBooking: () => ({
    input: bookSessionInput,
    reply: bookingViewSchema,
    codes: ['NOT_FOUND', 'NOT_ENROLLED'],
    idempotent: true
  }),
  // tutors
  upcomingSessions: () => ({ input: listInput, reply: sessionPageSchema, codes: [] }),
  signUpTutor: () => ({
    input: sessionInput,
    reply: sessionViewSchema,
    codes: ['NOT_FOUND', 'SESSION_CANCELLED', 'SESSION_STARTED']
  }),
  withdrawTutor: () => ({ input: sessionInput, reply: sessionViewSchema, codes: ['NOT_FOUND'] }),
  tutorPool: () => ({ input: listInput, reply: tutorPageSchema, codes: [] }),
  assignTutor: () => ({
    input: assignTutorInput,
    reply: sessionViewSchema,
    codes: ['NOT_FOUND', 'SESSION_CANCELLED', 'SESSION_STARTED', 'NOT_A_TUTOR'],
    idempotent: true
  }),
  // attendance and hand-over
  todaySessions: () => ({ input: listInput, reply: todaySchema, codes: [] }),
  markAttendance: () => ({
    input: markAttendanceInput,
    reply: attendanceMarkSchema,
    codes: ['NOT_FOUND', 'NOT_TUTOR_TODAY', 'SESSION_CANCELLED', 'NOT_ENROLLED', 'ALREADY_PICKED_UP']
  }),
  reportAbsence: () => ({
    input: reportAbsenceInput,
    reply: absenceSchema,
    codes: ['NOT_FOUND', 'SESSION_STARTED'],
    idempotent: true
  }),
  handOver: () => ({
    input: handOverInput,
    reply: handedOverSchema,
    codes: ['NOT_FOUND', 'NOT_TUTOR_TODAY', 'NOT_ENROLLED', 'NOT_PRESENT', 'ALREADY_PICKED_UP', 'PICKUP_REFUSED'],
    idempotent: true
  }),
  // staff view
  roster: () => ({ input: termPageInput, reply: enrolmentPageSchema, codes: ['NOT_FOUND'] }),
  waitlist: () => ({ input: termPageInput, reply: enrolmentPageSchema, codes: ['NOT_FOUND'] }),
  attendanceSheet: () => ({ input: sessionInput, reply: sessionSheetSchema, codes: ['NOT_FOUND'] }),
  figures: () => ({ input: termInput, reply: figuresSchema, codes: ['NOT_FOUND'] }),
  exportCsv: () => ({ input: termInput, reply: csvFileSchema, codes: ['NOT_FOUND'] })
})

export type ClassesAction = keyof typeof classesContract

/** What the use case of `N` answers: its reply, or one of its own codes. */
export type ClassesResult<N extends ClassesAction> = Result<
  ServerReplyOf<(typeof classesContract)[N]>,
  CodeOf<(typeof classesContract)[N]>
>

/** Every business code of the context (the codes of its actions together). */
export type ClassesCode = CodeOf<(typeof classesContract)[ClassesAction]>
