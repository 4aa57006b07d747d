import { guardiansOf, isGuardianOf, maySeeChild, pickupListFor } from './visibility.rule'

describe('who sees a child', () => {
  const child = { guardianUserId: 'g1' }
  const today = [{ tutorIds: ['t1'], status: 'scheduled' as const }]
  it("the guardian, today's tutors and staff; nobody else", () => {
    expect(maySeeChild({ openId: 'g1', roles: ['guardian'] }, child, [])).toBe(true)
    expect(maySeeChild({ openId: 't1', roles: ['tutor'] }, child, today)).toBe(true)
    expect(maySeeChild({ openId: 't2', roles: ['tutor'] }, child, today)).toBe(false)
    expect(maySeeChild({ openId: 't1', roles: ['tutor'] }, child, [{ ...today[0], status: 'cancelled' }])).toBe(false)
    expect(maySeeChild({ openId: 's', roles: ['staff'] }, child, [])).toBe(true)
    expect(maySeeChild({ openId: 'g2', roles: ['guardian'] }, child, [])).toBe(false)
    expect(maySeeChild({ openId: 'x', roles: ['grid_worker'] }, child, [])).toBe(false)
  })
  it('pickup codes only to the guardian', () => {
    const adults = [{ adultId: 'a1', name: '李建国', relation: '父亲', code: '123456' }]
    expect(pickupListFor({ openId: 'g1' }, child, adults)[0].code).toBe('123456')
    expect(pickupListFor({ openId: 't1' }, child, adults)[0]).not.toHaveProperty('code')
  })
})

describe('co-guardians', () => {
  const child = { guardianUserId: 'father', coGuardianUserIds: ['mother', 'grandma'] }
  it('counts every co-guardian as a guardian, and lists the registering one first, each once', () => {
    expect(isGuardianOf({ openId: 'mother' }, child)).toBe(true)
    expect(isGuardianOf({ openId: 'neighbour' }, child)).toBe(false)
    expect(isGuardianOf({ openId: 'mother' }, { guardianUserId: 'father' })).toBe(false)
    expect(guardiansOf({ guardianUserId: 'father', coGuardianUserIds: ['mother', 'father'] })).toEqual([
      'father',
      'mother'
    ])
    expect(guardiansOf({ guardianUserId: null, coGuardianUserIds: ['mother'] })).toEqual(['mother'])
    expect(pickupListFor({ openId: 'grandma' }, child, [{ code: '123456', name: '李' }])).toEqual([
      { code: '123456', name: '李' }
    ])
  })
})
