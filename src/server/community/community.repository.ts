/** The community's reads (grids, buildings, units, households, members) behind CommunityDirectory. */
import type {
  CommunityRecord,
  DutyRecord,
  GridRecord,
  HallSettings,
  HouseholdRecord,
  MemberRecord,
  UserRecord
} from '../../core/community/community.model'
import type { CommunityDirectory, ContactPerson } from '../../core/community/community.ports'
import type { Db } from '../db/client'
import { getById } from '../db/client'
import { keyIn, scopedLookup } from '../db/community-scope'
import { communityOf, communityProfile } from './street.repository'

/** A joined grid worker or head: a `users` or `members` document, projected. */
interface JoinedPerson {
  _id: string
  name?: string
  phone?: string | null
}

/**
 * The caller's home query as it answers (callerHome): each joined collection an array of at most
 * one, each count an array of one `{ n }` (none when nothing matched).
 */
interface JoinedCallerHome {
  household?: Array<{ _id: string }>
  grid?: Array<{ name?: string }>
  building?: Array<{ name?: string }>
  unit?: Array<{ name?: string }>
  worker?: JoinedPerson[]
  buildingHead?: JoinedPerson[]
  unitHead?: JoinedPerson[]
  [count: `${string}Count`]: Array<{ n: number }> | undefined
}

export function communityRepository(db: Db): CommunityDirectory {
  return {
    profile: async () => await communityProfile(db),
    user: async id => await getById<UserRecord>(db, 'users', id),
    member: async id => await getById<MemberRecord>(db, 'members', id),
    household: async id => await getById<HouseholdRecord>(db, 'households', id),
    async callerHome({ userId, householdId, counted, scope }) {
      // One request for the caller's own part of the home page (issue 19: home ≤ 4, router
      // included), the household card and the workload counts together: a grid worker (网格员) who
      // lives in the community sees both (5 requests when they were two queries). Started from the
      // caller's own `users` record (an aggregate needs a document to start from) so that the
      // counts stay when the household is gone. CloudBase's aggregate `lookup`, both forms: a
      // sub-pipeline (`let` + `pipeline`) for the household, known already, and for each count; the
      // equality form for the rest (left outer join; a missing localField counts as null; one
      // holding an array matches any element):
      // docs.cloudbase.net/api-reference/server/node-sdk/database/aggregate/stages/lookup (and WeChat's
      // developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/guide/database/join.html).
      // A count is the `count` stage, which gives no row for none:
      // docs.cloudbase.net/api-reference/server/node-sdk/database/aggregate/stages/count
      const counts = {} as Record<(typeof counted)[number], number>
      for (const c of counted) counts[c] = 0
      if (!householdId && counted.length === 0) return { residence: null, counts }
      const $ = db.command.aggregate
      const projection: Record<string, 1> = {}
      let q = db.collection('users').aggregate().match({ _id: userId })
      if (householdId) {
        // Joined at read time rather than copied onto the household: no copy of a name or phone to
        // keep in step when staff edit the directory, or to forget when a member is erased.
        const join = (from: string, localField: string, as: string): Record<string, string> => ({
          from,
          localField,
          foreignField: '_id',
          as
        })
        q = q
          .lookup({
            from: 'households',
            let: {},
            pipeline: $.pipeline().match({ _id: householdId }).done(),
            as: 'household'
          })
          .lookup(join('grids', 'household.gridId', 'grid'))
          .lookup(join('buildings', 'household.buildingId', 'building'))
          .lookup(join('units', 'household.unitId', 'unit'))
          .lookup(join('users', 'grid.workerUserId', 'worker'))
          .lookup(join('members', 'building.headMemberId', 'buildingHead'))
          .lookup(join('members', 'unit.headMemberId', 'unitHead'))
        // Only what the page shows leaves the database: names, phones to be masked, and whose they
        // are (a tap on a contact logs whose number it gave).
        for (const field of [
          'household._id',
          'grid.name',
          'building.name',
          'unit.name',
          'worker._id',
          'worker.name',
          'worker.phone',
          'buildingHead._id',
          'buildingHead.name',
          'buildingHead.phone',
          'unitHead._id',
          'unitHead.name',
          'unitHead.phone'
        ])
          projection[field] = 1
      }
      const where = scope.gridId ? { gridId: scope.gridId } : {}
      for (const c of counted) {
        q = q.lookup({ from: c, let: {}, pipeline: $.pipeline().match(where).count('n').done(), as: `${c}Count` })
        projection[`${c}Count`] = 1
      }
      const res = (await q.project(projection).limit(1).end()) as { data?: JoinedCallerHome[] }
      const row = res.data?.[0]
      for (const c of counted) counts[c] = row?.[`${c}Count`]?.[0]?.n ?? 0
      const person = (list: JoinedPerson[] | undefined): ContactPerson | null => {
        const p = list?.[0]
        if (!p || typeof p.name !== 'string') return null
        return { id: p._id, name: p.name, phone: typeof p.phone === 'string' ? p.phone : null }
      }
      const residence = row?.household?.length
        ? {
            grid: row.grid?.[0]?.name ?? '',
            building: row.building?.[0]?.name ?? '',
            unit: row.unit?.[0]?.name ?? '',
            worker: person(row.worker),
            buildingHead: person(row.buildingHead),
            unitHead: person(row.unitHead)
          }
        : null
      return { residence, counts }
    },
    hall: async () => await getById<HallSettings>(db, 'settings', keyIn(db, 'hall')),
    async homeSettings() {
      // The community's profile (`communities`, street-wide) with its hall's settings joined, in one request
      // (issue 19: home ≤ 4, router included). The hall is the community's own `settings` document: the lookup
      // names the community (scopedLookup), as a read from a street-wide collection is not scoped by itself.
      // CloudBase's aggregate `lookup` with a sub-pipeline:
      // docs.cloudbase.net/api-reference/server/node-sdk/database/aggregate/stages/lookup
      // No profile recorded (an installation before migrateToStreet ran): no row, the app's fallback name.
      const here = communityOf(db)
      const $ = db.command.aggregate
      const hallJoin = scopedLookup(
        {
          from: 'settings',
          let: {},
          pipeline: $.pipeline()
            .match({ _id: keyIn(db, 'hall') })
            .limit(1)
            .done(),
          as: 'hall'
        },
        here
      )
      // The street's size counted in the same request: `neq(false)` leaves out a community still being added.
      const streetJoin = {
        from: 'communities',
        let: {},
        pipeline: $.pipeline()
          .match({ ready: db.command.neq(false) })
          .count('n')
          .done(),
        as: 'street'
      }
      const res = (await db
        .collection('communities')
        .aggregate()
        .match({ _id: here })
        .limit(1)
        .lookup(hallJoin)
        .lookup(streetJoin)
        .end()) as { data?: Array<CommunityRecord & { hall?: HallSettings[]; street?: Array<{ n: number }> }> }
      const row = res.data?.[0]
      if (!row) return { profile: null, hall: null }
      const { hall, street, ...profile } = row
      return { profile, hall: hall?.[0] ?? null, streetSize: street?.[0]?.n ?? 1 }
    },
    dutyOn: async date =>
      ((await db.collection('duty_roster').where({ date }).limit(100).get()) as { data?: DutyRecord[] }).data ?? []
  }
}

