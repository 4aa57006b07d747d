/**
 * The database service of the local CloudBase. `openDb` opens (or creates) the SQLite file under
 * `opts.dir`, creates the declared collections and applies their indexes, synchronously.
 */
import type { DbOptions, DbService } from '../contracts'
import { DbServiceImpl, type ServiceOptions } from './db-service'
import { SqliteStore } from './sqlite-store'

/** Defaults: MongoDB aborts a transaction after 60 s; a plain write waits up to 5 s for a lock. */
const defaults: ServiceOptions = { txTimeoutMs: 60_000, lockWaitMs: 5_000 }

export function openDb(opts: DbOptions & Partial<ServiceOptions>): DbService {
  const store = new SqliteStore(opts.dir)
  try {
    for (const spec of opts.collections) store.declareCollection(spec.name, spec.indexes)
  } catch (err) {
    store.close()
    throw err
  }
  return new DbServiceImpl(store, {
    txTimeoutMs: opts.txTimeoutMs ?? defaults.txTimeoutMs,
    lockWaitMs: opts.lockWaitMs ?? defaults.lockWaitMs
  })
}
