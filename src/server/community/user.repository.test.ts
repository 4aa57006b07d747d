import { callerFrom } from './user.repository'

describe('callerFrom', () => {
  it('makes an unregistered caller from no record', () => {
    expect(callerFrom('o-1', null)).toEqual({
      openId: 'o-1',
      registered: false,
      name: null,
      roles: [],
      communityId: 'community',
      homeCommunityId: null,
      householdId: null,
      gridId: null
    })
  })

  it('keeps known roles only: a tampered record grants nothing unknown', () => {
    const caller = callerFrom('o-2', {
      _id: 'o-2',
      name: '某人',
      roles: ['resident', 'superuser', 'admin '] as never,
      phone: null,
      memberId: null,
      householdId: 'hh-1',
      gridId: 'grid-1',
      createdAt: new Date(0)
    })
    expect(caller).toEqual({
      openId: 'o-2',
      registered: true,
      name: '某人',
      roles: ['resident'],
      communityId: 'community',
      homeCommunityId: 'community',
      householdId: 'hh-1',
      gridId: 'grid-1'
    })
  })

  it('treats a malformed roles field as no roles', () => {
    expect(callerFrom('o-3', { _id: 'o-3', name: 'x', roles: 'admin' as never } as never).roles).toEqual([])
  })

  describe('in a street of communities (issue 20)', () => {
    const user = (over: Record<string, unknown>): never =>
      ({ _id: 'o-9', name: '某人', phone: null, memberId: null, householdId: 'hh-a', gridId: 'g-a', ...over }) as never

    it('a resident has their roles, household and grid in their own community and no standing in another', () => {
      const resident = user({ communityId: 'chunhui', roles: ['resident', 'guardian'] })
      expect(callerFrom('o-9', resident, null)).toMatchObject({ communityId: 'chunhui', registered: true })
      const away = callerFrom('o-9', resident, 'dongsheng')
      expect(away).toMatchObject({ communityId: 'dongsheng', homeCommunityId: 'chunhui', registered: false, roles: [] })
      expect(away).toMatchObject({ householdId: null, gridId: null })
    })

    it('a 社工 of 春晖 is staff there only; a role given in a second community holds there', () => {
      const worker = user({ communityId: 'chunhui', roles: ['staff'], rolesIn: { xinyuan: ['staff', 'bogus'] } })
      expect(callerFrom('o-9', worker, 'chunhui').roles).toEqual(['staff'])
      expect(callerFrom('o-9', worker, 'dongsheng').roles).toEqual([])
      expect(callerFrom('o-9', worker, 'xinyuan')).toMatchObject({ roles: ['staff'], registered: true, gridId: null })
    })

    it('a volunteer carries the role into every community; street roles hold everywhere', () => {
      const both = user({ communityId: 'chunhui', roles: ['resident', 'volunteer', 'street_staff'] })
      expect(callerFrom('o-9', both, 'dongsheng').roles).toEqual(['volunteer', 'street_staff'])
      const street = user({ communityId: null, roles: ['street_admin'], householdId: null, gridId: null })
      expect(callerFrom('o-9', street, 'dongsheng')).toMatchObject({ roles: ['street_admin'], registered: true })
    })

    it('a record from before the street belongs to the first community', () => {
      const old = user({ roles: ['resident'] })
      expect(callerFrom('o-9', old, null)).toMatchObject({ communityId: 'community', homeCommunityId: 'community' })
    })
  })
})
