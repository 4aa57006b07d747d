import { parseCloudbaseCron } from './cron'

/** The next `n` fire times after `from`, as ISO strings (UTC). */
function nextRuns(expression: string, from: string, n = 3): string[] {
  const cron = parseCloudbaseCron(expression)
  const out: string[] = []
  let at = new Date(from)
  for (let i = 0; i < n; i++) {
    const next = cron.next(at)
    if (!next) break
    out.push(next.toISOString())
    at = next
  }
  return out
}

describe('CloudBase 7-field cron', () => {
  it('maps sec min hour day month week year, in China time (UTC+8)', () => {
    // 02:00 Beijing is 18:00 UTC the day before.
    expect(nextRuns('0 0 2 * * * *', '2025-01-01T00:00:00Z')).toEqual([
      '2025-01-01T18:00:00.000Z',
      '2025-01-02T18:00:00.000Z',
      '2025-01-03T18:00:00.000Z'
    ])
    expect(nextRuns('30 15 10 1 * * *', '2025-01-01T00:00:00Z', 2)).toEqual([
      '2025-01-01T02:15:30.000Z',
      '2025-02-01T02:15:30.000Z'
    ])
    expect(nextRuns('*/5 * * * * * *', '2025-01-01T00:00:00Z')).toEqual([
      '2025-01-01T00:00:05.000Z',
      '2025-01-01T00:00:10.000Z',
      '2025-01-01T00:00:15.000Z'
    ])
  })

  it('reads weekday names (any case), ranges and lists', () => {
    // 2025-01-04 is a Saturday.
    expect(nextRuns('0 15 10 * * MON-FRI *', '2025-01-04T00:00:00Z', 2)).toEqual([
      '2025-01-06T02:15:00.000Z',
      '2025-01-07T02:15:00.000Z'
    ])
    expect(nextRuns('0 0 12 * * wed,sat *', '2025-01-04T05:00:00Z', 2)).toEqual([
      '2025-01-08T04:00:00.000Z',
      '2025-01-11T04:00:00.000Z'
    ])
  })

  it('reads "?" as "any", not as "today" (croner would substitute the current weekday)', () => {
    expect(nextRuns('0 0 2 1 * ? *', '2025-01-02T00:00:00Z', 2)).toEqual([
      '2025-01-31T18:00:00.000Z',
      '2025-02-28T18:00:00.000Z'
    ])
    expect(nextRuns('0 0 2 ? * * ?', '2025-01-02T00:00:00Z', 2)).toEqual([
      '2025-01-02T18:00:00.000Z',
      '2025-01-03T18:00:00.000Z'
    ])
  })

  it('fires when either day or week matches, as CloudBase documents', () => {
    // The 1st of the month or any Monday (2025-01-06 and 2025-01-13 are Mondays).
    expect(nextRuns('0 0 10 1 * MON *', '2024-12-31T00:00:00Z', 3)).toEqual([
      '2025-01-01T02:00:00.000Z',
      '2025-01-06T02:00:00.000Z',
      '2025-01-13T02:00:00.000Z'
    ])
  })

  it('refuses what it cannot read unambiguously, saying why', () => {
    expect(() => parseCloudbaseCron('0 0 2 * * *')).toThrow(/6 fields; CloudBase needs 7/)
    expect(() => parseCloudbaseCron('0 0 2 * * 1 *')).toThrow(/weekday names/)
    expect(() => parseCloudbaseCron('0 0 2 * * 1-5 *')).toThrow(/weekday names/)
    expect(() => parseCloudbaseCron('0 0 2 * * * 2026')).toThrow(/year field/)
    expect(() => parseCloudbaseCron('0 0 2 15W * * *')).toThrow(/cron "0 0 2 15W \* \* \*"/)
    expect(() => parseCloudbaseCron('0 61 2 * * * *')).toThrow(/cron/)
  })

  it('accepts the nth weekday of the month', () => {
    expect(nextRuns('0 0 10 * * MON#2 *', '2025-01-01T00:00:00Z', 1)).toEqual(['2025-01-13T02:00:00.000Z'])
  })
})
