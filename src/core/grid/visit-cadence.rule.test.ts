import { shanghaiInstant } from '../shared/shanghai-time'
import { cadenceDays, dueAtOf, dueDate, dueState, visitedThisQuarter } from './visit-cadence.rule'

const at = (date: string, hhmm: string): Date => shanghaiInstant(date, hhmm)

describe('visit cadence', () => {
  it('takes the shortest cadence of a household’s tags', () => {
    expect(cadenceDays([])).toBeNull()
    expect(cadenceDays(['dibao'])).toBe(30)
    expect(cadenceDays(['dibao', 'alone_elder'])).toBe(7)
    expect(cadenceDays(['child_in_need', 'disabled'])).toBe(14)
  })

  it('is due a cadence after the last visit’s Shanghai day; never visited: due the day it was tagged', () => {
    // Visited 23:30 on Monday 30 Nov (Shanghai), which is still Monday afternoon in UTC: due Monday 7 Dec.
    expect(dueDate(['alone_elder'], at('2026-11-30', '23:30'), at('2026-11-01', '09:00'))).toBe('2026-12-07')
    expect(dueDate(['dibao'], null, at('2026-12-03', '10:00'))).toBe('2026-12-03')
    expect(dueDate([], at('2026-11-30', '10:00'), at('2026-11-30', '10:00'))).toBeNull()
  })

  it('is overdue once the due day has passed in Shanghai', () => {
    const due = dueAtOf('2026-12-07')!
    expect(dueState(due, at('2026-12-06', '23:59'))).toBe('soon')
    expect(dueState(due, at('2026-12-07', '00:00'))).toBe('today')
    expect(dueState(due, at('2026-12-07', '23:59'))).toBe('today')
    expect(dueState(due, at('2026-12-08', '00:00'))).toBe('overdue')
  })

  it('counts a visit for the Shanghai quarter it falls in', () => {
    const now = at('2026-12-05', '10:00')
    expect(visitedThisQuarter(at('2026-10-01', '00:00'), now)).toBe(true)
    // 23:30 on 30 September in Shanghai is the third quarter, though 1 October is near.
    expect(visitedThisQuarter(at('2026-09-30', '23:30'), now)).toBe(false)
    expect(visitedThisQuarter(null, now)).toBe(false)
  })
})
