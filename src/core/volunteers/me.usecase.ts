/** The volunteer's own page: profile, totals (recognition without ranking), this quarter. */
import type { Caller } from '../community/caller'
import { ok } from '../shared/wire'
import { quarterOf } from '../shared/shanghai-time'
import { quotaStanding } from './quota.rule'
import { viewOf } from './register.usecase'
import { isStaff } from './organiser.rule'
import type { VolunteersReply, VolunteersResult } from './volunteers.contract'
import type { VolunteersDeps } from './volunteers.ports'

export async function me(deps: VolunteersDeps, _input: unknown, caller: Caller): Promise<VolunteersResult<'me'>> {
  const q = quarterOf(deps.clock.now())
  // The record, its teams, its verified totals and its posts in one query (issue 19: a read ≤ 2).
  const standing = await deps.store.standingOfUser(caller.openId, q)
  const staff = isStaff(caller)
  if (!standing) return ok({ profile: null, totals: { hours: 0, activities: 0 }, quarter: null, staff })
  const { volunteer: v, teams, hours, activities, inQuarter, posts } = standing
  const quarter: VolunteersReply<'me'>['quarter'] = v.partyMember
    ? { label: q.label, ...quotaStanding(posts, inQuarter) }
    : null
  return ok({ profile: viewOf(v, teams), totals: { hours, activities }, quarter, staff })
}

/** Teams with their totals: recognition of teams, never a ranking of individuals. */
export async function listTeams(deps: VolunteersDeps): Promise<VolunteersResult<'teams'>> {
  const teams = await deps.store.teamsWithTotals()
  return ok(
    teams.map(({ _id, name, intro, hours, activities, people }) => ({
      id: _id,
      name,
      intro,
      hours,
      activities,
      people
    }))
  )
}
