/**
 * `communities` (street-wide, `_id` = communityId): the communities of the street (街道) this deployment serves
 * (issue 20), each one's profile (name, hotline, order). The timers run each community's jobs in turn; an
 * installation with none recorded yet is a street of one, DEFAULT_COMMUNITY_ID (what migrating an installation
 * from before the street names it).
 */
import { UNNAMED_COMMUNITY } from '../../core/community/street.rule'
import type { Clock } from '../../core/shared/clock'
import type { CommunityProfile, CommunityRecord, HallSettings } from '../../core/community/community.model'
import { DEFAULT_COMMUNITY_ID } from '../../core/community/community.model'
import type { CommunitySetup, StreetDirectory } from '../../core/community/street.ports'
import { auditWriter } from '../audit'
import type { Db } from '../db/client'
import { countWhere, dataOf, getById, insertIfAbsent, updatedOf } from '../db/client'
import { keyIn, scopeDb, scopeOf, unscoped } from '../db/community-scope'
import { PAGE_SIZE } from '../db/page'
import type { CallerJoin } from '../router'

/** A street has 5–15 communities (issue 20); a district's many streets are many deployments. */
export const MAX_COMMUNITIES = 100

/** Every community of the street, in the street's order; the one default when none is recorded. */
export async function communityIds(db: Db): Promise<string[]> {
  const res = await db
    .collection('communities')
    .orderBy('order', 'asc')
    .limit(MAX_COMMUNITIES)
    .field({ _id: true })
    .get()
  const ids = dataOf<{ _id: string }>(res).map(d => d._id)
  return ids.length > 0 ? ids : [DEFAULT_COMMUNITY_ID]
}

/** The community a database view serves (the street's first for the street-wide one). */
export const communityOf = (db: Db): string => scopeOf(db)?.communityId ?? DEFAULT_COMMUNITY_ID

/** The profile of the community `db` serves: `communities/<its id>`, one read. */
export async function communityProfile(db: Db): Promise<CommunityProfile | null> {
  return await getById<CommunityRecord>(db, 'communities', communityOf(db))
}

/** What a picker needs of a community. */
const CHOICE_FIELDS = { _id: true, name: true, order: true, ready: true } as const

/**
 * The street's communities joined to the router's read of the caller (whoami), in the street's order: one request
 * for both. CloudBase's aggregate `lookup` with an uncorrelated sub-pipeline:
 * docs.cloudbase.net/api-reference/server/node-sdk/database/aggregate/stages/lookup
 */
export function communitiesJoin(db: Db, as = 'communities'): CallerJoin {
  const $ = db.command.aggregate
  return {
    from: 'communities',
    let: {},
    pipeline: $.pipeline()
      .sort({ order: 1, _id: 1 })
      .limit(MAX_COMMUNITIES)
      .project({ name: 1, order: 1, ready: 1 })
      .done(),
    as
  }
}

export function streetDirectory(db: Db): StreetDirectory {
  const _ = db.command
  const coll = (): ReturnType<Db['collection']> => db.collection('communities')
  // `neq(false)` also matches a record without the field (migrated, seeded): only addCommunity's unfinished
  // ones are left out.
  const listed = (): Record<string, unknown> => ({ ready: _.neq(false) })
  return {
    async page(cursor) {
      const skip = cursor ? Math.max(0, Number.parseInt(cursor, 10) || 0) : 0
      const rows = dataOf<CommunityRecord>(
        await coll()
          .where(listed())
          .orderBy('order', 'asc')
          .orderBy('_id', 'asc')
          .skip(skip)
          .limit(PAGE_SIZE + 1)
          .field(CHOICE_FIELDS)
          .get()
      )
      return { items: rows.slice(0, PAGE_SIZE), cursor: rows.length > PAGE_SIZE ? String(skip + PAGE_SIZE) : null }
    },
    all: async () =>
      dataOf<CommunityRecord>(
        await coll()
          .where(listed())
          .orderBy('order', 'asc')
          .orderBy('_id', 'asc')
          .limit(MAX_COMMUNITIES)
          .field(CHOICE_FIELDS)
          .get()
      ),
    get: async id => await getById<CommunityRecord>(db, 'communities', id),
    count: async () => await countWhere(db, 'communities'),
    begin: async record =>
      await insertIfAbsent(db, 'communities', record as unknown as { _id: string } & Record<string, unknown>),
    async finish(id) {
      // Conditional on `ready: false`: of two calls finishing at once, one changes it (and audits).
      return updatedOf(await coll().where({ _id: id, ready: false }).update({ ready: true })) === 1
    }
  }
}

/**
 * A new community's own records, written through its view of the database (db/community-scope.ts), whatever
 * community the street admin's call acts in: every document carries the new community.
 */
export function communitySetup(db: Db, communityId: string, clock: Clock): CommunitySetup {
  const there = scopeDb(unscoped(db), { communityId })
  const _ = there.command
  return {
    async setHall(hall) {
      const doc: Omit<HallSettings, '_id'> = hall
      await there.collection('settings').doc(keyIn(there, 'hall')).set(doc)
    },
    async addMissing(collection, docs) {
      // A retry after a failure part way: the documents already there are left, the rest added. Ids are
      // deterministic (street.rule.ts), so nothing is added twice. Chunks of 500 stay under the SDK's page of 1000.
      for (let i = 0; i < docs.length; i += 500) {
        const chunk = docs.slice(i, i + 500)
        const found = dataOf<{ _id: string }>(
          await there
            .collection(collection)
            .where({ _id: _.in(chunk.map(d => d._id)) })
            .field({ _id: true })
            .limit(chunk.length)
            .get()
        )
        const have = new Set(found.map(d => d._id))
        const missing = chunk.filter(d => !have.has(d._id))
        if (missing.length > 0) await there.collection(collection).add(missing)
      }
    },
    invite: async invite =>
      await insertIfAbsent(there, 'staff_invites', invite as unknown as { _id: string } & Record<string, unknown>),
    audit: auditWriter(there, clock)
  }
}

/** A community of the street as its lists name it. */
export interface StreetCommunity {
  communityId: string
  name: string
}

/**
 * Every community of the street with its name, in the street's order (one request: the pickers' list,
 * streetDirectory.all); the one default when none is recorded. For the street roles' views across communities.
 */
export async function streetCommunities(db: Db): Promise<StreetCommunity[]> {
  const rows = await streetDirectory(db).all()
  if (rows.length === 0) return [{ communityId: DEFAULT_COMMUNITY_ID, name: UNNAMED_COMMUNITY }]
  return rows.map(r => ({
    communityId: r._id,
    name: typeof r.name === 'string' && r.name ? r.name : UNNAMED_COMMUNITY
  }))
}
