import { inPeriod, median, periodOf, satisfaction } from './period.rule'
import { shanghaiDate } from '../shared/shanghai-time'

describe('periods in Shanghai time', () => {
  it('starts a week on Monday at Shanghai midnight', () => {
    const p = periodOf('week', '2026-11-19') // a Thursday
    expect(p.from.toISOString()).toBe('2026-11-15T16:00:00.000Z') // Mon 16 Nov 00:00 +08
    expect(p.to.toISOString()).toBe('2026-11-22T16:00:00.000Z')
    expect(p.label).toBe('2026-11-16 ~ 2026-11-22')
  })

  it('keeps Sunday in the week that began on Monday', () => {
    expect(periodOf('week', '2026-11-22').label).toBe('2026-11-16 ~ 2026-11-22')
  })

  it('covers a month, December rolling into January', () => {
    const p = periodOf('month', '2026-12-31')
    expect(p.from.toISOString()).toBe('2026-11-30T16:00:00.000Z')
    expect(p.to.toISOString()).toBe('2026-12-31T16:00:00.000Z')
    expect(p.label).toBe('2026-12')
  })

  it('puts 23:30 UTC on the next Shanghai day', () => {
    expect(shanghaiDate(new Date('2026-11-22T23:30:00Z'))).toBe('2026-11-23')
    const week = periodOf('week', '2026-11-23')
    expect(inPeriod('2026-11-22T16:00:00Z', week)).toBe(true)
    expect(inPeriod('2026-11-22T15:59:59Z', week)).toBe(false)
  })
})

describe('statistics', () => {
  it('takes the median of odd and even counts, null for none', () => {
    expect(median([5, 1, 3])).toBe(3)
    expect(median([4, 1, 3, 10])).toBe(3.5)
    expect(median([])).toBeNull()
  })

  it('does not count partly solved as solved', () => {
    expect(satisfaction(['solved', 'partly', 'partly', 'unsolved'])).toEqual({
      rated: 4,
      solvedRate: 25,
      partlyRate: 50,
      unsolvedRate: 25
    })
    expect(satisfaction([]).solvedRate).toBeNull()
  })
})
