/**
 * The environment the real CloudBase function runtime gives a function, pointed at the
 * local cloud. The function host applies it to its own thread (the function thread);
 * scripts and tests that use @cloudbase/node-sdk against the local cloud apply it too.
 *
 * Why each key matters (research/cloudbase.md):
 * - TENCENTCLOUD_RUNENV/REGION/SCF_NAMESPACE: without them the SDK probes a cloud metadata
 *   host twice per request (~65 ms each call offline); with them ~1.5 ms.
 * - TCB_CONTEXT_CNFG.URL: the SDK's "server inject URL", so `tcb.init({ env: SYMBOL_CURRENT_ENV })`
 *   reaches the local database service with no code difference from production.
 * - TENCENTCLOUD_SECRETID/SECRETKEY: the SDK insists on a key pair; the local cloud ignores it.
 * - LINLI_OFFLINE: WeChat's open API (subscribe messages, content check) is out of reach, so the
 *   functions use their offline stand-ins (an outbox collection, a rule-based check).
 * - WX_CONTEXT_KEYS: which WX_* keys carry the caller; the per-call values travel in
 *   `context.environ`, never in process.env (calls run concurrently).
 */
export const LOCAL_ENV_ID = 'linli-local'
export const LOCAL_APP_ID = 'wx-linli-local'
/**
 * The storage bucket, in CloudBase's form `<hex of the env's first letters>-<env>-<appid number>`, so fileIDs
 * look like production's: `cloud://linli-local.6c69-linli-local-1300000000/photos/...`.
 */
export const LOCAL_BUCKET = '6c69-linli-local-1300000000'
/** The local cloud's stand-in for wx.cloud.uploadFile (dev login only): POST with `?cloudPath=`. */
export const DEV_UPLOAD_PATH = '/dev/storage/upload'
/** A phone's wx.cloud.getTempFileURL / deleteFile (dev login only): POST `{ op, fileList }`. */
export const DEV_STORAGE_BATCH_PATH = '/dev/storage/batch'

export function localCloudUrl(port: number | string): string {
  return `http://127.0.0.1:${port}/cloudbase`
}

export function localRuntimeEnv(port: number | string): Record<string, string> {
  return {
    TENCENTCLOUD: 'true',
    TENCENTCLOUD_RUNENV: 'SCF',
    TENCENTCLOUD_REGION: 'ap-shanghai',
    SCF_NAMESPACE: LOCAL_ENV_ID,
    TCB_ENV: LOCAL_ENV_ID,
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: localCloudUrl(port) }),
    TENCENTCLOUD_SECRETID: 'local-secret-id',
    TENCENTCLOUD_SECRETKEY: 'local-secret-key',
    WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID',
    SILENCE: 'true',
    LINLI_OFFLINE: '1'
  }
}

/** Apply the runtime environment to this process (keys already set are left alone). */
export function applyLocalRuntimeEnv(port: number | string): void {
  for (const [k, v] of Object.entries(localRuntimeEnv(port))) {
    if (process.env[k] === undefined) process.env[k] = v
  }
}
