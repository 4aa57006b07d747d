import { quarterOf } from './export-sources'

describe('quarterOf (Shanghai calendar quarters)', () => {
  it('puts 1 October 00:30 Shanghai in the fourth quarter', () => {
    const q = quarterOf(new Date('2026-09-30T16:30:00Z'))
    expect(q.label).toBe('2026年第4季度')
    expect(q.from.toISOString()).toBe('2026-09-30T16:00:00.000Z')
    expect(q.to.toISOString()).toBe('2026-12-31T16:00:00.000Z')
  })

  it('keeps 30 September 23:30 Shanghai in the third', () => {
    expect(quarterOf(new Date('2026-09-30T15:30:00Z')).label).toBe('2026年第3季度')
  })
})
