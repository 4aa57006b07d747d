/**
 * Transactions, CloudBase style: single-document operations only (doc get/set/update/remove and
 * add), snapshot reads, write locks, and a conflict error that the SDK's runTransaction retries.
 *
 * A transaction keeps everything in memory until commit:
 * - `base`: the committed version and body of each document it touched, taken at first access, so
 *   its reads are repeatable and commit can tell whether someone else wrote the document since;
 * - `writes`: its own new bodies (null = removed), which only it can see.
 * Writing a document takes a lock on it. Another transaction that wants the same document fails
 * at once with DATABASE_TRANSACTION_CONFLICT (and is aborted, because the SDK's retry starts a new
 * transaction without rolling the failed one back); a plain write waits for the lock to go away
 * (see db-service.ts). Commit re-checks every written document's version and applies all writes
 * in one SQLite transaction. Transactions left open are aborted after `ttlMs` of inactivity.
 */
import { randomBytes } from 'node:crypto'
import { DbError, conflict } from './errors'
import type { Doc } from './ejson'
import type { DocId } from './indexes'

export const docKey = (coll: string, id: DocId): string => `${coll}\u0000${typeof id}\u0000${id}`

export interface BaseEntry {
  coll: string
  id: DocId
  ver: number
  doc: Doc | null
}
export interface WriteEntry {
  coll: string
  id: DocId
  doc: Doc | null
}

export class Tx {
  readonly id = randomBytes(16).toString('hex')
  lastUsed = Date.now()
  readonly base = new Map<string, BaseEntry>()
  readonly writes = new Map<string, WriteEntry>()
  readonly locked = new Set<string>()
  readonly done: Promise<void>
  private resolveDone!: () => void

  constructor() {
    this.done = new Promise(resolve => {
      this.resolveDone = resolve
    })
  }

  /** @internal called by the manager when the transaction ends. */
  settle(): void {
    this.resolveDone()
  }
}

export class TxManager {
  private readonly txs = new Map<string, Tx>()
  private readonly locks = new Map<string, Tx>()
  private readonly timer: NodeJS.Timeout

  constructor(private readonly ttlMs: number) {
    this.timer = setInterval(() => this.expire(Date.now()), Math.min(1000, ttlMs))
    this.timer.unref()
  }

  start(): Tx {
    const tx = new Tx()
    this.txs.set(tx.id, tx)
    return tx
  }

  /** The live transaction `id`; an ended, expired or unknown one is an error. */
  get(id: unknown): Tx {
    const tx = typeof id === 'string' ? this.txs.get(id) : undefined
    if (!tx) throw new DbError('DATABASE_TRANSACTION_FAIL', 'transaction does not exist, has ended or has expired')
    tx.lastUsed = Date.now()
    return tx
  }

  lockedBy(key: string): Tx | undefined {
    return this.locks.get(key)
  }

  /** Takes the write lock of `key` for `tx`, or aborts `tx` with a conflict. */
  lock(tx: Tx, key: string): void {
    const owner = this.locks.get(key)
    if (owner && owner !== tx) {
      this.end(tx)
      throw conflict('the document is being written by another transaction')
    }
    this.locks.set(key, tx)
    tx.locked.add(key)
  }

  /** Ends a transaction (commit or abort): releases its locks and wakes waiting writers. */
  end(tx: Tx): void {
    if (!this.txs.delete(tx.id)) return
    for (const key of tx.locked) if (this.locks.get(key) === tx) this.locks.delete(key)
    tx.settle()
  }

  expire(now: number): void {
    for (const tx of [...this.txs.values()]) if (now - tx.lastUsed > this.ttlMs) this.end(tx)
  }

  close(): void {
    clearInterval(this.timer)
    for (const tx of [...this.txs.values()]) this.end(tx)
  }
}
