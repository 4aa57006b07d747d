/**
 * The router every cloud function uses: `main(event, context)` built from an action table.
 *
 * One call, in order:
 *   envelope → action (UNKNOWN_ACTION) → payload parsed by the action's schema (INVALID_INPUT)
 *   → OPENID from the platform (UNAUTHENTICATED) → caller and roles from `users`, with what the
 *   action joins to that read (joinToCaller) → access (FORBIDDEN)
 *   → idempotency claim when the action is idempotent (not 'stamped') and a requestId came → the use case
 *   (a retry while the first call may still run answers IN_PROGRESS; see runOnce).
 * Nothing is read or written before the payload parsed, so bad input can't leave a partial write.
 * A thrown error becomes INTERNAL with a generic message; the stack goes to the log only.
 */
import * as z from 'zod'
import type { Caller } from '../core/community/caller'
import { hasAnyRole, isStreetOnly } from '../core/community/caller'
import type { Role } from '../core/community/roles'
import type { Clock } from '../core/shared/clock'
import { serverClock } from './clock'
import type {
  ActionContract,
  CodeOf,
  Contract,
  ContextName,
  ParsedInputOf,
  ServerReplyOf
} from '../core/shared/contract'
import type { CallInfo, Result, WireResponse } from '../core/shared/wire'
import { wireRequestSchema } from '../core/shared/wire'
import type { PlatformContext, PlatformEvent } from './caller'
import { openIdOf } from './caller'
import { userRepository } from './community/user.repository'
import type { Db } from './db/client'
import { getDb } from './db/client'
import { ReadOnlyScopeError, type CommunityScope } from './db/community-scope'
import type { IdempotencyStore } from './idempotency'
import { idempotencyKey } from './idempotency'
import { idempotencyRepository } from './idempotency.repository'

// Validation messages in details read in Chinese, like everything else a resident may see.
z.config(z.locales.zhCN())

export type { ContextName } from '../core/shared/contract'

export type Access = readonly Role[] | 'anyone' | 'registered'

/** One `lookup` stage added to the caller's read (from `users`, by the caller's OPENID). */
export interface CallerJoin {
  from: string
  let: Record<string, unknown>
  pipeline: unknown
  as: string
}

/**
 * What a use case reads first, joined to the router's read of the caller: one database request for
 * both instead of two (issue 19: each request is billed). Built from the parsed input; what the
 * joins found reaches the use case as `call.joined`. Read before the access check: a refused call
 * has only read it, as it read the caller.
 */
export type CallerJoins<S extends z.ZodType> = (db: Db, input: z.output<S>) => CallerJoin[]

export interface ActionDef<D, S extends z.ZodType, T> {
  schema: S
  /** `call` carries the requestId (CallInfo): a use case answers its own retry with what it made. */
  run: (deps: D, input: z.output<S>, caller: Caller, call: CallInfo) => Promise<Result<T, string>>
  /** 'anyone': any caller with an OPENID; 'registered': has a `users` record; else one of these roles. */
  roles: Access
  /**
   * Creates: a requestId makes a retry return the first call's response.
   * - true: the router claims the requestId and stores the response (2 database requests: claim,
   *   store), and a retry while the first call may still run answers IN_PROGRESS (runOnce).
   * - 'stamped': the use case stamps the requestId on the record it makes and answers a retry from
   *   that record (isRetryOf, core/shared/wire.ts), and every step of it is safe to run twice at
   *   once (conditional writes), so the stored response would only repeat what the record says:
   *   the router passes the requestId on and stores nothing. A payload changed under the same
   *   requestId is not caught as REQUEST_REUSED; it is a new request to the use case.
   */
  idempotent?: boolean | 'stamped'
  /** Reads of the use case done in the caller's read (CallerJoins); none: the caller alone. */
  joinToCaller?: CallerJoins<S>
  /** The contract's reply schema: checked on the local cloud (see checkReply), typed everywhere. */
  reply?: z.ZodType
}

