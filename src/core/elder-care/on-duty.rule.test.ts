import { onDutyAt } from './on-duty.rule'

const shifts = [
  { userId: 'a', start: '08:30', end: '17:30' },
  { userId: 'b', start: '17:30', end: '20:30' },
  { userId: null, start: '08:30', end: '17:30' },
  { userId: 'c', start: '00:00', end: '08:30' }
]

describe('on duty at an instant (Shanghai wall time)', () => {
  it('picks the shift covering the time', () => {
    expect(onDutyAt(shifts, new Date('2026-11-23T02:00:00Z'))).toEqual(['a']) // 10:00
    expect(onDutyAt(shifts, new Date('2026-11-23T09:30:00Z'))).toEqual(['b']) // 17:30: the evening shift starts
    expect(onDutyAt(shifts, new Date('2026-11-22T23:00:00Z'))).toEqual(['c']) // 07:00
  })

  it('falls back to everyone rostered that day in a gap', () => {
    expect(onDutyAt(shifts, new Date('2026-11-23T14:00:00Z'))).toEqual(['a', 'b', 'c']) // 22:00
    expect(onDutyAt([], new Date())).toEqual([])
  })
})
