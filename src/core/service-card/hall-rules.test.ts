import { addWorkingDays, bucketsOf, canCancel, checkInOpen, isStale, lockIdsOf } from './hall-rules'

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
    const s = at('2026-11-24T01:00:00Z'); const e = at('2026-11-24T01:15:00Z')
    expect(lockIdsOf('o-a', s, e)).not.toEqual(lockIdsOf('o-b', s, e))
    expect(lockIdsOf('o-a', s, e)[0]).toMatch(/^o-a@\d+$/)
  })

  it('closes online cancelling 2 hours before the start', () => {
    const start = at('2026-11-24T06:00:00Z')
    expect(canCancel(start, at('2026-11-24T04:00:00Z'))).toBe(true)
    expect(canCancel(start, at('2026-11-24T04:00:01Z'))).toBe(false)
  })

  it('opens check-in 30 minutes before the start until the end', () => {
    const s = at('2026-11-24T06:00:00Z'); const e = at('2026-11-24T06:30:00Z')
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
