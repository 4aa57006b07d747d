/**
 * The volunteers store over the CloudBase SDK. Each method that guards an invariant is ONE
 * conditional operation on ONE document; its comment says which race it closes.
 */
import { canHold, liveHolds, overlaps } from '../../core/volunteers/overlap.rule'
import type { Page } from '../../core/shared/page'
import type { TaskRoster, UserSummary, VolunteersStore } from '../../core/volunteers/volunteers.ports'
import type {
  AttendanceRecord,
  CertificateRecord,
  ClaimRecord,
  Hold,
  LedgerRecord,
  MarkRecord,
  PostClaimRecord,
  PostRecord,
  SeriesRecord,
  TaskRecord,
  TeamRecord,
  VolunteerRecord
} from '../../core/volunteers/volunteers.model'
import { DEFAULT_COMMUNITY_ID } from '../../core/community/community.model'
import type { Db } from '../db/client'
import { dataOf, getById, incrementAndRead, insertIfAbsent as insertDoc, updatedOf } from '../db/client'
import { keyIn, scopeDb, scopeOf, unscoped } from '../db/community-scope'
import { releaseSeatOf, takeSeatFor, type SeatCounter } from '../db/seats'
import { MAX_COMMUNITIES } from '../community/street.repository'

type Query = any // the SDK's query builder; its types don't survive chaining

const insert = async <T extends { _id: string }>(db: Db, collection: string, doc: T): Promise<boolean> =>
  await insertDoc(db, collection, doc as { _id: string } & Record<string, unknown>)
const slotOf = (taskId: string, roleKey: string): SeatCounter => ({
  collection: 'vol_tasks',
  id: taskId,
  counter: `slotsLeft.${roleKey}`,
  holders: `slotHolders.${roleKey}`
})
const sleep = async (ms: number): Promise<void> => await new Promise(resolve => setTimeout(resolve, ms))

/** Every document of a query, 1000 at a time (the SDK's cap). */
async function all<T>(query: Query): Promise<T[]> {
  const out: T[] = []
  for (let skip = 0; ; skip += 1000) {
    const docs = dataOf<T>(await query.skip(skip).limit(1000).get())
    out.push(...docs)
    if (docs.length < 1000) return out
  }
}

/** Where an offset cursor starts (a malformed one starts at the top). */
function offsetOf(cursor: string | null): number {
  const n = cursor ? Number.parseInt(cursor, 10) : 0
  return Number.isFinite(n) && n >= 0 ? n : 0
}

/** A page of `limit` out of `limit + 1` documents read from `skip`: the extra one says there is more. */
const pageOf = <T>(docs: T[], skip: number, limit: number): Page<T> => ({
  items: docs.slice(0, limit),
  cursor: docs.length > limit ? String(skip + limit) : null
})

async function offsetPage<T>(query: Query, cursor: string | null, limit: number): Promise<Page<T>> {
  const skip = offsetOf(cursor)
  return pageOf(
    dataOf<T>(
      await query
        .skip(skip)
        .limit(limit + 1)
        .get()
    ),
    skip,
    limit
  )
}

/** How many times a claim re-reads a ledger another claim of the same person just changed. */
const LEDGER_ATTEMPTS = 40
/** A hold this old whose claim is not active was left by a crash (a claim takes milliseconds). */
const ORPHAN_AFTER_MS = 2 * 60_000

/** One team's verified totals, as the teams query sums them. */
interface TeamTotals {
  hours: number
  activities: number
  people: number
}

/** A volunteer record as store.standingOfUser's query answers it. */
type JoinedStanding = VolunteerRecord & {
  teams: Array<Pick<TeamRecord, '_id' | 'name'>>
  totals: Array<{ hours: number; activities: number; inQuarter: number }>
  posts: Array<{ n: number }>
}

/** The community a store (or a staff read) serves: its view's, else the first (a street-wide db, a script). */
const communityOf = (db: Db): string => scopeOf(db)?.communityId ?? DEFAULT_COMMUNITY_ID

/**
 * The condition naming one community's own volunteers (home `communityId`) in the street-wide `volunteers`. A list of
 * them through the community's view names it already (db/community-scope.ts, the street's people); a read by identity
 * for the community's staff (a review, an export) and a join from another aggregate (a lookup into a street-wide
 * collection is not scoped) name it here, so a 社工 sees another community's volunteer only through their own tasks.
 */
export function homeVolunteers(db: Db): { communityId: string } {
  return { communityId: communityOf(db) }
}

/** A community's profile and, where the name lived before (`settings/community`), its settings. */
interface Named {
  _id: string
  name?: string
}

/**
 * The communities' names: each one's profile (`communities/<id>`, street-wide), and for this community, until its
 * profile names it, `settings/community` where the name was kept before the street.
 */
