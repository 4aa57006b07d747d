/**
 * The two arguments the CloudBase runtime passes to `main(event, context)`, built per call.
 * research/cloudbase.md §2: `event` is the caller's data plus `userInfo: { openId, appId }`;
 * `context` is the SCF context, whose `environ` carries the caller for
 * `tcb.getCloudbaseContext(context)`.
 */
import { LOCAL_ENV_ID } from '../env'

/** CloudBase's default function memory; reported only, not enforced. */
export const MEMORY_LIMIT_MB = 256

export interface PlatformContext {
  request_id: string
  function_name: string
  function_version: string
  namespace: string
  memory_limit_in_mb: number
  time_limit_in_ms: number
  environ: string
}

export interface CallerInfo {
  openId?: string
  appId: string
  source: 'http' | 'timer'
}

/**
 * `environ` is the old SCF format `KEY=value;KEY=value`. node-sdk's parseContext splits it on
 * `;`, cuts each entry at the first `=`, and turns any value containing `,` into an array. So a
 * value may contain neither `;` (it would split the entry, and a later `WX_OPENID=` would win)
 * nor `,`. That is why WX_CONTEXT_KEYS (`WX_OPENID,WX_APPID,WX_UNIONID`) and TCB_CONTEXT_CNFG
 * (JSON) are left to process.env, where they are the same for every call: getCloudbaseContext
 * falls back to process.env for them.
 */
export function buildEnviron(caller: CallerInfo): string {
  const entries: Array<[string, string]> = [
    ['SCF_NAMESPACE', LOCAL_ENV_ID],
    ['TCB_ENV', LOCAL_ENV_ID],
    ['WX_APPID', caller.appId]
  ]
  if (caller.source === 'timer') {
    // The SDKs pick the timer's cloud-call token by this key (research/cloudbase.md §2).
    entries.push(['TRIGGER_SRC', 'timer'])
  } else {
    entries.push(['WX_OPENID', caller.openId ?? ''], ['WX_UNIONID', ''])
  }
  return entries.map(([k, v]) => `${k}=${v}`).join(';')
}

/** A value that would corrupt `environ` (see buildEnviron). */
export function unsafeEnvironValue(value: string): boolean {
  return /[;,\r\n]/.test(value)
}

export function buildContext(
  name: string,
  requestId: string,
  timeoutMs: number,
  caller: CallerInfo,
  memoryMb = MEMORY_LIMIT_MB
): PlatformContext {
  return {
    request_id: requestId,
    function_name: name,
    function_version: '$LATEST',
    namespace: LOCAL_ENV_ID,
    memory_limit_in_mb: memoryMb,
    time_limit_in_ms: timeoutMs,
    environ: buildEnviron(caller)
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * The event of a client call. The platform's `userInfo` always replaces whatever the caller put
 * under that key: otherwise a client could claim someone else's openId.
 */
export function buildHttpEvent(data: Record<string, unknown>, caller: CallerInfo): Record<string, unknown> {
  return { ...data, userInfo: { appId: caller.appId, openId: caller.openId } }
}

/** For logs: enough to tell callers apart, not the whole identifier (PIPL). */
export function maskOpenId(openId: string | undefined): string | undefined {
  if (openId === undefined) return undefined
  if (openId.length <= 12) return openId.slice(0, 3) + '…'
  return openId.slice(0, 4) + '…' + openId.slice(-4)
}
