import { heedsMutes, isMuted } from './mutes.rule'

describe('mutes (消息设置)', () => {
  const muted = ['classes']
  const termOpen = { kind: 'classes.term-open' }

  it('holds back an unasked notice of a muted topic, and only of a muted topic', () => {
    expect(isMuted(termOpen, muted)).toBe(true)
    expect(isMuted({ kind: 'volunteers.task-open' }, muted)).toBe(false)
    expect(isMuted(termOpen, null)).toBe(false)
  })

  it("never holds back an SOS, a must-reach notice, or the answer to the person's own tap", () => {
    expect(isMuted({ ...termOpen, urgent: true }, muted)).toBe(false)
    expect(isMuted({ ...termOpen, mustReachBy: new Date('2026-11-24T08:00:00Z') }, muted)).toBe(false)
    expect(isMuted({ kind: 'classes.enrolled', reply: true }, muted)).toBe(false)
  })

  it('reads the preferences only for notices they can hold back', () => {
    expect(heedsMutes({})).toBe(true)
    expect(heedsMutes({ reply: false, urgent: false })).toBe(true)
    expect(heedsMutes({ reply: true })).toBe(false)
    expect(heedsMutes({ urgent: true })).toBe(false)
    expect(heedsMutes({ mustReachBy: new Date('2026-11-24T08:00:00Z') })).toBe(false)
  })
})
