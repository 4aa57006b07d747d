/**
 * The function host of the local cloud (design.md, "The local cloud" §2): loads each built
 * `cloudfunctions/<name>/index.js` and calls `main(event, context)` the way CloudBase does.
 *
 * All functions run in one thread (the function thread, function-thread.ts, beside the database),
 * so many calls run concurrently, and the caller's identity travels only in each call's
 * `event.userInfo` and `context.environ`, never in process.env. The price of sharing a thread: a
 * timed-out call is answered with FUNCTION_TIMEOUT but its code cannot be killed (it keeps running
 * in the background), and a synchronous infinite loop stops every function until the function
 * thread replaces the whole thread (the database keeps serving). Both are bugs the real platform
 * would also report; this host only reports them less gracefully.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import { existsSync, readdirSync } from 'node:fs'
import http from 'node:http'
import { Socket } from 'node:net'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import type { DbCost, FunctionHost, InvokeContext, InvokeResult, LoadedFunction } from '../contracts'
import { applyLocalRuntimeEnv } from '../env'
import { CallFaults, type FaultConfig } from '../faults'
import { readCloudbaseRc, readFunctionConfig, settingsFor } from './function-config'
import {
  buildContext,
  buildHttpEvent,
  isPlainObject,
  maskOpenId,
  unsafeEnvironValue,
  type CallerInfo,
  type PlatformContext
} from './platform-context'

export interface FunctionHostOptions {
  /** The cloudfunctions directory. */
  root: string
  /** Port of the local cloud, for the runtime env (the SDK's server inject URL). */
  port: number
  /** The functions' settings (timeout, memory); default: cloudbaserc.json beside `root`. */
  rcFile?: string
  log?: (line: Record<string, unknown>) => void
  /** LINLI_FAULTS: the share of calls cut off at their timeout (faults.ts). */
  faults?: FaultConfig
}

type Main = (event: unknown, context: PlatformContext, callback?: (err: unknown, result?: unknown) => void) => unknown

interface Loaded {
  fn: LoadedFunction
  main: Main
}

const errorBody = (code: string, message: string): { error: { code: string; message: string } } => ({
  error: { code, message }
})

class Timeout extends Error {}

/**
 * Call `main` as the Node runtime does. An async or sync return value is the result. A `main`
 * declared with three parameters is callback-style: its result is what it passes to
 * `callback(err, result)` (or what its returned promise settles to, whichever comes first).
 */
function callMain(main: Main, event: unknown, context: PlatformContext): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const callbackStyle = main.length >= 3
    const callback = (err: unknown, result?: unknown): void => {
      if (err !== null && err !== undefined) reject(err)
      else resolve(result)
    }
    try {
      const out = callbackStyle ? main(event, context, callback) : main(event, context)
      if (!callbackStyle) resolve(out)
      else if (out !== null && typeof (out as Promise<unknown>)?.then === 'function')
        (out as Promise<unknown>).then(resolve, reject)
    } catch (err) {
      reject(err)
    }
  })
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Timeout()), ms)
  })
  // `work` keeps its handlers after a timeout, so its late rejection is not "unhandled".
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer))
}

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err))

/** A call drawn to be cut off: the database requests it may still make, and who to tell at the cut. */
interface CutCall {
  left: number
  cut: () => void
}
/** One call's state, in its async context: its database requests so far, and its cut if drawn. */
interface CallState {
  db: DbCost
  cut: CutCall | null
}
const calls = new AsyncLocalStorage<CallState>()
let hookInstalled = false

/** The SDK's database actions that only read (research/cloudbase.md §1.2); the rest write. */
const READ_ACTIONS = new Set(['database.getDocument', 'database.calculateDocument', 'database.aggregateDocuments'])
const ACTION_KEY = '"action":"'

/**
 * Counts a request by the action its JSON body names, when the SDK writes it (node-sdk writes the
 * whole body at once, after creating the request: dist/utils/request-core.js). The action key
 * comes after the request's data (`{ ...data, action, instance, database }`,
 * dist/utils/tcbdbapirequester.js), so the last one is the request's. Other requests (storage,
 * openapi) are not database requests and are not counted.
 */
function countOnWrite(req: http.ClientRequest, cost: DbCost): void {
  const write = req.write.bind(req) as (...args: unknown[]) => boolean
  let seen = false
  Object.assign(req, {
    write(chunk: unknown, ...rest: unknown[]): boolean {
      if (!seen) {
        seen = true
        const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : ''
        const at = text.lastIndexOf(`${ACTION_KEY}database.`)
        const action =
          at < 0 ? undefined : text.slice(at + ACTION_KEY.length, text.indexOf('"', at + ACTION_KEY.length))
        if (action !== undefined) {
          if (READ_ACTIONS.has(action)) cost.reads++
          else cost.writes++
        }
      }
      return write(chunk, ...rest)
    }
  })
}

