/**
 * Co-guardians (共同监护人): the guardian who registered a child invites another adult, usually
 * the other parent, with a one-time 8-digit code valid 24 hours. Whoever enters it (agreeing to
 * the same consent) then sees and acts for the child like the registering guardian: enrolments,
 * offers, absence, pickup codes, and every alert about the child. The registering guardian is
 * told at once who joined, so a code that reached the wrong person is noticed.
 *
 * A join is several writes (invitation used → consent → co-guardian → role → told); a stop
 * between them is finished by the joiner's retry or the `half-done` timer, and never lets a
 * co-guardian removed meanwhile back in (finishJoining).
 */
import type { Caller } from '../community/caller'
import { halfDoneBefore } from '../shared/half-done'
import type { Result } from '../shared/wire'
import { fail, ok } from '../shared/wire'
import type { ChildRecord, ConsentRecord, GuardianInviteRecord } from './class.model'
import { CONSENT_PURPOSE, CONSENT_VERSION } from './class.model'
import { classMessages } from './class.errors'
import type { ClassesDeps } from './classes.ports'
import type { ClassesResult } from './classes.contract'
import { isGuardianOf } from './visibility.rule'

export const INVITE_HOURS = 24
export const MAX_CO_GUARDIANS = 3
/** Code entries per person per hour: plenty for a typo, hopeless for guessing 1e8 codes. */
export const INVITE_ATTEMPTS_PER_HOUR = 10

export const inviteId = (code: string): string => `guardian-invite-${code}`

/** 8 digits from two draws of `random` (0 ≤ n < 1e6): 1e8 codes, so guessing a live one is hopeless. */
export function inviteCode(random: () => number): string {
  return String(random() % 1_000_000).padStart(6, '0') + String(random() % 100).padStart(2, '0')
}

export async function inviteCoGuardian(
  deps: ClassesDeps,
  input: { childId: string },
  caller: Caller
): Promise<ClassesResult<'inviteCoGuardian'>> {
  const child = await deps.store.child(input.childId)
  // Only the registering guardian widens the family's circle; to anyone else the child doesn't exist.
  if (!child || child.guardianUserId !== caller.openId) return fail('NOT_FOUND', classMessages.NOT_FOUND)
  if ((child.coGuardianUserIds ?? []).length >= MAX_CO_GUARDIANS)
    return fail('TOO_MANY_GUARDIANS', classMessages.TOO_MANY_GUARDIANS)
  const now = deps.clock.now()
  const expiresAt = new Date(now.getTime() + INVITE_HOURS * 3600_000)
  // A code drawn twice (ever) loses the insert and draws again.
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = inviteCode(deps.random)
    const invite: GuardianInviteRecord = {
      _id: inviteId(code),
      code,
      childId: child._id,
      childName: child.name,
      invitedBy: caller.openId,
      createdAt: now,
      expiresAt,
      acceptedBy: null,
      acceptedAt: null
    }
    if (await deps.store.insertInvite(invite)) {
      await deps.audit.record({
        actor: caller.openId,
        action: 'classes.invite-co-guardian',
        target: `children/${child._id}`,
        data: { inviteId: invite._id }
      })
      return ok({ code, childId: child._id, childName: child.name, expiresAt: expiresAt.toISOString() })
    }
  }
  return fail('CONFLICT', classMessages.CONFLICT)
}

export async function acceptCoGuardian(
  deps: ClassesDeps,
  input: { code: string },
  caller: Caller
): Promise<ClassesResult<'acceptCoGuardian'>> {
  const { store } = deps
  const now = deps.clock.now()
  if (!(await store.takeInviteAttempt(caller.openId, now, INVITE_ATTEMPTS_PER_HOUR)))
    return fail('TOO_MANY_ATTEMPTS', classMessages.TOO_MANY_ATTEMPTS)
  const id = inviteId(input.code)
  const invite = await store.invite(id)
  if (!invite) return fail('INVITE_INVALID', classMessages.INVITE_INVALID)
  // The joiner's retry of a join that stopped after the invitation was used finishes it (see
  // finishJoining); to anyone else, and once the join is finished, a used code is used.
  const joiner = { openId: caller.openId, name: caller.name, roles: caller.roles }
  if (invite.joinPending === true && invite.acceptedBy === caller.openId) {
    return await finishJoining(deps, invite, joiner, caller.openId)
  }
  if (invite.acceptedBy !== null || invite.expiresAt.getTime() <= now.getTime())
    return fail('INVITE_INVALID', classMessages.INVITE_INVALID)
  const child = await store.child(invite.childId)
  if (!child) return fail('INVITE_INVALID', classMessages.INVITE_INVALID)
  if (isGuardianOf(caller, child)) return fail('ALREADY_GUARDIAN', classMessages.ALREADY_GUARDIAN)
  if ((child.coGuardianUserIds ?? []).length >= MAX_CO_GUARDIANS)
    return fail('TOO_MANY_GUARDIANS', classMessages.TOO_MANY_GUARDIANS)
  // One conditional update: of two people entering the same code at once, one becomes co-guardian.
  if (!(await store.useInvite(id, caller.openId, now))) return fail('INVITE_INVALID', classMessages.INVITE_INVALID)
  const used = { ...invite, acceptedBy: caller.openId, acceptedAt: now, joinPending: true }
  return await finishJoining(deps, used, joiner, caller.openId)
}

