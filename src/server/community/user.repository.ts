/** `users` (`_id` = OPENID): who a caller is and which roles the community granted them. */
import type { Caller } from '../../core/community/caller'
import type { UserRecord } from '../../core/community/community.model'
import type { Role } from '../../core/community/roles'
import { roles as knownRoles } from '../../core/community/roles'
import type { Db } from '../db/client'
import type { RouterInfra } from '../router'
import { getById } from '../db/client'

export interface UserRepository {
  findById: (openId: string) => Promise<UserRecord | null>
  loadCaller: (openId: string) => Promise<Caller>
  loadCallerJoined: NonNullable<RouterInfra['loadCallerJoined']>
}

export function userRepository(db: Db): UserRepository {
  const findById = async (openId: string): Promise<UserRecord | null> => await getById<UserRecord>(db, 'users', openId)
  return {
    findById,
    loadCaller: async openId => trustedCaller(openId, await findById(openId)),
    async loadCallerJoined(openId, joins) {
      // The caller's record with the action's joins beside it, in one request: CloudBase's aggregate
      // `lookup` with a sub-pipeline (docs.cloudbase.net/api-reference/server/node-sdk/database/
      // aggregate/stages/lookup). No such user: no row, so nothing joined (the use case reads itself).
      const stages = joins(db)
      // Each join lands under a name no users field has (a lookup's `as` overwrites a field of that
      // name), and is taken off the record before the record is trusted as the caller's.
      const slot = (as: string): string => `_joined_${as}`
      let query = db.collection('users').aggregate().match({ _id: openId }).limit(1)
      for (const join of stages) query = query.lookup({ ...join, as: slot(join.as) })
      const row = ((await query.end()) as { data?: Array<Record<string, unknown>> }).data?.[0]
      if (!row) return { caller: trustedCaller(openId, null), joined: undefined }
      const user = { ...row }
      const joined: Record<string, unknown> = {}
      for (const { as } of stages) {
        joined[as] = row[slot(as)] ?? []
        delete user[slot(as)]
      }
      return { caller: trustedCaller(openId, user as unknown as UserRecord), joined }
    }
  }
}

/**
 * Only a client's own write carries `_openid` (the platform stamps it; functions never write it).
 * Every collection's security rule denies client writes (npm run deploy), so such a document means
 * a rule was missing or loosened: someone may have written `users/<own OPENID>` with roles of their
 * choosing. Never trust it; say so in the log.
 */
function trustedCaller(openId: string, user: UserRecord | null): Caller {
  if (user && Object.prototype.hasOwnProperty.call(user, '_openid')) {
    console.log(
      JSON.stringify({
        kind: 'security',
        event: 'client-written-user',
        caller: `${openId.slice(0, 6)}…`,
        message: 'users document carries _openid; caller treated as unregistered'
      })
    )
    return callerFrom(openId, null)
  }
  return callerFrom(openId, user)
}

/** Unknown roles in a stored record are dropped, never passed on. */
export function callerFrom(openId: string, user: UserRecord | null): Caller {
  if (!user) return { openId, registered: false, name: null, roles: [], householdId: null, gridId: null }
  const roles = Array.isArray(user.roles)
    ? user.roles.filter((r): r is Role => (knownRoles as readonly string[]).includes(r))
    : []
  return {
    openId,
    registered: true,
    name: typeof user.name === 'string' ? user.name : null,
    roles,
    householdId: user.householdId ?? null,
    gridId: user.gridId ?? null
  }
}
