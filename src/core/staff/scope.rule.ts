/** Which grid a staff read covers: a grid worker only ever sees their own grid's records. */
import type { Caller } from '../community/caller'
import { hasAnyRole } from '../community/caller'
import { policies } from '../community/roles'
import type { Result } from '../shared/wire'
import { fail, ok } from '../shared/wire'

/** null: the whole community. */
export type GridScope = string | null

/** Staff, admins and street roles (who read each community as its staff do) may ask for any grid or the whole. */
export function gridScopeFor(caller: Caller, requested: string | undefined): Result<GridScope, 'FORBIDDEN'> {
  if (hasAnyRole(caller, policies.staffOrStreet)) return ok(requested ?? null)
  if (!caller.gridId) return fail('FORBIDDEN', '您还没有负责的网格，请联系管理员')
  if (requested && requested !== caller.gridId) return fail('FORBIDDEN', '只能查看本网格的数据')
  return ok(caller.gridId)
}
