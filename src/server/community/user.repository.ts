/** `users` (`_id` = OPENID): who a caller is and which roles the community granted them. */
import type { Caller } from '../../core/community/caller'
import type { UserRecord } from '../../core/community/community.model'
import type { Role } from '../../core/community/roles'
import { roles as knownRoles } from '../../core/community/roles'
import type { Db } from '../db/client'
import { getById } from '../db/client'

export interface UserRepository {
  findById: (openId: string) => Promise<UserRecord | null>
  loadCaller: (openId: string) => Promise<Caller>
}

export function userRepository (db: Db): UserRepository {
  const findById = async (openId: string): Promise<UserRecord | null> => await getById<UserRecord>(db, 'users', openId)
  return {
    findById,
    async loadCaller (openId) {
      return callerFrom(openId, await findById(openId))
    }
  }
}

/** Unknown roles in a stored record are dropped, never passed on. */
export function callerFrom (openId: string, user: UserRecord | null): Caller {
  if (!user) return { openId, registered: false, name: null, roles: [], householdId: null, gridId: null }
  const roles = Array.isArray(user.roles) ? user.roles.filter((r): r is Role => (knownRoles as readonly string[]).includes(r)) : []
  return {
    openId,
    registered: true,
    name: typeof user.name === 'string' ? user.name : null,
    roles,
    householdId: user.householdId ?? null,
    gridId: user.gridId ?? null
  }
}
