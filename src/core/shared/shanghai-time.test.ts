import { addDays, isoWeekday, shanghaiDate, shanghaiHHmm, shanghaiInstant, shanghaiTime } from './shanghai-time'

test('Shanghai calendar from UTC instants', () => {
  const late = new Date('2026-11-23T16:30:00Z') // 00:30 on the 24th in Shanghai
  expect(shanghaiDate(late)).toBe('2026-11-24')
  expect(shanghaiHHmm(late)).toBe('00:30')
  expect(shanghaiTime(late)).toBe('11月24日 周二 00:30')
  expect(shanghaiInstant('2026-11-24', '09:30')).toEqual(new Date('2026-11-24T01:30:00Z'))
  expect(isoWeekday('2026-11-23')).toBe(1)
  expect(isoWeekday('2026-11-29')).toBe(7)
  expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
})
