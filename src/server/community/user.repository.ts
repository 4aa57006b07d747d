/** `users` (`_id` = OPENID): who a caller is and which roles the community granted them. */
import type { Caller } from '../../core/community/caller'
import type { UserRecord } from '../../core/community/community.model'
import { DEFAULT_COMMUNITY_ID } from '../../core/community/community.model'
import type { Role } from '../../core/community/roles'
import { roamingRoles, roles as knownRoles } from '../../core/community/roles'
import { homeOf, isStreetRole, staffElsewhere } from '../../core/community/street.rule'
import type { Db } from '../db/client'
import { homeLookup, scopedLookup, type Lookup } from '../db/community-scope'
import { isStreetCollection } from '../db/collections'
import type { RouterInfra } from '../router'
import { getById } from '../db/client'

export interface UserRepository {
  findById: (openId: string) => Promise<UserRecord | null>
  loadCaller: RouterInfra['loadCaller']
  loadCallerJoined: NonNullable<RouterInfra['loadCallerJoined']>
}

export function userRepository(db: Db): UserRepository {
  const findById = async (openId: string): Promise<UserRecord | null> => await getById<UserRecord>(db, 'users', openId)
  return {
    findById,
    loadCaller: async (openId, communityId) => trustedCaller(openId, await findById(openId), communityId),
    async loadCallerJoined(openId, joins, communityId) {
      // The caller's record with the action's joins beside it, in one request: CloudBase's aggregate
      // `lookup` with a sub-pipeline (docs.cloudbase.net/api-reference/server/node-sdk/database/
      // aggregate/stages/lookup). No such user: no row, so nothing joined (the use case reads itself).
      const stages = joins(db)
      // What the action joins is read in the community the call acts in, like everything else it reads.
      const here = communityOfCall(null, communityId)
      // Each join lands under a name no users field has (a lookup's `as` overwrites a field of that
      // name), and is taken off the record before the record is trusted as the caller's.
      const slot = (as: string): string => `_joined_${as}`
      let query = db.collection('users').aggregate().match({ _id: openId }).limit(1)
      // A call that names no community acts in the caller's own, which only their record says: each join then
      // compares `communityId` with the record's (homeLookup), in the same request.
      const scoped = (join: Lookup): Lookup =>
        communityId ? scopedLookup(join, here) : (homeLookup(join, DEFAULT_COMMUNITY_ID) ?? scopedLookup(join, here))
      for (const join of stages) query = query.lookup(scoped({ ...join, as: slot(join.as) }) as unknown as typeof join)
      const row = ((await query.end()) as { data?: Array<Record<string, unknown>> }).data?.[0]
      if (!row) return { caller: trustedCaller(openId, null, communityId), joined: undefined }
      const user = { ...row }
      const joined: Record<string, unknown> = {}
      for (const { as } of stages) {
        joined[as] = row[slot(as)] ?? []
        delete user[slot(as)]
      }
      const caller = trustedCaller(openId, user as unknown as UserRecord, communityId)
      // Joined in another community than the caller's record names (it has one of its own): read again there.
      // A join of street-wide collections only (whoami's `communities`) is the same from every community.
      const perCommunity = stages.some(
        j => !isStreetCollection(j.from) && (communityId || !homeLookup(j as unknown as Lookup, here))
      )
      if (caller.communityId !== here && perCommunity) return { caller, joined: undefined }
      return { caller, joined }
    }
  }
}

/**
 * Only a client's own write carries `_openid` (the platform stamps it; functions never write it).
 * Every collection's security rule denies client writes (npm run deploy), so such a document means
 * a rule was missing or loosened: someone may have written `users/<own OPENID>` with roles of their
 * choosing. Never trust it; say so in the log.
 */
