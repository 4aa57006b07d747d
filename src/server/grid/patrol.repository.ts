/**
 * Patrols (巡查) over the CloudBase SDK. One open patrol per worker is the unique index on `openKey`
 * (grid.collections.ts): the worker's userId while open, the patrol's `_id` once closed, so a second insert while one
 * is open is refused by the database, whatever the timing. Closing is one conditional update on `openKey`.
 */
import type { GridRecord, UserRecord } from '../../core/community/community.model'
import type { PatrolRecord } from '../../core/grid/grid.model'
import type { GridRoster, PatrolStore } from '../../core/grid/grid.ports'
import { dataOf, getById, updatedOf, type Db } from '../db/client'
import { pageById, pageNewestFirst } from '../db/page'

const PATROLS = 'grid_patrols'
/** Inserts tried while each loses to an open patrol that is gone when looked at (closed meanwhile). */
const START_ATTEMPTS = 3

export function patrolStore(db: Db): PatrolStore {
  const _ = db.command
  const $ = db.command.aggregate
  const coll = (): ReturnType<Db['collection']> => db.collection(PATROLS)
  const openOf = async (userId: string): Promise<PatrolRecord | null> =>
    dataOf<PatrolRecord>(await coll().where({ openKey: userId }).limit(1).get())[0] ?? null

  return {
    async start(patrol) {
      let failure: unknown = null
      for (let attempt = 0; attempt < START_ATTEMPTS; attempt++) {
        try {
          // add() with an explicit _id is an insert; the unique openKey refuses a second open patrol.
          const res = (await coll().add(patrol)) as { code?: string }
          if (!res?.code) return { patrol, created: true }
          failure = new Error(`grid_patrols insert failed: ${res.code}`)
        } catch (err) {
          failure = err
        }
        // The duplicate-key code is not documented (db/client.ts insertIfAbsent): decide by looking instead.
        const open = await openOf(patrol.workerUserId)
        if (open) return { patrol: open, created: false }
      }
      throw failure instanceof Error ? failure : new Error(String(failure))
    },
    byId: async id => await getById<PatrolRecord>(db, PATROLS, id),
    openOf,
    async openPatrolOf(userId, patrolId) {
      const p = await getById<PatrolRecord>(db, PATROLS, patrolId)
      return p && p.workerUserId === userId && p.endedAt === null ? p : null
    },
    // Conditional on still open: a finish and the cap job at once close it once; the loser sees 0 updated.
    close: async (id, userId, end) =>
      updatedOf(
        await coll()
          .where({ _id: id, openKey: userId })
          .update({ ...end, openKey: id })
      ) === 1,
    mine: async (userId, cursor) =>
      await pageNewestFirst<PatrolRecord>(db, PATROLS, { workerUserId: userId }, 'startedAt', cursor ?? undefined),
    async totals(userIds, from, to) {
      const out = new Map<string, { minutes: number; count: number; capped: number }>()
      if (userIds.length === 0) return out
      const res = (await coll()
        .aggregate()
        .match({
          workerUserId: _.in(userIds),
          startedAt: _.gte(from).and(_.lt(to)),
          closedBy: _.in(['worker', 'cap'])
        })
        .group({
          _id: '$workerUserId',
          minutes: $.sum('$minutes'),
          count: $.sum(1),
          capped: $.sum($.cond({ if: $.eq(['$closedBy', 'cap']), then: 1, else: 0 }))
        })
        // One row per worker asked for: without a limit the platform answers its default page of 20.
        .limit(userIds.length)
        .end()) as { data?: Array<{ _id: string; minutes: number; count: number; capped: number }> }
      for (const row of res.data ?? []) out.set(row._id, { minutes: row.minutes, count: row.count, capped: row.capped })
      return out
    },
    openBefore: async before =>
      dataOf<PatrolRecord>(
        await coll()
          .where({ endedAt: null, startedAt: _.lt(before) })
          .orderBy('startedAt', 'asc')
          .limit(1000)
          .get()
      )
  }
}

export function gridRoster(db: Db): GridRoster {
  return {
    grids: async cursor => await pageById<GridRecord>(db, 'grids', {}, cursor ?? undefined),
    user: async openId => await getById<UserRecord>(db, 'users', openId)
  }
}
