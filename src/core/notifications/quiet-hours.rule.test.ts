import { inQuietHours, pushNotBefore } from './quiet-hours.rule'

// Instants are written in Beijing time (+08:00) so the table reads like the rule.
describe('quiet hours 21:00–08:00 Beijing time', () => {
  it.each([
    ['2026-11-23T20:59:59+08:00', false],
    ['2026-11-23T21:00:00+08:00', true],
    ['2026-11-23T23:30:00+08:00', true],
    ['2026-11-24T00:00:00+08:00', true],
    ['2026-11-24T07:59:59+08:00', true],
    ['2026-11-24T08:00:00+08:00', false],
    ['2026-11-24T12:00:00+08:00', false]
  ])('%s quiet: %s', (at, quiet) => {
    expect(inQuietHours(new Date(at))).toBe(quiet)
  })

  it('holds an evening push until 08:00 the next morning', () => {
    expect(pushNotBefore(new Date('2026-11-23T22:15:00+08:00'), false).toISOString()).toBe(
      new Date('2026-11-24T08:00:00+08:00').toISOString()
    )
  })

  it('holds an early-morning push until 08:00 the same day', () => {
    expect(pushNotBefore(new Date('2026-11-24T06:00:00+08:00'), false).toISOString()).toBe(
      new Date('2026-11-24T08:00:00+08:00').toISOString()
    )
  })

  it('sends daytime pushes and urgent ones (SOS) at once', () => {
    const day = new Date('2026-11-24T10:00:00+08:00')
    const night = new Date('2026-11-24T02:00:00+08:00')
    expect(pushNotBefore(day, false)).toEqual(day)
    expect(pushNotBefore(night, true)).toEqual(night)
  })
})
