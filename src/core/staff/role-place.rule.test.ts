import { rolesHeldIn } from '../community/street.rule'
import { rolePlace } from './role-place.rule'

describe('where a role is held', () => {
  it('a street role is the street’s, whatever the community', () => {
    expect(rolePlace({ communityId: 'a' }, 'b', 'street_staff')).toBe('street')
    expect(rolePlace({ communityId: null }, 'b', 'street_admin')).toBe('street')
  })
  it('a staff role at home, as a first community, or in another community', () => {
    expect(rolePlace({ communityId: 'a' }, 'a', 'staff')).toBe('home')
    expect(rolePlace({}, 'community', 'admin')).toBe('home')
    expect(rolePlace({ communityId: null }, 'b', 'staff')).toBe('join')
    expect(rolePlace({ communityId: 'a' }, 'b', 'grid_worker')).toBe('elsewhere')
    expect(rolePlace({}, 'b', 'staff')).toBe('elsewhere')
  })
  it('the roles held in a community: at home all, elsewhere what was given there, and the street’s', () => {
    const u = { communityId: 'a', roles: ['resident', 'street_staff'] as const, rolesIn: { b: ['staff' as const] } }
    expect(rolesHeldIn({ ...u, roles: [...u.roles] }, 'a')).toEqual(['resident', 'street_staff'])
    expect(rolesHeldIn({ ...u, roles: [...u.roles] }, 'b')).toEqual(['staff', 'street_staff'])
    expect(rolesHeldIn({ ...u, roles: [...u.roles] }, 'c')).toEqual(['street_staff'])
  })
})
