/**
 * Who is calling. The OPENID comes from the platform, never from the payload:
 * - `tcb.getCloudbaseContext(context)` parses `context.environ`, which carries this call's
 *   WX_OPENID. It does not read `process.env` for it when the context has it, so it stays right
 *   when one process serves many calls at once (the local function host; wx-server-sdk's
 *   `getWXContext()` reads process.env and is not used).
 * - `event.userInfo.openId` is injected by the platform too ("云函数的第一个参数 event 会被注入一个
 *   userInfo 对象", and it overwrites a client-sent one); used only when the context lacks it.
 */
import { sdk } from './db/sdk'

export interface PlatformEvent {
  userInfo?: { openId?: unknown; appId?: unknown }
  [key: string]: unknown
}

export interface PlatformContext {
  request_id?: string
  function_name?: string
  environ?: string
  environment?: string
  /** The function's timeout, which the platform enforces on this call. */
  time_limit_in_ms?: number
  [key: string]: unknown
}

export function openIdOf(event: PlatformEvent, context: PlatformContext | undefined): string | null {
  // parseContext throws on a context without environ/environment (timer runs, hand-made calls).
  const hasEnviron = !!context && (typeof context.environ === 'string' || typeof context.environment === 'string')
  let fromContext: unknown
  try {
    fromContext = (sdk().getCloudbaseContext(hasEnviron ? (context as never) : undefined) as { WX_OPENID?: unknown })
      .WX_OPENID
  } catch {
    fromContext = undefined
  }
  if (isOpenId(fromContext)) return fromContext
  const fromEvent = event?.userInfo?.openId
  return isOpenId(fromEvent) ? fromEvent : null
}

function isOpenId(v: unknown): v is string {
  // getCloudbaseContext splits values containing ',' into arrays; a real OPENID never has one.
  return typeof v === 'string' && v.length > 0 && v.length <= 128
}