function namesOf(communities: Named[], settings: Named[], here: string): Map<string, string> {
  const names = new Map<string, string>()
  for (const c of communities) if (c.name) names.set(c._id, c.name)
  const old = settings[0]?.name
  if (!names.has(here) && old) names.set(here, old)
  return names
}

/** The caller's `users` record as store.taskBoard's query answers it. */
interface JoinedBoard {
  tasks: TaskRecord[]
  teams: TeamRecord[]
  mine: ClaimRecord[]
}

export function volunteersRepository(db: Db): VolunteersStore {
  const _ = db.command
  const $ = db.command.aggregate
  const coll = (name: string) => db.collection(name)
  const here = communityOf(db)
  /**
   * The whole street: what belongs to the person (a volunteer's hours and shifts in every community they serve, issue
   * 20) is read by their volunteerId across communities, on the indexes marked `street` (volunteers.collections.ts).
   */
  const street = unscoped(db)
  /** This community's name (a certificate's issuer): its `settings`, where it lived before the street's profiles. */
  const settingsId = keyIn(db, 'community')

  /**
   * Holds blocking `hold` that no active claim backs: the function that took them died before
   * writing the claim (or before releasing after a full task). Only holds older than
   * ORPHAN_AFTER_MS count, so a claim still in flight is never mistaken for one.
   */
  async function orphanHolds(live: Hold[], hold: Hold, now: Date): Promise<Set<string>> {
    const blocking = live.filter(h => h.claimId === hold.claimId || overlaps(h, hold))
    const old = blocking.filter(h => h.at && now.getTime() - new Date(h.at).getTime() > ORPHAN_AFTER_MS)
    const orphans = new Set<string>()
    for (const h of old) {
      // The ledger is the person's across the street: a hold's claim is read in the hold's community.
      const its = scopeDb(street, { communityId: h.communityId ?? DEFAULT_COMMUNITY_ID })
      const c = await getById<ClaimRecord>(its, 'vol_claims', h.claimId)
      if (!c || !['claimed', 'seeking_substitute'].includes(c.status)) orphans.add(h.claimId)
    }
    return orphans
  }

  /**
   * A sub-pipeline of `vol_claims`: the claims of the volunteer in `$$volunteerId` ending after
   * `endAfter`, soonest first (none when the variable is null: a claim always has a volunteerId).
   */
  const claimsEndingAfter = (endAfter: Date): unknown =>
    $.pipeline()
      .match(_.expr($.and([$.eq(['$volunteerId', '$$volunteerId']), $.gt(['$endAt', endAfter])])))
      .sort({ endAt: 1 })
      .limit(100)
      .done()

  /** A sub-pipeline: the one document whose `_id` is the variable `$$<variable>` (none when it is null). */
  const byId = (variable: string): unknown =>
    $.pipeline()
      .match(_.expr($.eq(['$_id', `$$${variable}`])))
      .limit(1)
      .done()

  /** A sub-pipeline: the caller's volunteer record's `_id` (the record `volunteerOfUser` reads). */
  const volunteerIdOf = (openId: string): unknown =>
    $.pipeline().match({ userId: openId }).limit(1).project({ _id: 1 }).done()
  /** The `_id` the `me` join found, else null (not a volunteer). */
  const joinedVolunteerId = $.ifNull([$.arrayElemAt(['$me._id', 0]), null])

  /**
   * An aggregate from the caller's volunteer record (the one `volunteerOfUser` reads) over the whole street: what it
   * joins is the person's in every community, and each join names what it reads.
   */
  const fromVolunteerOf = (openId: string): Query =>
    street.collection('volunteers').aggregate().match({ userId: openId }).limit(1)
  /** Joins naming the street's communities (`namesOf`): their profiles, and this community's settings. */
  const withNames = (q: Query): Query =>
    q
      .lookup({
        from: 'communities',
        let: {},
        pipeline: $.pipeline().sort({ order: 1 }).limit(MAX_COMMUNITIES).project({ _id: 1, name: 1 }).done(),
        as: 'communities'
      })
      .lookup({
        from: 'settings',
        let: {},
        pipeline: $.pipeline().match({ _id: settingsId, communityId: here }).limit(1).project({ name: 1 }).done(),
        as: 'settings'
      })

  return {
    async user(openId) {
      return await getById<UserSummary>(db, 'users', openId)
    },
    async communityNames(ids) {
      const [profiles, settings] = await Promise.all([
        street
          .collection('communities')
          .where({ _id: _.in(ids) })
          .limit(MAX_COMMUNITIES)
          .get(),
        ids.includes(here) ? getById<Named>(db, 'settings', settingsId) : Promise.resolve(null)
      ])
      return namesOf(dataOf<Named>(profiles), settings ? [settings] : [], here)
    },

    async streetCommunities() {
      // One request: the street's profiles, and this community's settings for its name until its profile has one.
      const res = (await withNames(street.collection('communities').aggregate().sort({ order: 1 }).limit(1))
        .project({ _id: 0, communities: 1, settings: 1 })
        .end()) as { data?: Array<{ communities: Array<Named & { order?: number }>; settings: Named[] }> }
      const row = res.data?.[0]
      const profiles = row?.communities ?? []
      const names = namesOf(profiles, row?.settings ?? [], here)
      const ids = profiles.length > 0 ? profiles.map(c => c._id) : [here]
      return ids.map(id => ({ id, name: names.get(id) ?? '本社区' }))
    },

    volunteer: async id => await getById<VolunteerRecord>(db, 'volunteers', id),
    async volunteerHere(id) {
      return (
        dataOf<VolunteerRecord>(
          await coll('volunteers')
            .where({ _id: id, ...homeVolunteers(db) })
            .limit(1)
            .get()
        )[0] ?? null
      )
    },
    async volunteerOfUser(openId) {
      return dataOf<VolunteerRecord>(await coll('volunteers').where({ userId: openId }).limit(1).get())[0] ?? null
    },
    async standingOfUser(openId, quarter) {
      // The volunteer's page in one request rather than three or four (issue 19: a read ≤ 2,
      // router included): the record, its teams, its verified attendance summed inside the join
      // (only the sums leave the database, however long the history) and its active posts counted.
      // CloudBase's aggregate `lookup` with `let` and a sub-pipeline:
      // docs.cloudbase.net/api-reference/server/node-sdk/database/aggregate/stages/lookup
      // `cond` counts the activities of the quarter inside the same sum:
      // docs.cloudbase.net/api-reference/server/node-sdk/database/aggregate/operators/cond
      const ofVolunteer = (more: unknown): unknown => _.expr($.and([$.eq(['$volunteerId', '$$volunteerId']), more]))
      const inQuarter = $.and([$.gte(['$startAt', quarter.from]), $.lt(['$startAt', quarter.to])])
      // The teams by the record's `teamIds` (`in` needs an array: none without). Not the equality
      // form on the array: mingo 6 (the local cloud) answers a null for each id no team has,
      // MongoDB nothing. docs.cloudbase.net/api-reference/server/node-sdk/database/aggregate/operators/in
      const named = $.pipeline()
        .match(_.expr($.in(['$_id', '$$teamIds'])))
        .project({ _id: 1, name: 1 })
        .done()
      const totals = $.pipeline()
        .match(ofVolunteer($.eq(['$status', 'verified'])))
        .group({ _id: null, hours: $.sum('$hours'), activities: $.sum(1), inQuarter: $.sum($.cond([inQuarter, 1, 0])) })
        .project({ _id: 0, hours: 1, activities: 1, inQuarter: 1 })
        .done()
      // A count gives no row for none: docs.cloudbase.net/api-reference/server/node-sdk/database/aggregate/stages/count
      // The volunteer's hours are theirs in every community they served (the one record, issue 20); their service
      // posts are their home community's (双报到 is to the community where they live).
      const posts = $.pipeline()
        .match(
          _.expr(
            $.and([$.eq(['$volunteerId', '$$volunteerId']), $.eq(['$active', true]), $.eq(['$communityId', '$$home'])])
          )
        )
        .count('n')
        .done()
      const home = $.ifNull(['$communityId', DEFAULT_COMMUNITY_ID])
      const res = (await fromVolunteerOf(openId)
        .lookup({ from: 'vol_teams', let: { teamIds: $.ifNull(['$teamIds', []]) }, pipeline: named, as: 'teams' })
        .lookup({ from: 'vol_attendance', let: { volunteerId: '$_id' }, pipeline: totals, as: 'totals' })
        .lookup({ from: 'vol_post_claims', let: { volunteerId: '$_id', home }, pipeline: posts, as: 'posts' })
        .end()) as { data?: JoinedStanding[] }
      const row = res.data?.[0]
      if (!row) return null
      const { teams, totals: [t] = [], posts: [p] = [], ...volunteer } = row
      return {
        volunteer,
        teams,
        hours: t?.hours ?? 0,
        activities: t?.activities ?? 0,
        inQuarter: t?.inQuarter ?? 0,
        posts: p?.n ?? 0
      }
    },
    async shiftsOfUser(openId, endAfter) {
      // One request from the caller's volunteer record to its claims in every community of the street, and the
      // communities' names beside them (issue 19: a read ≤ 2).
      const res = (await withNames(
        fromVolunteerOf(openId).lookup({
          from: 'vol_claims',
          let: { volunteerId: '$_id' },
          pipeline: claimsEndingAfter(endAfter),
          as: 'claims'
        })
      )
        .project({ _id: 0, claims: 1, communities: 1, settings: 1 })
        .end()) as { data?: Array<{ claims: ClaimRecord[]; communities: Named[]; settings: Named[] }> }
      const row = res.data?.[0]
      if (!row) return { claims: [], names: new Map() }
      return { claims: row.claims, names: namesOf(row.communities, row.settings, here) }
    },
    insertVolunteer: async rec => await insert(db, 'volunteers', rec),
    async reapply(id, patch) {
      const own = { _id: id, status: 'rejected', ...homeVolunteers(db) }
      return updatedOf(await coll('volunteers').where(own).update(patch)) === 1
    },
    async review(id, patch) {
      // Two staff reviewing the same application: only the update that still sees 'pending' counts. The record is
      // street-wide: only the home community's staff review it.
      const own = { _id: id, status: 'pending', ...homeVolunteers(db) }
      return updatedOf(await coll('volunteers').where(own).update(patch)) === 1
    },
    async grantVolunteerRole(openId) {
      await coll('users')
        .doc(openId)
        .update({ roles: _.addToSet('volunteer') })
    },
    pendingVolunteers: async (cursor, limit) =>
      await offsetPage<VolunteerRecord>(
        // Listed through the community's view: its own volunteers (home) only.
        coll('volunteers').where({ status: 'pending' }).orderBy('appliedAt', 'asc').orderBy('_id', 'asc'),
        cursor,
        limit
      ),
    async approvedPartyMembers() {
      // Seeded records have no status and count as approved.
      return await all<VolunteerRecord>(
        coll('volunteers')
          .where({ partyMember: true, status: _.nin(['pending', 'rejected']) })
          .orderBy('_id', 'asc')
      )
    },
    // Listed through the community's view: the team's members who live here (a team is one community's).
    teamMembers: async (teamId, limit) =>
      dataOf<VolunteerRecord>(await coll('volunteers').where({ teamIds: teamId }).limit(limit).get()),

    teams: async () => dataOf<TeamRecord>(await coll('vol_teams').orderBy('order', 'asc').limit(1000).get()),
    team: async id => await getById<TeamRecord>(db, 'vol_teams', id),
    insertTeam: async rec => await insert(db, 'vol_teams', rec),

    task: async id => await getById<TaskRecord>(db, 'vol_tasks', id),
    insertTask: async rec => await insert(db, 'vol_tasks', rec),
    // Only an open task: two organisers calling it off at once cancel (and notify) once.
    cancelTask: async (id, reason, at) =>
      updatedOf(
        await db
          .collection('vol_tasks')
          .where({ _id: id, status: 'open' })
          .update({ status: 'cancelled', cancelReason: reason, cancelledAt: at })
      ) === 1,
    async taskBoard(openId, from, cursor, limit, teamId) {
      // The board in one request rather than four (issue 19: a read ≤ 2, router included): from
      // the caller's own `users` record (an aggregate needs a document to start from; the router
      // found it, as the action is for registered callers), side by side the caller's volunteer
      // record, the page of tasks, the teams, and that volunteer's claims. CloudBase's aggregate
      // `lookup` with a sub-pipeline, `let` empty where nothing of the user is needed:
      // docs.cloudbase.net/api-reference/server/node-sdk/database/aggregate/stages/lookup
      const where: Record<string, unknown> = { status: 'open', endAt: _.gt(from) }
      if (teamId) where.teamId = teamId
      const skip = offsetOf(cursor)
      let tasks = $.pipeline().match(where).sort({ startAt: 1, _id: 1 })
      if (skip > 0) tasks = tasks.skip(skip)
      const res = (await coll('users')
        .aggregate()
        .match({ _id: openId })
        .limit(1)
        .lookup({
          from: 'volunteers',
          let: {},
          pipeline: volunteerIdOf(openId),
          as: 'me'
        })
        .lookup({ from: 'vol_tasks', let: {}, pipeline: tasks.limit(limit + 1).done(), as: 'tasks' })
        .lookup({
          from: 'vol_teams',
          let: {},
          pipeline: $.pipeline().sort({ order: 1 }).limit(1000).done(),
          as: 'teams'
        })
        // Not a volunteer: no record, the variable is null and no claim matches.
        .lookup({
          from: 'vol_claims',
          let: { volunteerId: joinedVolunteerId },
          pipeline: claimsEndingAfter(from),
          as: 'mine'
        })
        .project({ _id: 0, tasks: 1, teams: 1, mine: 1 })
        .end()) as { data?: JoinedBoard[] }
      const row = res.data?.[0]
      return { page: pageOf(row?.tasks ?? [], skip, limit), teams: row?.teams ?? [], mine: row?.mine ?? [] }
    },
    async taskOfUser(taskId, openId) {
      // A task's page in one request rather than five (issue 19: a read ≤ 2, router included): the
      // task, its team, and beside them the caller's volunteer record, then its claim and attendance
      // of the task (both `${taskId}:${volunteerId}`; no record: the id names none). CloudBase's
      // aggregate `lookup` with `let` and a sub-pipeline, as taskBoard:
      // docs.cloudbase.net/api-reference/server/node-sdk/database/aggregate/stages/lookup; `concat`:
      // docs.cloudbase.net/api-reference/server/node-sdk/database/aggregate/operators/concat
      const claimId = $.concat(['$_id', ':', $.ifNull([$.arrayElemAt(['$me._id', 0]), ''])])
      // The community's name beside it (issue 20: a volunteer from elsewhere is told where the task is).
      const res = (await withNames(coll('vol_tasks').aggregate().match({ _id: taskId }).limit(1))
        .lookup({
          from: 'vol_teams',
          let: { teamId: $.ifNull(['$teamId', null]) },
          pipeline: byId('teamId'),
          as: 'teams'
        })
        .lookup({ from: 'volunteers', let: {}, pipeline: volunteerIdOf(openId), as: 'me' })
        .lookup({ from: 'vol_claims', let: { claimId }, pipeline: byId('claimId'), as: 'mine' })
        .lookup({ from: 'vol_attendance', let: { claimId }, pipeline: byId('claimId'), as: 'attended' })
        .project({ me: 0 }) // the volunteer's id served the joins only
        .end()) as {
        data?: Array<
          TaskRecord & {
            teams: TeamRecord[]
            mine: ClaimRecord[]
            attended: AttendanceRecord[]
            communities: Named[]
            settings: Named[]
          }
        >
      }
      const row = res.data?.[0]
      if (!row) return null
      const { teams, mine, attended, communities, settings, ...task } = row
      const community = namesOf(communities, settings, here).get(here) ?? null
      return { task, teams, mine: mine[0] ?? null, attendance: attended[0] ?? null, community }
    },
    async taskRoster(taskId) {
      // The organiser's roster in one request rather than 3 + one per volunteer (issue 19): the
      // task, its claims, their volunteers (by the claims' ids, side by side: two levels deep at
      // most, as classes' sessionRosters) and its attendance. A task's claims are one per person who
      // ever claimed it (the `_id` is `${taskId}:${volunteerId}`), tens for tens of slots: 1000 is
      // our own bound, not the platform's default page.
      const ofTask = (sort?: Record<string, 1>): unknown => {
        const p = $.pipeline().match(_.expr($.eq(['$taskId', '$$taskId'])))
        return (sort ? p.sort(sort) : p).limit(1000).done()
      }
      const people = $.pipeline()
        .match(_.expr($.in(['$_id', $.ifNull(['$$ids', []])])))
        .limit(1000)
        .project({ _id: 1, name: 1, phone: 1 })
        .done()
      const res = (await coll('vol_tasks')
        .aggregate()
        .match({ _id: taskId })
        .limit(1)
        .lookup({ from: 'vol_claims', let: { taskId: '$_id' }, pipeline: ofTask({ claimedAt: 1 }), as: 'claims' })
        .lookup({ from: 'volunteers', let: { ids: '$claims.volunteerId' }, pipeline: people, as: 'volunteers' })
        .lookup({ from: 'vol_attendance', let: { taskId: '$_id' }, pipeline: ofTask(), as: 'attendance' })
        .end()) as { data?: Array<TaskRecord & Omit<TaskRoster, 'task'>> }
      const row = res.data?.[0]
      if (!row) return null
      const { claims, volunteers, attendance, ...task } = row
      return { task, claims, volunteers, attendance }
    },
    insertSeries: async rec => await insert(db, 'vol_series', rec),
    activeSeries: async () => await all<SeriesRecord>(coll('vol_series').where({ active: true })),

    // The over-claim race: 100 people tapping the last slot at once. Each decrement is
    // conditional on a free slot in the same document, so the database applies at most `slots`
    // of them; the rest match nothing (updated 0) and are told the role is full. The holder list
    // makes a retry take no second slot.
    takeSlot: async (taskId, roleKey, holder) =>
      (await takeSeatFor(db, slotOf(taskId, roleKey), holder, { status: 'open' })) !== false,
    returnSlot: async (taskId, roleKey, holder) => await releaseSeatOf(db, slotOf(taskId, roleKey), holder),

    async hold(volunteerId, given, now) {
      // The ledger is street-wide (a person is never booked at the same time in two communities); each hold names the
      // community of its claim.
      const hold: Hold = { ...given, communityId: here }
      // The overlap race: one person sends two claims for overlapping tasks at the same moment
      // (two phones, a double tap on two cards). Both read the ledger at version N and both see no
      // overlap; the write is conditional on version N, so only one lands. The other re-reads,
      // now sees the first hold, and is refused TIME_CONFLICT (or ALREADY_CLAIMED for the same task).
      for (let attempt = 0; attempt < LEDGER_ATTEMPTS; attempt++) {
        const ledger = await getById<LedgerRecord>(db, 'vol_ledgers', volunteerId)
        if (!ledger) {
          await insert(db, 'vol_ledgers', { _id: volunteerId, version: 0, holds: [] } as LedgerRecord)
          continue
        }
        let live = liveHolds(ledger.holds ?? [], now)
        let check = canHold(live, hold)
        // This claim's own hold, from an earlier attempt that stopped half-way: the caller owns
        // the claim (its pending record), so the hold is its own.
        if (!check.ok && check.reason === 'ALREADY_CLAIMED') return { ok: true }
        if (!check.ok) {
          const orphans = await orphanHolds(live, hold, now)
          if (orphans.size === 0) return check
          live = live.filter(h => !orphans.has(h.claimId))
          check = canHold(live, hold)
          if (!check.ok) return check
        }
        const res = await coll('vol_ledgers')
          .where({ _id: volunteerId, version: ledger.version })
          .update({ version: ledger.version + 1, holds: _.set([...live, hold]) })
        if (updatedOf(res) === 1) return { ok: true }
        await sleep(Math.floor(Math.random() * 5 * (attempt + 1)))
      }
      return { ok: false, reason: 'BUSY' }
    },
    async release(volunteerId, claimId) {
      for (let attempt = 0; attempt < LEDGER_ATTEMPTS; attempt++) {
        const ledger = await getById<LedgerRecord>(db, 'vol_ledgers', volunteerId)
        if (!ledger || !(ledger.holds ?? []).some(h => h.claimId === claimId)) return
        const res = await coll('vol_ledgers')
          .where({ _id: volunteerId, version: ledger.version })
          .update({ version: ledger.version + 1, holds: _.set(ledger.holds.filter(h => h.claimId !== claimId)) })
        if (updatedOf(res) === 1) return
        await sleep(Math.floor(Math.random() * 5 * (attempt + 1)))
      }
      throw new Error(`ledger ${volunteerId}: could not release ${claimId}`)
    },

    claim: async id => await getById<ClaimRecord>(db, 'vol_claims', id),
    async startClaim(rec) {
      if (await insert(db, 'vol_claims', { ...rec })) return true
      // Claimed before and ended: claim again, conditional on the ended state (one of two wins).
      const { _id, ...rest } = rec
      return (
        updatedOf(
          await coll('vol_claims')
            .where({ _id, status: _.in(['withdrawn', 'handed_over']) })
            .update({ ...rest })
        ) === 1
      )
    },
    async dropPendingClaim(id) {
      await coll('vol_claims').where({ _id: id, status: 'pending' }).remove()
    },
    pendingClaims: async before =>
      dataOf<ClaimRecord>(
        await coll('vol_claims')
          .where({ status: 'pending', claimedAt: _.lte(before) })
          .limit(1000)
          .get()
      ),
    heldTasks: async (now, limit) =>
      dataOf<TaskRecord>(
        await coll('vol_tasks')
          .where({ status: 'open', endAt: _.gt(now) })
          .orderBy('startAt', 'asc')
          .limit(limit)
          .get()
      ),
    halfDoneTakeOvers: async before =>
      dataOf<ClaimRecord>(
        await coll('vol_claims')
          .where({ status: 'handed_over', handingOver: true, withdrawnAt: _.lte(before) })
          .limit(100)
          .get()
      ),
    async endHandOver(id, how) {
      // Conditional on the flag the update clears: of the retried tap and the timer, one ends it.
      const patch =
        how === 'finished'
          ? { handingOver: false }
          : { handingOver: false, status: 'seeking_substitute', substituteVolunteerId: null, withdrawnAt: null }
      return (
        updatedOf(
          await coll('vol_claims').where({ _id: id, status: 'handed_over', handingOver: true }).update(patch)
        ) === 1
      )
    },
    async transitionClaim(id, from, patch) {
      // Withdraw, hand over, seek a substitute: each only from the states it may leave, so a
      // double tap or two substitutes at once change the claim once.
      return (
        updatedOf(
          await coll('vol_claims')
            .where({ _id: id, status: _.in(from) })
            .update(patch)
        ) === 1
      )
    },
    claimsOfTask: async taskId =>
      await all<ClaimRecord>(coll('vol_claims').where({ taskId }).orderBy('claimedAt', 'asc')),
    claimsEndedBetween: async (from, to) =>
      await all<ClaimRecord>(
        coll('vol_claims').where({ status: _.in(['claimed', 'seeking_substitute']), endAt: _.gte(from).and(_.lt(to)) })
      ),

    insertMark: async rec => await insert(db, 'vol_marks', rec),
    marks: async (cursor, limit) =>
      await offsetPage<MarkRecord>(coll('vol_marks').orderBy('at', 'desc').orderBy('_id', 'asc'), cursor, limit),
    async purgeMarksBefore(before) {
      return Number(
        (
          (await coll('vol_marks')
            .where({ at: _.lt(before) })
            .remove()) as { deleted?: number }
        ).deleted ?? 0
      )
    },

    attendance: async id => await getById<AttendanceRecord>(db, 'vol_attendance', id),
    insertAttendance: async rec => await insert(db, 'vol_attendance', rec),
    async updateAttendance(id, from, patch) {
      // Check-out and verification each move the record out of one state once: verifying twice
      // (or two organisers at once) credits the hours once.
      return updatedOf(await coll('vol_attendance').where({ _id: id, status: from }).update(patch)) === 1
    },
    attendanceOfTask: async taskId => await all<AttendanceRecord>(coll('vol_attendance').where({ taskId })),
    async verifiedOf(volunteerId, from, to) {
      // The one record: the person's verified service in every community of the street.
      const where: Record<string, unknown> = { volunteerId, status: 'verified' }
      if (from && to) where.startAt = _.gte(from).and(_.lt(to))
      return await all<AttendanceRecord>(street.collection('vol_attendance').where(where).orderBy('startAt', 'asc'))
    },
    async verifiedCountsOf(volunteerIds, from, to) {
      // A party member's activities count wherever in the street they served (the one record); the quota is checked
      // by their home community, which lists them (approvedPartyMembers). 100 ids a query keeps each `in` small.
      const counts = new Map<string, number>()
      for (let i = 0; i < volunteerIds.length; i += 100) {
        const rows = await all<{ volunteerId: string }>(
          street
            .collection('vol_attendance')
            .where({
              volunteerId: _.in(volunteerIds.slice(i, i + 100)),
              status: 'verified',
              startAt: _.gte(from).and(_.lt(to))
            })
            .field({ volunteerId: true })
        )
        for (const r of rows) counts.set(r.volunteerId, (counts.get(r.volunteerId) ?? 0) + 1)
      }
      return counts
    },
    async teamsWithTotals() {
      // The teams and their totals in one request rather than two (issue 19: a read ≤ 2, router
      // included): each team joins its verified attendance, summed inside the join, so only the
      // sums leave the database. CloudBase's `lookup` with `let` and a sub-pipeline:
      // docs.cloudbase.net/api-reference/server/node-sdk/database/aggregate/stages/lookup
      const totals = $.pipeline()
        .match(_.expr($.and([$.eq(['$teamId', '$$teamId']), $.eq(['$status', 'verified'])])))
        .group({ _id: null, hours: $.sum('$hours'), activities: $.sum(1), people: $.addToSet('$volunteerId') })
        .project({ _id: 0, hours: 1, activities: 1, people: $.size('$people') })
        .done()
      const res = (await coll('vol_teams')
        .aggregate()
        .sort({ order: 1 })
        // Our own bound, not the platform's default page: a community has a few dozen teams.
        .limit(1000)
        .lookup({ from: 'vol_attendance', let: { teamId: '$_id' }, pipeline: totals, as: 'totals' })
        .end()) as { data?: Array<TeamRecord & { totals?: TeamTotals[] }> }
      return (res.data ?? []).map(({ totals: [t] = [], ...team }) => ({
        ...team,
        hours: t?.hours ?? 0,
        activities: t?.activities ?? 0,
        people: t?.people ?? 0
      }))
    },

    posts: async () => dataOf<PostRecord>(await coll('vol_posts').orderBy('order', 'asc').limit(1000).get()),
    post: async id => await getById<PostRecord>(db, 'vol_posts', id),
    insertPost: async rec => await insert(db, 'vol_posts', rec),
    async activatePostClaim(rec) {
      if (await insert(db, 'vol_post_claims', rec)) return true
      return (
        updatedOf(
          await coll('vol_post_claims')
            .where({ _id: rec._id, active: false })
            .update({ active: true, claimedAt: rec.claimedAt })
        ) === 1
      )
    },
    async deactivatePostClaim(id) {
      return updatedOf(await coll('vol_post_claims').where({ _id: id, active: true }).update({ active: false })) === 1
    },
    activePostClaimsOf: async volunteerId =>
      dataOf<PostClaimRecord>(await coll('vol_post_claims').where({ volunteerId, active: true }).limit(100).get()),
    async postsOfUser(openId) {
      // The posts page in one request rather than three (issue 19: a read ≤ 2, router included):
      // from the caller's own `users` record (the router found it; the action is for registered
      // callers), the posts and, through the caller's volunteer record, its active post claims.
      // CloudBase's aggregate `lookup` with `let` and a sub-pipeline, as taskBoard.
      const mine = $.pipeline()
        .match(_.expr($.and([$.eq(['$volunteerId', '$$volunteerId']), $.eq(['$active', true])])))
        .limit(100)
        .done()
      const res = (await coll('users')
        .aggregate()
        .match({ _id: openId })
        .limit(1)
        .project({ _id: 1 })
        .lookup({ from: 'volunteers', let: {}, pipeline: volunteerIdOf(openId), as: 'me' })
        .lookup({
          from: 'vol_posts',
          let: {},
          pipeline: $.pipeline().sort({ order: 1 }).limit(1000).done(),
          as: 'posts'
        })
        // Not a volunteer: the variable is null and no claim matches.
        .lookup({ from: 'vol_post_claims', let: { volunteerId: joinedVolunteerId }, pipeline: mine, as: 'mine' })
        .end()) as { data?: Array<{ posts: PostRecord[]; mine: PostClaimRecord[] }> }
      const row = res.data?.[0]
      return { posts: row?.posts ?? [], mine: row?.mine ?? [] }
    },
    async activePostClaimCounts() {
      const rows = await all<{ volunteerId: string }>(
        coll('vol_post_claims').where({ active: true }).field({ volunteerId: true })
      )
      const counts = new Map<string, number>()
      for (const r of rows) counts.set(r.volunteerId, (counts.get(r.volunteerId) ?? 0) + 1)
      return counts
    },

    async nextCertificateSeq(year) {
      const id = `certificate-${year}`
      await insert(db, 'vol_counters', { _id: id, seq: 0 })
      // One atomic increment: two certificates issued at the same moment get different numbers.
      return await incrementAndRead(db, 'vol_counters', id, 'seq')
    },
    insertCertificate: async rec => await insert(db, 'vol_certificates', rec),
    certificate: async serial => await getById<CertificateRecord>(db, 'vol_certificates', serial),
    certificatesOf: async volunteerId =>
      dataOf<CertificateRecord>(
        await coll('vol_certificates').where({ volunteerId }).orderBy('issuedAt', 'desc').limit(50).get()
      )
  }
}

