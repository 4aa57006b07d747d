/** The staff context's storage behind the ports in src/core/staff/staff.ports.ts. */
import type { UserRecord } from '../../core/community/community.model'
import type { Role } from '../../core/community/roles'
import type {
  AdminSeats,
  AuditEntryRecord,
  AuditLog,
  DashboardRecords,
  DashboardSources,
  InviteStore,
  PeopleNames,
  StaffGrids,
  StaffUsers,
  SurveyScores,
  SurveyStore,
  StreetDashboardSources,
  SurveyWithAnswers,
  WorkQueue,
  WorkQueues
} from '../../core/staff/staff.ports'
import { DASHBOARD_FIELDS } from '../../core/staff/staff.ports'
import type { InviteRecord, SurveyRecord } from '../../core/staff/staff.model'
import { DEFAULT_COMMUNITY_ID } from '../../core/community/community.model'
import { rolePlace } from '../../core/staff/role-place.rule'
import type { Db } from '../db/client'
import { getById, insertIfAbsent, updatedOf as updated } from '../db/client'
import { keyIn, scopeDb, scopeOf, unscoped } from '../db/community-scope'
import { streetCommunities } from '../community/street.repository'
import { countJoin, joinedCount, type Aggregation, type Join } from '../db/join'
import { keysetFilter, keysetPage, pageNewestFirst, PAGE_SIZE } from '../db/page'
import { isMissingCollection } from '../db/read-all'
import { attendanceJoinForStaff, childrenJoinForStaff, enrolmentsJoinForStaff } from '../classes/classes.repository'
import { gridsJoinForStaff, userIdsNamedForStaff, withAccountFieldForStaff } from '../community/community.repository'
import {
  careRequestsCountForStaff,
  careRequestsJoinForStaff,
  sosCallsJoinForStaff
} from '../elder-care/elder-care.repository'
import { openFollowUpsCountForStaff } from '../notifications/notifications.repository'
import {
  pendingEligibilityCountForStaff,
  serviceRequestsCountForStaff,
  serviceRequestsJoinForStaff
} from '../service-card/service-card.repository'
import {
  pendingVolunteersCountForStaff,
  volunteerAttendanceJoinForStaff,
  volunteersJoinForStaff
} from '../volunteers/volunteers.repository'

/** The community `db` serves (the first one for a street-wide db, as everywhere else). */
const communityOf = (db: Db): string => scopeOf(db)?.communityId ?? DEFAULT_COMMUNITY_ID

/**
 * `users` is street-wide, so its conditions name the community themselves: the people whose own community this is
 * (absent means the first community, a record from before the street), or who were given a role in it (`rolesIn`).
 * With `role`: those holding it here.
 */
function peopleOf(db: Db, communityId: string, role?: Role): object {
  const _ = db.command
  const own = communityId === DEFAULT_COMMUNITY_ID ? _.or([{ communityId }, { communityId: _.exists(false) }]) : null
  const home = (extra: object): object => (own ? _.and([own, extra]) : { communityId, ...extra })
  const given = `rolesIn.${communityId}`
  return role ? _.or([home({ roles: role }), { [given]: role }]) : _.or([home({}), { [`${given}.0`]: _.exists(true) }])
}

