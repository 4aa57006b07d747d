/**
 * Who is calling, as the server established it: the OPENID from the platform context and the
 * roles stored in `users`. Never built from anything the client sent.
 */
import type { Role } from './roles'
import { policies, streetRoles } from './roles'

export interface Caller {
  openId: string
  /** A `users` document exists for this OPENID. */
  registered: boolean
  name: string | null
  /** Roles in the community of this call (`communityId`), street roles included. */
  roles: Role[]
  /**
   * The community this call acts in (issue 20): the one the app names, else the caller's own. Every read and write
   * of the call is scoped to it (db/community-scope.ts).
   */
  communityId: string
  /** The caller's own community (their household's, or where they hold a role); null before binding. */
  homeCommunityId: string | null
  /** Further communities where the caller holds a staff role (`rolesIn`): where they may switch to. */
  staffIn?: string[]
  /** Where the caller lives, when bound to a household. */
  householdId: string | null
  /** The grid a grid worker looks after, or the caller's home grid. */
  gridId: string | null
}

/**
 * Whether the caller's only standing in the call's community is a street role (街道): they read it and change
 * nothing, so the router gives the call a read-only database (db/community-scope.ts).
 */
export function isStreetOnly(caller: Pick<Caller, 'roles'>): boolean {
  return caller.roles.length > 0 && caller.roles.every(r => (streetRoles as readonly Role[]).includes(r))
}

export function hasAnyRole(caller: Pick<Caller, 'roles'>, wanted: readonly Role[]): boolean {
  return caller.roles.some(r => wanted.includes(r))
}

/**
 * "In my grid", the one definition: staff and admins look after the whole community (null), and street roles read
 * all of it; anyone else (a grid worker) only the grid they look after, and a grid worker not yet given a grid looks
 * after nothing (NO_GRID matches no record).
 */
export const NO_GRID = '-'
export function gridScope(caller: Pick<Caller, 'roles' | 'gridId'>): string | null {
  return hasAnyRole(caller, policies.staffOrStreet) ? null : (caller.gridId ?? NO_GRID)
}

/** Whether a record of `gridId` is in the caller's grid scope (see gridScope). */
export function inGridScope(caller: Pick<Caller, 'roles' | 'gridId'>, gridId: string | null): boolean {
  const scope = gridScope(caller)
  return scope === null || scope === gridId
}
