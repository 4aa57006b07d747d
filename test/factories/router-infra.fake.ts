/**
 * Fakes for the router's infrastructure: users by OPENID, an idempotency store with the same
 * atomic insert-if-absent semantics as the database, a log that keeps its lines, a fixed clock.
 */
import type { Role } from '../../src/core/community/roles'
import { fixedClock } from '../../src/core/shared/clock'
import type { WireResponse } from '../../src/core/shared/wire'
import type { IdempotencyRecord, IdempotencyStore } from '../../src/server/idempotency'
import { abandoned, newRecord, outcomeOf, sweepBefore } from '../../src/server/idempotency'
import type { RouterInfra } from '../../src/server/router'
import { callerFrom } from '../../src/server/community/user.repository'

export interface FakeInfra extends RouterInfra {
  clock: ReturnType<typeof fixedClock>
  lines: Array<Record<string, unknown>>
  records: Map<string, IdempotencyRecord>
  /** Writes the idempotency store accepted (claims, completions, releases). */
  writes: number
}

export function fakeInfra(
  users: Record<string, Role[]> = {},
  overrides: Partial<Omit<RouterInfra, 'clock'>> = {}
): FakeInfra {
  const records = new Map<string, IdempotencyRecord>()
  const lines: Array<Record<string, unknown>> = []
  const infra: FakeInfra = {
    lines,
    records,
    writes: 0,
    loadCaller: async openId => {
      const roles = users[openId]
      return callerFrom(
        openId,
        roles
          ? {
              _id: openId,
              name: `用户${openId}`,
              roles,
              phone: null,
              memberId: null,
              householdId: null,
              gridId: null,
              createdAt: new Date(0)
            }
          : null
      )
    },
    idempotency: memoryIdempotency(records, () => {
      infra.writes++
    }),
    clock: fixedClock('2025-06-01T08:00:00Z'),
    log: line => {
      lines.push(line)
    },
    openIdOf: event => {
      const id = (event.userInfo as { openId?: unknown } | undefined)?.openId
      return typeof id === 'string' ? id : null
    },
    waitForFirstMs: 1000,
    defaultTimeLimitMs: 3000,
    takeoverMarginMs: 1000,
    ...overrides
  }
  return infra
}

/** The event shape the platform delivers: the client's data plus `userInfo`. */
export function eventAs(openId: string | null, data: Record<string, unknown>): Record<string, unknown> {
  return openId ? { ...data, userInfo: { openId, appId: 'wx-test' } } : { ...data }
}

function memoryIdempotency(records: Map<string, IdempotencyRecord>, wrote: () => void): IdempotencyStore {
  const mine = (key: string, startedAt: Date): IdempotencyRecord | undefined => {
    const existing = records.get(key)
    return existing?.state === 'pending' && existing.startedAt.getTime() === startedAt.getTime() ? existing : undefined
  }
  return {
    async claim(request) {
      await Promise.resolve() // a real store answers asynchronously; let concurrent calls interleave
      const existing = records.get(request.key)
      const record = newRecord(request)
      if (!existing) {
        records.set(request.key, record)
        wrote()
        return { kind: 'claimed', startedAt: record.startedAt }
      }
      const outcome = outcomeOf(existing, request.fingerprint)
      if (outcome.kind === 'pending' && abandoned(existing, request.now)) {
        Object.assign(existing, { startedAt: record.startedAt, takeoverAt: record.takeoverAt })
        wrote()
        return { kind: 'claimed', startedAt: record.startedAt }
      }
      return outcome
    },
    async peek(key, fingerprint) {
      const existing = records.get(key)
      return existing ? outcomeOf(existing, fingerprint) : { kind: 'pending' }
    },
    async complete(key, startedAt, response: WireResponse<unknown>, now) {
      const existing = mine(key, startedAt)
      if (existing) Object.assign(existing, { state: 'done', response, finishedAt: now })
      wrote()
    },
    async release(key, startedAt) {
      if (mine(key, startedAt)) records.delete(key)
      wrote()
    },
    async sweep(now) {
      const old = [...records.values()].filter(r => r.startedAt < sweepBefore(now))
      for (const r of old) records.delete(r._id)
      return old.length
    }
  }
}
