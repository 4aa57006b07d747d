/** Service posts (服务岗位) and the party members' quarterly check (双报到). */
import type { Caller } from '../community/caller'
import { ok, type Result } from '../shared/wire'
import { quarterOf, shanghaiDate, type Quarter } from '../shared/shanghai-time'
import { quotaStanding } from './quota.rule'
import { homeOf, statusOf } from './register.usecase'
import type { VolunteersReply, VolunteersResult } from './volunteers.contract'
import { failWith } from './volunteers.errors'
import type { VolunteersDeps } from './volunteers.ports'
import type { PostCategory, VolunteerRecord } from './volunteers.model'

export async function listPosts(
  deps: VolunteersDeps,
  _input: unknown,
  caller: Caller
): Promise<VolunteersResult<'posts'>> {
  const { posts, mine } = await deps.store.postsOfUser(caller.openId)
  return ok(
    posts.map(p => ({
      id: p._id,
      category: p.category,
      name: p.name,
      duty: p.duty,
      mine: mine.some(c => c.postId === p._id)
    }))
  )
}

export async function createPost(
  deps: VolunteersDeps,
  input: { category: PostCategory; name: string; duty: string },
  caller: Caller
): Promise<VolunteersResult<'createPost'>> {
  const id = deps.newId('post')
  const order = (await deps.store.posts()).length + 1
  await deps.store.insertPost({ _id: id, ...input, order })
  await deps.audit.record({
    actor: caller.openId,
    action: 'volunteers.create-post',
    target: `vol_posts/${id}`,
    data: { category: input.category }
  })
  return ok({ id })
}

/**
 * The caller as a party member of this community: 双报到 is to the community where they live (issue 20), so a post is
 * claimed or given up there; serving another community's tasks counts toward their record, not their posts there.
 */
async function partyMember(
  deps: VolunteersDeps,
  caller: Caller
): Promise<Result<VolunteerRecord, 'NOT_APPROVED' | 'NOT_PARTY_MEMBER' | 'HOME_COMMUNITY_ONLY'>> {
  const v = await deps.store.volunteerOfUser(caller.openId)
  if (!v || statusOf(v) !== 'approved') return failWith('NOT_APPROVED')
  if (!v.partyMember) return failWith('NOT_PARTY_MEMBER')
  if (homeOf(v) !== caller.communityId) return failWith('HOME_COMMUNITY_ONLY')
  return ok(v)
}

export async function claimPost(
  deps: VolunteersDeps,
  input: { postId: string },
  caller: Caller
): Promise<VolunteersResult<'claimPost'>> {
  const v = await partyMember(deps, caller)
  if (!v.ok) return v
  const post = await deps.store.post(input.postId)
  if (!post) return failWith('NOT_FOUND')
  const id = `${post._id}:${v.value._id}`
  const changed = await deps.store.activatePostClaim({
    _id: id,
    postId: post._id,
    volunteerId: v.value._id,
    userId: caller.openId,
    claimedAt: deps.clock.now(),
    active: true
  })
  if (changed)
    await deps.audit.record({ actor: caller.openId, action: 'volunteers.claim-post', target: `vol_post_claims/${id}` })
  return ok({ postId: post._id, claimed: true })
}

export async function releasePost(
  deps: VolunteersDeps,
  input: { postId: string },
  caller: Caller
): Promise<VolunteersResult<'releasePost'>> {
  const v = await partyMember(deps, caller)
  if (!v.ok) return v
  const id = `${input.postId}:${v.value._id}`
  if (!(await deps.store.deactivatePostClaim(id))) return failWith('NOT_CLAIMED')
  await deps.audit.record({ actor: caller.openId, action: 'volunteers.release-post', target: `vol_post_claims/${id}` })
  return ok({ postId: input.postId, claimed: false })
}

type QuotaRow = VolunteersReply<'quarterCheck'>['items'][number]

/**
 * Every approved party member's standing this quarter (from verified records only): the community's own party members
 * (home), their posts here, and their activities anywhere in the street (the one record).
 */
async function standings(
  deps: VolunteersDeps,
  at: Date
): Promise<{ quarter: Quarter; rows: Array<QuotaRow & { userId: string | null }> }> {
  const quarter = quarterOf(at)
  const [members, posts] = await Promise.all([deps.store.approvedPartyMembers(), deps.store.activePostClaimCounts()])
  const activities = await deps.store.verifiedCountsOf(
    members.map(m => m._id),
    quarter.from,
    quarter.to
  )
  const rows = members.map(m => ({
    volunteerId: m._id,
    userId: m.userId,
    name: m.name,
    partyType: m.party?.type ?? '在职',
    employerOrg: m.party?.employerOrg ?? null,
    ...quotaStanding(posts.get(m._id) ?? 0, activities.get(m._id) ?? 0)
  }))
  return { quarter, rows }
}

/** Staff: party members below the quarterly rule (≥ 1 post, ≥ 2 activities), paged by 20. */
export async function quarterCheck(
  deps: VolunteersDeps,
  input: { cursor?: string },
  caller: Caller
): Promise<VolunteersResult<'quarterCheck'>> {
  const { quarter, rows } = await standings(deps, deps.clock.now())
  const below = rows.filter(r => !r.met).sort((a, b) => a.name.localeCompare(b.name, 'zh'))
  const offset = Math.max(0, Number(input.cursor ?? 0) || 0)
  const page = below.slice(offset, offset + 20).map(({ userId: _u, ...r }) => r)
  await deps.audit.record({
    actor: caller.openId,
    action: 'volunteers.quarter-check',
    target: 'volunteers',
    data: { quarter: quarter.key, below: below.length }
  })
  return ok({
    quarter: quarter.label,
    members: rows.length,
    below: below.length,
    items: page,
    cursor: offset + 20 < below.length ? String(offset + 20) : null
  })
}

/** Timer `quarterReminder`: reminds each party member below the rule (once per member and day). */
export async function remindQuarter(deps: VolunteersDeps): Promise<{ reminded: number }> {
  const now = deps.clock.now()
  const { quarter, rows } = await standings(deps, now)
  let reminded = 0
  for (const r of rows.filter(x => !x.met && x.userId)) {
    const missing = [
      r.short.posts > 0 ? '认领至少1个服务岗位' : '',
      r.short.activities > 0 ? `再参加${r.short.activities}次志愿服务` : ''
    ]
      .filter(Boolean)
      .join('，')
    await deps.notify.notify({
      to: r.userId as string,
      kind: 'volunteers.quarter-reminder',
      key: `volunteers.quarter:${quarter.key}:${r.volunteerId}:${shanghaiDate(now)}`,
      title: '本季度志愿服务提醒',
      body: `${quarter.label}还需${missing}。`,
      link: '/pages/volunteers/index',
      template: 'reminder'
    })
    reminded++
  }
  return { reminded }
}
