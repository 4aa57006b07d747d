/**
 * The client side of the wire: one call = `{ action, payload, requestId }` to a context's cloud
 * function, answered by `{ ok, data | error }`. Never throws: transport failures come back as
 * `NETWORK`, a missing H5 identity as `UNAUTHENTICATED`, so screens have one shape to handle.
 */
import { getCommunityChoice } from './community-choice'
import Taro from '@tarojs/taro'
import type { WireError, WireResponse } from '@/core/shared/wire'
import { getPersonaOpenId } from './identity'

export interface CallOptions {
  /** Pass the same id on every retry of one user action (see newRequestId). */
  requestId?: string
  /**
   * The community this call acts in, instead of the app's choice (community-choice.ts): a volunteer acting on another
   * community's task (issue 20). Screens set it through CallCommunity (call-community.ts).
   */
  communityId?: string
}

/** Codes the client itself produces, beside the ones the server answers. */
export type ClientErrorCode = 'NETWORK' | 'UNAUTHENTICATED'

export const networkError: WireError<'NETWORK'> = { code: 'NETWORK', message: '网络不给力，请稍后再试' }
export const unauthenticatedError: WireError<'UNAUTHENTICATED'> = { code: 'UNAUTHENTICATED', message: '请先选择身份' }

/**
 * A retried create whose first call may still be running answers IN_PROGRESS (src/server/router.ts):
 * the app shows it is busy, waits, and asks again with the same requestId until the first call's
 * answer comes back. The server lets a retry take over only after the first call's time limit
 * (at most 60 s on CloudBase) plus a margin, so this keeps asking a little longer than that.
 */
export const BUSY_WAIT_LIMIT_MS = 90_000
const BUSY_TEXT = '正在处理，请稍候'

export async function callFunction<T>(
  name: string,
  action: string,
  payload: Record<string, unknown> = {},
  opts: CallOptions = {}
): Promise<WireResponse<T>> {
  const communityId = opts.communityId ?? getCommunityChoice()
  const data: RequestBody = {
    action,
    payload,
    ...(opts.requestId ? { requestId: opts.requestId } : {}),
    ...(communityId ? { communityId } : {})
  }
  const once = async (): Promise<WireResponse<T>> =>
    process.env.TARO_ENV === 'h5' ? await callOverHttp<T>(name, data) : await callOverCloud<T>(name, data)
  let res = await once()
  if (!opts.requestId || !inProgress(res)) return res
  const giveUpAt = Date.now() + BUSY_WAIT_LIMIT_MS
  showBusy()
  try {
    while (inProgress(res) && Date.now() < giveUpAt) {
      await sleep(retryAfterMs(res))
      res = await once()
    }
  } finally {
    hideBusy()
  }
  return res
}

function inProgress(res: WireResponse<unknown>): res is { ok: false; error: WireError } {
  return !res.ok && res.error.code === 'IN_PROGRESS'
}

function retryAfterMs(res: { ok: false; error: WireError }): number {
  const ms = (res.error.details as { retryAfterMs?: unknown } | undefined)?.retryAfterMs
  return typeof ms === 'number' && ms >= 0 && ms <= 10_000 ? ms : 1000
}

// A mask keeps the resident from tapping again while the first tap is still being handled.
function showBusy(): void {
  try {
    void Taro.showLoading({ title: BUSY_TEXT, mask: true })
  } catch {
    /* no UI to show it on */
  }
}

function hideBusy(): void {
  try {
    void Taro.hideLoading()
  } catch {
    /* nothing shown */
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms))
}

type RequestBody = { action: string; payload: Record<string, unknown>; requestId?: string; communityId?: string }

let cloudReady = false

/** wx.cloud must be initialised once before the first call (upload-photo.ts uses it too). */
export function ensureCloud(): void {
  if (cloudReady) return
  // LINLI_CLOUD_ENV is a build constant; unset means the mini-program's default environment.
  const env = typeof LINLI_CLOUD_ENV === 'string' ? LINLI_CLOUD_ENV : ''
  Taro.cloud.init(env ? { env, traceUser: true } : { traceUser: true })
  cloudReady = true
}

async function callOverCloud<T>(name: string, data: RequestBody): Promise<WireResponse<T>> {
  try {
    ensureCloud()
    const res = await Taro.cloud.callFunction({ name, data })
    return asWireResponse<T>(res.result) ?? { ok: false, error: networkError }
  } catch {
    return { ok: false, error: networkError }
  }
}

async function callOverHttp<T>(name: string, data: RequestBody): Promise<WireResponse<T>> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' }
  const openId = getPersonaOpenId()
  // Nobody picked yet (dev login): the local cloud would answer 401, so don't ask at all.
  if (!openId) return { ok: false, error: unauthenticatedError }
  headers['X-WX-OPENID'] = openId
  let res: Response
  try {
    // Same origin: the local cloud serves both the H5 build and /functions (the dev server proxies).
    // eslint-disable-next-line no-restricted-globals -- H5 only: the weapp calls wx.cloud.callFunction
    res = await fetch(`/functions/${encodeURIComponent(name)}`, { method: 'POST', headers, body: JSON.stringify(data) })
  } catch {
    return { ok: false, error: networkError }
  }
  if (res.status === 401) return { ok: false, error: unauthenticatedError }
  let body: unknown
  try {
    body = await res.json()
  } catch {
    return { ok: false, error: networkError }
  }
  return asWireResponse<T>(body) ?? hostError(body) ?? { ok: false, error: networkError }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function asWireError(v: unknown): WireError | null {
  if (!isRecord(v) || typeof v.code !== 'string' || typeof v.message !== 'string') return null
  return v.details === undefined
    ? { code: v.code, message: v.message }
    : { code: v.code, message: v.message, details: v.details }
}

/** The envelope's shape only; `data` is checked by the caller's schema. */
function asWireResponse<T>(v: unknown): WireResponse<T> | null {
  if (!isRecord(v)) return null
  if (v.ok === true && 'data' in v) return { ok: true, data: v.data as T }
  if (v.ok === false) {
    const error = asWireError(v.error)
    return error ? { ok: false, error } : null
  }
  return null
}

/** The local cloud's own failures (unknown function, crash) come as `{ error: { code, message } }`. */
function hostError<T>(v: unknown): WireResponse<T> | null {
  if (!isRecord(v)) return null
  const error = asWireError(v.error)
  return error ? { ok: false, error } : null
}

/** Tests only. */
export function resetCloudForTests(): void {
  cloudReady = false
}
