import { onDutyNow, todayHours } from './hall-hours.rule'
import type { DutyRecord } from './community.model'

const weekday = [
  { open: '09:00', close: '12:00' },
  { open: '13:30', close: '17:30' }
]
const hall = {
  weekly: [[], weekday, weekday, weekday, weekday, weekday, [{ open: '09:00', close: '12:00' }]],
  exceptions: [
    { date: '2026-10-01', ranges: [], note: '国庆节休息' },
    { date: '2026-10-11', ranges: [{ open: '09:00', close: '17:00' }], note: '调休上班' }
  ]
}

describe('todayHours', () => {
  it('is open on a weekday morning in Shanghai, closed at lunch and in the evening', () => {
    expect(todayHours(hall, new Date('2026-11-24T01:30:00Z')).openNow).toBe(true) // Tue 09:30
    expect(todayHours(hall, new Date('2026-11-24T04:30:00Z')).openNow).toBe(false) // 12:30
    expect(todayHours(hall, new Date('2026-11-24T10:00:00Z')).openNow).toBe(false) // 18:00
  })

  it('uses the Shanghai date, not the UTC one, near midnight', () => {
    // 2026-11-28 Sat 23:30 UTC is Sunday 07:30 in Shanghai: closed all day
    expect(todayHours(hall, new Date('2026-11-28T23:30:00Z')).ranges).toEqual([])
  })

  it('lets a holiday exception close a weekday and a make-up day open a Sunday', () => {
    const holiday = todayHours(hall, new Date('2026-10-01T02:00:00Z')) // Thu 10:00
    expect(holiday).toEqual({ ranges: [], openNow: false, note: '国庆节休息' })
    expect(todayHours(hall, new Date('2026-10-11T07:00:00Z')).openNow).toBe(true) // Sun 15:00, 调休
  })
})

describe('onDutyNow', () => {
  const shift = (date: string, start: string, end: string, personName: string): DutyRecord => ({
    _id: `${date}-${start}`,
    date,
    start,
    end,
    personName,
    userId: null,
    place: '值班室',
    updatedBy: 's',
    updatedAt: new Date(0)
  })
  it('finds the evening shift (延时服务) at 19:00 and nobody after it ends', () => {
    const shifts = [shift('2026-11-24', '08:30', '17:30', '赵丽'), shift('2026-11-24', '17:30', '20:30', '钱晓梅')]
    expect(onDutyNow(shifts, new Date('2026-11-24T11:00:00Z')).map(s => s.personName)).toEqual(['钱晓梅'])
    expect(onDutyNow(shifts, new Date('2026-11-24T12:30:00Z'))).toEqual([])
  })
})
