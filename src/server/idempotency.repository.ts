/** The `idempotency` collection behind IdempotencyStore (see idempotency.ts for the race). */
import type { Db } from './db/client'
import { deletedOf, getById, insertIfAbsent, updatedOf } from './db/client'
import type { IdempotencyRecord, IdempotencyStore } from './idempotency'
import { abandoned, newRecord, outcomeOf, sweepBefore } from './idempotency'

const COLLECTION = 'idempotency'

export function idempotencyRepository(db: Db): IdempotencyStore {
  const coll = db.collection(COLLECTION)
  const _ = db.command

  async function read(key: string): Promise<IdempotencyRecord | null> {
    return await getById<IdempotencyRecord>(db, COLLECTION, key)
  }

  return {
    async claim(request) {
      const record = newRecord(request)
      if (await insertIfAbsent(db, COLLECTION, { ...record })) return { kind: 'claimed', startedAt: record.startedAt }
      const existing = await read(request.key)
      if (!existing) return { kind: 'pending' } // removed between our insert and read: the client asks again
      const outcome = outcomeOf(existing, request.fingerprint)
      if (outcome.kind !== 'pending' || !abandoned(existing, request.now)) return outcome
      // The owner has surely ended. Take over only if nobody else did: the condition is the
      // startedAt we read, which a winning takeover changes, so of simultaneous retries one wins.
      const res = await coll
        .where({ _id: request.key, state: 'pending', startedAt: existing.startedAt })
        .update({ startedAt: record.startedAt, takeoverAt: record.takeoverAt })
      return updatedOf(res) === 1 ? { kind: 'claimed', startedAt: record.startedAt } : { kind: 'pending' }
    },

    async peek(key, fingerprint) {
      const existing = await read(key)
      return existing ? outcomeOf(existing, fingerprint) : { kind: 'pending' }
    },

    // Both conditional on our startedAt: a late owner must not overwrite or drop the claim of
    // the retry that took over from it.
    async complete(key, startedAt, response, now) {
      await coll.where({ _id: key, state: 'pending', startedAt }).update({ state: 'done', response, finishedAt: now })
    },

    async release(key, startedAt) {
      await coll.where({ _id: key, state: 'pending', startedAt }).remove()
    },

    async sweep(now) {
      return deletedOf(await coll.where({ startedAt: _.lt(sweepBefore(now)) }).remove())
    }
  }
}
