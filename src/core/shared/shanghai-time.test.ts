import {
  addDays,
  isoWeekday,
  quarterOf,
  shanghaiDate,
  shanghaiHHmm,
  shanghaiInstant,
  shanghaiTime
} from './shanghai-time'

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

describe('quarterOf (Shanghai calendar quarters)', () => {
  it('puts 1 October 00:30 Shanghai in the fourth quarter, [1 Oct, 1 Jan)', () => {
    const q = quarterOf(new Date('2026-09-30T16:30:00Z'))
    expect(q).toMatchObject({ key: '2026Q4', label: '2026年第4季度' })
    expect(q.from.toISOString()).toBe('2026-09-30T16:00:00.000Z')
    expect(q.to.toISOString()).toBe('2026-12-31T16:00:00.000Z')
  })

  it('keeps 30 September 23:30 Shanghai in the third', () => {
    const q = quarterOf(new Date('2026-09-30T15:30:00Z'))
    expect(q.label).toBe('2026年第3季度')
    expect(q.from.toISOString()).toBe('2026-06-30T16:00:00.000Z')
  })

  it('starts the year on 1 January Shanghai', () => {
    expect(quarterOf(new Date('2026-12-31T16:00:00Z'))).toMatchObject({
      key: '2027Q1',
      from: new Date('2026-12-31T16:00:00Z'),
      to: new Date('2027-03-31T16:00:00Z')
    })
  })
})
