/** The `volunteers` function's actions: the contract's actions, who may call each and the use case that answers. */
import { policies } from '../../core/community/roles'
import {
  checkIn,
  checkinCode,
  checkOut,
  listMarks,
  markNoShow,
  organiserCheck,
  roster,
  verify
} from '../../core/volunteers/attendance.usecase'
import {
  downloadCertificate,
  exportEmployer,
  exportMember,
  issueCertificate,
  myCertificates,
  verifyCertificate
} from '../../core/volunteers/certificates.usecase'
import { defaultRounding, parseRounding, type RoundingRule } from '../../core/volunteers/hours.rule'
import { listTeams, me } from '../../core/volunteers/me.usecase'
import { claimPost, createPost, listPosts, quarterCheck, releasePost } from '../../core/volunteers/posts.usecase'
import { listApplications, register, review } from '../../core/volunteers/register.usecase'
import {
  cancelTask,
  claim,
  createSeries,
  createTeam,
  listStreetCommunities,
  listTasks,
  myClaims,
  publishTask,
  seekSubstitute,
  substituteOffers,
  takeOver,
  taskDetail,
  withdraw
} from '../../core/volunteers/tasks.usecase'
import { volunteersContract } from '../../core/volunteers/volunteers.contract'
import type { VolunteersDeps } from '../../core/volunteers/volunteers.ports'
import { auditWriter } from '../audit'
import { notifier } from '../notifications/notifier'
import { implement } from '../router'
import { scopeOf } from '../db/community-scope'
import { DEFAULT_COMMUNITY_ID } from '../../core/community/community.model'
import { serverInfra, type Infra } from '../infra'
import { certificatePdf } from './certificate-pdf.service'
import { checkinCodes, storedSecret } from './checkin-codes.service'
import { volunteersRepository } from './volunteers.repository'

/**
 * Volunteers act for themselves, with staff beside them; an organiser (a task's publisher) is
 * checked per task in the use case (organiser.rule.ts). Only this context uses it.
 */
const volunteering = ['volunteer', ...policies.staff] as const

export const volunteersActions = implement<VolunteersDeps, typeof volunteersContract>(volunteersContract, {
  // profile and registration: any registered resident may apply
  me: { roles: 'registered', run: me },
  register: { roles: 'registered', run: register },
  applications: { roles: policies.staff, run: listApplications },
  review: { roles: policies.staff, run: review },
  // teams and tasks
  teams: { roles: 'registered', run: async deps => await listTeams(deps) },
  createTeam: { roles: policies.staff, run: createTeam },
  publishTask: { roles: volunteering, run: publishTask },
  createSeries: { roles: volunteering, run: createSeries },
  tasks: { roles: 'registered', run: listTasks },
  task: { roles: 'registered', run: taskDetail },
  claim: { roles: volunteering, run: claim },
  cancelTask: { roles: volunteering, run: cancelTask },
  withdraw: { roles: volunteering, run: withdraw },
  seekSubstitute: { roles: volunteering, run: seekSubstitute },
  substituteOffers: { roles: volunteering, run: substituteOffers },
  takeOver: { roles: volunteering, run: takeOver },
  myClaims: { roles: 'registered', run: myClaims },
  streetCommunities: { roles: 'registered', run: listStreetCommunities },
  // service posts and the quarterly check
  posts: { roles: 'registered', run: listPosts },
  createPost: { roles: policies.staff, run: createPost },
  claimPost: { roles: volunteering, run: claimPost },
  releasePost: { roles: volunteering, run: releasePost },
  quarterCheck: { roles: policies.staff, run: quarterCheck },
  // check-in, hours, verification
  checkinCode: { roles: volunteering, run: checkinCode },
  checkIn: { roles: volunteering, run: checkIn },
  checkOut: { roles: volunteering, run: checkOut },
  organiserCheck: { roles: volunteering, run: organiserCheck },
  roster: { roles: volunteering, run: roster },
  verify: { roles: volunteering, run: verify },
  markNoShow: { roles: volunteering, run: markNoShow },
  marks: { roles: policies.staff, run: listMarks },
  // certificates and 双报到 exports
  issueCertificate: { roles: volunteering, run: issueCertificate },
  certificates: { roles: 'registered', run: myCertificates },
  downloadCertificate: { roles: 'registered', run: downloadCertificate },
  verifyCertificate: { roles: 'anyone', run: async (deps, input) => await verifyCertificate(deps, input) },
  exportMember: { roles: policies.staff, run: exportMember },
  exportEmployer: { roles: policies.staff, run: exportEmployer }
})

/**
 * A community's own rounding steps, e.g. LINLI_VOLUNTEERS_ROUNDING="0:0,30:1"; malformed → the default, said in the
 * log.
 */
function roundingFromEnv(): RoundingRule {
  const text = process.env.LINLI_VOLUNTEERS_ROUNDING
  if (!text) return defaultRounding
  const rule = parseRounding(text)
  if (!rule)
    console.error(
      JSON.stringify({
        fn: 'volunteers',
        level: 'error',
        error: `LINLI_VOLUNTEERS_ROUNDING malformed (${text}): using the default steps`
      })
    )
  return rule ?? defaultRounding
}

export function volunteersDeps({ db, clock, newId, contentCheck }: Infra = serverInfra()): VolunteersDeps {
  return {
    communityId: scopeOf(db)?.communityId ?? DEFAULT_COMMUNITY_ID,
    store: volunteersRepository(db),
    audit: auditWriter(db, clock),
    notify: notifier(db, clock),
    contentCheck,
    clock,
    codes: checkinCodes(storedSecret(db)),
    pdf: certificatePdf,
    rounding: roundingFromEnv(),
    newId
  }
}
