/**
 * The functions' clock. On CloudBase it is the system's. On the local cloud in dev mode a test may
 * stop it at an instant (`POST /dev/clock`, which sets LINLI_CLOCK in the function thread), so that
 * a rule with a time window (the SOS 10 s cancel, "today" in Shanghai) is tested at a frozen instant
 * instead of racing the wall clock on a busy machine. LINLI_CLOCK is honoured only offline
 * (LINLI_OFFLINE=1, set by the local cloud's runtime environment, src/local-cloud/env.ts), so a
 * stray variable in a real deployment can never stop production's clock.
 */
import type { Clock } from '../core/shared/clock'

export const CLOCK_ENV = 'LINLI_CLOCK'

export const serverClock: Clock = {
  now: () => frozenAt() ?? new Date()
}

function frozenAt(): Date | null {
  if (process.env.LINLI_OFFLINE !== '1') return null
  const at = process.env[CLOCK_ENV]
  if (!at) return null
  const t = Date.parse(at)
  return Number.isNaN(t) ? null : new Date(t)
}
