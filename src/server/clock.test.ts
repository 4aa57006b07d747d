import { CLOCK_ENV, serverClock } from './clock'

describe('serverClock', () => {
  const saved = { offline: process.env.LINLI_OFFLINE, clock: process.env[CLOCK_ENV] }
  afterEach(() => {
    for (const [k, v] of [
      ['LINLI_OFFLINE', saved.offline],
      [CLOCK_ENV, saved.clock]
    ] as const) {
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
    }
  })

  it('stops at LINLI_CLOCK on the local cloud', () => {
    process.env.LINLI_OFFLINE = '1'
    process.env[CLOCK_ENV] = '2026-01-04T17:59:59.000Z'
    expect(serverClock.now()).toEqual(new Date('2026-01-04T17:59:59.000Z'))
  })

  it('ignores LINLI_CLOCK on CloudBase (not offline), and a value that is no instant', () => {
    process.env[CLOCK_ENV] = '2026-01-04T17:59:59.000Z'
    delete process.env.LINLI_OFFLINE
    expect(serverClock.now().getTime()).toBeGreaterThan(Date.parse('2026-01-05T00:00:00Z'))
    process.env.LINLI_OFFLINE = '1'
    process.env[CLOCK_ENV] = 'soon'
    expect(Number.isNaN(serverClock.now().getTime())).toBe(false)
  })
})
