import { weeklyOccurrences } from './series.rule'

const at = (s: string): Date => new Date(s)

describe('weekly rosters', () => {
  it('lists weekly occurrences from the next matching day, in Shanghai time', () => {
    // Monday 2026-11-23 Shanghai; Saturday (6) rosters fall on 11-28, 12-05.
    const occ = weeklyOccurrences(at('2026-11-23T02:00:00Z'), 6, '09:00', '11:30', 2)
    expect(occ.map(o => o.date)).toEqual(['2026-11-28', '2026-12-05'])
    expect(occ[0].startAt.toISOString()).toBe('2026-11-28T01:00:00.000Z')
    expect(occ[0].endAt.toISOString()).toBe('2026-11-28T03:30:00.000Z')
    expect(weeklyOccurrences(at('2026-11-23T02:00:00Z'), 1, '09:00', '10:00', 1)[0].date).toBe('2026-11-23')
    expect(weeklyOccurrences(at('2026-11-23T02:00:00Z'), 1, '10:00', '09:00', 1)).toEqual([])
  })
})
