/** The `volunteers` function's actions: schema, use case and who may call each. */
import { serverClock } from '../clock'
import { checkIn, checkinCode, checkOut, listMarks, markNoShow, organiserCheck, roster, verify } from '../../core/volunteers/attendance.usecase'
import { downloadCertificate, exportEmployer, exportMember, issueCertificate, myCertificates, verifyCertificate } from '../../core/volunteers/certificates.usecase'
import { defaultRounding, parseRounding, type RoundingRule } from '../../core/volunteers/hours.rule'
import { listTeams, me } from '../../core/volunteers/me.usecase'
import { claimPost, createPost, listPosts, quarterCheck, releasePost } from '../../core/volunteers/posts.usecase'
import { listApplications, register, review } from '../../core/volunteers/register.usecase'
import { cancelTask, claim, createSeries, createTeam, listTasks, myClaims, publishTask, seekSubstitute, substituteOffers, takeOver, taskDetail, withdraw } from '../../core/volunteers/tasks.usecase'
import { staffRoles } from '../../core/volunteers/volunteers.errors'
import type { VolunteersDeps } from '../../core/volunteers/volunteers.ports'
import {
  cancelTaskInput, checkInput, claimInput, createPostInput, createSeriesInput, emptyInput, exportEmployerInput, exportMemberInput, listInput,
  listTasksInput, noShowInput, organiserCheckInput, postIdInput, publishTaskInput, registerInput, reviewInput, serialInput,
  taskIdInput, teamInput, verifyInput
} from '../../core/volunteers/volunteers.schemas'
import { auditWriter } from '../audit'
import { getDb } from '../db/client'
import { notifier } from '../notifications/notifier'
import { contentCheckFor } from '../notifications/content-check'
import type { ActionTable } from '../router'
import { action } from '../router'
import { certificatePdf } from './certificate-pdf'
import { checkinCodes, storedSecret } from './checkin-codes'
import { volunteersRepository } from './volunteers.repository'

/** Volunteers act for themselves; organisers (a task's publisher) are checked per task in the use case. */
const volunteering = ['volunteer', 'staff', 'admin'] as const

export const volunteersActions: ActionTable<VolunteersDeps> = {
  // profile and registration: any registered resident may apply
  me: action({ schema: emptyInput, run: me, roles: 'registered' }),
  register: action({ schema: registerInput, run: register, roles: 'registered', idempotent: true }),
  applications: action({ schema: listInput, run: listApplications, roles: staffRoles }),
  review: action({ schema: reviewInput, run: review, roles: staffRoles }),
  // teams and tasks
  teams: action({ schema: emptyInput, run: async deps => await listTeams(deps), roles: 'registered' }),
  createTeam: action({ schema: teamInput, run: createTeam, roles: staffRoles, idempotent: true }),
  publishTask: action({ schema: publishTaskInput, run: publishTask, roles: volunteering, idempotent: true }),
  createSeries: action({ schema: createSeriesInput, run: createSeries, roles: volunteering, idempotent: true }),
  tasks: action({ schema: listTasksInput, run: listTasks, roles: 'registered' }),
  task: action({ schema: taskIdInput, run: taskDetail, roles: 'registered' }),
  claim: action({ schema: claimInput, run: claim, roles: volunteering, idempotent: true }),
  cancelTask: action({ schema: cancelTaskInput, run: cancelTask, roles: volunteering, idempotent: true }),
  withdraw: action({ schema: taskIdInput, run: withdraw, roles: volunteering }),
  seekSubstitute: action({ schema: taskIdInput, run: seekSubstitute, roles: volunteering }),
  substituteOffers: action({ schema: taskIdInput, run: substituteOffers, roles: volunteering }),
  // A retried tap gets the first answer; one that stopped half-way is finished by the retry (takeOver).
  takeOver: action({ schema: noShowInput, run: takeOver, roles: volunteering, idempotent: true }),
  myClaims: action({ schema: emptyInput, run: myClaims, roles: 'registered' }),
  // service posts and the quarterly check
  posts: action({ schema: emptyInput, run: listPosts, roles: 'registered' }),
  createPost: action({ schema: createPostInput, run: createPost, roles: staffRoles, idempotent: true }),
  claimPost: action({ schema: postIdInput, run: claimPost, roles: volunteering }),
  releasePost: action({ schema: postIdInput, run: releasePost, roles: volunteering }),
  quarterCheck: action({ schema: listInput, run: quarterCheck, roles: staffRoles }),
  // check-in, hours, verification
  checkinCode: action({ schema: taskIdInput, run: checkinCode, roles: volunteering }),
  checkIn: action({ schema: checkInput, run: checkIn, roles: volunteering }),
  checkOut: action({ schema: checkInput, run: checkOut, roles: volunteering }),
  organiserCheck: action({ schema: organiserCheckInput, run: organiserCheck, roles: volunteering }),
  roster: action({ schema: taskIdInput, run: roster, roles: volunteering }),
  verify: action({ schema: verifyInput, run: verify, roles: volunteering }),
  markNoShow: action({ schema: noShowInput, run: markNoShow, roles: volunteering }),
  marks: action({ schema: listInput, run: listMarks, roles: staffRoles }),
  // certificates and 双报到 exports
  issueCertificate: action({ schema: emptyInput, run: issueCertificate, roles: volunteering, idempotent: true }),
  certificates: action({ schema: emptyInput, run: myCertificates, roles: 'registered' }),
  downloadCertificate: action({ schema: serialInput, run: downloadCertificate, roles: 'registered' }),
  verifyCertificate: action({ schema: serialInput, run: async (deps, input) => await verifyCertificate(deps, input), roles: 'anyone' }),
  exportMember: action({ schema: exportMemberInput, run: exportMember, roles: staffRoles }),
  exportEmployer: action({ schema: exportEmployerInput, run: exportEmployer, roles: staffRoles })
}

let seq = 0
/** Sortable, unique per process and instant: time, a per-process counter and randomness. */
function newId (prefix: string): string {
  seq = (seq + 1) % 1_000_000
  return `${prefix}-${Date.now().toString(36)}-${seq.toString(36)}-${Math.random().toString(36).slice(2, 8)}`
}

/** A community's own rounding steps, e.g. LINLI_VOLUNTEERS_ROUNDING="0:0,30:1"; malformed → the default, said in the log. */
function roundingFromEnv (): RoundingRule {
  const text = process.env.LINLI_VOLUNTEERS_ROUNDING
  if (!text) return defaultRounding
  const rule = parseRounding(text)
  if (!rule) console.error(JSON.stringify({ fn: 'volunteers', level: 'error', error: `LINLI_VOLUNTEERS_ROUNDING malformed (${text}): using the default steps` }))
  return rule ?? defaultRounding
}

export function volunteersDeps (): VolunteersDeps {
  const db = getDb()
  return {
    store: volunteersRepository(db),
    audit: auditWriter(db, serverClock),
    notify: notifier(db, serverClock),
    contentCheck: contentCheckFor(),
    clock: serverClock,
    codes: checkinCodes(storedSecret(db)),
    pdf: certificatePdf,
    rounding: roundingFromEnv(),
    newId
  }
}
