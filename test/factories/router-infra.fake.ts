/**
 * Fakes for the router's infrastructure: users by OPENID, an idempotency store with the same
 * atomic insert-if-absent semantics as the database, a log that keeps its lines, a fixed clock.
 */
import type { Role } from '../../src/core/community/roles'
import { fixedClock } from '../../src/core/shared/clock'
import type { WireResponse } from '../../src/core/shared/wire'
import type { IdempotencyRecord, IdempotencyStore } from '../../src/server/idempotency'
import { outcomeOf } from '../../src/server/idempotency'
import type { RouterInfra } from '../../src/server/router'
import { callerFrom } from '../../src/server/community/user.repository'

export interface FakeInfra extends RouterInfra {
  lines: Array<Record<string, unknown>>
  records: Map<string, IdempotencyRecord>
  /** Writes the idempotency store accepted (claims, completions, releases). */
  writes: number
}

export function fakeInfra (users: Record<string, Role[]> = {}, overrides: Partial<RouterInfra> = {}): FakeInfra {
  const records = new Map<string, IdempotencyRecord>()
  const lines: Array<Record<string, unknown>> = []
  const infra: FakeInfra = {
    lines,
    records,
    writes: 0,
    loadCaller: async (openId) => {
      const roles = users[openId]
      return callerFrom(openId, roles
        ? { _id: openId, name: `用户${openId}`, roles, phone: null, memberId: null, householdId: null, gridId: null, createdAt: new Date(0) }
        : null)
    },
    idempotency: memoryIdempotency(records, () => { infra.writes++ }),
    clock: fixedClock('2025-06-01T08:00:00Z'),
    log: line => { lines.push(line) },
    openIdOf: (event) => {
      const id = (event.userInfo as { openId?: unknown } | undefined)?.openId
      return typeof id === 'string' ? id : null
    },
    waitForFirstMs: 1000,
    staleClaimMs: 60_000,
    ...overrides
  }
  return infra
}

/** The event shape the platform delivers: the client's data plus `userInfo`. */
export function eventAs (openId: string | null, data: Record<string, unknown>): Record<string, unknown> {
  return openId ? { ...data, userInfo: { openId, appId: 'wx-test' } } : { ...data }
}

function memoryIdempotency (records: Map<string, IdempotencyRecord>, wrote: () => void): IdempotencyStore {
  return {
    async claim (key, fingerprint, now, staleMs) {
      await Promise.resolve() // a real store answers asynchronously; let concurrent calls interleave
      const existing = records.get(key)
      if (!existing) {
        records.set(key, { _id: key, state: 'pending', fingerprint, startedAt: now })
        wrote()
        return { kind: 'claimed' }
      }
      const outcome = outcomeOf(existing, fingerprint)
      if (outcome.kind === 'pending' && now.getTime() - existing.startedAt.getTime() >= staleMs) {
        existing.startedAt = now
        wrote()
        return { kind: 'claimed' }
      }
      return outcome
    },
    async peek (key, fingerprint) {
      const existing = records.get(key)
      return existing ? outcomeOf(existing, fingerprint) : { kind: 'pending' }
    },
    async complete (key, response: WireResponse<unknown>, now) {
      const existing = records.get(key)
      if (existing) Object.assign(existing, { state: 'done', response, finishedAt: now })
      wrote()
    },
    async release (key) {
      records.delete(key)
      wrote()
    }
  }
}