/**
 * The hook on every outgoing request of the function thread: the SDK creates each HTTP request
 * in its call's async context and hands it to its agent before anything is written, so the
 * call is known there. It counts the call's database requests (the cost each call's log line
 * and answer report), and it cuts a call drawn to be cut off (LINLI_FAULTS): from its cut on,
 * each request gets a socket that is already destroyed (the request fails, the database never
 * sees it), as if the instance had been frozen at its timeout. Every agent the SDK uses (node's,
 * agentkeepalive's) inherits http.Agent's addRequest. (A subscriber of the
 * `http.client.request.start` channel comes too late: node has written a keep-alive request by then.)
 */
function installRequestHook(): void {
  if (hookInstalled) return
  hookInstalled = true
  const addRequest = (http.Agent.prototype as unknown as { addRequest: (...args: unknown[]) => void }).addRequest
  Object.assign(http.Agent.prototype, {
    addRequest(this: http.Agent, req: http.ClientRequest, ...rest: unknown[]): void {
      const call = calls.getStore()
      if (call?.cut && call.cut.left-- <= 0) {
        call.cut.cut()
        const socket = new Socket()
        req.onSocket(socket)
        socket.destroy(new Error('function cut off at its timeout (LINLI_FAULTS)'))
        return
      }
      if (call) countOnWrite(req, call.db)
      addRequest.call(this, req, ...rest)
    }
  })
}

