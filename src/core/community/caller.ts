/**
 * Who is calling, as the server established it: the OPENID from the platform context and the
 * roles stored in `users`. Never built from anything the client sent.
 */
import type { Role } from './roles'

export interface Caller {
  openId: string
  /** A `users` document exists for this OPENID. */
  registered: boolean
  name: string | null
  roles: Role[]
  /** Where the caller lives, when bound to a household. */
  householdId: string | null
  /** The grid a grid worker looks after, or the caller's home grid. */
  gridId: string | null
}

export function hasAnyRole (caller: Pick<Caller, 'roles'>, wanted: readonly Role[]): boolean {
  return caller.roles.some(r => wanted.includes(r))
}