export function staffUsers(db: Db): StaffUsers {
  const _ = db.command
  const here = communityOf(db)
  // The community's view of its people (db/community-scope.ts): reads by identity those with standing here, changes
  // only its own and newcomers, and a street role's view changes nothing.
  const users = db.collection('users')
  // Across communities, each use saying why: a street role is the street's, not a community's; a person accepting an
  // invite here changes their own record wherever they belong; the people given a role here are listed with its own.
  const street = unscoped(db)
  /** The person as read: the place decided from their community holds only while it is still theirs. */
  const asRead = (user: UserRecord): Record<string, unknown> => ({
    _id: user._id,
    communityId: user.communityId === undefined ? _.exists(false) : user.communityId
  })
  async function addRole(
    user: UserRecord,
    role: Role,
    set: { gridId?: string | null } | undefined,
    accepted: boolean
  ): Promise<boolean> {
    // `<list>: _.neq(role)` matches only while no element equals `role`: of two grants at once,
    // one updates and one finds nothing to do, so the grant is audited (and counted) once.
    const place = rolePlace(user, here, role)
    if (place === 'elsewhere') {
      // A 社工 of another community covering this one: the role is held here only (a grid worker's grid is her
      // home's field, so a grid given here is the grid's worker, not hers: StaffGrids.setWorker). Given by an admin,
      // only to someone already standing here (the scope changes no other community's people); accepted by the
      // person themselves with this community's invite, to anyone.
      const field = `rolesIn.${here}`
      const people = accepted ? street.collection('users') : users
      const res = await people.where({ ...asRead(user), [field]: _.neq(role) }).update({ [field]: _.push(role) })
      return updated(res) === 1
    }
    const people = place === 'street' ? street.collection('users') : users
    const where = place === 'street' ? { _id: user._id } : asRead(user)
    // Someone of no community yet takes this one as theirs (a street role holder, a new colleague).
    const join = place === 'join' ? { communityId: here } : {}
    const extra = place === 'street' ? {} : (set ?? {})
    const res = await people.where({ ...where, roles: _.neq(role) }).update({ roles: _.push(role), ...join, ...extra })
    if (updated(res) === 1) return true
    if (Object.keys(extra).length > 0 && place === 'home') await users.where(asRead(user)).update(extra)
    return false
  }
  return {
    get: async id => await getById<UserRecord>(db, 'users', id),
    self: async openId => await getById<UserRecord>(street, 'users', openId),
    create: async user =>
      await insertIfAbsent(db, 'users', user as unknown as { _id: string } & Record<string, unknown>),
    addRole: async (user, role, set) => await addRole(user, role, set, false),
    acceptRole: async (user, role, set) => await addRole(user, role, set, true),
    async removeRole(user, role: Role) {
      const place = rolePlace(user, here, role)
      if (place === 'join') return false
      const field = place === 'elsewhere' ? `rolesIn.${here}` : 'roles'
      const people = place === 'street' ? street.collection('users') : users
      const where = place === 'street' ? { _id: user._id } : asRead(user)
      const res = await people.where({ ...where, [field]: role }).update({ [field]: _.pull(role) })
      return updated(res) === 1
    },
    async list(filter, cursor) {
      return await pageNewestFirst<UserRecord>(street, 'users', peopleOf(db, here, filter.role), 'createdAt', cursor)
    }
  }
}

const SEATS_ID = 'admins'

