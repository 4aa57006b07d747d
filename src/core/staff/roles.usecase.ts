/** Admins grant and revoke roles; every change is audited; the last admin stays. */
import type { Caller } from '../community/caller'
import type { UserRecord } from '../community/community.model'
import { maskPhone } from '../community/mask-phone'
import type { Role } from '../community/roles'
import { roleLabels } from '../community/roles'
import { mayManageRole } from './invite.usecase'
import { homeOf, isStreetRole, rolesHeldIn } from '../community/street.rule'
import { STREET_OFFICE_SCOPE } from './staff.model'
import type { Result } from '../shared/wire'
import { fail, ok } from '../shared/wire'
import type { Page } from '../shared/page'
import type { StaffDeps } from './staff.ports'
import type { ChangeRoleInput, ListUsersInput } from './staff.schemas'
import type { RoleChangeView as RoleChange, UserView } from './staff.views'

/** A person as this community's admins see them: the roles they hold here (role-place.rule.ts). */
const view = (u: UserRecord, communityId: string): UserView => {
  const roles = rolesHeldIn(u, communityId)
  const home = homeOf(u) === communityId
  return {
    userId: u._id,
    name: u.name,
    roles,
    roleLabels: roles.map(r => roleLabels[r] ?? r),
    // Their home grid (or the grid they look after) is this community's only when this is their community.
    gridId: home ? (u.gridId ?? null) : null,
    phoneMasked: u.phone ? maskPhone(u.phone) : null
  }
}

export async function listUsers(
  deps: StaffDeps,
  input: ListUsersInput,
  caller: Caller
): Promise<Result<Page<UserView>, never>> {
  const page = await deps.users.list({ role: input.role }, input.cursor)
  return ok({ items: page.items.map(u => view(u, caller.communityId)), cursor: page.cursor })
}

/** Street roles are the street office's: their changes are audited in its own records, not a community's. */
const depsFor = (deps: StaffDeps, role: Role): StaffDeps =>
  isStreetRole(role) ? deps.inCommunity(STREET_OFFICE_SCOPE) : deps

export async function grantRole(
  deps: StaffDeps,
  input: ChangeRoleInput,
  caller: Caller
): Promise<Result<RoleChange, 'NOT_FOUND' | 'FORBIDDEN'>> {
  const may = mayManageRole(caller, input.role)
  if (!may.ok) return may
  const user = await deps.users.get(input.userId)
  if (!user) return fail('NOT_FOUND', '没有这个用户')
  if (input.role === 'grid_worker') {
    // The schema requires gridId with grid_worker.
    if (!input.gridId || !(await deps.grids.name(input.gridId))) return fail('NOT_FOUND', '没有这个网格')
  }
  const gridSet = input.role === 'grid_worker' ? { gridId: input.gridId } : undefined
  if (input.role === 'admin') await deps.adminSeats.ensure()
  const changed = await deps.users.addRole(user, input.role, gridSet)
  if (changed && input.role === 'admin') await deps.adminSeats.add()
  if (changed && input.role === 'grid_worker' && input.gridId) await deps.grids.setWorker(input.gridId, user._id)
  if (changed) {
    await depsFor(deps, input.role).audit.record({
      actor: caller.openId,
      action: 'staff.grant-role',
      target: `users/${user._id}`,
      reason: input.reason,
      data: { role: input.role, gridId: input.gridId ?? null }
    })
  }
  return ok({ user: view((await deps.users.get(user._id)) ?? user, caller.communityId), changed })
}

export async function revokeRole(
  deps: StaffDeps,
  input: ChangeRoleInput,
  caller: Caller
): Promise<Result<RoleChange, 'NOT_FOUND' | 'LAST_ADMIN' | 'FORBIDDEN'>> {
  const may = mayManageRole(caller, input.role)
  if (!may.ok) return may
  const user = await deps.users.get(input.userId)
  if (!user) return fail('NOT_FOUND', '没有这个用户')
  const here = caller.communityId
  if (!rolesHeldIn(user, here).includes(input.role)) return ok({ user: view(user, here), changed: false })
  if (input.role === 'admin') {
    await deps.adminSeats.ensure()
    // Seat first: if two admins revoke each other at once, the counter lets only one through.
    if (!(await deps.adminSeats.release())) return fail('LAST_ADMIN', '这是社区唯一的管理员，请先指定另一位管理员')
    const removed = await deps.users.removeRole(user, 'admin')
    // Someone else removed it between our read and now: give the seat back, nothing changed.
    if (!removed) await deps.adminSeats.add()
    if (removed) await audited(deps, caller, input)
    return ok({ user: view((await deps.users.get(user._id)) ?? user, here), changed: removed })
  }
  const removed = await deps.users.removeRole(user, input.role)
  if (removed) await audited(depsFor(deps, input.role), caller, input)
  return ok({ user: view((await deps.users.get(user._id)) ?? user, here), changed: removed })
}

async function audited(deps: StaffDeps, caller: Caller, input: ChangeRoleInput): Promise<void> {
  await deps.audit.record({
    actor: caller.openId,
    action: 'staff.revoke-role',
    target: `users/${input.userId}`,
    reason: input.reason,
    data: { role: input.role }
  })
}
