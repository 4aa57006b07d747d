import { callerFrom } from './user.repository'

describe('callerFrom', () => {
  it('makes an unregistered caller from no record', () => {
    expect(callerFrom('o-1', null)).toEqual({
      openId: 'o-1',
      registered: false,
      name: null,
      roles: [],
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
      householdId: 'hh-1',
      gridId: 'grid-1'
    })
  })

  it('treats a malformed roles field as no roles', () => {
    expect(callerFrom('o-3', { _id: 'o-3', name: 'x', roles: 'admin' as never } as never).roles).toEqual([])
  })
})
