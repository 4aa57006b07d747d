import { checkinCodes, codeFor, digitsOf, WINDOW_SECONDS } from './checkin-codes.service'

const secret = async (): Promise<string> => 'test-secret'
const at = (iso: string): Date => new Date(iso)

describe('rotating check-in codes', () => {
  const codes = checkinCodes(secret)

  it('gives six digits that change every 30-second window and differ per task', async () => {
    const a = await codes.current('task-1', at('2026-11-23T01:00:00Z'))
    const b = await codes.current('task-1', at('2026-11-23T01:00:29Z'))
    const c = await codes.current('task-1', at('2026-11-23T01:00:30Z'))
    const other = await codes.current('task-2', at('2026-11-23T01:00:00Z'))
    expect(a.code).toMatch(/^\d{6}$/)
    expect(b.code).toBe(a.code)
    expect(c.code).not.toBe(a.code)
    expect(other.code).not.toBe(a.code)
    expect(a.qrText).toBe(`linli-vol:task-1:${a.code}`)
    expect(a.validUntil.toISOString()).toBe('2026-11-23T01:00:30.000Z')
    expect(a.windowSeconds).toBe(WINDOW_SECONDS)
  })

  it('accepts the current and the previous window, typed or scanned, and nothing older', async () => {
    const shown = await codes.current('task-1', at('2026-11-23T01:00:10Z'))
    expect(await codes.accepts('task-1', shown.code, at('2026-11-23T01:00:20Z'))).toBe(true)
    expect(await codes.accepts('task-1', ` ${shown.qrText} `, at('2026-11-23T01:00:45Z'))).toBe(true)
    expect(await codes.accepts('task-1', shown.code, at('2026-11-23T01:01:00Z'))).toBe(false)
    expect(await codes.accepts('task-2', shown.code, at('2026-11-23T01:00:20Z'))).toBe(false)
    expect(await codes.accepts('task-2', shown.qrText, at('2026-11-23T01:00:20Z'))).toBe(false)
  })

  it('needs the secret: another secret makes other codes', () => {
    expect(codeFor('test-secret', 'task-1', 1000)).not.toBe(codeFor('other-secret', 'task-1', 1000))
  })

  it('reads only six digits or the QR text of this task', () => {
    expect(digitsOf('t', '123456')).toBe('123456')
    expect(digitsOf('t', 'linli-vol:t:123456')).toBe('123456')
    expect(digitsOf('t', 'linli-vol:u:123456')).toBeNull()
    expect(digitsOf('t', '12345')).toBeNull()
    expect(digitsOf('t', 'abcdef')).toBeNull()
  })
})