export function loadFunctionHost(opts: FunctionHostOptions): FunctionHost {
  const log = opts.log ?? (() => undefined)
  const faults = opts.faults && opts.faults.timeout > 0 ? new CallFaults(opts.faults) : null
  installRequestHook()
  // Process-wide and the same for every function: the SCF markers, region, namespace, and the
  // SDK's inject URL pointing here (env.ts explains each key).
  applyLocalRuntimeEnv(opts.port)

  const loaded = new Map<string, Loaded>()
  /** Functions whose index.js failed to load: calls get a 500 saying so, not a puzzling 404. */
  const failed = new Map<string, string>()

  const folders = existsSync(opts.root)
    ? readdirSync(opts.root, { withFileTypes: true })
        .filter(d => d.isDirectory())
        .map(d => d.name)
        .sort()
    : []
  if (!existsSync(opts.root))
    log({
      kind: 'functions',
      event: 'no-root',
      root: opts.root,
      message: 'cloudfunctions directory not found; no functions loaded'
    })

  const rc = readCloudbaseRc(opts.rcFile ?? path.join(path.dirname(opts.root), 'cloudbaserc.json'))
  if (rc.file === null && folders.length > 0) {
    log({
      kind: 'functions',
      event: 'no-cloudbaserc',
      message: "no cloudbaserc.json: every function gets CloudBase's default timeout of 3 s"
    })
  }

  for (const name of folders) {
    const dir = path.join(opts.root, name)
    const entry = path.join(dir, 'index.js')
    if (!existsSync(entry)) {
      if (existsSync(path.join(dir, 'index.ts'))) {
        log({
          kind: 'functions',
          event: 'not-built',
          name,
          message: `${name}/index.ts has no built index.js; skipped (run npm run build:functions)`
        })
      }
      continue
    }
    const settings = settingsFor(name, readFunctionConfig(path.join(dir, 'config.json')), rc)
    if (settings.problems.length > 0) {
      // What the upload would refuse does not start here either; calls say why.
      const reason = `refused as the upload would refuse it: ${settings.problems.join('; ')}`
      failed.set(name, reason)
      log({ kind: 'error', where: 'functions', event: 'config-refused', name, message: reason })
      continue
    }
    if (!settings.declared && rc.file !== null) {
      log({
        kind: 'functions',
        event: 'undeclared',
        name,
        message: `${name} is not in cloudbaserc.json: CloudBase's default timeout of 3 s`
      })
    }
    try {
      const mod = require(entry) as { main?: unknown }
      if (typeof mod.main !== 'function') throw new Error('index.js does not export a function `main`')
      loaded.set(name, {
        fn: { name, entry, triggers: settings.triggers, timeoutMs: settings.timeoutMs, memoryMb: settings.memoryMb },
        main: mod.main as Main
      })
    } catch (err) {
      failed.set(name, messageOf(err))
      // kind 'error': shown even when the local cloud logs only errors (LINLI_LOG=quiet).
      log({
        kind: 'error',
        where: 'functions',
        event: 'load-failed',
        name,
        message: messageOf(err),
        stack: (err as Error)?.stack
      })
    }
  }

  const run = async (
    name: string,
    data: unknown,
    ctx: InvokeContext,
    cost: DbCost
  ): Promise<InvokeResult & { stack?: string }> => {
    const target = loaded.get(name)
    if (!target) {
      const reason = failed.get(name)
      return reason !== undefined
        ? { status: 500, body: errorBody('FUNCTION_ERROR', `function ${name} failed to load: ${reason}`) }
        : { status: 404, body: errorBody('FUNCTION_NOT_FOUND', `function ${name} not found`) }
    }
    if ((ctx.openId !== undefined && unsafeEnvironValue(ctx.openId)) || unsafeEnvironValue(ctx.appId)) {
      return {
        status: 400,
        body: errorBody('INVALID_CALLER', 'openId and appId may not contain ";" "," or line breaks')
      }
    }
    // The client SDK sends `data` as an object; a missing body (null) is an empty one. Anything
    // else (array, string, number) is refused rather than silently dropped.
    if (data !== null && data !== undefined && !isPlainObject(data)) {
      return { status: 400, body: errorBody('INVALID_EVENT', 'the call data must be a JSON object') }
    }
    const caller: CallerInfo = { openId: ctx.openId, appId: ctx.appId, source: ctx.source }
    const fields = data ?? {}
    // A timer run's event is the platform's timer event as the scheduler built it, with no caller.
    const event = ctx.source === 'timer' ? { ...fields } : buildHttpEvent(fields, caller)
    // time_limit_in_ms is the timeout this call is held to (the router's idempotency reads it).
    const context = buildContext(name, ctx.requestId, target.fn.timeoutMs, caller, target.fn.memoryMb)

    const timedOut = (): InvokeResult => ({
      status: 500,
      body: errorBody('FUNCTION_TIMEOUT', `function ${name} timed out after ${target.fn.timeoutMs / 1000} s`)
    })
    const cutAfter = faults?.draw() ?? null
    if (cutAfter !== null) {
      // Answered at the cut (not after waiting out the timeout, to keep benches short), or when
      // the call ends first: its answer is lost either way.
      const settled = new Promise<void>(resolve => {
        const work = calls.run({ db: cost, cut: { left: cutAfter, cut: resolve } }, () =>
          callMain(target.main, event, context)
        )
        work.then(
          () => resolve(),
          () => resolve()
        )
      })
      await settled
      log({
        kind: 'fault',
        name,
        // Which action of the function (the router's `action`), so a line's cost reads per action.
        ...(typeof (data as { action?: unknown } | null)?.action === 'string'
          ? { action: (data as { action: string }).action.slice(0, 64) }
          : {}),
        requestId: ctx.requestId,
        message: `cut off after ${cutAfter} database requests (LINLI_FAULTS)`
      })
      return timedOut()
    }

    let result: unknown
    try {
      result = await withTimeout(
        calls.run({ db: cost, cut: null }, () => callMain(target.main, event, context)),
        target.fn.timeoutMs
      )
    } catch (err) {
      if (err instanceof Timeout) return timedOut()
      return { status: 500, body: errorBody('FUNCTION_ERROR', messageOf(err)), stack: (err as Error)?.stack }
    }
    // The platform returns the result as JSON: the client sees a Date as a string, and a result
    // that isn't JSON is the function's error, not the HTTP server's.
    try {
      const json = JSON.stringify(result)
      return { status: 200, body: json === undefined ? null : JSON.parse(json) }
    } catch (err) {
      return {
        status: 500,
        body: errorBody('FUNCTION_ERROR', `function ${name} returned a value that is not JSON: ${messageOf(err)}`)
      }
    }
  }

  return {
    functions: () => [...loaded.values()].map(l => l.fn),
    invoke: async (name, data, ctx) => {
      const started = performance.now()
      const cost: DbCost = { reads: 0, writes: 0 }
      const { stack, ...answer } = await run(name, data, ctx, cost)
      // A copy: a call cut off or timed out may go on counting in the background.
      const result: InvokeResult = { ...answer, db: { ...cost } }
      const error = (result.body as { error?: { code: string; message: string } } | null)?.error
      log({
        kind: 'function',
        name,
        // Which action of the function (the router's `action`), so a line's cost reads per action.
        ...(typeof (data as { action?: unknown } | null)?.action === 'string'
          ? { action: (data as { action: string }).action.slice(0, 64) }
          : {}),
        requestId: ctx.requestId,
        source: ctx.source,
        ...(ctx.triggerName !== undefined ? { trigger: ctx.triggerName } : {}),
        openId: maskOpenId(ctx.openId),
        status: result.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
        // The call's cost: its database requests (the budget per action; bench:ops).
        db: result.db,
        // The stack goes to the log only; the caller sees code and message.
        ...(result.status !== 200 && error ? { error: { ...error, ...(stack ? { stack } : {}) } } : {})
      })
      return result
    }
  }
}
