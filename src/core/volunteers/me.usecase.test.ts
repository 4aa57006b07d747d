/**
 * The volunteer's own page (我的志愿服务) in process: the real volunteers repository on the local
 * cloud's database engine in memory, at a frozen Shanghai clock (test/support/in-memory-deps.ts).
 */
import { aCaller } from '../../../test/factories/caller.factory'
import { addApprovedVolunteers } from '../../../test/factories/volunteers.factory'
import { volunteersDeps, useWorld } from '../../../test/support/in-memory-deps'
import { shanghaiInstant } from '../shared/shanghai-time'
import { me } from './me.usecase'

// Friday 3 October 2025, 09:00 in Shanghai: the fourth quarter is three days old.
const world = useWorld('2025-10-03 09:00')
const deps = () => volunteersDeps(world())

/** A record of one volunteer's service, `status` as the organiser left it. */
const served = (volunteerId: string, date: string, hours: number, status = 'verified') => ({
  _id: `task-${date}-${hours}:${volunteerId}`,
  volunteerId,
  status,
  hours,
  startAt: shanghaiInstant(date, '09:00')
})

describe('me', () => {
  it('shows a party member their teams, verified totals, and this quarter against the quota', async () => {
    const db = world().db
    const [v, other] = await addApprovedVolunteers(db, 'me', 2, {
      partyMember: true,
      teamIds: ['team-tutor', 'team-green']
    })
    await db.collection('vol_teams').add([
      { _id: 'team-green', name: '环保卫士', intro: '', leaderUserId: null, order: 1 },
      { _id: 'team-tutor', name: '四点半课堂辅导队', intro: '', leaderUserId: null, order: 2 }
    ])
    await db.collection('vol_attendance').add([
      served(v.volunteerId, '2025-09-30', 2), // last quarter: in the totals, not in this quarter
      served(v.volunteerId, '2025-10-01', 1.5),
      served(v.volunteerId, '2025-10-02', 3, 'checked_out'), // not verified yet: not counted
      served(other.volunteerId, '2025-10-01', 4) // someone else's
    ])
    await db.collection('vol_post_claims').add([
      { _id: `post-policy:${v.volunteerId}`, postId: 'post-policy', volunteerId: v.volunteerId, active: true },
      { _id: `post-clean:${v.volunteerId}`, postId: 'post-clean', volunteerId: v.volunteerId, active: false },
      { _id: `post-clean:${other.volunteerId}`, postId: 'post-clean', volunteerId: other.volunteerId, active: true }
    ])
    const res = await me(deps(), {}, aCaller({ openId: v.openId, roles: ['resident', 'volunteer'] }))
    expect(res).toEqual({
      ok: true,
      value: {
        profile: expect.objectContaining({
          id: v.volunteerId,
          status: 'approved',
          teams: [
            { id: 'team-tutor', name: '四点半课堂辅导队' },
            { id: 'team-green', name: '环保卫士' }
          ],
          party: { type: '在职', employerOrg: '测试单位党支部' }
        }),
        totals: { hours: 3.5, activities: 2 },
        quarter: {
          label: '2025年第4季度',
          posts: 1,
          activities: 1,
          short: { posts: 0, activities: 1 },
          met: false
        },
        staff: false
      }
    })
  })

  it('shows a volunteer who is not a party member no quota, and one with nothing yet zeros', async () => {
    const [v] = await addApprovedVolunteers(world().db, 'plain', 1, { teamIds: ['team-gone'] })
    const res = await me(deps(), {}, aCaller({ openId: v.openId, roles: ['resident', 'volunteer'] }))
    expect(res).toMatchObject({
      ok: true,
      value: {
        // A team no longer there is shown by its id rather than dropped.
        profile: { id: v.volunteerId, teams: [{ id: 'team-gone', name: 'team-gone' }] },
        totals: { hours: 0, activities: 0 },
        quarter: null,
        staff: false
      }
    })
  })

  it('shows a resident who never registered, and staff, no profile', async () => {
    expect(await me(deps(), {}, aCaller({ openId: 'o-never' }))).toEqual({
      ok: true,
      value: { profile: null, totals: { hours: 0, activities: 0 }, quarter: null, staff: false }
    })
    expect(await me(deps(), {}, aCaller({ openId: 'o-staff', roles: ['staff'] }))).toMatchObject({
      ok: true,
      value: { profile: null, staff: true }
    })
  })
})