// Read by staff (dashboard, exports, erasure)
import { type Aggregation, type Join as JoinForStaff } from '../db/join'
// The staff context reads accounts and grids only through these (the dashboard's grid of each
// resident, the audit log's names). Kept as one block at the end beside the context's own edits.

/** The grids, in their display order. */
export function gridsJoinForStaff(db: Db, as: string): JoinForStaff {
  const $ = db.command.aggregate
  return {
    from: 'grids',
    let: {},
    pipeline: $.pipeline().sort({ order: 1 }).limit(100).project({ name: 1 }).done(),
    as
  }
}

/**
 * `q` followed by the join of the account each row names (`localField`, an OPENID) leaving only one
 * field of it (its home grid, its name), as `as: [value]` (none when the account is gone). The
 * equality form of `lookup` (by `_id`, so by index) and a field path over the joined array:
 * docs.cloudbase.net/api-reference/server/node-sdk/database/aggregate/stages/lookup, …/stages/addFields.
 */
export function withAccountFieldForStaff(
  q: Aggregation,
  localField: string,
  field: 'gridId' | 'name',
  as: string
): Aggregation {
  return q.lookup({ from: 'users', localField, foreignField: '_id', as }).addFields({ [as]: `$${as}.${field}` })
}

/** Accounts with this name (staff search the audit log by the names they know; several may share one). */
export async function userIdsNamedForStaff(db: Db, name: string): Promise<string[]> {
  const res = await db.collection('users').where({ name }).field({ _id: true }).limit(100).get()
  return (res.data as Array<{ _id: string }>).map(u => u._id)
}

// Read by other contexts' ledgers (台账): a ledger names its grid, door and member through these.
import { lookup as lookupForLedgers } from '../db/read-all'

/** Grid names by id, for one page of a ledger. */
export async function gridNamesForLedgers(
  db: Db,
  gridIds: ReadonlyArray<string | null | undefined>
): Promise<Map<string, string>> {
  const grids = await lookupForLedgers<GridRecord>(db, 'grids', gridIds)
  return new Map([...grids].map(([id, g]) => [id, g.name]))
}

/** Household doors (门牌) by id, for one page of a ledger. */
export async function householdDoorsForLedgers(
  db: Db,
  householdIds: ReadonlyArray<string | null | undefined>
): Promise<Map<string, string>> {
  const households = await lookupForLedgers<HouseholdRecord>(db, 'households', householdIds)
  return new Map([...households].map(([id, h]) => [id, h.door]))
}

/** Household members by id, for one page of a ledger. */
export async function membersForLedgers(
  db: Db,
  memberIds: ReadonlyArray<string | null | undefined>
): Promise<Map<string, MemberRecord>> {
  return await lookupForLedgers<MemberRecord>(db, 'members', memberIds)
}
