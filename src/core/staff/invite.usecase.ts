/** Admins invite staff and grid workers with one-time codes; the invitee joins with the code. */
import type { Caller } from '../community/caller'
import { hasAnyRole } from '../community/caller'
import { DEFAULT_COMMUNITY_ID } from '../community/community.model'
import type { Role } from '../community/roles'
import { policies, roleLabels } from '../community/roles'
import type { Result } from '../shared/wire'
import { fail, ok } from '../shared/wire'
import { CODE_LENGTH, DEFAULT_INVITE_DAYS, codeFrom, inviteState, normaliseCode } from './invite.rule'
import type { Page } from '../shared/page'
import type { StaffDeps } from './staff.ports'
import type { CreateInviteInput, ListInvitesInput, RedeemInviteInput } from './staff.schemas'
import type { InviteRecord } from './staff.model'
import { STREET_OFFICE_SCOPE } from './staff.model'
import { isStreetRole } from '../community/street.rule'
import type { InviteView, JoinedView as Joined } from './staff.views'

const DAY_MS = 24 * 60 * 60 * 1000

const view = (i: InviteRecord): InviteView => ({
  code: i._id,
  role: i.role,
  roleLabel: roleLabels[i.role],
  name: i.name,
  gridId: i.gridId,
  expiresAt: new Date(i.expiresAt).toISOString()
})

/**
 * Who may invite to a role: a community's admin to its staff roles (held in that community), a street admin to the
 * street roles (kept in the street office's own records). Each "can't" says who can.
 */
export function mayManageRole(caller: Caller, role: Role): Result<true, 'FORBIDDEN'> {
  if (isStreetRole(role)) {
    return hasAnyRole(caller, policies.streetAdmins)
      ? ok(true)
      : fail('FORBIDDEN', '街道工作人员由街道管理员邀请和任命')
  }
  return hasAnyRole(caller, policies.admins)
    ? ok(true)
    : fail('FORBIDDEN', '社区工作人员由该社区的管理员邀请和任命，请联系社区书记或主任')
}

/** Where an invite to `role` is kept and used: the caller's community, or the street office's for a street role. */
const depsFor = (deps: StaffDeps, role: Role): StaffDeps =>
  isStreetRole(role) ? deps.inCommunity(STREET_OFFICE_SCOPE) : deps

export async function createInvite(
  deps: StaffDeps,
  input: CreateInviteInput,
  caller: Caller
): Promise<Result<InviteView, 'NOT_FOUND' | 'CONFLICT' | 'FORBIDDEN'>> {
  const may = mayManageRole(caller, input.role)
  if (!may.ok) return may
  const here = depsFor(deps, input.role)
  const gridId = input.role === 'grid_worker' ? (input.gridId ?? null) : null
  if (gridId && !(await here.grids.name(gridId))) return fail('NOT_FOUND', '没有这个网格')
  const now = here.clock.now()
  // A fresh code collides with an existing one about once in 8.5e11; try a few before giving up.
  for (let attempt = 0; attempt < 3; attempt++) {
    const invite: InviteRecord = {
      _id: codeFrom(here.randomInts(CODE_LENGTH)),
      role: input.role,
      gridId,
      name: input.name,
      createdBy: caller.openId,
      createdAt: now,
      expiresAt: new Date(now.getTime() + (input.days ?? DEFAULT_INVITE_DAYS) * DAY_MS),
      usedBy: null,
      usedAt: null
    }
    if (await here.invites.insert(invite)) {
      await here.audit.record({
        actor: caller.openId,
        action: 'staff.create-invite',
        target: `staff_invites/${invite._id}`,
        reason: `邀请${invite.name}担任${roleLabels[invite.role]}`,
        data: { role: invite.role, gridId, expiresAt: invite.expiresAt }
      })
      return ok(view(invite))
    }
  }
  return fail('CONFLICT', '生成邀请码失败，请再试一次')
}

