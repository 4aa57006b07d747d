/**
 * Where a role is held (issue 20): staff roles are held per community, street roles (街道) in the street.
 * - a street role goes into `roles`, whatever the person's community (it holds in every one);
 * - a staff role in the person's own community goes into `roles`;
 * - a person with no community yet (a street role holder, someone new) takes this one as theirs (`communityId`);
 * - a person of another community gets it in `rolesIn[<community>]` (a 社工 covering two).
 */
import type { UserRecord } from '../community/community.model'
import { DEFAULT_COMMUNITY_ID } from '../community/community.model'
import type { Role } from '../community/roles'
import { streetRoles } from '../community/roles'

export type RolePlace = 'street' | 'home' | 'join' | 'elsewhere'

export const isStreetRole = (role: Role): boolean => (streetRoles as readonly Role[]).includes(role)

/** The person's own community: absent is the first community (a record from before the street); null is none. */
export function homeOf(user: Pick<UserRecord, 'communityId'>): string | null {
  return user.communityId === undefined ? DEFAULT_COMMUNITY_ID : user.communityId
}

export function rolePlace(user: Pick<UserRecord, 'communityId'>, communityId: string, role: Role): RolePlace {
  if (isStreetRole(role)) return 'street'
  const home = homeOf(user)
  if (home === communityId) return 'home'
  return home === null ? 'join' : 'elsewhere'
}

/** The roles a person holds in `communityId`, as its admins manage them (street roles shown beside). */
export function rolesHeldIn(user: Pick<UserRecord, 'communityId' | 'roles' | 'rolesIn'>, communityId: string): Role[] {
  const roles = Array.isArray(user.roles) ? user.roles : []
  if (homeOf(user) === communityId) return [...roles]
  return [...(user.rolesIn?.[communityId] ?? []).filter(r => !isStreetRole(r)), ...roles.filter(isStreetRole)]
}
