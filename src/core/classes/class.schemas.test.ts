import { createTermInput, registerChildInput } from './class.schemas'

describe('input schemas', () => {
  it('defaults a term to weekdays 16:30–18:00 and refuses an end before the start', () => {
    const t = createTermInput.parse({
      title: '秋季班',
      room: '活动室',
      startDate: '2025-09-01',
      endDate: '2025-12-31',
      capacity: 30
    })
    expect(t).toMatchObject({
      kind: 'class',
      weekdays: [1, 2, 3, 4, 5],
      startTime: '16:30',
      endTime: '18:00',
      offerHours: 12
    })
    expect(
      createTermInput.safeParse({ title: 'x', room: 'y', startDate: '2025-09-01', endDate: '2025-08-01', capacity: 3 })
        .success
    ).toBe(false)
  })
  it("refuses a child without the guardian's consent", () => {
    const child = {
      name: '小明',
      school: '育才小学',
      grade: '三年级',
      emergencyContacts: [{ name: '李建国', relation: '父亲', phone: '14000000001' }]
    }
    expect(registerChildInput.safeParse({ ...child, consent: true }).success).toBe(true)
    expect(registerChildInput.safeParse({ ...child, consent: false }).success).toBe(false)
    expect(registerChildInput.safeParse(child).success).toBe(false)
  })
})
