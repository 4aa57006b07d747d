/**
 * Co-guardians (共同监护人): the guardian who registered a child invites another adult, usually
 * the other parent, with a one-time 8-digit code valid 24 hours. Whoever enters it (agreeing to
 * the same consent) then sees and acts for the child like the registering guardian: enrolments,
 * offers, absence, pickup codes, and every alert about the child. The registering guardian is
 * told at once who joined, so a code that reached the wrong person is noticed.
 */
import type { Caller } from '../community/caller'
import type { Result } from '../shared/wire'
import { fail, ok } from '../shared/wire'
import type { ChildRecord, ConsentRecord, GuardianInviteRecord } from './class.model'
import { CONSENT_PURPOSE, CONSENT_VERSION } from './class.model'
import { classMessages } from './class.errors'
import type { ClassesDeps } from './classes.ports'
import { isGuardianOf } from './visibility.rule'

export const INVITE_HOURS = 24
export const MAX_CO_GUARDIANS = 3
/** Code entries per person per hour: plenty for a typo, hopeless for guessing 1e8 codes. */
export const INVITE_ATTEMPTS_PER_HOUR = 10

export interface InviteView { code: string, childId: string, childName: string, expiresAt: string }

export const inviteId = (code: string): string => `guardian-invite-${code}`

/** 8 digits from two draws of `random` (0 ≤ n < 1e6): 1e8 codes, so guessing a live one is hopeless. */
export function inviteCode (random: () => number): string {
  return String(random() % 1_000_000).padStart(6, '0') + String(random() % 100).padStart(2, '0')
}

export async function inviteCoGuardian (deps: ClassesDeps, input: { childId: string }, caller: Caller): Promise<Result<InviteView, string>> {
  const child = await deps.store.child(input.childId)
  // Only the registering guardian widens the family's circle; to anyone else the child doesn't exist.
  if (!child || child.guardianUserId !== caller.openId) return fail('NOT_FOUND', classMessages.NOT_FOUND)
  if ((child.coGuardianUserIds ?? []).length >= MAX_CO_GUARDIANS) return fail('TOO_MANY_GUARDIANS', classMessages.TOO_MANY_GUARDIANS)
  const now = deps.clock.now()
  const expiresAt = new Date(now.getTime() + INVITE_HOURS * 3600_000)
  // A code drawn twice (ever) loses the insert and draws again.
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = inviteCode(deps.random)
    const invite: GuardianInviteRecord = {
      _id: inviteId(code), code, childId: child._id, childName: child.name, invitedBy: caller.openId, createdAt: now, expiresAt, acceptedBy: null, acceptedAt: null
    }
    if (await deps.store.insertInvite(invite)) {
      await deps.audit.record({ actor: caller.openId, action: 'classes.invite-co-guardian', target: `children/${child._id}`, data: { inviteId: invite._id } })
      return ok({ code, childId: child._id, childName: child.name, expiresAt: expiresAt.toISOString() })
    }
  }
  return fail('CONFLICT', classMessages.CONFLICT)
}

export async function acceptCoGuardian (deps: ClassesDeps, input: { code: string }, caller: Caller): Promise<Result<{ childId: string, childName: string }, string>> {
  const { store } = deps
  const now = deps.clock.now()
  if (!(await store.takeInviteAttempt(caller.openId, now, INVITE_ATTEMPTS_PER_HOUR))) return fail('TOO_MANY_ATTEMPTS', classMessages.TOO_MANY_ATTEMPTS)
  const id = inviteId(input.code)
  const invite = await store.invite(id)
  if (!invite || invite.acceptedBy !== null || invite.expiresAt.getTime() <= now.getTime()) return fail('INVITE_INVALID', classMessages.INVITE_INVALID)
  const child = await store.child(invite.childId)
  if (!child) return fail('INVITE_INVALID', classMessages.INVITE_INVALID)
  if (isGuardianOf(caller, child)) return fail('ALREADY_GUARDIAN', classMessages.ALREADY_GUARDIAN)
  if ((child.coGuardianUserIds ?? []).length >= MAX_CO_GUARDIANS) return fail('TOO_MANY_GUARDIANS', classMessages.TOO_MANY_GUARDIANS)
  // One conditional update: of two people entering the same code at once, one becomes co-guardian.
  if (!(await store.useInvite(id, caller.openId, now))) return fail('INVITE_INVALID', classMessages.INVITE_INVALID)

  const consent: ConsentRecord = {
    _id: `consent-${child._id}-${caller.openId}`, kind: 'child-record', subjectId: child._id, guardianMemberId: null, guardianUserId: caller.openId,
    purpose: CONSENT_PURPOSE, version: CONSENT_VERSION, grantedAt: now
  }
  await store.insertConsent(consent)
  await store.addCoGuardian(child._id, caller.openId)
  if (!caller.roles.includes('guardian')) await store.grantGuardianRole(caller.openId)
  await deps.audit.record({
    actor: caller.openId, action: 'classes.accept-co-guardian', target: `children/${child._id}`,
    reason: `监护人同意（${CONSENT_VERSION}）`, data: { inviteId: id, consentId: consent._id, invitedBy: invite.invitedBy }
  })
  if (child.guardianUserId) {
    const who = caller.name ?? '一位家人'
    await deps.notify.notify({
      to: child.guardianUserId,
      kind: 'classes.co-guardian-joined',
      key: `classes.co-guardian-joined:${child._id}:${caller.openId}`,
      title: '有家人加入了孩子的管理',
      body: `${who}用您的邀请码成为了${child.name}的共同监护人，可以查看报名、接送码和提醒。如果不是您邀请的人，请在四点半课堂页面移除。`,
      link: '/pages/classes/index',
      template: 'status',
      status: '已加入'
    })
  }
  return ok({ childId: child._id, childName: child.name })
}

/** The registering guardian removes a co-guardian, or a co-guardian leaves. */
export async function removeCoGuardian (deps: ClassesDeps, input: { childId: string, userId: string }, caller: Caller): Promise<Result<{ childId: string }, string>> {
  const child: ChildRecord | null = await deps.store.child(input.childId)
  const allowed = child !== null && (child.guardianUserId === caller.openId || (input.userId === caller.openId && isGuardianOf(caller, child)))
  if (!child || !allowed) return fail('NOT_FOUND', classMessages.NOT_FOUND)
  if (!(await deps.store.removeCoGuardian(child._id, input.userId))) return fail('NOT_FOUND', classMessages.NOT_FOUND)
  await deps.audit.record({ actor: caller.openId, action: 'classes.remove-co-guardian', target: `children/${child._id}`, data: { userId: input.userId } })
  return ok({ childId: child._id })
}
