import { canMove, fromStates, holdsSeat, isActive } from './enrolment.machine'

describe('enrolment machine', () => {
  it('allows only the listed moves', () => {
    expect(canMove('pending', 'enrolled')).toBe(true)
    expect(canMove('waitlisted', 'enrolled')).toBe(false) // only through an offer
    expect(canMove('offered', 'enrolled')).toBe(true)
    expect(canMove('enrolled', 'waitlisted')).toBe(false)
    expect(fromStates('pending').sort()).toEqual(['cancelled', 'lapsed'])
    expect(['enrolled', 'offered'].every(s => holdsSeat(s as never))).toBe(true)
    expect(isActive('cancelled')).toBe(false)
  })
})
