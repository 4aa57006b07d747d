import { shanghaiInstant } from '../shared/shanghai-time'
import { capEnd, dayOf, minutesLabel, monthOf, patrolMinutes, planOfMonth, planSoFar } from './patrol-time.rule'

const at = (date: string, hhmm: string): Date => shanghaiInstant(date, hhmm)

describe('patrol time', () => {
  it('counts whole minutes, never more than the 4-hour cap', () => {
    expect(patrolMinutes(at('2026-12-05', '09:00'), at('2026-12-05', '10:05'))).toBe(65)
    expect(patrolMinutes(at('2026-12-05', '09:00'), at('2026-12-05', '09:00'))).toBe(0)
    expect(patrolMinutes(at('2026-12-05', '09:00'), at('2026-12-06', '09:00'))).toBe(240)
    expect(capEnd(at('2026-12-05', '22:00'))).toEqual(at('2026-12-06', '02:00'))
  })

  it('reads the month and the day in Shanghai, not in UTC', () => {
    // 00:30 on 1 December in Shanghai is still 30 November in UTC.
    const m = monthOf(at('2026-12-01', '00:30'))
    expect(m.label).toBe('2026-12')
    expect(m.from).toEqual(at('2026-12-01', '00:00'))
    expect(m.to).toEqual(at('2027-01-01', '00:00'))
    expect(dayOf(at('2026-12-01', '00:30')).from).toEqual(at('2026-12-01', '00:00'))
  })

  it('plans an hour a day: the month so far, or the whole month', () => {
    expect(planSoFar(at('2026-12-05', '08:00'))).toBe(300)
    expect(planOfMonth(monthOf(at('2026-02-10', '08:00')))).toBe(28 * 60)
  })

  it('says patrol time as a person does', () => {
    expect(minutesLabel(45)).toBe('45分钟')
    expect(minutesLabel(60)).toBe('1小时')
    expect(minutesLabel(65)).toBe('1小时05分')
  })
})
