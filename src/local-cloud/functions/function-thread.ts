/**
 * The function thread: the local cloud runs the functions in one worker thread and the database
 * service (with the HTTP server) in the main thread.
 *
 * Why: on CloudBase a function and the database are different machines. In one thread the two
 * halves of every database call (the SDK signing, sending and parsing on the function's side;
 * parsing, SQLite and encoding on the database's side) queue behind each other on one core, and
 * an enrolment rush of 300 calls (~3,300 database requests) took ~1.6 s on this 2-core machine.
 * In two threads each half has its own core.
 *
 * The calls still share one thread with each other, as function-host.ts describes. A function
 * that ends its thread (process.exit, a native crash) fails the calls in flight with
 * FUNCTION_ERROR and a fresh thread is started; the database is not touched by it. A function
 * that blocks the thread (a synchronous endless loop) is cut off as CloudBase cuts off an
 * instance at its timeout: its call answers FUNCTION_TIMEOUT, and a thread that does not answer
 * a ping within 3 s either is replaced.
 */
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import type { FunctionHost, InvokeContext, InvokeResult, LoadedFunction } from '../contracts'
import type { FaultConfig } from '../faults'
import type { FunctionHostOptions } from './function-host'
import { DEFAULT_TIMEOUT_MS } from './function-config'

/** What the main thread hands the worker at start. */
export interface ThreadData {
  root: string
  port: number
  clock: string | null
  faults?: FaultConfig
}

export type FromThread =
  | { type: 'ready'; functions: LoadedFunction[] }
  | { type: 'log'; line: Record<string, unknown> }
  | { type: 'result'; id: number; result: InvokeResult }
  | { type: 'pong'; id: number }

export type ToThread =
  | { type: 'invoke'; id: number; name: string; data: unknown; ctx: InvokeContext }
  | { type: 'ping'; id: number }
  /** Dev mode: stop the functions' clock at an ISO instant, or (null) let it run (src/server/clock.ts). */
  | { type: 'clock'; at: string | null }

export interface FunctionThread extends FunctionHost {
  /** Ends the worker; calls still in flight are answered with FUNCTION_ERROR. */
  close: () => Promise<void>
  /** Stops the functions' clock at `at` (ISO), or lets it run again (null); kept across a thread restart. */
  setClock: (at: string | null) => void
}

const ENTRY = path.join(__dirname, 'function-thread.entry.cjs')
const YOUNG_GENERATION_MB = 96

const failure = (message: string, code = 'FUNCTION_ERROR'): InvokeResult => ({
  status: 500,
  body: { error: { code, message } }
})

/** Past its own timeout the thread answers by itself; this much later it is presumed stuck. */
const GRACE_MS = 1000
/**
 * How long a stuck-looking thread gets to answer a ping before it is replaced: a busy thread
 * answers between two callbacks (milliseconds, even with a thousand calls queued); a blocked one never.
 */
const PING_MS = 3000

export async function startFunctionThread(opts: FunctionHostOptions): Promise<FunctionThread> {
  const log = opts.log ?? (() => undefined)
  const pending = new Map<number, (result: InvokeResult) => void>()
  let nextId = 1
  let closing = false
  let functions: LoadedFunction[] = []
  let worker: Worker | null = null
  let starting: Promise<void> = Promise.resolve()
  let clock: string | null = null

  const deadlines = new Map<number, NodeJS.Timeout>()
  const pongs = new Map<number, () => void>()
  const settle = (id: number, result: InvokeResult): void => {
    clearTimeout(deadlines.get(id))
    deadlines.delete(id)
    const answer = pending.get(id)
    pending.delete(id)
    answer?.(result)
  }
  const failPending = (message: string): void => {
    for (const id of [...pending.keys()]) settle(id, failure(message))
  }

  /** A call past its timeout and grace: answer it, and replace the thread if it is blocked. */
  const overdue = (id: number, name: string, timeoutMs: number, w: Worker): void => {
    if (!pending.has(id)) return
    settle(id, failure(`function ${name} timed out after ${timeoutMs / 1000} s`, 'FUNCTION_TIMEOUT'))
    if (worker !== w || closing) return
    const ping = nextId++
    const stuck = setTimeout(() => {
      pongs.delete(ping)
      if (worker !== w || closing) return
      log({
        kind: 'error',
        where: 'function-thread',
        message: `function ${name} blocked the function thread past its timeout; replacing the thread`
      })
      void w.terminate()
    }, PING_MS)
    pongs.set(ping, () => clearTimeout(stuck))
    w.postMessage({ type: 'ping', id: ping } satisfies ToThread)
  }

  const spawn = (): Promise<void> =>
    new Promise((resolve, reject) => {
      let ready = false
      // Not the parent's --import tsx: the entry registers tsx's CommonJS hook itself and the
      // functions are plain JS. Profiling flags pass through (node --cpu-prof src/local-cloud/main.ts).
      const execArgv = process.execArgv.filter(arg => arg.startsWith('--cpu-prof'))
      const w = new Worker(ENTRY, {
        workerData: { root: opts.root, port: opts.port, clock, faults: opts.faults } satisfies ThreadData,
        execArgv,
        // Hundreds of concurrent calls allocate fast; a larger young generation means fewer
        // scavenges (GC was ~12% of this thread in the enrolment rush; this cut the rush ~10%).
        resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB }
      })
      worker = w
      w.on('message', (msg: FromThread) => {
        if (msg.type === 'ready') {
          functions = msg.functions
          ready = true
          resolve()
        } else if (msg.type === 'log') {
          log(msg.line)
        } else if (msg.type === 'pong') {
          pongs.get(msg.id)?.()
          pongs.delete(msg.id)
        } else {
          settle(msg.id, msg.result)
        }
      })
      w.on('error', err => {
        log({ kind: 'error', where: 'function-thread', message: String(err?.stack ?? err) })
      })
      w.on('exit', code => {
        if (worker !== w) return
        worker = null
        failPending(
          closing
            ? 'the local cloud is stopping'
            : `the function thread stopped (exit code ${code}); the call may or may not have taken effect`
        )
        if (!ready) {
          reject(new Error(`the function thread failed to start (exit code ${code})`))
          return
        }
        if (closing) return
        log({
          kind: 'error',
          where: 'function-thread',
          message: `the function thread stopped (exit code ${code}); starting a new one`
        })
        starting = spawn().catch((err: unknown) => {
          log({ kind: 'error', where: 'function-thread', message: String(err) })
        })
      })
    })

  starting = spawn()
  await starting

  return {
    functions: () => functions,
    invoke: async (name: string, data: unknown, ctx: InvokeContext): Promise<InvokeResult> => {
      await starting
      const w = worker
      if (closing || !w) return failure('the function thread is not running')
      const id = nextId++
      const timeoutMs = functions.find(f => f.name === name)?.timeoutMs ?? DEFAULT_TIMEOUT_MS
      return await new Promise<InvokeResult>(resolve => {
        pending.set(id, resolve)
        deadlines.set(
          id,
          setTimeout(() => overdue(id, name, timeoutMs, w), timeoutMs + GRACE_MS)
        )
        w.postMessage({ type: 'invoke', id, name, data, ctx } satisfies ToThread)
      })
    },
    setClock: (at: string | null) => {
      clock = at
      worker?.postMessage({ type: 'clock', at } satisfies ToThread)
    },
    close: async () => {
      closing = true
      const w = worker
      if (w) await w.terminate()
      failPending('the local cloud is stopping')
    }
  }
}