// `any` here lets one table hold actions with different schemas and results; `action()` keeps
// each entry checked where it is written.
export type ActionTable<D> = Record<string, ActionDef<D, any, any>>

/** Declares one action with its types inferred and checked against each other. */
export function action<D, S extends z.ZodType, T>(def: ActionDef<D, S, T>): ActionDef<D, S, T> {
  return def
}

/** How a context answers one action of its contract: who may call it and the use case that runs. */
export interface Implementation<D, A extends ActionContract> {
  /** 'anyone': any caller with an OPENID; 'registered': has a `users` record; else one of these roles. */
  roles: Access
  /** Typed against the contract: its parsed input in; its reply or one of its codes out. */
  run: (
    deps: D,
    input: ParsedInputOf<A>,
    caller: Caller,
    call: CallInfo
  ) => Promise<Result<ServerReplyOf<A>, CodeOf<A>>>
  /** Reads of the use case done in the caller's read (CallerJoins). */
  joinToCaller?: CallerJoins<A['input']>
}

/**
 * A context's action table from its contract: every action of the contract implemented, no other
 * (a missing or extra one fails to compile), input schema, idempotency and reply from the contract.
 */
export function implement<D, K extends Contract>(
  contract: K,
  impls: { [N in keyof K]: Implementation<D, K[N]> }
): ActionTable<D> {
  const table: ActionTable<D> = {}
  for (const name of Object.keys(contract)) {
    const impl = impls[name]
    // Read from the contract when the router first looks the action up: reading an action of the
    // contract builds its schemas (defineContract), and a call needs only its own.
    let def: ActionDef<D, any, any> | undefined
    const resolve = (c: ActionContract): ActionDef<D, any, any> => ({
      schema: c.input,
      reply: c.reply,
      idempotent: c.idempotent ?? false,
      roles: impl.roles,
      run: impl.run,
      joinToCaller: impl.joinToCaller
    })
    Object.defineProperty(table, name, { enumerable: true, get: () => (def ??= resolve(contract[name])) })
  }
  return table
}

/**
 * Whether replies are parsed with their contract's schema before they leave the function. On the
 * local cloud (LINLI_OFFLINE, src/local-cloud/env.ts) always: a use case answering something the
 * app would refuse fails every test that calls it. On CloudBase not: the app parses every reply
 * anyway, and a second parse of each would only cost time on every call.
 */
const checkReplies = (): boolean => process.env.LINLI_OFFLINE === '1'

/** What the router needs besides the use cases; the defaults talk to CloudBase, tests pass fakes. */
export interface RouterInfra {
  /** The caller as the community the call names sees them (absent: their own; user.repository.ts callerFrom). */
  loadCaller: (openId: string, communityId?: string | null) => Promise<Caller>
  /** loadCaller with the action's joins in the same request (ActionDef.joinToCaller); absent: loadCaller. */
  loadCallerJoined?: (
    openId: string,
    joins: (db: Db) => CallerJoin[],
    communityId?: string | null
  ) => Promise<{ caller: Caller; joined: unknown }>
  idempotency: IdempotencyStore
  clock: Clock
  log: (line: Record<string, unknown>) => void
  openIdOf: (event: PlatformEvent, context: PlatformContext | undefined) => string | null
  /** How long a retry waits for a running first call before answering IN_PROGRESS. */
  waitForFirstMs: number
  /** Time limit assumed when the context lacks `time_limit_in_ms` (a hand-made call). */
  defaultTimeLimitMs: number
  /** Added to the owner's time limit before its claim may be taken over (clock skew, slow stop). */
  takeoverMarginMs: number
}

export interface HandlerOptions<D> {
  /**
   * The use cases' dependencies over one community's database (db/community-scope.ts), built once per process and
   * community, on the first call that needs them.
   */
  deps: (scope: CommunityScope) => D
  infra?: Partial<RouterInfra>
}

export type Handler = (event: unknown, context?: unknown) => Promise<WireResponse<unknown>>

const MAX_EVENT_CHARS = 256 * 1024

