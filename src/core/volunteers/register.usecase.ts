/** Registration (real-name profile, staff approval) and the volunteer's own summary. */
import type { Caller } from '../community/caller'
import { DEFAULT_COMMUNITY_ID } from '../community/community.model'
import { maskPhone } from '../community/mask-phone'
import { ok } from '../shared/wire'
import type { VolunteersReply, VolunteersResult } from './volunteers.contract'
import { failWith } from './volunteers.errors'
import type { VolunteersDeps } from './volunteers.ports'
import type { RegisterInput } from './volunteers.schemas'
import type { VolunteerRecord, VolunteerStatus } from './volunteers.model'

type ProfileView = VolunteersReply<'register'>

export const statusOf = (v: VolunteerRecord): VolunteerStatus => v.status ?? 'approved'

/** The volunteer's home community (the record is street-wide); a record from before the street is the first's. */
export const homeOf = (v: Pick<VolunteerRecord, 'communityId'>): string => v.communityId ?? DEFAULT_COMMUNITY_ID

/** 志愿者编号: stable, short, printed on certificates. */
export const numberOf = (v: VolunteerRecord): string =>
  v.number ??
  `V${v._id
    .replace(/[^0-9]/g, '')
    .slice(-8)
    .padStart(8, '0')}`

export function volunteerIdFor(openId: string, memberId: string | null): string {
  return memberId ? `vol-${memberId}` : `vol-u-${openId}`
}

export async function register(
  deps: VolunteersDeps,
  input: RegisterInput,
  caller: Caller
): Promise<VolunteersResult<'register'>> {
  const { store, clock, audit } = deps
  // One record for the street, registered where the person lives: that community's staff review it, its teams are
  // the ones to join, and its 双报到 applies. Elsewhere they serve with the volunteer role they carry.
  const home = caller.homeCommunityId ?? DEFAULT_COMMUNITY_ID
  if (caller.communityId !== home) return failWith('HOME_COMMUNITY_ONLY')
  const [user, teams] = await Promise.all([store.user(caller.openId), store.teams()])
  const unknown = input.teamIds.find(id => !teams.some(t => t._id === id))
  if (unknown) return failWith('TEAM_UNKNOWN', { teamId: unknown })
  const memberId = user?.memberId ?? null
  const id = volunteerIdFor(caller.openId, memberId)
  const now = clock.now()
  const profile = {
    name: input.name,
    phone: input.phone,
    skills: input.skills,
    availability: input.availability,
    teamIds: input.teamIds,
    party: input.party,
    partyMember: input.party !== null,
    status: 'pending' as const,
    appliedAt: now,
    reviewedAt: null,
    reviewedBy: null,
    reviewNote: null
  }
  const rec: VolunteerRecord = {
    // memberId is unique-indexed and a missing value counts as null, so a user without a member
    // record gets a placeholder of their own rather than colliding with every other such user.
    _id: id,
    communityId: home,
    memberId: memberId ?? `user:${caller.openId}`,
    userId: caller.openId,
    householdId: user?.householdId ?? null,
    gridId: user?.gridId ?? null,
    since: now,
    ...profile
  }
  // The deterministic _id makes a second registration of the same person an insert that fails.
  let created = await store.insertVolunteer(rec)
  if (!created) {
    const existing = await store.volunteer(id)
    if (!existing || statusOf(existing) !== 'rejected') return failWith('ALREADY_REGISTERED')
    created = await store.reapply(id, profile)
    if (!created) return failWith('ALREADY_REGISTERED')
  }
  await audit.record({
    actor: caller.openId,
    action: 'volunteers.register',
    target: `volunteers/${id}`,
    data: { teams: input.teamIds.length, party: input.party?.type ?? null }
  })
  return ok(viewOf(rec, teams))
}

export function viewOf(v: VolunteerRecord, teams: Array<{ _id: string; name: string }>): ProfileView {
  return {
    id: v._id,
    name: v.name,
    phoneMasked: v.phone ? maskPhone(v.phone) : null,
    status: statusOf(v),
    skills: v.skills ?? [],
    availability: v.availability ?? [],
    teams: (v.teamIds ?? []).map(id => ({ id, name: teams.find(t => t._id === id)?.name ?? id })),
    party: v.party ?? (v.partyMember ? { type: '在职', employerOrg: null } : null),
    number: numberOf(v)
  }
}

export async function listApplications(
  deps: VolunteersDeps,
  input: { cursor?: string },
  caller: Caller
): Promise<VolunteersResult<'applications'>> {
  const [page, teams] = await Promise.all([deps.store.pendingVolunteers(input.cursor ?? null, 20), deps.store.teams()])
  if (page.items.length > 0) {
    await deps.audit.record({
      actor: caller.openId,
      action: 'volunteers.read-applications',
      target: 'volunteers',
      reason: '审核志愿者登记（查看手机号）',
      data: { count: page.items.length }
    })
  }
  return ok({
    items: page.items.map(v => ({
      ...viewOf(v, teams),
      appliedAt: v.appliedAt ? new Date(v.appliedAt).toISOString() : null,
      phone: v.phone ?? null
    })),
    cursor: page.cursor
  })
}

export async function review(
  deps: VolunteersDeps,
  input: { volunteerId: string; decision: 'approve' | 'reject'; note?: string },
  caller: Caller
): Promise<VolunteersResult<'review'>> {
  const { store, clock, audit, notify } = deps
  // Only the community's own registrations (home): another community's volunteer reads as missing.
  const v = await store.volunteerHere(input.volunteerId)
  if (!v) return failWith('NOT_FOUND')
  const status: VolunteerStatus = input.decision === 'approve' ? 'approved' : 'rejected'
  const changed = await store.review(v._id, {
    status,
    reviewedAt: clock.now(),
    reviewedBy: caller.openId,
    reviewNote: input.note ?? null
  })
  if (!changed) return failWith('ALREADY_REVIEWED')
  if (status === 'approved' && v.userId) await store.grantVolunteerRole(v.userId)
  await audit.record({
    actor: caller.openId,
    action: `volunteers.${input.decision}`,
    target: `volunteers/${v._id}`,
    reason: input.note
  })
  if (v.userId) {
    await notify.notify({
      to: v.userId,
      kind: 'volunteers.review',
      key: `volunteers.review:${v._id}:${clock.now().getTime()}`,
      title: status === 'approved' ? '志愿者登记已通过' : '志愿者登记未通过',
      body:
        status === 'approved'
          ? '欢迎加入社区志愿者队伍，现在可以报名参加活动了。'
          : `登记未通过${input.note ? `：${input.note}` : ''}，可修改后重新提交。`,
      link: '/pages/volunteers/index',
      template: 'status',
      status: status === 'approved' ? '已通过' : '未通过'
    })
  }
  return ok({ id: v._id, status })
}
