import { authorisedAdult, isOverdue, newPickupCode } from './pickup.rule'

describe('pickup', () => {
  const adults = [
    { adultId: 'a1', name: '李建国', relation: '父亲', code: '123456' },
    { adultId: 'a2', name: '周婷', relation: '母亲', code: '654321' }
  ]
  it('hands over only to the adult whose own code it is', () => {
    expect(authorisedAdult(adults, '654321')?.name).toBe('周婷')
    expect(authorisedAdult(adults, '000000')).toBeNull()
  })
  it('a present child not collected 30 min after the end is overdue, once', () => {
    const a = {
      status: 'present' as const,
      pickup: null,
      overdueAlertedAt: null,
      sessionEndsAt: new Date('2025-10-09T10:00:00Z')
    }
    expect(isOverdue(a, new Date('2025-10-09T10:29:59Z'))).toBe(false)
    expect(isOverdue(a, new Date('2025-10-09T10:30:00Z'))).toBe(true)
    expect(isOverdue({ ...a, status: 'absent' }, new Date('2025-10-09T11:00:00Z'))).toBe(false)
    expect(isOverdue({ ...a, overdueAlertedAt: new Date() }, new Date('2025-10-09T11:00:00Z'))).toBe(false)
  })
  it("new codes are 6 digits and differ from the child's other adults", () => {
    const seq = [123456, 42]
    expect(newPickupCode(['123456'], () => seq.shift() ?? 0)).toBe('000042')
  })
})
