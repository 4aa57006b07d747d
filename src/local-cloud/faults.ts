/**
 * Fault injection (`LINLI_FAULTS`): SQLite on one machine never fails between two writes,
 * CloudBase does, so the local cloud can be told to fail like it.
 *
 *   LINLI_FAULTS=db=0.05,timeout=0.01   5% of database requests fail, 1% of function calls are
 *                                       cut off at their timeout
 *   LINLI_FAULTS_SEED=1234              replay the same draws (else a seed is drawn and printed)
 *
 * A failed database request answers what CloudBase answers: HTTP 200 with
 * `{ code: 'DATABASE_REQUEST_FAILED', message: 'database request failed', requestId }` — the code
 * and message of @cloudbase/database's ERRORS table (src/const/code.ts), which node-sdk's
 * tcbapirequester turns into a thrown TcbError (`if (result?.code) return processReturn(result)`,
 * research/cloudbase.md §1.4; CloudBase's error-code page lists DATABASE_REQUEST_FAILED).
 * Half the failed requests fail BEFORE the request is applied, half AFTER it was applied and
 * committed, with the answer lost: the nastier real case (a gateway timeout or a dropped
 * connection after the database wrote), where a retry must not do the write twice.
 *
 * Storage actions (storage.* on the same path: a function's getTempFileURL, deleteFile, uploadFile's first step) fail
 * at the same share, before or after, answering node-sdk's STORAGE_REQUEST_FAIL (dist/const/code.js ERROR table),
 * from a stream of their own so the database's draws stay as they were.
 *
 * A cut-off function call answers FUNCTION_TIMEOUT, and every database request it makes from a
 * random point on (after 0..19 of its requests) is refused before reaching the database, as
 * CloudBase freezes an instance at its timeout: the writes before the cut stay, the ones after
 * never happen, the response is never stored. The call's code keeps running here (one thread
 * serves every call), but it can no longer change anything.
 */
import { createRng, type Rng } from '../../scripts/seed/prng'
import type { DbService } from './contracts'

export interface FaultConfig {
  /** Share of database requests that fail (0..1). */
  db: number
  /** Share of function calls cut off at their timeout (0..1). */
  timeout: number
  seed: number
}

export const noFaults: FaultConfig = { db: 0, timeout: 0, seed: 0 }

export const faultsOn = (f: FaultConfig): boolean => f.db > 0 || f.timeout > 0

/** Parses `db=0.05,timeout=0.01`; throws with a clear message on anything else. */
export function parseFaults(
  spec: string | undefined,
  seedText: string | undefined,
  drawSeed: () => number
): FaultConfig {
  const out: FaultConfig = { ...noFaults }
  for (const part of (spec ?? '')
    .split(',')
    .map(s => s.trim())
    .filter(Boolean)) {
    const [key, value] = part.split('=').map(s => s.trim())
    const share = Number(value)
    if ((key !== 'db' && key !== 'timeout') || value === undefined || value === '' || !(share >= 0 && share <= 1)) {
      throw new Error(
        `LINLI_FAULTS: "${part}" is not db=<0..1> or timeout=<0..1> (e.g. LINLI_FAULTS=db=0.05,timeout=0.01)`
      )
    }
    out[key] = share
  }
  if (seedText !== undefined && seedText !== '') {
    const seed = Number(seedText)
    if (!Number.isInteger(seed) || seed < 0)
      throw new Error(`LINLI_FAULTS_SEED: "${seedText}" is not a non-negative integer`)
    out.seed = seed
  } else {
    out.seed = drawSeed()
  }
  return out
}

/** Where a failed database request fails. */
export type DbFault = 'before' | 'after'

/** The database side's draws (main thread); `salt` gives another service its own stream. */
export class DbFaults {
  private readonly rng: Rng
  constructor(
    private readonly cfg: FaultConfig,
    salt = 0
  ) {
    this.rng = createRng(salt === 0 ? cfg.seed : (cfg.seed ^ salt) >>> 0)
  }

  /** null: serve the request normally. */
  draw(): DbFault | null {
    if (this.cfg.db <= 0 || !this.rng.chance(this.cfg.db)) return null
    return this.rng.chance(0.5) ? 'before' : 'after'
  }
}

/** What CloudBase answers for a failed database request (see the header for the source). */
export const dbRequestFailed = (requestId: string): Record<string, unknown> => ({
  code: 'DATABASE_REQUEST_FAILED',
  message: 'database request failed',
  requestId
})

/** The function side's draws (function thread): how many database requests a call may make. */
export class CallFaults {
  private readonly rng: Rng
  constructor(private readonly cfg: FaultConfig) {
    // Its own stream, so the two threads' draws don't depend on each other's order.
    this.rng = createRng((cfg.seed ^ 0x5bd1e995) >>> 0)
  }

  /** null: the call runs to the end; n: it is cut off before its (n+1)-th database request. */
  draw(): number | null {
    if (this.cfg.timeout <= 0 || !this.rng.chance(this.cfg.timeout)) return null
    return this.rng.int(0, 19)
  }
}

/** The database service with `cfg.db` of its requests failing (the database side's fault hook). */
export function withDbFaults(db: DbService, cfg: FaultConfig): DbService {
  if (cfg.db <= 0) return db
  const faults = new DbFaults(cfg)
  return {
    close: () => db.close(),
    async handle(body, requestId) {
      const fault = faults.draw()
      if (fault === 'before') return dbRequestFailed(requestId)
      const reply = await db.handle(body, requestId)
      // Applied (and committed, if it wrote), but the caller never learns it.
      return fault === 'after' ? dbRequestFailed(requestId) : reply
    }
  }
}

type Handle = (body: Record<string, unknown>, requestId: string) => Promise<Record<string, unknown>>

/** The storage actions with `cfg.db` of them failing, before or after they apply (see the header). */
export function withStorageFaults(handle: Handle, cfg: FaultConfig): Handle {
  if (cfg.db <= 0) return handle
  const faults = new DbFaults(cfg, 0x27d4eb2f)
  const failed = (requestId: string): Record<string, unknown> => ({
    code: 'STORAGE_REQUEST_FAIL',
    message: 'storage request fail',
    requestId
  })
  return async (body, requestId) => {
    const fault = faults.draw()
    if (fault === 'before') return failed(requestId)
    const reply = await handle(body, requestId)
    return fault === 'after' ? failed(requestId) : reply
  }
}