/** Open invites: the community's for its admins; the street's for a street admin (or when asked for them). */
export async function listInvites(
  deps: StaffDeps,
  input: ListInvitesInput,
  caller: Caller
): Promise<Result<Page<InviteView>, never>> {
  const street = hasAnyRole(caller, policies.streetAdmins) && (input.street || !hasAnyRole(caller, policies.admins))
  const here = street ? deps.inCommunity(STREET_OFFICE_SCOPE) : deps
  const page = await here.invites.listOpen(deps.clock.now(), input.cursor)
  return ok({ items: page.items.map(view), cursor: page.cursor })
}

export async function redeemInvite(
  deps: StaffDeps,
  input: RedeemInviteInput,
  caller: Caller
): Promise<Result<Joined, 'INVITE_NOT_FOUND' | 'INVITE_USED' | 'INVITE_EXPIRED'>> {
  const code = normaliseCode(input.code)
  // The invite, in whichever community made it (or the street's): the person joining names none.
  const found = await deps.invites.find(code)
  if (!found) return fail('INVITE_NOT_FOUND', '邀请码不对，请核对后再输入')
  const { communityId: madeIn, ...invite } = found
  // An invite from before the street (issue 20) was made in its first community.
  const communityId = madeIn ?? DEFAULT_COMMUNITY_ID
  const now = deps.clock.now()
  const state = inviteState(invite, now)
  if (state === 'used') return fail('INVITE_USED', '这个邀请码已经用过了，请向管理员要一个新的')
  if (state === 'expired') return fail('INVITE_EXPIRED', '这个邀请码已过期，请向管理员要一个新的')
  // Everything from here is the invite's community's (or the street's): the role is held there, its admins' audit
  // log and seats count it. The invite itself is what lets this person write there, whatever they read elsewhere.
  const there = deps.inCommunity(communityId)
  // The read above only picks the message; this conditional update decides who gets the code.
  if (!(await there.invites.consume(code, caller.openId, now))) {
    return fail('INVITE_USED', '这个邀请码已经用过了，请向管理员要一个新的')
  }

  const street = isStreetRole(invite.role)
  const set = invite.gridId ? { gridId: invite.gridId } : undefined
  if (invite.role === 'admin') await there.adminSeats.ensure()
  let existing = await there.users.self(caller.openId)
  let added = false
  if (!existing) {
    added = await there.users.create({
      _id: caller.openId,
      name: invite.name,
      // A street role needs no community; a staff role makes the invite's community this person's own.
      communityId: street ? null : communityId,
      roles: [invite.role],
      phone: null,
      memberId: null,
      householdId: null,
      gridId: invite.gridId,
      createdAt: now
    })
    // Someone created this account a moment ago (another tab): add the role to it instead.
    if (!added) existing = await there.users.self(caller.openId)
  }
  if (existing) added = await there.users.acceptRole(existing, invite.role, set)
  if (added && invite.role === 'admin') await there.adminSeats.add()
  if (invite.gridId && invite.role === 'grid_worker') await there.grids.setWorker(invite.gridId, caller.openId)
  await there.audit.record({
    actor: caller.openId,
    action: 'staff.redeem-invite',
    target: `users/${caller.openId}`,
    reason: `凭邀请码加入，担任${roleLabels[invite.role]}`,
    data: { code, role: invite.role, gridId: invite.gridId, invitedBy: invite.createdBy }
  })
  // The admin who made the code learns it was used (and by whom), once per code. A street admin's inbox is read in
  // a community, not in the street's own records, so theirs is told in the app's invite list instead.
  if (!street) {
    await there.notify.notify({
      to: invite.createdBy,
      kind: 'staff.invite-redeemed',
      key: `staff.invite-redeemed:${code}`,
      title: '邀请码已使用',
      body: `${existing?.name ?? invite.name}已凭邀请码加入，担任${roleLabels[invite.role]}。`,
      link: '/pages/staff/roles'
    })
  }
  return ok({
    role: invite.role,
    roleLabel: roleLabels[invite.role],
    gridId: invite.gridId,
    name: existing?.name ?? invite.name,
    communityId: street ? null : communityId
  })
}
