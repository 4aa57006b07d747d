import { defaultRounding, minutesBetween, parseRounding, roundHours, type RoundingRule } from './hours.rule'

describe('roundHours with the default steps (<15 → 0, 15–45 → 0.5, 45–60 → 1, per started hour)', () => {
  it.each([
    [0, 0],
    [1, 0],
    [14, 0],
    [14.9, 0],
    [15, 0.5],
    [30, 0.5],
    [44, 0.5],
    [45, 1],
    [59, 1],
    [60, 1],
    [61, 1],
    [74, 1],
    [75, 1.5],
    [104, 1.5],
    [105, 2],
    [120, 2],
    [134, 2],
    [135, 2.5],
    [179, 3],
    [480, 8],
    [-30, 0],
    [Number.NaN, 0]
  ])('%p minutes → %p hours', (minutes, hours) => {
    expect(roundHours(minutes)).toBe(hours)
  })
})

describe('roundHours with configured steps', () => {
  const wholeHoursFrom30: RoundingRule = [
    { fromMinute: 0, hours: 0 },
    { fromMinute: 30, hours: 1 }
  ]
  const quarterHours: RoundingRule = [
    { fromMinute: 0, hours: 0 },
    { fromMinute: 15, hours: 0.25 },
    { fromMinute: 30, hours: 0.5 },
    { fromMinute: 45, hours: 0.75 }
  ]
  it.each([
    ['whole hours from 30 min', wholeHoursFrom30, 29, 0],
    ['whole hours from 30 min', wholeHoursFrom30, 30, 1],
    ['whole hours from 30 min', wholeHoursFrom30, 89, 1],
    ['whole hours from 30 min', wholeHoursFrom30, 90, 2],
    ['quarter hours', quarterHours, 16, 0.25],
    ['quarter hours', quarterHours, 50, 0.75],
    ['quarter hours', quarterHours, 95, 1.5]
  ])('%s: %p min → %p h', (_name, rule, minutes, hours) => {
    expect(roundHours(minutes as number, rule as RoundingRule)).toBe(hours)
  })

  it('does not depend on the order the steps are written in', () => {
    expect(roundHours(50, [...defaultRounding].reverse())).toBe(1)
  })
})

describe('minutesBetween', () => {
  it('drops the seconds and never goes negative', () => {
    expect(minutesBetween(new Date('2026-11-23T01:00:00Z'), new Date('2026-11-23T01:44:59Z'))).toBe(44)
    expect(minutesBetween(new Date('2026-11-23T02:00:00Z'), new Date('2026-11-23T01:00:00Z'))).toBe(0)
  })
})

describe('parseRounding', () => {
  it.each([
    [
      '0:0,15:0.5,45:1',
      [
        { fromMinute: 0, hours: 0 },
        { fromMinute: 15, hours: 0.5 },
        { fromMinute: 45, hours: 1 }
      ]
    ],
    [
      ' 0:0 , 30:1 ',
      [
        { fromMinute: 0, hours: 0 },
        { fromMinute: 30, hours: 1 }
      ]
    ],
    ['15:0.5,45:1', null],
    ['0:0,60:1', null],
    ['0:0,30:2', null],
    ['0:0;30:1', null],
    ['', null]
  ])('%p', (text, expected) => {
    expect(parseRounding(text)).toEqual(expected)
  })

  it('gives the same hours as the default when written out', () => {
    const rule = parseRounding('0:0,15:0.5,45:1')!
    for (const m of [0, 14, 15, 44, 45, 59, 60, 75, 105]) expect(roundHours(m, rule)).toBe(roundHours(m))
  })
})