export const messages = {
  INVALID_INPUT: '提交的内容有误，请检查后重试',
  TOO_LARGE: '提交的内容过多，请精简后重试',
  UNKNOWN_ACTION: '暂不支持该操作，请更新小程序后重试',
  UNAUTHENTICATED: '无法确认您的身份，请在微信中重新打开小程序',
  FORBIDDEN: '您没有权限进行此操作',
  STREET_READ_ONLY: '街道工作人员只能查看社区的数据，不能在这里办理或修改。需要办理请联系该社区的工作人员',
  NOT_REGISTERED: '请先完成社区身份登记',
  IN_PROGRESS: '请求正在处理中，请稍后再试',
  REQUEST_REUSED: '请求编号已用于其他内容，请重新提交',
  INTERNAL: '服务暂时不可用，请稍后再试'
} as const

export function createHandler<D>(fn: ContextName, actions: ActionTable<D>, options: HandlerOptions<D>): Handler {
  let infra: RouterInfra | null = null
  const infraOf = (): RouterInfra => (infra ??= withDefaults(options.infra ?? {}))

  return async function main(event: unknown, context?: unknown): Promise<WireResponse<unknown>> {
    const started = Date.now()
    const ctx = (isObject(context) ? context : {}) as PlatformContext
    const line: Record<string, unknown> = { fn, requestId: ctx.request_id ?? null }
    let response: WireResponse<unknown>
    try {
      response = await route(event, ctx, line)
    } catch (err) {
      if (err instanceof ReadOnlyScopeError) {
        // A street role tried to change a community's records: refused before anything but the audit was written.
        response = failure('FORBIDDEN', messages.STREET_READ_ONLY)
        line.refused = err.message
      } else {
        response = failure('INTERNAL', messages.INTERNAL)
        line.error = err instanceof Error ? (err.stack ?? err.message) : String(err)
      }
    }
    const { log } = safeInfra()
    log({ ...line, outcome: response.ok ? 'OK' : response.error.code, ms: Date.now() - started })
    return response
  }

  /** The infra for logging even when building it failed (the log must still be written). */
  function safeInfra(): Pick<RouterInfra, 'log'> {
    try {
      return infraOf()
    } catch {
      return { log: defaultLog }
    }
  }

  async function route(
    event: unknown,
    ctx: PlatformContext,
    line: Record<string, unknown>
  ): Promise<WireResponse<unknown>> {
    if (tooLarge(event)) return failure('INVALID_INPUT', messages.TOO_LARGE)
    const envelope = wireRequestSchema.safeParse(withoutPlatformFields(event))
    if (!envelope.success) return invalid(envelope.error, [])
    const { action: name, payload, requestId, communityId: asked } = envelope.data
    line.action = name
    const def = Object.prototype.hasOwnProperty.call(actions, name) ? actions[name] : undefined
    if (!def) return failure('UNKNOWN_ACTION', messages.UNKNOWN_ACTION, { action: name })

    const input = def.schema.safeParse(payload)
    if (!input.success) return invalid(input.error, ['payload'])

    const inf = infraOf()
    const openId = inf.openIdOf(isObject(event) ? (event as PlatformEvent) : {}, ctx)
    if (!openId) return failure('UNAUTHENTICATED', messages.UNAUTHENTICATED)
    line.caller = truncate(openId)

    const joins = def.joinToCaller
    const loaded =
      joins && inf.loadCallerJoined
        ? await inf.loadCallerJoined(openId, db => joins(db, input.data), asked ?? null)
        : { caller: await inf.loadCaller(openId, asked ?? null), joined: undefined }
    const { caller } = loaded
    const denied = accessDenied(def.roles, caller)
    if (denied) return denied
    line.community = caller.communityId
    // Everything the use case reads and writes is this community's; a street role alone reads and writes nothing
    // but the audit (db/community-scope.ts).
    const scope: CommunityScope = { communityId: caller.communityId, readOnly: isStreetOnly(caller) }

    // The requestId reaches the use case only where runOnce guards it, so it means "this request".
    const call: CallInfo = {
      requestId: def.idempotent && requestId ? requestId : null,
      ...(loaded.joined === undefined ? {} : { joined: loaded.joined })
    }
    const run = async (): Promise<WireResponse<unknown>> =>
      checkReply(def, toWire(await def.run(options.deps(scope), input.data, caller, call)), line)
    if (def.idempotent === 'stamped' && requestId) line.idempotency = 'stamped'
    if (def.idempotent !== true || !requestId) return await run()
    line.idempotency = 'first'
    const once = {
      key: idempotencyKey(fn, name, openId, requestId),
      print: fingerprint(input.data),
      openId,
      limitMs: timeLimitOf(ctx, inf)
    }
    return await runOnce(inf, once, run, line)
  }
}

