/**
 * The seams between the parts of the local cloud. server.ts wires them; each part lives in its
 * own folder (db/, functions/, timers/) and is tested on its own.
 */
import type { CollectionSpec } from '../server/db/collections'

/** The database service: answers one CloudBase database request as the SDK POSTs it. */
export interface DbService {
  /**
   * `body` is the parsed JSON the SDK sent (`{ action: 'database.getDocument', collectionName, ... }`).
   * Resolves to the reply body: a success body, or `{ code, message, requestId }` with CloudBase's
   * codes. Never rejects: bad input is an error reply, and the next request is served.
   */
  handle: (body: unknown, requestId: string) => Promise<Record<string, unknown>>
  close: () => void
}

export interface DbOptions {
  /** Directory for the SQLite files (created if missing); ':memory:' keeps it in memory. */
  dir: string
  /** Declared collections and indexes, created/applied at open. */
  collections: CollectionSpec[]
}

/** Who is calling a function, as the platform knows it. */
export interface InvokeContext {
  /** Caller's OPENID; absent for timer-triggered runs. */
  openId?: string
  appId: string
  requestId: string
  /** 'http' for a client call, 'timer' for a timer trigger. */
  source: 'http' | 'timer'
  /** Timer trigger name (source 'timer'). */
  triggerName?: string
}

export interface InvokeResult {
  /** 200 with the function's return value, or 404/500 with `{ error: { code, message } }`. */
  status: number
  body: unknown
  /** The database requests this call made (its cost; absent when the function never ran). */
  db?: DbCost
}

/**
 * Database requests one function call sent: reads (get, count, aggregate) and writes (everything
 * else: insert, update, remove, and a transaction's start and commit, which are requests too).
 */
export interface DbCost {
  reads: number
  writes: number
}

export interface TimerTrigger {
  name: string
  type: 'timer'
  config: string
}

export interface LoadedFunction {
  name: string
  /** Absolute path of the built index.js. */
  entry: string
  triggers: TimerTrigger[]
  /** Execution timeout (cloudbaserc.json `timeout`, seconds → ms); CloudBase's 3 s when it has none. */
  timeoutMs: number
  /** cloudbaserc.json `memorySize` (reported in the context, not enforced). */
  memoryMb: number
}

export interface FunctionHost {
  functions: () => LoadedFunction[]
  invoke: (name: string, data: unknown, ctx: InvokeContext) => Promise<InvokeResult>
}

export interface TimerScheduler {
  stop: () => void
}