function trustedCaller(openId: string, user: UserRecord | null, communityId?: string | null): Caller {
  if (user && Object.prototype.hasOwnProperty.call(user, '_openid')) {
    console.log(
      JSON.stringify({
        kind: 'security',
        event: 'client-written-user',
        caller: `${openId.slice(0, 6)}…`,
        message: 'users document carries _openid; caller treated as unregistered'
      })
    )
    return callerFrom(openId, null, communityId)
  }
  return callerFrom(openId, user, communityId)
}

const known = (list: unknown): Role[] =>
  Array.isArray(list) ? list.filter((r): r is Role => (knownRoles as readonly string[]).includes(r)) : []

/**
 * The community a call acts in: the one the app asked for, else the caller's own, else the street's first
 * (DEFAULT_COMMUNITY_ID). A record from before the street (no `communityId`) belongs to that first community.
 */
export function communityOfCall(user: UserRecord | null, requested: string | null | undefined): string {
  return requested ?? homeOf(user) ?? DEFAULT_COMMUNITY_ID
}

/** Where else the caller holds a staff role, when anywhere (Caller.staffIn). */
const staffInOf = (user: UserRecord): Pick<Caller, 'staffIn'> => {
  const elsewhere = staffElsewhere(user)
  return elsewhere.length > 0 ? { staffIn: elsewhere } : {}
}

/**
 * The caller as one community sees them (issue 20). Unknown roles in a stored record are dropped, never passed on.
 * - In their own community: their roles there, household and grid.
 * - In another: the staff roles they were given there (`rolesIn`), a volunteer's role (a volunteer may serve in any
 *   community of the street), and no household or grid. With none of those they are not registered there: a
 *   resident of 春晖 has no standing in 东圣.
 * - Street roles hold everywhere, read-only where they are the only standing (isStreetOnly).
 */
export function callerFrom(openId: string, user: UserRecord | null, requested?: string | null): Caller {
  const communityId = communityOfCall(user, requested)
  if (!user) {
    const none = { roles: [], householdId: null, gridId: null, homeCommunityId: null }
    return { openId, registered: false, name: null, communityId, ...none }
  }
  const all = known(user.roles)
  const street = all.filter(isStreetRole)
  const home = homeOf(user)
  const member = home === communityId
  const own = member
    ? all.filter(r => !isStreetRole(r))
    : [
        ...known(user.rolesIn?.[communityId]).filter(r => !isStreetRole(r)),
        ...all.filter(r => (roamingRoles as readonly Role[]).includes(r))
      ]
  const roles = [...new Set([...own, ...street])]
  return {
    openId,
    registered: member || roles.length > 0,
    name: typeof user.name === 'string' ? user.name : null,
    roles,
    communityId,
    homeCommunityId: home,
    ...staffInOf(user),
    householdId: member ? (user.householdId ?? null) : null,
    gridId: member ? (user.gridId ?? null) : null
  }
}

/**
 * `users` whose own community is `communityId` (issue 20): their `communityId`, or none at all for the street's
 * first community (a record from before the street, until migrateToStreet stamps it). A condition for a
 * street-wide `users` query, which the community's view does not scope (db/community-scope.ts).
 */
export function homeIn(db: Db, communityId: string): object {
  const _ = db.command
  return communityId === DEFAULT_COMMUNITY_ID
    ? _.or([{ communityId }, { communityId: _.exists(false) }])
    : { communityId }
}

/** `users` whose own community is another (or none: a street role holder), so roles here go in `rolesIn`. */
export function homeElsewhere(db: Db, communityId: string): object {
  const _ = db.command
  return communityId === DEFAULT_COMMUNITY_ID
    ? { communityId: _.and([_.exists(true), _.neq(communityId)]) }
    : { communityId: _.neq(communityId) }
}

/** The field of `users` holding someone's staff roles in `communityId` when it is not their own (rolesIn). */
export const rolesInField = (communityId: string): string => `rolesIn.${communityId}`

/** `users` with standing in `communityId`: it is their own, or they hold a staff role there. */
export function standingIn(db: Db, communityId: string): object {
  const _ = db.command
  return _.or([homeIn(db, communityId), { [rolesInField(communityId)]: _.exists(true) }])
}
