/**
 * The `volunteers` function's contract (志愿服务): each action's input, the reply the app parses
 * and the business codes it may answer (core/shared/contract.ts). The use cases are typed against
 * it (VolunteersResult) and the screens call through it (src/api), so the two can't drift apart.
 */
import * as z from 'zod'
import type { CodeOf, ServerReplyOf } from '../shared/contract'
import { defineContract, lazySchema } from '../shared/contract'
import { pageSchema } from '../shared/page'
import type { Result } from '../shared/wire'
import {
  attendanceStatuses,
  claimStatuses,
  markKinds,
  partyTypes,
  postCategories,
  taskStatuses,
  volunteerStatuses
} from './volunteers.model'
import {
  cancelTaskInput,
  checkInput,
  claimInput,
  createPostInput,
  createSeriesInput,
  emptyInput,
  exportEmployerInput,
  exportMemberInput,
  listInput,
  listTasksInput,
  noShowInput,
  organiserCheckInput,
  postIdInput,
  publishTaskInput,
  registerInput,
  reviewInput,
  serialInput,
  taskIdInput,
  teamInput,
  verifyInput
} from './volunteers.schemas'

const attendanceStatus = lazySchema(() => z.enum(attendanceStatuses))
const created = lazySchema(() => z.object({ id: z.string() }))

export const profileView = lazySchema(() =>
  z.object({
    id: z.string(),
    name: z.string(),
    phoneMasked: z.string().nullable(),
    status: z.enum(volunteerStatuses),
    skills: z.array(z.string()),
    availability: z.array(z.string()),
    teams: z.array(z.object({ id: z.string(), name: z.string() })),
    party: z.object({ type: z.enum(partyTypes), employerOrg: z.string().nullable() }).nullable(),
    /** 志愿者编号, printed on certificates. */
    number: z.string()
  })
)

/** A party member's standing against the quarterly rule (双报到, quota.rule.ts). */
const quotaStanding = lazySchema(() =>
  z.object({
    posts: z.number(),
    activities: z.number(),
    short: z.object({ posts: z.number(), activities: z.number() }),
    met: z.boolean()
  })
)

const meView = lazySchema(() =>
  z.object({
    profile: profileView.nullable(),
    totals: z.object({ hours: z.number(), activities: z.number() }),
    /** Party members only. */
    quarter: quotaStanding.extend({ label: z.string() }).nullable(),
    staff: z.boolean()
  })
)

const taskView = lazySchema(() =>
  z.object({
    id: z.string(),
    title: z.string(),
    team: z.string().nullable(),
    place: z.string(),
    detail: z.string(),
    startAt: z.string(),
    endAt: z.string(),
    roles: z.array(
      z.object({ key: z.string(), name: z.string(), slots: z.number(), left: z.number(), skills: z.array(z.string()) })
    ),
    withdrawCutoffHours: z.number(),
    recurring: z.boolean(),
    status: z.enum(taskStatuses),
    /** Why the organiser called it off (status 'cancelled'). */
    cancelReason: z.string().nullable(),
    /** The caller's claim on this task, if any, and how far they got on the day (null: not checked in). */
    mine: z
      .object({ roleKey: z.string(), status: z.enum(claimStatuses), attendance: attendanceStatus.nullable() })
      .nullable(),
    /** The caller may show the check-in code and verify (organiser or staff). */
    organiser: z.boolean(),
    /**
     * On a task's page, the name of its community when it is not the caller's own (issue 20: a volunteer serving
     * elsewhere is told where to go); absent on the board and at home.
     */
    community: z.string().nullable().optional()
  })
)

const myClaimView = lazySchema(() =>
  z.object({
    taskId: z.string(),
    title: z.string(),
    startAt: z.string(),
    endAt: z.string(),
    date: z.string(),
    roleKey: z.string(),
    status: z.enum(claimStatuses),
    /** The community of the shift (a volunteer serves anywhere in the street): its id for the calls, its name. */
    communityId: z.string(),
    community: z.string()
  })
)

const rosterRow = lazySchema(() =>
  z.object({
    volunteerId: z.string(),
    name: z.string(),
    phoneMasked: z.string().nullable(),
    roleKey: z.string(),
    claimStatus: z.enum(claimStatuses),
    attendance: attendanceStatus.nullable(),
    checkInAt: z.string().nullable(),
    checkOutAt: z.string().nullable(),
    minutes: z.number(),
    hours: z.number()
  })
)

const teamView = lazySchema(() =>
  z.object({
    id: z.string(),
    name: z.string(),
    intro: z.string(),
    hours: z.number(),
    activities: z.number(),
    people: z.number()
  })
)

const postView = lazySchema(() =>
  z.object({
    id: z.string(),
    category: z.enum(postCategories),
    name: z.string(),
    duty: z.string(),
    mine: z.boolean()
  })
)

