import { offerDeadline } from './offer.rule'

describe('waitlist offer deadline', () => {
  it('runs 12 hours from the offer in the day, and from 08:00 when the offer is made at night', () => {
    // Beijing 15:00 → 03:00 next day; 23:00 → counted from 08:00 → 20:00 next day; 06:00 → 20:00 same day.
    expect(offerDeadline(new Date('2026-11-24T07:00:00Z'), 12).toISOString()).toBe('2026-11-24T19:00:00.000Z')
    expect(offerDeadline(new Date('2026-11-24T15:00:00Z'), 12).toISOString()).toBe('2026-11-25T12:00:00.000Z')
    expect(offerDeadline(new Date('2026-11-24T22:00:00Z'), 12).toISOString()).toBe('2026-11-25T12:00:00.000Z')
  })
})