// Read by staff (dashboard, exports, erasure)
// The staff context reads volunteering records only through these (the workbench's 待办, the
// dashboard, the erasure's check for slots still held). Imports here, not at the top, so this
// block stays one piece beside the context's own edits.
import type {
  AttendanceRecord as VolAttendanceForStaff,
  VolunteerRecord as VolunteerForStaff
} from '../../core/volunteers/volunteers.model'
import { countWhere as countStaffRead } from '../db/client'
import { countJoin as countJoinForStaff, rowsJoin as rowsJoinForStaff, type Join as JoinForStaff } from '../db/join'

/** The community's own volunteer registrations waiting for review (待办 counts, joined; the record is street-wide). */
export function pendingVolunteersCountForStaff(db: Db, as: string): JoinForStaff {
  return countJoinForStaff(db, 'volunteers', { ...homeVolunteers(db), status: 'pending' }, as)
}

/** Every check-in/out record, and the volunteers of one grid or all (the dashboard's figures). */
export function volunteerAttendanceJoinForStaff(
  db: Db,
  fields: ReadonlyArray<keyof VolAttendanceForStaff>,
  as: string
): JoinForStaff {
  return rowsJoinForStaff(db, 'vol_attendance', {}, fields, as)
}
export function volunteersJoinForStaff(
  db: Db,
  gridId: string | null,
  fields: ReadonlyArray<keyof VolunteerForStaff>,
  as: string
): JoinForStaff {
  // Street-wide records: the community's own volunteers (home), as the scope would name a per-community collection.
  return rowsJoinForStaff(db, 'volunteers', { ...homeVolunteers(db), ...(gridId ? { gridId } : {}) }, fields, as)
}

/** Task slots this person still holds from `now` on (an erasure waits until they are given up). */
export async function countHeldVolunteerSlotsForStaff(db: Db, userId: string, now: Date): Promise<number> {
  const _ = db.command
  return await countStaffRead(db, 'vol_claims', {
    userId,
    status: _.in(['claimed', 'seeking_substitute']),
    startAt: _.gt(now)
  })
}

// Read by other contexts' ledgers (台账)
import { volunteerIdFor as volunteerIdForLedgers } from '../../core/volunteers/register.usecase'
import { lookup as lookupForLedgers } from '../db/read-all'

/**
 * Which of these household members registered as volunteers (a member's record is `vol-<memberId>`). The records are
 * street-wide; these member ids are the community's own members, so only their records can answer.
 */
export async function volunteerMembersForLedgers(db: Db, memberIds: readonly string[]): Promise<Set<string>> {
  const ids = memberIds.map(m => volunteerIdForLedgers('', m))
  const found = await lookupForLedgers(db, 'volunteers', ids)
  return new Set(memberIds.filter((m, i) => found.has(ids[i])))
}