export function adminSeats(db: Db): AdminSeats {
  const _ = db.command
  const counters = db.collection('staff_counters')
  // One counter per community: its admins, not the street's (keyIn: a fixed _id of a per-community collection).
  const seats = keyIn(db, SEATS_ID)
  /** The counter starts from the admins the users collection holds, the first time it is needed. */
  async function ensure(): Promise<void> {
    if (await getById(db, 'staff_counters', seats)) return
    // Its admins at home and those given the role here (rolesIn): counted street-wide by that condition.
    const admins = unscoped(db)
      .collection('users')
      .where(peopleOf(db, communityOf(db), 'admin'))
    const count = Number(((await admins.count()) as { total?: number }).total ?? 0)
    await insertIfAbsent(db, 'staff_counters', { _id: seats, count })
  }
  return {
    ensure,
    async add() {
      await counters.doc(seats).update({ count: _.inc(1) })
    },
    async release() {
      // Only while another admin remains; two admins revoking each other at once: one wins.
      const res = await counters.where({ _id: seats, count: _.gt(1) }).update({ count: _.inc(-1) })
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
    // A code is an `_id`, unique in the collection across the street: the person joining need not know which
    // community invited them (a new colleague's app has none yet), the invite says it.
    find: async code => await getById<InviteRecord & { communityId: string }>(unscoped(db), 'staff_invites', code),
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

/** A survey as the survey-with-answers stages answer: the survey and its answers' grids and scores. */
type JoinedSurvey = SurveyRecord & { answers?: SurveyScores[] }

/**
 * The stages that make one survey row (this one, or the newest) carrying the grid and scores of each of
 * its answers, joined by `surveyId` (indexed; the equality form of `lookup`:
 * docs.cloudbase.net/api-reference/server/node-sdk/database/aggregate/stages/lookup). A survey has
 * at most a few thousand answers (one per resident), about 100 bytes each once projected.
 */
function surveyWithAnswers(q: Aggregation, surveyId: string | undefined): Aggregation {
  return (surveyId ? q.match({ _id: surveyId }) : q.sort({ opensAt: -1 }))
    .limit(1)
    .lookup({ from: 'staff_survey_answers', localField: '_id', foreignField: 'surveyId', as: 'answers' })
    .project({
      title: 1,
      aspects: 1,
      opensAt: 1,
      closesAt: 1,
      createdBy: 1,
      createdAt: 1,
      'answers._id': 1,
      'answers.gridId': 1,
      'answers.scores': 1
    })
}

const withAnswers = ({ answers, ...survey }: JoinedSurvey): SurveyWithAnswers => ({ survey, answers: answers ?? [] })

export function surveyStore(db: Db): SurveyStore {
  const _ = db.command
  const $ = db.command.aggregate
  return {
    async insert(survey) {
      await db.collection('staff_surveys').add(survey)
    },
    get: async id => await getById<SurveyRecord>(db, 'staff_surveys', id),
    async openFor(now, openId) {
      // The survey card on the resident's home: the open survey and the person's own answer in one
      // request (3 before). The answer joined by a sub-pipeline (`let` + `$expr`, CloudBase's
      // lookup doc above) started from the person's own answers, a handful at most.
      const res = (await db
        .collection('staff_surveys')
        .aggregate()
        .match({ opensAt: _.lte(now), closesAt: _.gt(now) })
        .sort({ opensAt: -1 })
        .limit(1)
        .lookup({
          from: 'staff_survey_answers',
          let: { surveyId: '$_id' },
          pipeline: $.pipeline()
            .match({ openId })
            .match(_.expr($.eq(['$surveyId', '$$surveyId'])))
            .limit(1)
            .project({ _id: 1 })
            .done(),
          as: 'mine'
        })
        .end()) as { data?: Array<SurveyRecord & { mine?: unknown[] }> }
      const row = res.data?.[0]
      if (!row) return null
      const { mine, ...survey } = row
      return { survey, answered: (mine?.length ?? 0) > 0 }
    },
    answer: async a =>
      await insertIfAbsent(db, 'staff_survey_answers', a as unknown as { _id: string } & Record<string, unknown>),
    async results(surveyId) {
      // The results page in one request (4 before): the survey's answers and the grids to show
      // them by (the community's, through its repository) joined onto the survey's row.
      const res = (await surveyWithAnswers(db.collection('staff_surveys').aggregate(), surveyId)
        .lookup(gridsJoinForStaff(db, 'grids'))
        .end()) as { data?: Array<JoinedSurvey & { grids?: Array<{ _id: string; name: string }> }> }
      const row = res.data?.[0]
      if (!row) return null
      const { grids, ...survey } = row
      return { ...withAnswers(survey), grids: (grids ?? []).map(g => ({ _id: g._id, name: g.name })) }
    }
  }
}

/** A read that answers `fallback` where its collection doesn't exist here (not deployed yet). */
async function orElse<T>(read: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await read()
  } catch (err) {
    if (isMissingCollection(err)) return fallback
    throw err
  }
}

/**
 * The 待办 counts, each joined by its context's repository. Which states count as waiting is the
 * owning context's word: 'submitted'/'triaged' care requests wait for dispatch, and so on.
 */
export function workQueues(db: Db): WorkQueues {
  const joins: Record<WorkQueue, (who: { openId: string; gridId: string | null }, as: string) => Join> = {
    careToDispatch: ({ gridId }, as) => careRequestsCountForStaff(db, { states: ['submitted', 'triaged'], gridId }, as),
    careAssignedTo: ({ openId }, as) =>
      careRequestsCountForStaff(db, { states: ['assigned', 'accepted', 'in_service'], assigneeId: openId }, as),
    serviceUnassigned: ({ gridId }, as) => serviceRequestsCountForStaff(db, { status: ['submitted'], gridId }, as),
    serviceEligibilityPending: ({ gridId }, as) => pendingEligibilityCountForStaff(db, gridId, as),
    serviceHandledBy: ({ openId }, as) =>
      serviceRequestsCountForStaff(
        db,
        { status: ['accepted', 'in_progress', 'needs_materials'], handlerId: openId },
        as
      ),
    followUpsOpen: ({ gridId }, as) => openFollowUpsCountForStaff(db, gridId, as),
    volunteerApplications: (_who, as) => pendingVolunteersCountForStaff(db, as),
    erasuresPending: (_who, as) => countJoin(db, 'staff_erasures', { status: 'pending' }, as),
    // The grid's states (grid.model.ts): 'submitted' waits for someone to accept it; accepted and passed ones are
    // their owner's until resolved. A report no building places (gridId null) is the community's staff's.
    reportsNew: ({ gridId }, as) =>
      countJoin(db, 'grid_reports', gridId ? { state: 'submitted', gridId } : { state: 'submitted' }, as),
    reportsOwned: ({ openId }, as) =>
      countJoin(db, 'grid_reports', { ownerUserId: openId, state: db.command.in(['accepted', 'passed']) }, as),
    visitFollowUpsOpen: ({ gridId }, as) =>
      countJoin(db, 'grid_visits', gridId ? { followUpOpen: true, gridId } : { followUpOpen: true }, as)
  }
  return {
    async counts(queues, who) {
      // One request for every queue (issue 19: a read ≤ 2, router included; 9 for staff when each
      // was its own count), started from the person's own `users` record, which the router has just
      // read (an aggregate needs a document to start from, as community's callerHome).
      const counts = {} as Record<WorkQueue, number>
      for (const q of Object.keys(joins) as WorkQueue[]) counts[q] = 0
      if (queues.length === 0) return counts
      let q = db.collection('users').aggregate().match({ _id: who.openId }).limit(1)
      for (const queue of queues) q = q.lookup(joins[queue](who, queue))
      const res = (await q.project(Object.fromEntries(queues.map(k => [k, 1]))).end()) as {
        data?: Array<Partial<Record<WorkQueue, Array<{ n?: number }>>>>
      }
      const row = res.data?.[0]
      for (const queue of queues) counts[queue] = joinedCount(row?.[queue])
      return counts
    }
  }
}

/** The dashboard's read as it answers: each part an array (the survey one of at most one). */
interface JoinedDashboard {
  grids?: Array<{ _id: string; name: string }>
  serviceRequests?: Array<NonNullable<DashboardRecords['serviceRequests']>[number] & { residentGrid?: string[] }>
  careRequests?: DashboardRecords['careRequests']
  sosCalls?: DashboardRecords['sosCalls']
  classAttendance?: DashboardRecords['classAttendance']
  classEnrolments?: DashboardRecords['classEnrolments']
  children?: DashboardRecords['children']
  volunteerAttendance?: DashboardRecords['volunteerAttendance']
  volunteers?: DashboardRecords['volunteers']
  latestSurvey?: JoinedSurvey[]
}

const NOTHING: DashboardRecords = {
  grids: [],
  serviceRequests: null,
  careRequests: null,
  sosCalls: null,
  classAttendance: null,
  classEnrolments: null,
  children: null,
  volunteerAttendance: null,
  volunteers: null,
  latestSurvey: null
}

/**
 * What the dashboard reads, each part joined by the context that owns it, in one request (issue 19:
 * a read ≤ 2, router included; 13 when each context's records were their own query). Started from
 * the reader's own `users` record, as community's callerHome. A part whose collection was never
 * created joins nothing; where the read itself fails for a missing collection every part is 暂无数据.
 */
export function dashboardSources(db: Db): DashboardSources {
  const F = DASHBOARD_FIELDS
  return {
    async read(gridId, readerId) {
      const latestSurvey: Join = {
        from: 'staff_surveys',
        let: {},
        pipeline: surveyWithAnswers(db.command.aggregate.pipeline(), undefined).done(),
        as: 'latestSurvey'
      }
      const joins: Join[] = [
        gridsJoinForStaff(db, 'grids'),
        serviceRequestsJoinForStaff(
          db,
          F.serviceRequests,
          'serviceRequests',
          withAccountFieldForStaff(db.command.aggregate.pipeline(), 'residentId', 'gridId', 'residentGrid').done()
        ),
        careRequestsJoinForStaff(db, gridId, F.careRequests, 'careRequests'),
        sosCallsJoinForStaff(db, gridId, F.sosCalls, 'sosCalls'),
        attendanceJoinForStaff(db, F.classAttendance, 'classAttendance'),
        enrolmentsJoinForStaff(db, F.classEnrolments, 'classEnrolments'),
        childrenJoinForStaff(db, gridId, F.children, 'children'),
        volunteerAttendanceJoinForStaff(db, F.volunteerAttendance, 'volunteerAttendance'),
        volunteersJoinForStaff(db, gridId, F.volunteers, 'volunteers'),
        latestSurvey
      ]
      return await orElse(async () => {
        let q = db.collection('users').aggregate().match({ _id: readerId }).limit(1)
        for (const join of joins) q = q.lookup(join)
        const res = (await q.project(Object.fromEntries(joins.map(j => [j.as, 1]))).end()) as {
          data?: JoinedDashboard[]
        }
        const row = res.data?.[0]
        if (!row) return NOTHING
        const survey = row.latestSurvey?.[0]
        return {
          grids: (row.grids ?? []).map(g => ({ _id: g._id, name: g.name })),
          serviceRequests: (row.serviceRequests ?? []).map(({ residentGrid, ...r }) => ({
            ...r,
            residentGridId: residentGrid?.[0] ?? null
          })),
          careRequests: row.careRequests ?? [],
          sosCalls: row.sosCalls ?? [],
          classAttendance: row.classAttendance ?? [],
          classEnrolments: row.classEnrolments ?? [],
          children: row.children ?? [],
          volunteerAttendance: row.volunteerAttendance ?? [],
          volunteers: row.volunteers ?? [],
          latestSurvey: survey ? withAnswers(survey) : null
        }
      }, NOTHING)
    }
  }
}

/**
 * The street's workbench (issue 20): each community's dashboard read exactly as its staff's is (dashboardSources),
 * through that community's read-only view, and the communities' names. One aggregate per community, not one
 * street-wide aggregate grouped by community: the figures (medians, rates, per-grid bars) need each record's fields,
 * not sums, and every community's rows in one result would meet the 16 MB result-document limit
 * (docs.mongodb.com/manual/reference/limits/#BSON-Document-Size) at street scale (10 × 2,000 households). So
 * 1 + N requests (the names, then the N in parallel), each the same request a 社工's dashboard costs.
 */
export function streetDashboardSources(db: Db): StreetDashboardSources {
  // Across communities on purpose: a street role reads every one (never writes: read-only views).
  const street = unscoped(db)
  return {
    async read(readerId) {
      const communities = await streetCommunities(street)
      return await Promise.all(
        communities.map(async c => ({
          ...c,
          records: await dashboardSources(scopeDb(street, { communityId: c.communityId, readOnly: true })).read(
            null,
            readerId
          )
        }))
      )
    }
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
      // The page and the names it shows in one request (3 before, router included): after the page
      // is cut, each entry joins its actor's, its `users/<id>` target's and its on-behalf-of
      // person's account for the name alone (the community's join). CloudBase aggregate operators
      // cond/eq/substrCP/strLenCP: docs.cloudbase.net/api-reference/server/node-sdk/database/aggregate/operators/
      const $ = db.command.aggregate
      const prefix = 'users/'
      let q = db
        .collection('audit')
        .aggregate()
        .match(keysetFilter(db, where, 'at', 'desc', cursor))
        .sort({ at: -1, _id: -1 })
        .limit(PAGE_SIZE + 1)
        .addFields({
          targetUser: $.cond([
            $.eq([$.substrCP(['$target', 0, prefix.length]), prefix]),
            $.substrCP(['$target', prefix.length, $.strLenCP('$target')]),
            null
          ])
        })
      q = withAccountFieldForStaff(q, 'actor', 'name', 'actorName')
      q = withAccountFieldForStaff(q, 'targetUser', 'name', 'targetName')
      q = withAccountFieldForStaff(q, 'data.onBehalfOf', 'name', 'behalfName')
      const rows = ((await q.end()) as { data?: JoinedAuditEntry[] }).data ?? []
      const page = keysetPage(rows, 'at')
      return {
        cursor: page.cursor,
        items: page.items.map(({ targetUser, actorName, targetName, behalfName, ...entry }) => {
          const names = new Map<string, string>()
          const behalf = entry.data?.onBehalfOf
          if (actorName?.[0]) names.set(entry.actor, actorName[0])
          if (targetUser && targetName?.[0]) names.set(targetUser, targetName[0])
          if (typeof behalf === 'string' && behalfName?.[0]) names.set(behalf, behalfName[0])
          return { entry, names }
        })
      }
    }
  }
}

/** An audit entry as the search answers it: the account named by its target, and the names joined. */
interface JoinedAuditEntry extends AuditEntryRecord {
  targetUser: string | null
  actorName?: string[]
  targetName?: string[]
  behalfName?: string[]
}

/** Names of people, from the community's accounts. */
export function peopleNames(db: Db): PeopleNames {
  return {
    idsNamed: async name => await userIdsNamedForStaff(db, name)
  }
}
