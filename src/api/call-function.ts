/**
 * The client side of the wire: one call = `{ action, payload, requestId }` to a context's cloud
 * function, answered by `{ ok, data | error }`. Never throws: transport failures come back as
 * `NETWORK`, a missing H5 identity as `UNAUTHENTICATED`, so screens have one shape to handle.
 */
import Taro from '@tarojs/taro'
import type { WireError, WireResponse } from '@/core/shared/wire'
import { getPersonaOpenId } from './identity'

export interface CallOptions {
  /** Pass the same id on every retry of one user action (see newRequestId). */
  requestId?: string
}

/** Codes the client itself produces, beside the ones the server answers. */
export type ClientErrorCode = 'NETWORK' | 'UNAUTHENTICATED'

export const networkError: WireError<'NETWORK'> = { code: 'NETWORK', message: '网络不给力，请稍后再试' }
export const unauthenticatedError: WireError<'UNAUTHENTICATED'> = { code: 'UNAUTHENTICATED', message: '请先选择身份' }

export function callFunction<T> (
  name: string,
  action: string,
  payload: Record<string, unknown> = {},
  opts: CallOptions = {}
): Promise<WireResponse<T>> {
  const data = opts.requestId ? { action, payload, requestId: opts.requestId } : { action, payload }
  return process.env.TARO_ENV === 'h5' ? callOverHttp<T>(name, data) : callOverCloud<T>(name, data)
}

type RequestBody = { action: string; payload: Record<string, unknown>; requestId?: string }

let cloudReady = false

/** wx.cloud must be initialised once before the first call. */
function ensureCloud (): void {
  if (cloudReady) return
  // LINLI_CLOUD_ENV is a build constant; unset means the mini-program's default environment.
  const env = typeof LINLI_CLOUD_ENV === 'string' ? LINLI_CLOUD_ENV : ''
  Taro.cloud.init(env ? { env, traceUser: true } : { traceUser: true })
  cloudReady = true
}

async function callOverCloud<T> (name: string, data: RequestBody): Promise<WireResponse<T>> {
  try {
    ensureCloud()
    const res = await Taro.cloud.callFunction({ name, data })
    return asWireResponse<T>(res.result) ?? { ok: false, error: networkError }
  } catch {
    return { ok: false, error: networkError }
  }
}

async function callOverHttp<T> (name: string, data: RequestBody): Promise<WireResponse<T>> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' }
  const openId = getPersonaOpenId()
  // Nobody picked yet (dev login): the local cloud would answer 401, so don't ask at all.
  if (!openId) return { ok: false, error: unauthenticatedError }
  headers['X-WX-OPENID'] = openId
  let res: Response
  try {
    // Same origin: the local cloud serves both the H5 build and /functions (the dev server proxies).
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

function isRecord (v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function asWireError (v: unknown): WireError | null {
  if (!isRecord(v) || typeof v.code !== 'string' || typeof v.message !== 'string') return null
  return v.details === undefined ? { code: v.code, message: v.message } : { code: v.code, message: v.message, details: v.details }
}

/** The envelope's shape only; `data` is checked by the caller's schema. */
function asWireResponse<T> (v: unknown): WireResponse<T> | null {
  if (!isRecord(v)) return null
  if (v.ok === true && 'data' in v) return { ok: true, data: v.data as T }
  if (v.ok === false) {
    const error = asWireError(v.error)
    return error ? { ok: false, error } : null
  }
  return null
}

/** The local cloud's own failures (unknown function, crash) come as `{ error: { code, message } }`. */
function hostError<T> (v: unknown): WireResponse<T> | null {
  if (!isRecord(v)) return null
  const error = asWireError(v.error)
  return error ? { ok: false, error } : null
}

/** Tests only. */
export function resetCloudForTests (): void {
  cloudReady = false
}
