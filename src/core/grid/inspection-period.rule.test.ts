import { shanghaiInstant } from '../shared/shanghai-time'
import { daysLeft, dueStatus, inspectionPeriod, owes, previousPeriod } from './inspection-period.rule'

const at = (date: string, hhmm = '12:00'): Date => shanghaiInstant(date, hhmm)

describe('inspectionPeriod (Shanghai calendar)', () => {
  it.each([
    // Saturday 2026-12-05: the week began Monday 11-30.
    ['weekly', '2026-12-05', 'W2026-11-30', '11月30日—12月6日', '2026-11-30', '2026-12-07'],
    // Monday 00:00 Shanghai is still Sunday 16:00 UTC: the new week all the same.
    ['weekly', '2026-12-07', 'W2026-12-07', '12月7日—12月13日', '2026-12-07', '2026-12-14'],
    ['monthly', '2026-12-31', '2026-12', '2026年12月', '2026-12-01', '2027-01-01'],
    ['quarterly', '2026-11-15', '2026Q4', '2026年第4季度', '2026-10-01', '2027-01-01'],
    ['quarterly', '2027-01-01', '2027Q1', '2027年第1季度', '2027-01-01', '2027-04-01']
  ] as const)('%s on %s is %s', (cadence, day, key, label, from, to) => {
    const p = inspectionPeriod(cadence, at(day, '00:00'))
    expect(p).toEqual({ cadence, key, label, from: at(from, '00:00'), to: at(to, '00:00') })
  })

  it('the last instant of a Shanghai Sunday is still that week; the next is the following one', () => {
    const sundayEnd = new Date(at('2026-12-07', '00:00').getTime() - 1)
    expect(inspectionPeriod('weekly', sundayEnd).key).toBe('W2026-11-30')
    expect(inspectionPeriod('weekly', at('2026-12-07', '00:00')).key).toBe('W2026-12-07')
  })

  it('the previous period crosses a year', () => {
    expect(previousPeriod(inspectionPeriod('monthly', at('2027-01-10'))).key).toBe('2026-12')
    expect(previousPeriod(inspectionPeriod('quarterly', at('2027-02-10'))).key).toBe('2026Q4')
    expect(previousPeriod(inspectionPeriod('weekly', at('2027-01-01'))).key).toBe('W2026-12-21')
  })
})

describe('owes: a checklist owes a period it existed for at least half of', () => {
  const week = inspectionPeriod('weekly', at('2026-12-02'))
  it.each([
    ['made the Monday before', at('2026-11-23'), true],
    ['made on Wednesday morning', at('2026-12-02', '09:00'), true],
    ['made on Saturday', at('2026-12-05'), false]
  ])('%s', (_, createdAt, expected) => expect(owes(createdAt, week)).toBe(expected))
})

describe('days left and the due status', () => {
  it('counts today: the period’s last day has one day left', () => {
    const month = inspectionPeriod('monthly', at('2026-12-31'))
    expect(daysLeft(month, at('2026-12-31', '23:59'))).toBe(1)
    expect(daysLeft(month, at('2026-12-01', '00:00'))).toBe(31)
  })

  it.each([
    ['weekly', '2026-12-01', false, 'due'],
    ['weekly', '2026-12-05', false, 'soon'],
    ['weekly', '2026-12-05', true, 'done'],
    ['monthly', '2026-12-26', false, 'due'],
    ['monthly', '2026-12-27', false, 'soon'],
    ['quarterly', '2026-12-17', false, 'due'],
    ['quarterly', '2026-12-18', false, 'soon']
  ] as const)('%s on %s, done %s: %s', (cadence, day, done, expected) => {
    expect(dueStatus(cadence, at(day), done)).toBe(expected)
  })
})
