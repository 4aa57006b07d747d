import {
  addWorkingDays,
  bucketsOf,
  canCancel,
  checkInOpen,
  isStale,
  lockIdsOf,
  openingSpans,
  windowOf,
  withinHours
} from './hall.rule'

const at = (s: string): Date => new Date(s)

describe('hall rules', () => {
  it('cuts a slot into 15-minute buckets; back-to-back slots share none, overlapping ones do', () => {
    const a = bucketsOf(at('2026-11-24T01:00:00Z'), at('2026-11-24T01:30:00Z'))
    const next = bucketsOf(at('2026-11-24T01:30:00Z'), at('2026-11-24T02:00:00Z'))
    const overlapping = bucketsOf(at('2026-11-24T01:15:00Z'), at('2026-11-24T01:45:00Z'))
    expect(a).toHaveLength(2)
    expect(a.filter(b => next.includes(b))).toEqual([])
    expect(a.filter(b => overlapping.includes(b))).toHaveLength(1)
  })

  it('names locks per resident, so two residents never contend', () => {
    const s = at('2026-11-24T01:00:00Z')
    const e = at('2026-11-24T01:15:00Z')
    expect(lockIdsOf('o-a', s, e)).not.toEqual(lockIdsOf('o-b', s, e))
    expect(lockIdsOf('o-a', s, e)[0]).toMatch(/^o-a@\d+$/)
  })

  it('closes online cancelling 2 hours before the start', () => {
    const start = at('2026-11-24T06:00:00Z')
    expect(canCancel(start, at('2026-11-24T04:00:00Z'))).toBe(true)
    expect(canCancel(start, at('2026-11-24T04:00:01Z'))).toBe(false)
  })

  it('opens check-in 30 minutes before the start until the end', () => {
    const s = at('2026-11-24T06:00:00Z')
    const e = at('2026-11-24T06:30:00Z')
    expect(checkInOpen(s, e, at('2026-11-24T05:29:59Z'))).toBe(false)
    expect(checkInOpen(s, e, at('2026-11-24T05:30:00Z'))).toBe(true)
    expect(checkInOpen(s, e, at('2026-11-24T06:30:01Z'))).toBe(false)
  })

  it('calls an item stale after 90 days without verification', () => {
    const now = at('2026-11-24T00:00:00Z')
    expect(isStale(at('2026-08-26T00:00:00Z'), now)).toBe(false)
    expect(isStale(at('2026-08-25T23:59:00Z'), now)).toBe(true)
  })

  it('counts time limits in working days on the community clock, skipping the weekend', () => {
    // Friday 10:00 in Shanghai + 1 working day = Monday 10:00
    expect(addWorkingDays(at('2026-11-27T02:00:00Z'), 1).toISOString()).toBe('2026-11-30T02:00:00.000Z')
    // Friday 23:30 in Shanghai (15:30 UTC) is still Friday there: + 1 = Monday
    expect(addWorkingDays(at('2026-11-27T15:30:00Z'), 1).toISOString()).toBe('2026-11-30T15:30:00.000Z')
  })
})

describe("an item's window and hours", () => {
  it('reads the window from the place', () => {
    expect(windowOf('一站式服务大厅 1号窗口')).toBe('1号窗口')
    expect(windowOf('社区活动中心')).toBeNull()
  })

  it('reads hours as people write them, and gives up (null) on what it cannot read', () => {
    expect(openingSpans('周一至周五 9:00–17:00，周六 9:00–12:00')).toEqual([
      { days: [1, 2, 3, 4, 5], open: '09:00', close: '17:00' },
      { days: [6], open: '09:00', close: '12:00' }
    ])
    expect(openingSpans('每天 8:00–18:00')).toEqual([{ days: [0, 1, 2, 3, 4, 5, 6], open: '08:00', close: '18:00' }])
    expect(openingSpans('工作日 8:30-17:30')).toEqual([{ days: [1, 2, 3, 4, 5], open: '08:30', close: '17:30' }])
    expect(openingSpans('周一至周日 9:00-11:00')?.[0].days).toEqual([1, 2, 3, 4, 5, 6, 0])
    expect(openingSpans('请电话预约')).toBeNull()
  })

  it('fits a slot inside the hours, refusing Saturday afternoon, Sunday and a slot running past closing', () => {
    const hours = '周一至周五 9:00–17:00，周六 9:00–12:00'
    // Shanghai = UTC+8: 2026-11-24 is a Tuesday, 11-28 a Saturday, 11-29 a Sunday.
    const slot = (iso: string, minutes = 30): [Date, Date] => [at(iso), new Date(at(iso).getTime() + minutes * 60_000)]
    expect(withinHours(hours, ...slot('2026-11-24T01:00:00Z'))).toBe(true) // Tue 09:00
    expect(withinHours(hours, ...slot('2026-11-24T08:30:00Z'))).toBe(true) // Tue 16:30–17:00
    expect(withinHours(hours, ...slot('2026-11-24T08:45:00Z'))).toBe(false) // Tue 16:45–17:15
    expect(withinHours(hours, ...slot('2026-11-24T00:30:00Z'))).toBe(false) // Tue 08:30
    expect(withinHours(hours, ...slot('2026-11-28T02:00:00Z'))).toBe(true) // Sat 10:00
    expect(withinHours(hours, ...slot('2026-11-28T06:30:00Z'))).toBe(false) // Sat 14:30
    expect(withinHours(hours, ...slot('2026-11-29T02:00:00Z'))).toBe(false) // Sun 10:00
    expect(withinHours('请电话预约', ...slot('2026-11-29T02:00:00Z'))).toBe(true)
  })
})