/**
 * The join after the invitation was used: consent, co-guardian, role, the guardian told, done.
 * A stop anywhere in it (a failed request, a cut-off call) leaves the invitation `joinPending`
 * with its joiner recorded, and each step is idempotent, so the joiner's retry (acceptCoGuardian)
 * or the `half-done` timer (finishPendingJoins) runs it again. What a retry must never do is add
 * back a co-guardian the guardian removed in the meantime (the join may have stopped after the
 * add, before it was marked done): the add is conditional on the invitation not being on the
 * child yet, in the same update of the child, so an invitation adds its joiner at most once. If
 * it added them before and they are no longer a guardian, they were removed: the invitation is
 * closed and the retry refused. Nobody else gets past `acceptedBy`.
 */
async function finishJoining(
  deps: ClassesDeps,
  invite: GuardianInviteRecord,
  joiner: { openId: string; name: string | null; roles: string[] | null },
  actor: string
): Promise<Result<{ childId: string; childName: string }, 'INVITE_INVALID'>> {
  const { store } = deps
  const openId = joiner.openId
  const child = await store.child(invite.childId)
  if (!child) {
    // The child's record was erased meanwhile: nothing to join; closed so the timer stops looking.
    await store.finishJoin(invite._id, openId)
    return fail('INVITE_INVALID', classMessages.INVITE_INVALID)
  }
  const consent: ConsentRecord = {
    _id: `consent-${child._id}-${openId}`,
    kind: 'child-record',
    subjectId: child._id,
    guardianMemberId: null,
    guardianUserId: openId,
    purpose: CONSENT_PURPOSE,
    version: CONSENT_VERSION,
    grantedAt: invite.acceptedAt ?? deps.clock.now()
  }
  await store.insertConsent(consent)
  if (!(await store.addCoGuardian(child._id, openId, invite._id))) {
    const current = await store.child(child._id)
    if (!current || !(current.coGuardianUserIds ?? []).includes(openId)) {
      // Added by this invitation before, removed since: the invitation is spent.
      await store.finishJoin(invite._id, openId)
      return fail('INVITE_INVALID', classMessages.INVITE_INVALID)
    }
  }
  if (!(joiner.roles ?? (await store.userRoles(openId))).includes('guardian')) await store.grantGuardianRole(openId)
  await deps.audit.record({
    actor,
    action: 'classes.accept-co-guardian',
    target: `children/${child._id}`,
    reason: `监护人同意（${CONSENT_VERSION}）`,
    data: { inviteId: invite._id, consentId: consent._id, invitedBy: invite.invitedBy }
  })
  if (child.guardianUserId) {
    const who = joiner.name ?? '一位家人'
    await deps.notify.notify({
      to: child.guardianUserId,
      kind: 'classes.co-guardian-joined',
      // Per invitation: once per join, whoever finishes it (one who rejoins later with a new code is told again).
      key: `classes.co-guardian-joined:${invite._id}`,
      title: '有家人加入了孩子的管理',
      body: `${who}用您的邀请码成为了${child.name}的共同监护人，可以查看报名、接送码和提醒。如果不是您邀请的人，请在四点半课堂页面移除。`,
      link: '/pages/classes/index',
      template: 'status',
      status: '已加入'
    })
  }
  // Last: a join marked done was told.
  await store.finishJoin(invite._id, openId)
  return ok({ childId: child._id, childName: child.name })
}

/**
 * Timer job (`half-done`): joins left pending longer than HALF_DONE_AFTER_MS (the joiner's call
 * stopped and they did not retry) are finished as the joiner asked, so the guardian is always
 * told who joined; one whose co-guardian was removed meanwhile is closed without adding them back.
 */
export async function finishPendingJoins(deps: ClassesDeps): Promise<{ joinsFinished: number }> {
  let joinsFinished = 0
  for (const invite of await deps.store.pendingJoinsSince(halfDoneBefore(deps.clock.now()))) {
    if (invite.acceptedBy === null) continue
    const joiner = { openId: invite.acceptedBy, name: await deps.store.userName(invite.acceptedBy), roles: null }
    if ((await finishJoining(deps, invite, joiner, 'system:classes-half-done')).ok) joinsFinished++
  }
  return { joinsFinished }
}

/** The registering guardian removes a co-guardian, or a co-guardian leaves. */
export async function removeCoGuardian(
  deps: ClassesDeps,
  input: { childId: string; userId: string },
  caller: Caller
): Promise<ClassesResult<'removeCoGuardian'>> {
  const child: ChildRecord | null = await deps.store.child(input.childId)
  const allowed =
    child !== null &&
    (child.guardianUserId === caller.openId || (input.userId === caller.openId && isGuardianOf(caller, child)))
  if (!child || !allowed) return fail('NOT_FOUND', classMessages.NOT_FOUND)
  if (!(await deps.store.removeCoGuardian(child._id, input.userId))) return fail('NOT_FOUND', classMessages.NOT_FOUND)
  await deps.audit.record({
    actor: caller.openId,
    action: 'classes.remove-co-guardian',
    target: `children/${child._id}`,
    data: { userId: input.userId }
  })
  return ok({ childId: child._id })
}
