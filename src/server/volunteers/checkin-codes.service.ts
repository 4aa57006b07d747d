/**
 * Rotating check-in codes. The organiser's screen shows a code that changes every 30 s: six
 * digits from an HMAC-SHA256 of `${taskId}|${window}` with a server secret (the window is the
 * 30-second step since the epoch), HOTP-style truncation. The volunteer's app sends what it
 * scanned (or what was typed); the current and the previous window are accepted, so a code read
 * just before it changes still works. Without the secret a code can't be made, and one seen
 * yesterday (or sent from home) is long expired.
 *
 * The secret: `LINLI_VOLUNTEERS_QR_SECRET` when set; else one random secret stored once in
 * `vol_secrets` (insert-if-absent, so every function instance uses the same one).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { CheckinCodes } from '../../core/volunteers/volunteers.ports'
import type { Db } from '../db/client'
import { getById, insertIfAbsent } from '../db/client'

export const WINDOW_SECONDS = 30
const QR_PREFIX = 'linli-vol'

export function codeFor(secret: string, taskId: string, window: number): string {
  const mac = createHmac('sha256', secret).update(`${taskId}|${window}`).digest()
  const offset = mac[mac.length - 1] & 0x0f
  const n = ((mac[offset] & 0x7f) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3]
  return String(n % 1_000_000).padStart(6, '0')
}

export const windowOf = (at: Date): number => Math.floor(at.getTime() / 1000 / WINDOW_SECONDS)

/** The 6 digits in what was scanned: the whole QR text for this task, or the digits alone. */
export function digitsOf(taskId: string, scanned: string): string | null {
  const s = scanned.trim()
  if (/^\d{6}$/.test(s)) return s
  const m = /^linli-vol:(.+):(\d{6})$/.exec(s)
  return m && m[1] === taskId ? m[2] : null
}

const same = (a: string, b: string): boolean => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b))

export function checkinCodes(secret: () => Promise<string>): CheckinCodes {
  return {
    async current(taskId, at) {
      const w = windowOf(at)
      const code = codeFor(await secret(), taskId, w)
      return {
        code,
        qrText: `${QR_PREFIX}:${taskId}:${code}`,
        validUntil: new Date((w + 1) * WINDOW_SECONDS * 1000),
        windowSeconds: WINDOW_SECONDS
      }
    },
    async accepts(taskId, scanned, at) {
      const digits = digitsOf(taskId, scanned)
      if (!digits) return false
      const key = await secret()
      const w = windowOf(at)
      return [w, w - 1].some(x => same(codeFor(key, taskId, x), digits))
    }
  }
}

/** The secret from the environment, or the one stored in the database (created once). */
export function storedSecret(db: Db): () => Promise<string> {
  let cached: string | null = process.env.LINLI_VOLUNTEERS_QR_SECRET ?? null
  return async () => {
    if (cached) return cached
    await insertIfAbsent(db, 'vol_secrets', {
      _id: 'checkin-hmac',
      secret: randomBytes(32).toString('hex')
    })
    const doc = await getById<{ secret: string }>(db, 'vol_secrets', 'checkin-hmac')
    if (!doc?.secret) throw new Error('check-in secret missing')
    cached = doc.secret
    return cached
  }
}
