/** The staff context's storage behind the ports in src/core/staff/staff.ports.ts. */
import type { UserRecord } from '../../core/community/community.model'
import type { Role } from '../../core/community/roles'
import type {
  AdminSeats,
  AuditEntryRecord,
  AuditLog,
  DashboardSources,
  InviteStore,
  PeopleNames,
  StaffGrids,
  StaffUsers,
  SurveyStore,
  WorkQueues
} from '../../core/staff/staff.ports'
import type { InviteRecord, SurveyAnswerRecord, SurveyRecord } from '../../core/staff/staff.model'
import type { Db } from '../db/client'
import { countWhere, getById, insertIfAbsent, updatedOf as updated } from '../db/client'
import { pageNewestFirst } from '../db/page'
import { isMissingCollection, readAll } from '../db/read-all'
import { attendanceForStaff, childrenForStaff, enrolmentsForStaff } from '../classes/classes.repository'
import {
  gridsForStaff,
  gridsOfUsersForStaff,
  userIdsNamedForStaff,
  userNamesForStaff
} from '../community/community.repository'
import { careRequestsForStaff, countCareRequestsForStaff, sosCallsForStaff } from '../elder-care/elder-care.repository'
import { countOpenFollowUpsForStaff } from '../notifications/notifications.repository'
import {
  countPendingEligibilityForStaff,
  countServiceRequestsForStaff,
  serviceRequestsForStaff
} from '../service-card/service-card.repository'
import {
  countPendingVolunteersForStaff,
  volunteerAttendanceForStaff,
  volunteersForStaff
} from '../volunteers/volunteers.repository'

export function staffUsers(db: Db): StaffUsers {
  const _ = db.command
  const users = db.collection('users')
  return {
    get: async id => await getById<UserRecord>(db, 'users', id),
    create: async user =>
      await insertIfAbsent(db, 'users', user as unknown as { _id: string } & Record<string, unknown>),
    async addRole(openId, role, set) {
      // `roles: _.neq(role)` matches only while no element equals `role`: of two grants at once,
      // one updates and one finds nothing to do, so the grant is audited (and counted) once.
      const res = await users.where({ _id: openId, roles: _.neq(role) }).update({ roles: _.push(role), ...(set ?? {}) })
      if (updated(res) === 1) return true
      if (set && Object.keys(set).length > 0) await users.doc(openId).update(set)
      return false
    },
    async removeRole(openId, role: Role) {
      const res = await users.where({ _id: openId, roles: role }).update({ roles: _.pull(role) })
      return updated(res) === 1
    },
    async list(filter, cursor) {
      return await pageNewestFirst<UserRecord>(
        db,
        'users',
        filter.role ? { roles: filter.role } : {},
        'createdAt',
        cursor
      )
    }
  }
}

const SEATS_ID = 'admins'

export function adminSeats(db: Db): AdminSeats {
  const _ = db.command
  const counters = db.collection('staff_counters')
  /** The counter starts from the admins the users collection holds, the first time it is needed. */
  async function ensure(): Promise<void> {
    if (await getById(db, 'staff_counters', SEATS_ID)) return
    const count = await countWhere(db, 'users', { roles: 'admin' })
    await insertIfAbsent(db, 'staff_counters', { _id: SEATS_ID, count })
  }
  return {
    ensure,
    async add() {
      await counters.doc(SEATS_ID).update({ count: _.inc(1) })
    },
    async release() {
      // Only while another admin remains; two admins revoking each other at once: one wins.
      const res = await counters.where({ _id: SEATS_ID, count: _.gt(1) }).update({ count: _.inc(-1) })
      return updated(res) === 1
    }
  }
}

export function inviteStore(db: Db): InviteStore {
  const _ = db.command
  return {
    insert: async invite =>
      await insertIfAbsent(db, 'staff_invites', invite as unknown as { _id: string } & Record<string, unknown>),
    get: async code => await getById<InviteRecord>(db, 'staff_invites', code),
    async consume(code, openId, now) {
      // Read-then-write would let two people both see "unused" and both join; this update
      // matches only an unused, unexpired invite, so exactly one of them changes it.
      const res = await db
        .collection('staff_invites')
        .where({ _id: code, usedBy: null, expiresAt: _.gt(now) })
        .update({ usedBy: openId, usedAt: now })
      return updated(res) === 1
    },
    async listOpen(now, cursor) {
      return await pageNewestFirst<InviteRecord>(
        db,
        'staff_invites',
        { usedBy: null, expiresAt: _.gt(now) },
        'createdAt',
        cursor
      )
    }
  }
}

export function staffGrids(db: Db): StaffGrids {
  return {
    async name(gridId) {
      return (await getById<{ name: string }>(db, 'grids', gridId))?.name ?? null
    },
    async list() {
      const res = await db.collection('grids').orderBy('order', 'asc').limit(100).get()
      return (res.data as Array<{ _id: string; name: string }>).map(g => ({ _id: g._id, name: g.name }))
    },
    async setWorker(gridId, openId) {
      await db.collection('grids').doc(gridId).update({ workerUserId: openId })
    }
  }
}

