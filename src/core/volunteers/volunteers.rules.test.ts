import { canHold, isLateWithdrawal, liveHolds, overlaps } from './overlap.rule'
import { weeklyOccurrences } from './series.rule'
import { quotaStanding } from './quota.rule'
import { certificateSerial, csvField, toCsv } from './certificate.rule'

const at = (s: string): Date => new Date(s)
const hold = (claimId: string, start: string, end: string) => ({ claimId, taskId: claimId.split(':')[0], startAt: at(start), endAt: at(end) })

describe('overlap', () => {
  it.each([
    ['same range', '01:00', '02:00', '01:00', '02:00', true],
    ['inside', '01:00', '03:00', '01:30', '02:00', true],
    ['partly', '01:00', '02:00', '01:59', '03:00', true],
    ['back to back', '01:00', '02:00', '02:00', '03:00', false],
    ['apart', '01:00', '02:00', '05:00', '06:00', false]
  ])('%s', (_n, a1, a2, b1, b2, expected) => {
    const d = (t: string): Date => at(`2026-11-23T${t}:00Z`)
    expect(overlaps({ startAt: d(a1), endAt: d(a2) }, { startAt: d(b1), endAt: d(b2) })).toBe(expected)
  })

  it('refuses the same claim twice and an overlapping one, accepts a separate one', () => {
    const held = [hold('t1:v1', '2026-11-23T01:00:00Z', '2026-11-23T03:00:00Z')]
    expect(canHold(held, hold('t1:v1', '2026-11-24T01:00:00Z', '2026-11-24T02:00:00Z'))).toEqual({ ok: false, reason: 'ALREADY_CLAIMED' })
    expect(canHold(held, hold('t2:v1', '2026-11-23T02:00:00Z', '2026-11-23T04:00:00Z'))).toMatchObject({ ok: false, reason: 'TIME_CONFLICT' })
    expect(canHold(held, hold('t3:v1', '2026-11-23T03:00:00Z', '2026-11-23T04:00:00Z'))).toEqual({ ok: true })
  })

  it('drops holds of tasks already over', () => {
    const held = [hold('a:v', '2026-11-20T01:00:00Z', '2026-11-20T02:00:00Z'), hold('b:v', '2026-11-23T01:00:00Z', '2026-11-23T02:00:00Z')]
    expect(liveHolds(held, at('2026-11-22T00:00:00Z')).map(h => h.claimId)).toEqual(['b:v'])
  })

  it('calls a withdrawal late inside the cutoff', () => {
    const start = at('2026-11-25T01:00:00Z')
    expect(isLateWithdrawal(start, 24, at('2026-11-24T00:59:00Z'))).toBe(false)
    expect(isLateWithdrawal(start, 24, at('2026-11-24T01:00:01Z'))).toBe(true)
  })
})

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

describe('quarterly quota', () => {
  it.each([
    [0, 0, { posts: 1, activities: 2 }, false],
    [1, 1, { posts: 0, activities: 1 }, false],
    [1, 2, { posts: 0, activities: 0 }, true],
    [3, 5, { posts: 0, activities: 0 }, true]
  ])('%p posts, %p activities', (posts, activities, short, met) => {
    expect(quotaStanding(posts, activities)).toMatchObject({ short, met })
  })
})

describe('certificates and CSV', () => {
  it('formats serials', () => {
    expect(certificateSerial(2026, 42)).toBe('CH-2026-000042')
  })
  it('quotes CSV fields and neutralises formulas', () => {
    expect(csvField('a,b')).toBe('"a,b"')
    expect(csvField('=1+1')).toBe("'=1+1")
    expect(toCsv(['姓名'], [['陈志强']])).toBe('\uFEFF姓名\r\n陈志强\r\n')
  })
})