interface Once {
  key: string
  print: string
  openId: string
  limitMs: number
}

/**
 * Runs `run` once per key, however often the client retries. The loser of a claim waits
 * (polling) a moment for the owner's response, covering the common double-tap, then answers
 * IN_PROGRESS: the client waits and asks again with the same requestId. It never runs the use case
 * beside a first call that may still be running: a claim is taken over only after its owner's
 * start + time limit + margin (idempotency.ts), when the platform has surely stopped it.
 * The retry that takes over runs the use case again with the same requestId: the first call may
 * have made all its writes and lost only its answer, so a create stamps its record with the
 * requestId and answers that record to the same requestId (isRetryOf, core/shared/wire.ts).
 */
async function runOnce(
  inf: RouterInfra,
  once: Once,
  run: () => Promise<WireResponse<unknown>>,
  line: Record<string, unknown>
): Promise<WireResponse<unknown>> {
  const { key, print, openId, limitMs } = once
  const holdMs = limitMs + inf.takeoverMarginMs
  const claim = await inf.idempotency.claim({ key, fingerprint: print, openId, now: inf.clock.now(), holdMs })
  if (claim.kind === 'claimed') {
    let response: WireResponse<unknown>
    try {
      response = await run()
    } catch (err) {
      // Let a retry run again rather than wait on a claim nobody will complete.
      await inf.idempotency.release(key, claim.startedAt).catch(() => undefined)
      throw err
    }
    await inf.idempotency.complete(key, claim.startedAt, response, inf.clock.now())
    return response
  }
  let outcome = claim
  // The wait stays well inside this call's own time limit (3 s by default on CloudBase).
  const deadline = Date.now() + Math.min(inf.waitForFirstMs, limitMs / 3)
  while (outcome.kind === 'pending' && Date.now() < deadline) {
    await sleep(Math.min(50, Math.max(1, deadline - Date.now())))
    outcome = await inf.idempotency.peek(key, print)
  }
  if (outcome.kind === 'done') {
    line.idempotency = 'replay'
    return outcome.response
  }
  if (outcome.kind === 'mismatch') return failure('CONFLICT', messages.REQUEST_REUSED)
  line.idempotency = 'busy'
  return failure('IN_PROGRESS', messages.IN_PROGRESS, { retryAfterMs: RETRY_AFTER_MS })
}

/** Added to a call's time limit before its idempotency claim may be taken over (clock skew, slow stop). */
export const TAKEOVER_MARGIN_MS = 5_000

/** How long the app waits before asking again after IN_PROGRESS (src/api/call-function.ts). */
export const RETRY_AFTER_MS = 1000

/**
 * This call's time limit: the SCF context's `time_limit_in_ms`, the function's configured timeout
 * (research/cloudbase.md §2 lists the context fields; the local host sets it from the function's
 * settings). SCF's `Timeout` is the "maximum execution duration of function" (Tencent Cloud SCF
 * API, UpdateFunctionConfiguration, tencentcloud.com/document/api/583/18580): past it the call no
 * longer runs. Without it, `defaultTimeLimitMs`.
 */