export function surveyStore(db: Db): SurveyStore {
  const _ = db.command
  return {
    async insert(survey) {
      await db.collection('staff_surveys').add(survey)
    },
    get: async id => await getById<SurveyRecord>(db, 'staff_surveys', id),
    async openAt(now) {
      const res = await db
        .collection('staff_surveys')
        .where({ opensAt: _.lte(now), closesAt: _.gt(now) })
        .orderBy('opensAt', 'desc')
        .limit(1)
        .get()
      return (res.data as SurveyRecord[])[0] ?? null
    },
    async latest() {
      const res = await db.collection('staff_surveys').orderBy('opensAt', 'desc').limit(1).get()
      return (res.data as SurveyRecord[])[0] ?? null
    },
    answer: async a =>
      await insertIfAbsent(db, 'staff_survey_answers', a as unknown as { _id: string } & Record<string, unknown>),
    hasAnswered: async (surveyId, openId) =>
      (await getById(db, 'staff_survey_answers', `${surveyId}:${openId}`)) !== null,
    async answers(surveyId) {
      return await readAll<SurveyAnswerRecord>(db, 'staff_survey_answers', { surveyId }, 50_000)
    }
  }
}

/** A context's read that answers `fallback` where its collection doesn't exist here (not deployed yet). */
async function orElse<T>(read: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await read()
  } catch (err) {
    if (isMissingCollection(err)) return fallback
    throw err
  }
}

const orNull = async <T>(read: () => Promise<T>): Promise<T | null> => await orElse<T | null>(read, null)
const orZero = async (read: () => Promise<number>): Promise<number> => await orElse(read, 0)

/**
 * The 待办 counts, each from its context's repository. Which states count as waiting is the
 * owning context's word: 'submitted'/'triaged' care requests wait for dispatch, and so on.
 */
export function workQueues(db: Db): WorkQueues {
  return {
    careToDispatch: async gridId =>
      await orZero(async () => await countCareRequestsForStaff(db, { states: ['submitted', 'triaged'], gridId })),
    careAssignedTo: async openId =>
      await orZero(
        async () =>
          await countCareRequestsForStaff(db, { states: ['assigned', 'accepted', 'in_service'], assigneeId: openId })
      ),
    serviceUnassigned: async gridId =>
      await orZero(async () => await countServiceRequestsForStaff(db, { status: ['submitted'], gridId })),
    serviceEligibilityPending: async gridId =>
      await orZero(async () => await countPendingEligibilityForStaff(db, gridId)),
    serviceHandledBy: async openId =>
      await orZero(
        async () =>
          await countServiceRequestsForStaff(db, {
            status: ['accepted', 'in_progress', 'needs_materials'],
            handlerId: openId
          })
      ),
    followUpsOpen: async gridId => await orZero(async () => await countOpenFollowUpsForStaff(db, gridId)),
    volunteerApplications: async () => await orZero(async () => await countPendingVolunteersForStaff(db)),
    erasuresPending: async () => await orZero(async () => await countWhere(db, 'staff_erasures', { status: 'pending' }))
  }
}

/** What the dashboard reads, each from the context that owns it (null: not deployed here). */
export function dashboardSources(db: Db): DashboardSources {
  const surveys = surveyStore(db)
  return {
    grids: async () => await gridsForStaff(db),
    gridsOfUsers: async openIds => await gridsOfUsersForStaff(db, openIds),
    serviceRequests: async () => await orNull(async () => await serviceRequestsForStaff(db)),
    careRequests: async gridId => await orNull(async () => await careRequestsForStaff(db, gridId)),
    sosCalls: async gridId => await orNull(async () => await sosCallsForStaff(db, gridId)),
    classAttendance: async () => await orNull(async () => await attendanceForStaff(db)),
    classEnrolments: async () => await orNull(async () => await enrolmentsForStaff(db)),
    children: async gridId => await orNull(async () => await childrenForStaff(db, gridId)),
    volunteerAttendance: async () => await orNull(async () => await volunteerAttendanceForStaff(db)),
    volunteers: async gridId => await orNull(async () => await volunteersForStaff(db, gridId)),
    latestSurvey: async () => await orNull(async () => await surveys.latest()),
    surveyAnswers: async surveyId => await orElse(async () => await surveys.answers(surveyId), [])
  }
}

/**
 * The audit log (server/audit.ts writes it; nothing updates or removes an entry). It belongs to no
 * one context: the staff context is the one that reads it.
 */
export function auditLog(db: Db): AuditLog {
  const _ = db.command
  const either = (v: string | { in: string[] }): unknown => (typeof v === 'string' ? v : _.in(v.in))
  return {
    async search(f, cursor) {
      const where: Record<string, unknown> = {}
      if (f.actor) where.actor = either(f.actor)
      if (f.action) where.action = either(f.action)
      if (f.target) where.target = f.target
      if (f.onBehalfOf) where['data.onBehalfOf'] = f.onBehalfOf
      if (f.from && f.to) where.at = _.gte(f.from).and(_.lt(f.to))
      else if (f.from) where.at = _.gte(f.from)
      else if (f.to) where.at = _.lt(f.to)
      return await pageNewestFirst<AuditEntryRecord>(db, 'audit', where, 'at', cursor)
    }
  }
}

/** Names of people, from the community's accounts. */
export function peopleNames(db: Db): PeopleNames {
  return {
    idsNamed: async name => await userIdsNamedForStaff(db, name),
    namesOf: async openIds => await userNamesForStaff(db, openIds)
  }
}
