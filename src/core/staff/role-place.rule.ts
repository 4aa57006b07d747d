/**
 * Where a role is held (issue 20): staff roles are held per community, street roles (街道) in the street.
 * - a street role goes into `roles`, whatever the person's community (it holds in every one);
 * - a staff role in the person's own community goes into `roles`;
 * - a person with no community yet (a street role holder, someone new) takes this one as theirs (`communityId`);
 * - a person of another community gets it in `rolesIn[<community>]` (a 社工 covering two).
 */
import type { UserRecord } from '../community/community.model'
import type { Role } from '../community/roles'
import { homeOf, isStreetRole } from '../community/street.rule'

export type RolePlace = 'street' | 'home' | 'join' | 'elsewhere'

export function rolePlace(user: Pick<UserRecord, 'communityId'>, communityId: string, role: Role): RolePlace {
  if (isStreetRole(role)) return 'street'
  const home = homeOf(user)
  if (home === communityId) return 'home'
  return home === null ? 'join' : 'elsewhere'
}
