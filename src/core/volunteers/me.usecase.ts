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
  const { store, clock } = deps
  const v = await store.volunteerOfUser(caller.openId)
  const staff = isStaff(caller)
  if (!v) return ok({ profile: null, totals: { hours: 0, activities: 0 }, quarter: null, staff })
  const [teams, records] = await Promise.all([store.teams(), store.verifiedOf(v._id)])
  const totals = { hours: records.reduce((n, r) => n + r.hours, 0), activities: records.length }
  let quarter: VolunteersReply<'me'>['quarter'] = null
  if (v.partyMember) {
    const q = quarterOf(clock.now())
    const inQuarter = records.filter(r => new Date(r.startAt) >= q.from && new Date(r.startAt) < q.to).length
    const posts = (await store.activePostClaimsOf(v._id)).length
    quarter = { label: q.label, ...quotaStanding(posts, inQuarter) }
  }
  return ok({ profile: viewOf(v, teams), totals, quarter, staff })
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
