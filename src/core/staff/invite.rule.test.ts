import { CODE_ALPHABET, codeFrom, inviteState, normaliseCode } from './invite.rule'

describe('invite codes', () => {
  it('makes 8 characters from the unambiguous alphabet', () => {
    const code = codeFrom([0, 1, 2, 3, 4, 5, 6, 4294967295])
    expect(code).toHaveLength(8)
    expect([...code].every(c => CODE_ALPHABET.includes(c))).toBe(true)
    expect(code).not.toMatch(/[01OIL]/)
  })

  it('reads what people type', () => {
    expect(normaliseCode(' abcd-efgh ')).toBe('ABCDEFGH')
  })

  it('is usable until it expires or is used', () => {
    const expiresAt = new Date('2026-01-08T00:00:00Z')
    expect(inviteState({ usedBy: null, expiresAt }, new Date('2026-01-07T23:59:59Z'))).toBe('usable')
    expect(inviteState({ usedBy: null, expiresAt }, new Date('2026-01-08T00:00:00Z'))).toBe('expired')
    expect(inviteState({ usedBy: 'o-1', expiresAt }, new Date('2026-01-01T00:00:00Z'))).toBe('used')
  })
})