const applicationView = lazySchema(() =>
  profileView.extend({
    appliedAt: z.string().nullable(),
    /** Staff approve against the real-name record, so they see the full number (audited read). */
    phone: z.string().nullable()
  })
)

const quotaRow = lazySchema(() =>
  quotaStanding.extend({
    volunteerId: z.string(),
    name: z.string(),
    partyType: z.string(),
    employerOrg: z.string().nullable()
  })
)

const markView = lazySchema(() =>
  z.object({ name: z.string(), kind: z.enum(markKinds), title: z.string(), at: z.string() })
)

const checked = lazySchema(() => z.object({ status: attendanceStatus, at: z.string() }))
const postClaim = lazySchema(() => z.object({ postId: z.string(), claimed: z.boolean() }))
const csvFile = lazySchema(() => z.object({ fileName: z.string(), csv: z.string(), rows: z.number() }))

export const volunteersContract = defineContract('volunteers', {
  // profile and registration
  me: () => ({ input: emptyInput, reply: meView, codes: [] }),
  register: () => ({
    input: registerInput,
    reply: profileView,
    codes: ['TEAM_UNKNOWN', 'ALREADY_REGISTERED', 'HOME_COMMUNITY_ONLY'],
    idempotent: true
  }),
  applications: () => ({ input: listInput, reply: pageSchema(applicationView), codes: [] }),
  review: () => ({
    input: reviewInput,
    reply: z.object({ id: z.string(), status: z.enum(volunteerStatuses) }),
    codes: ['NOT_FOUND', 'ALREADY_REVIEWED']
  }),
  // teams and tasks
  teams: () => ({ input: emptyInput, reply: z.array(teamView), codes: [] }),
  createTeam: () => ({ input: teamInput, reply: created, codes: [], idempotent: true }),
  publishTask: () => ({
    input: publishTaskInput,
    reply: created,
    codes: ['TEAM_UNKNOWN', 'FORBIDDEN', 'TASK_CLOSED', 'CONTENT_REJECTED'],
    idempotent: true
  }),
  createSeries: () => ({
    input: createSeriesInput,
    reply: z.object({ id: z.string(), tasks: z.array(z.string()) }),
    codes: ['TEAM_UNKNOWN', 'FORBIDDEN', 'CONTENT_REJECTED'],
    idempotent: true
  }),
  tasks: () => ({ input: listTasksInput, reply: pageSchema(taskView), codes: [] }),
  task: () => ({ input: taskIdInput, reply: taskView, codes: ['NOT_FOUND'] }),
  claim: () => ({
    input: claimInput,
    reply: z.object({ claimId: z.string(), taskId: z.string(), roleKey: z.string() }),
    codes: [
      'NOT_APPROVED',
      'NOT_FOUND',
      'TASK_CLOSED',
      'ROLE_UNKNOWN',
      'SKILL_MISSING',
      'ALREADY_CLAIMED',
      'TIME_CONFLICT',
      'BUSY',
      'TASK_FULL'
    ],
    idempotent: true
  }),
  cancelTask: () => ({
    input: cancelTaskInput,
    reply: z.object({ notified: z.number() }),
    codes: ['NOT_FOUND', 'FORBIDDEN', 'TASK_ENDED', 'CONTENT_REJECTED'],
    idempotent: true
  }),
  withdraw: () => ({
    input: taskIdInput,
    reply: z.object({ late: z.boolean() }),
    codes: ['NOT_CLAIMED', 'ALREADY_ATTENDED']
  }),
  seekSubstitute: () => ({
    input: taskIdInput,
    reply: z.object({ asked: z.number() }),
    codes: ['NOT_CLAIMED', 'TASK_CLOSED', 'ALREADY_ATTENDED']
  }),
  substituteOffers: () => ({
    input: taskIdInput,
    reply: z.array(z.object({ volunteerId: z.string(), roleKey: z.string() })),
    codes: []
  }),
  // A retried tap gets the first answer; one that stopped half-way is finished by the retry (takeOver).
  takeOver: () => ({
    input: noShowInput,
    reply: z.object({ claimId: z.string() }),
    codes: [
      'NOT_APPROVED',
      'NOT_FOUND',
      'TASK_CLOSED',
      'NO_SUBSTITUTE_NEEDED',
      'ROLE_UNKNOWN',
      'SKILL_MISSING',
      'ALREADY_CLAIMED',
      'TIME_CONFLICT',
      'BUSY',
      'TASK_FULL'
    ],
    idempotent: true
  }),
  myClaims: () => ({ input: emptyInput, reply: z.array(myClaimView), codes: [] }),
  // The street's communities, where a volunteer may serve (其他社区的任务); `current`: the one this call acts in.
  streetCommunities: () => ({
    input: emptyInput,
    reply: z.array(z.object({ id: z.string(), name: z.string(), current: z.boolean() })),
    codes: []
  }),
  // service posts and the quarterly check (双报到)
  posts: () => ({ input: emptyInput, reply: z.array(postView), codes: [] }),
  createPost: () => ({ input: createPostInput, reply: created, codes: [], idempotent: true }),
  claimPost: () => ({
    input: postIdInput,
    reply: postClaim,
    codes: ['NOT_APPROVED', 'NOT_PARTY_MEMBER', 'HOME_COMMUNITY_ONLY', 'NOT_FOUND']
  }),
  releasePost: () => ({
    input: postIdInput,
    reply: postClaim,
    codes: ['NOT_APPROVED', 'NOT_PARTY_MEMBER', 'HOME_COMMUNITY_ONLY', 'NOT_CLAIMED']
  }),
  quarterCheck: () => ({
    input: listInput,
    reply: pageSchema(quotaRow).extend({ quarter: z.string(), members: z.number(), below: z.number() }),
    codes: []
  }),
  // check-in, hours, verification
  checkinCode: () => ({
    input: taskIdInput,
    reply: z.object({ code: z.string(), qrText: z.string(), validUntil: z.string(), windowSeconds: z.number() }),
    codes: ['NOT_FOUND', 'FORBIDDEN']
  }),
  checkIn: () => ({
    input: checkInput,
    reply: checked,
    codes: ['NOT_CLAIMED', 'TOO_EARLY', 'CODE_INVALID', 'ALREADY_CHECKED']
  }),
  checkOut: () => ({
    input: checkInput,
    reply: checked.extend({ minutes: z.number(), hours: z.number() }),
    codes: ['NOT_CLAIMED', 'CODE_INVALID', 'NOT_CHECKED_IN', 'ALREADY_CHECKED']
  }),
  organiserCheck: () => ({
    input: organiserCheckInput,
    reply: checked,
    codes: ['NOT_FOUND', 'FORBIDDEN', 'NOT_CLAIMED', 'ALREADY_CHECKED', 'NOT_CHECKED_IN']
  }),
  roster: () => ({
    input: taskIdInput,
    reply: z.object({ title: z.string(), rows: z.array(rosterRow) }),
    codes: ['NOT_FOUND', 'FORBIDDEN']
  }),
  verify: () => ({
    input: verifyInput,
    reply: z.object({ status: attendanceStatus, hours: z.number() }),
    codes: ['NOT_FOUND', 'FORBIDDEN', 'NOT_CHECKED_IN', 'NOT_ENDED', 'ALREADY_VERIFIED']
  }),
  markNoShow: () => ({
    input: noShowInput,
    reply: z.object({ marked: z.boolean() }),
    codes: ['NOT_FOUND', 'FORBIDDEN', 'NOT_CLAIMED', 'ALREADY_CHECKED']
  }),
  marks: () => ({ input: listInput, reply: pageSchema(markView), codes: [] }),
  // certificates and 双报到 exports
  issueCertificate: () => ({
    input: emptyInput,
    reply: z.object({ serial: z.string(), totalHours: z.number() }),
    codes: ['NOT_APPROVED', 'NO_HOURS'],
    idempotent: true
  }),
  certificates: () => ({
    input: emptyInput,
    reply: z.array(z.object({ serial: z.string(), totalHours: z.number(), issuedAt: z.string() })),
    codes: []
  }),
  downloadCertificate: () => ({
    input: serialInput,
    reply: z.object({ serial: z.string(), fileName: z.string(), pdfBase64: z.string() }),
    codes: ['NOT_FOUND', 'FORBIDDEN']
  }),
  verifyCertificate: () => ({
    input: serialInput,
    // Name half-masked; the rest only when the serial was issued.
    reply: z.object({
      valid: z.boolean(),
      serial: z.string(),
      name: z.string().optional(),
      totalHours: z.number().optional(),
      issuer: z.string().optional(),
      issuedAt: z.string().optional()
    }),
    codes: []
  }),
  exportMember: () => ({ input: exportMemberInput, reply: csvFile, codes: ['NOT_FOUND'] }),
  exportEmployer: () => ({ input: exportEmployerInput, reply: csvFile.extend({ members: z.number() }), codes: [] })
})

type Volunteers = typeof volunteersContract
export type VolunteersAction = keyof Volunteers
/** What action `N`'s use case answers. */
export type VolunteersReply<N extends VolunteersAction> = ServerReplyOf<Volunteers[N]>
/** Action `N`'s business failure codes. */
export type VolunteersCode<N extends VolunteersAction> = CodeOf<Volunteers[N]>
/** What action `N`'s use case returns: its reply or one of its codes. */
export type VolunteersResult<N extends VolunteersAction> = Result<VolunteersReply<N>, VolunteersCode<N>>
