import { maxAttempts, nextStep, permissionBackoffMinutes } from './delivery.rule'

const now = new Date('2026-11-24T02:00:00Z')
const minutesLater = (m: number): Date => new Date(now.getTime() + m * 60_000)

describe('after a send attempt', () => {
  it('marks a delivered message sent', () => {
    expect(nextStep({ ok: true }, 1, now)).toEqual({ status: 'sent' })
  })

  it('zeroes the grant when WeChat says the user is not subscribed (43101)', () => {
    expect(nextStep({ ok: false, errcode: 43101 }, 1, now)).toEqual({ status: 'no_grant', zeroGrant: true })
  })

  it('retries "system busy" after 1, 5 and 30 minutes, then gives up', () => {
    const busy = { ok: false as const, errcode: -1 }
    expect(nextStep(busy, 1, now)).toEqual({ status: 'pending', retryAt: minutesLater(1) })
    expect(nextStep(busy, 2, now)).toEqual({ status: 'pending', retryAt: minutesLater(5) })
    expect(nextStep(busy, 3, now)).toEqual({ status: 'pending', retryAt: minutesLater(30) })
    expect(nextStep(busy, maxAttempts, now)).toEqual({ status: 'failed' })
  })

  it('waits out -604101 (the API permission of a fresh upload not there yet) for about an hour, then gives up', () => {
    const notYet = { ok: false as const, errcode: -604101 }
    const waits = permissionBackoffMinutes.map((_, i) => nextStep(notYet, i + 1, now))
    expect(
      waits.map(w => (w.status === 'pending' ? (w.retryAt.getTime() - now.getTime()) / 60_000 : w.status))
    ).toEqual([1, 2, 5, 10, 15, 30])
    expect(nextStep(notYet, permissionBackoffMinutes.length + 1, now)).toEqual({ status: 'failed' })
  })

  it('never retries an attempt whose outcome is unknown, so nobody gets it twice', () => {
    expect(nextStep({ ok: false, unknown: true }, 1, now)).toEqual({ status: 'unknown' })
  })

  it('does not retry a message WeChat rejected (bad field, template or page)', () => {
    for (const errcode of [47003, 40037, 41030]) {
      expect(nextStep({ ok: false, errcode }, 1, now)).toEqual({ status: 'rejected' })
    }
  })
})
