import { canHold, isLateWithdrawal, liveHolds, overlaps } from './overlap.rule'

const at = (s: string): Date => new Date(s)
const hold = (claimId: string, start: string, end: string) => ({
  claimId,
  taskId: claimId.split(':')[0],
  startAt: at(start),
  endAt: at(end)
})

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
    expect(canHold(held, hold('t1:v1', '2026-11-24T01:00:00Z', '2026-11-24T02:00:00Z'))).toEqual({
      ok: false,
      reason: 'ALREADY_CLAIMED'
    })
    expect(canHold(held, hold('t2:v1', '2026-11-23T02:00:00Z', '2026-11-23T04:00:00Z'))).toMatchObject({
      ok: false,
      reason: 'TIME_CONFLICT'
    })
    expect(canHold(held, hold('t3:v1', '2026-11-23T03:00:00Z', '2026-11-23T04:00:00Z'))).toEqual({ ok: true })
  })

  it('drops holds of tasks already over', () => {
    const held = [
      hold('a:v', '2026-11-20T01:00:00Z', '2026-11-20T02:00:00Z'),
      hold('b:v', '2026-11-23T01:00:00Z', '2026-11-23T02:00:00Z')
    ]
    expect(liveHolds(held, at('2026-11-22T00:00:00Z')).map(h => h.claimId)).toEqual(['b:v'])
  })

  it('calls a withdrawal late inside the cutoff', () => {
    const start = at('2026-11-25T01:00:00Z')
    expect(isLateWithdrawal(start, 24, at('2026-11-24T00:59:00Z'))).toBe(false)
    expect(isLateWithdrawal(start, 24, at('2026-11-24T01:00:01Z'))).toBe(true)
  })
})
