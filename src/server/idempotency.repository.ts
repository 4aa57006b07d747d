/** The `idempotency` collection behind IdempotencyStore (see idempotency.ts for the race). */
import type { Db } from './db/client'
import { getById, insertIfAbsent } from './db/client'
import type { IdempotencyRecord, IdempotencyStore } from './idempotency'
import { outcomeOf } from './idempotency'

const COLLECTION = 'idempotency'

export function idempotencyRepository (db: Db): IdempotencyStore {
  const coll = db.collection(COLLECTION)

  async function read (key: string): Promise<IdempotencyRecord | null> {
    return await getById<IdempotencyRecord>(db, COLLECTION, key)
  }

  return {
    async claim (key, fingerprint, now, staleMs) {
      const record: IdempotencyRecord = { _id: key, state: 'pending', fingerprint, startedAt: now }
      if (await insertIfAbsent(db, COLLECTION, { ...record })) return { kind: 'claimed' }
      const existing = await read(key)
      if (!existing) return { kind: 'pending' } // removed between our insert and read: let the caller wait/retry
      const outcome = outcomeOf(existing, fingerprint)
      if (outcome.kind !== 'pending' || now.getTime() - new Date(existing.startedAt).getTime() < staleMs) return outcome
      // Stale claim: take it over only if nobody else did (startedAt still the one we read).
      const res = await coll.where({ _id: key, state: 'pending', startedAt: existing.startedAt }).update({ startedAt: now })
      return Number((res as { updated?: number }).updated) === 1 ? { kind: 'claimed' } : { kind: 'pending' }
    },

    async peek (key, fingerprint) {
      const existing = await read(key)
      return existing ? outcomeOf(existing, fingerprint) : { kind: 'pending' }
    },

    async complete (key, response, now) {
      await coll.doc(key).update({ state: 'done', response, finishedAt: now })
    },

    async release (key) {
      await coll.doc(key).remove()
    }
  }
}