function timeLimitOf(ctx: PlatformContext, inf: RouterInfra): number {
  const limit = ctx.time_limit_in_ms
  return typeof limit === 'number' && Number.isFinite(limit) && limit > 0 ? limit : inf.defaultTimeLimitMs
}

function accessDenied(access: Access, caller: Caller): WireResponse<never> | null {
  if (access === 'anyone') return null
  if (!caller.registered) return failure('FORBIDDEN', messages.NOT_REGISTERED)
  if (access === 'registered' || hasAnyRole(caller, access)) return null
  return failure('FORBIDDEN', messages.FORBIDDEN)
}

/** A reply its contract doesn't describe is a bug in the function: INTERNAL, with what differs in the log. */
function checkReply(
  def: ActionDef<any, any, any>,
  response: WireResponse<unknown>,
  line: Record<string, unknown>
): WireResponse<unknown> {
  if (!response.ok || !def.reply || !checkReplies()) return response
  const parsed = def.reply.safeParse(response.data)
  if (parsed.success) return response
  line.error = `reply does not match its contract: ${JSON.stringify(parsed.error.issues.slice(0, 5))}`
  return failure('INTERNAL', messages.INTERNAL)
}

function toWire<T>(result: Result<T, string>): WireResponse<T> {
  if (result.ok) return { ok: true, data: result.value }
  return failure(result.code, result.message, result.details)
}

function failure(code: string, message: string, details?: unknown): WireResponse<never> {
  return { ok: false, error: details === undefined ? { code, message } : { code, message, details } }
}

function invalid(error: z.ZodError, prefix: Array<string | number>): WireResponse<never> {
  const issues = error.issues.slice(0, 20).map(issue => ({
    path: [...prefix, ...issue.path.map(p => (typeof p === 'symbol' ? String(p) : p))].join('.'),
    message: issue.message
  }))
  return failure('INVALID_INPUT', messages.INVALID_INPUT, { issues })
}

/** The platform adds `userInfo` to the event; it is not part of the client's request. */
function withoutPlatformFields(event: unknown): unknown {
  if (!isObject(event)) return event
  const { userInfo: _userInfo, ...rest } = event as Record<string, unknown>
  return rest
}

function tooLarge(event: unknown): boolean {
  try {
    return JSON.stringify(event ?? null).length > MAX_EVENT_CHARS
  } catch {
    return true // cyclic or otherwise unserialisable: not something a client can send
  }
}

/** Same requestId with a different payload is a client bug, not a retry. */
function fingerprint(input: unknown): string {
  return JSON.stringify(input) ?? ''
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** Enough of an OPENID to follow one user through the logs, not enough to identify them. */
function truncate(openId: string): string {
  return openId.length <= 8 ? openId : `${openId.slice(0, 6)}…`
}

function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms))
}

function defaultLog(line: Record<string, unknown>): void {
  const { error, ...rest } = line
  if (error) console.error(JSON.stringify({ ...rest, level: 'error', error }))
  else console.log(JSON.stringify({ ...rest, level: 'info' }))
}

/**
 * The given infra over the defaults. A caller loader given without its joined form (a test's fake)
 * stays the only one: the default joined read would load the caller from the database past it.
 */
function withDefaults(given: Partial<RouterInfra>): RouterInfra {
  const base = defaultInfra()
  const joined = given.loadCaller && !given.loadCallerJoined ? undefined : base.loadCallerJoined
  return { ...base, ...given, loadCallerJoined: given.loadCallerJoined ?? joined }
}

function defaultInfra(): RouterInfra {
  const db = getDb()
  const users = userRepository(db)
  return {
    loadCaller: users.loadCaller,
    loadCallerJoined: users.loadCallerJoined,
    idempotency: idempotencyRepository(db),
    clock: serverClock,
    log: defaultLog,
    openIdOf,
    waitForFirstMs: 1000,
    // cloudbaserc.json caps a function's timeout at 60 s (research/cloudbase.md, platform rules).
    defaultTimeLimitMs: 60_000,
    takeoverMarginMs: TAKEOVER_MARGIN_MS
  }
}
