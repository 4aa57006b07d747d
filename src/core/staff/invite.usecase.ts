/** Admins invite staff and grid workers with one-time codes; the invitee joins with the code. */
import type { Caller } from '../community/caller'
import { roleLabels } from '../community/roles'
import type { Result } from '../shared/wire'
import { fail, ok } from '../shared/wire'
import { CODE_LENGTH, DEFAULT_INVITE_DAYS, codeFrom, inviteState, normaliseCode } from './invite.rule'
import type { Page } from '../shared/page'
import type { StaffDeps } from './staff.ports'
import type { CreateInviteInput, ListInvitesInput, RedeemInviteInput } from './staff.schemas'
import type { InviteRecord } from './staff.model'
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

export async function createInvite(
  deps: StaffDeps,
  input: CreateInviteInput,
  caller: Caller
): Promise<Result<InviteView, 'NOT_FOUND' | 'CONFLICT'>> {
  const gridId = input.role === 'grid_worker' ? (input.gridId ?? null) : null
  if (gridId && !(await deps.grids.name(gridId))) return fail('NOT_FOUND', '没有这个网格')
  const now = deps.clock.now()
  // A fresh code collides with an existing one about once in 8.5e11; try a few before giving up.
  for (let attempt = 0; attempt < 3; attempt++) {
    const invite: InviteRecord = {
      _id: codeFrom(deps.randomInts(CODE_LENGTH)),
      role: input.role,
      gridId,
      name: input.name,
      createdBy: caller.openId,
      createdAt: now,
      expiresAt: new Date(now.getTime() + (input.days ?? DEFAULT_INVITE_DAYS) * DAY_MS),
      usedBy: null,
      usedAt: null
    }
    if (await deps.invites.insert(invite)) {
      await deps.audit.record({
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

export async function listInvites(deps: StaffDeps, input: ListInvitesInput): Promise<Result<Page<InviteView>, never>> {
  const page = await deps.invites.listOpen(deps.clock.now(), input.cursor)
  return ok({ items: page.items.map(view), cursor: page.cursor })
}

export async function redeemInvite(
  deps: StaffDeps,
  input: RedeemInviteInput,
  caller: Caller
): Promise<Result<Joined, 'INVITE_NOT_FOUND' | 'INVITE_USED' | 'INVITE_EXPIRED'>> {
  const code = normaliseCode(input.code)
  const invite = await deps.invites.get(code)
  if (!invite) return fail('INVITE_NOT_FOUND', '邀请码不对，请核对后再输入')
  const now = deps.clock.now()
  const state = inviteState(invite, now)
  if (state === 'used') return fail('INVITE_USED', '这个邀请码已经用过了，请向管理员要一个新的')
  if (state === 'expired') return fail('INVITE_EXPIRED', '这个邀请码已过期，请向管理员要一个新的')
  // The read above only picks the message; this conditional update decides who gets the code.
  if (!(await deps.invites.consume(code, caller.openId, now))) {
    return fail('INVITE_USED', '这个邀请码已经用过了，请向管理员要一个新的')
  }

  if (invite.role === 'admin') await deps.adminSeats.ensure()
  const existing = await deps.users.get(caller.openId)
  let added: boolean
  if (existing) {
    added = await deps.users.addRole(caller.openId, invite.role, invite.gridId ? { gridId: invite.gridId } : undefined)
  } else {
    added = await deps.users.create({
      _id: caller.openId,
      name: invite.name,
      roles: [invite.role],
      phone: null,
      memberId: null,
      householdId: null,
      gridId: invite.gridId,
      createdAt: now
    })
    // Someone created this account a moment ago (another tab): add the role to it instead.
    if (!added)
      added = await deps.users.addRole(
        caller.openId,
        invite.role,
        invite.gridId ? { gridId: invite.gridId } : undefined
      )
  }
  if (added && invite.role === 'admin') await deps.adminSeats.add()
  if (invite.gridId && invite.role === 'grid_worker') await deps.grids.setWorker(invite.gridId, caller.openId)
  await deps.audit.record({
    actor: caller.openId,
    action: 'staff.redeem-invite',
    target: `users/${caller.openId}`,
    reason: `凭邀请码加入，担任${roleLabels[invite.role]}`,
    data: { code, role: invite.role, gridId: invite.gridId, invitedBy: invite.createdBy }
  })
  // The admin who made the code learns it was used (and by whom), once per code.
  await deps.notify.notify({
    to: invite.createdBy,
    kind: 'staff.invite-redeemed',
    key: `staff.invite-redeemed:${code}`,
    title: '邀请码已使用',
    body: `${existing?.name ?? invite.name}已凭邀请码加入，担任${roleLabels[invite.role]}。`,
    link: '/pages/staff/roles'
  })
  return ok({
    role: invite.role,
    roleLabel: roleLabels[invite.role],
    gridId: invite.gridId,
    name: existing?.name ?? invite.name
  })
}
