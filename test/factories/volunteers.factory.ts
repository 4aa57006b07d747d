/**
 * Approved volunteers written straight to the database (users + volunteers records), for tests
 * that need many people at once. Registration and approval themselves are tested through the
 * function.
 */
import type { Db } from '../../src/server/db/client'

export interface TestVolunteer {
  openId: string
  volunteerId: string
}

export async function addApprovedVolunteers(
  db: Db,
  prefix: string,
  n: number,
  opts: { skills?: string[]; teamIds?: string[]; partyMember?: boolean; communityId?: string } = {}
): Promise<TestVolunteer[]> {
  // Their home community (issue 20), on the street-wide `users` and `volunteers` records; absent: the first one.
  const home = opts.communityId ? { communityId: opts.communityId } : {}
  const now = new Date()
  const people = Array.from({ length: n }, (_, i) => ({ openId: `${prefix}-${i}`, volunteerId: `vol-${prefix}-${i}` }))
  await db.collection('users').add(
    people.map((p, i) => ({
      _id: p.openId,
      ...home,
      name: `志愿者${prefix}${i}`,
      roles: ['resident', 'volunteer'],
      phone: null,
      memberId: null,
      householdId: null,
      gridId: null,
      createdAt: now
    }))
  )
  await db.collection('volunteers').add(
    people.map((p, i) => ({
      _id: p.volunteerId,
      ...home,
      memberId: `m-${p.openId}`,
      userId: p.openId,
      householdId: null,
      gridId: null,
      name: `志愿者${prefix}${i}`,
      partyMember: opts.partyMember ?? false,
      since: now,
      status: 'approved',
      phone: `1400000${String(9000 + i).padStart(4, '0')}`,
      skills: opts.skills ?? [],
      availability: [],
      teamIds: opts.teamIds ?? [],
      party: opts.partyMember ? { type: '在职', employerOrg: '测试单位党支部' } : null
    }))
  )
  return people
}
