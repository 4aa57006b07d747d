/**
 * The reports' stores over the CloudBase SDK (grid_reports) and the community's places and people as reports read
 * them. Conditional moves are ONE `where(...).update(...)` each, successful only when `updated === 1`; communityId is
 * never named here (the scoped db stamps and filters it, db/community-scope.ts).
 */
import type {
  BuildingRecord,
  GridRecord,
  MemberRecord,
  UnitRecord,
  UserRecord
} from '../../core/community/community.model'
import type { ReportRecord } from '../../core/grid/grid.model'
import type { GridDirectory, ReportStore } from '../../core/grid/grid.ports'
import type { Db } from '../db/client'
import { dataOf, getById, insertIfAbsent, updatedOf } from '../db/client'
import { pageNewestFirst } from '../db/page'

const COLL = 'grid_reports'
/** A job's batch: the next tick takes the rest. */
const BATCH = 100

const openStates = ['submitted', 'accepted', 'passed']

export function reportStore(db: Db): ReportStore {
  const coll = () => db.collection(COLL)
  const _ = db.command
  const list = async (q: { get: () => Promise<unknown> }): Promise<ReportRecord[]> =>
    dataOf<ReportRecord>(await q.get())
  const page = async (where: object, cursor: string | null) =>
    await pageNewestFirst<ReportRecord>(db, COLL, where, 'createdAt', cursor ?? undefined)
  return {
    // The id comes from the requestId (openReport): of two calls with one id, one insert wins.
    create: async r => await insertIfAbsent(db, COLL, r as unknown as { _id: string } & Record<string, unknown>),
    get: async id => await getById<ReportRecord>(db, COLL, id),
    async move(id, from, version, patch, step) {
      // (state, version) must be what the caller read: of two workers accepting at once, or a worker and the
      // overdue job, exactly one update matches (each writes version + 1, so the condition excludes what it writes).
      const res = await coll()
        .where({ _id: id, state: from, version })
        .update({ ...patch, steps: _.push([step]) })
      return updatedOf(res) === 1
    },
    async markTold(id, version) {
      await coll().where({ _id: id, version }).update({ untold: null })
    },
    untold: async (before, limit) =>
      await list(
        coll()
          .where({ 'untold.at': _.lte(before) })
          .orderBy('untold.at', 'asc')
          .limit(limit)
      ),
    nearby: async (category, since, buildingId) =>
      await list(
        coll()
          .where({
            category,
            state: _.in(openStates),
            createdAt: _.gte(since),
            ...(buildingId ? { 'place.buildingId': buildingId } : { 'place.point': _.neq(null) })
          })
          .orderBy('createdAt', 'desc')
          .limit(50)
      ),
    mine: async (userId, cursor) => await page(_.or([{ reporterUserId: userId }, { followerUserIds: userId }]), cursor),
    visible: async cursor => await page({ hidden: false, state: _.nin(['withdrawn', 'merged']) }, cursor),
    async queue(view, gridId, userId, now, cursor) {
      const grid = gridId ? { gridId } : {}
      const where =
        view === 'new'
          ? { ...grid, state: 'submitted' }
          : view === 'mine'
            ? { ownerUserId: userId, state: _.in(['accepted', 'passed', 'resolved']) }
            : view === 'overdue'
              ? _.and([
                  grid,
                  _.or([
                    { state: 'submitted', acceptBy: _.lte(now) },
                    { state: _.in(['accepted', 'passed']), solveBy: _.lte(now) }
                  ])
                ])
              : view === 'done'
                ? { ...grid, state: _.in(['closed', 'merged', 'withdrawn']) }
                : grid
      return await page(where, cursor)
    },
    acceptOverdue: async (now, level) =>
      await list(
        coll()
          .where({ state: 'submitted', acceptBy: _.lte(now), escalation: _.lt(level) })
          .orderBy('acceptBy', 'asc')
          .limit(BATCH)
      ),
    solveOverdue: async now =>
      await list(
        coll()
          .where({ state: _.in(['accepted', 'passed']), solveBy: _.lte(now), solveEscalation: 0 })
          .orderBy('solveBy', 'asc')
          .limit(BATCH)
      ),
    resolvedBefore: async before =>
      await list(
        coll()
          .where({ state: 'resolved', resolvedAt: _.lte(before) })
          .orderBy('resolvedAt', 'asc')
          .limit(BATCH)
      )
  }
}

/** Buildings of one community: far fewer than this. */
const MAX_BUILDINGS = 200

export function gridDirectory(db: Db): GridDirectory {
  return {
    async buildings() {
      // One request: the buildings in order, each with its units joined (aggregate lookup).
      const res = (await db
        .collection('buildings')
        .aggregate()
        .sort({ order: 1 })
        .limit(MAX_BUILDINGS)
        .lookup({ from: 'units', localField: '_id', foreignField: 'buildingId', as: 'units' })
        .end()) as { data?: Array<BuildingRecord & { units?: UnitRecord[] }> }
      return (res.data ?? []).map(({ units, ...building }) => ({
        building,
        units: [...(units ?? [])].sort((a, b) => a.order - b.order)
      }))
    },
    building: async id => await getById<BuildingRecord>(db, 'buildings', id),
    unit: async id => await getById<UnitRecord>(db, 'units', id),
    grid: async id => await getById<GridRecord>(db, 'grids', id),
    user: async id => await getById<UserRecord>(db, 'users', id),
    member: async id => await getById<MemberRecord>(db, 'members', id),
    homeBuildingId: async householdId =>
      householdId ? ((await getById<{ buildingId: string }>(db, 'households', householdId))?.buildingId ?? null) : null,
    usersWithRole: async role =>
      dataOf<UserRecord>(await db.collection('users').where({ roles: role }).limit(100).get())
  }
}
