/**
 * The local CloudBase: one HTTP server on loopback that wires the database service, the
 * function host, the timers, dev login and the H5 build together (design.md, "The local cloud").
 *
 *   POST /cloudbase[?env=..&seqId=..]  database and storage actions, as @cloudbase/node-sdk sends them
 *   PUT|GET|HEAD /storage/<bucket>/…    storage uploads and signed temp URLs (storage/storage-http.ts)
 *   POST /dev/storage/upload?cloudPath= dev login: a phone's wx.cloud.uploadFile (raw bytes, X-WX-OPENID)
 *   POST /dev/storage/batch             dev login: a phone's wx.cloud.getTempFileURL / deleteFile
 *   (every POST: JSON only, never from another site; crossSiteRefusal)
 *   POST /functions/<name>              a cloud function call (dev login: X-WX-OPENID); answers its cost
 *                                       (database requests) in X-Linli-Db-Reads and X-Linli-Db-Writes
 *   POST /dev/clock                     dev mode, loopback: stop the functions' clock { at } or free it { at: null }
 *   GET  /healthz                       200 once the database is open and functions are loaded
 *   GET  /*                             the H5 build (dist-h5/)
 */
import http from 'node:http'
import { randomBytes } from 'node:crypto'
import { createReadStream, existsSync, statSync } from 'node:fs'
import path from 'node:path'
import { collections } from '../server/db/collections'
import type { DbService, FunctionHost, TimerScheduler } from './contracts'
import { DEV_STORAGE_BATCH_PATH, DEV_UPLOAD_PATH, LOCAL_APP_ID, LOCAL_BUCKET, LOCAL_ENV_ID } from './env'
import { openDb } from './db'
import { withDbFaults, withStorageFaults, type FaultConfig } from './faults'
import { startFunctionThread, type FunctionThread } from './functions'
import { startTimers } from './timers'
import { STORAGE_PATH_PREFIX, StorageService, devClientBatch, handleDevUpload, handleStorageObject } from './storage'

export interface LocalCloudConfig {
  /** 0 picks a free port. */
  port: number
  host: string
  dataDir: string
  functionsRoot: string
  /** Directory of the H5 build, served at `/`; null to serve nothing. */
  staticDir: string | null
  /** Dev login: accept the caller's OPENID from `X-WX-OPENID`, on loopback only. */
  devLogin: boolean
  /** Run timer triggers (tests of other parts turn them off). */
  timers: boolean
  log: (line: Record<string, unknown>) => void
  /** LINLI_FAULTS (faults.ts); none when absent. */
  faults?: FaultConfig
  /** Storage's per-object limit (storage-rules.ts MAX_OBJECT_BYTES by default; tests lower it). */
  maxObjectBytes?: number
}

export interface LocalCloud {
  port: number
  url: string
  db: DbService
  functions: FunctionHost
  storage: StorageService
  close: () => Promise<void>
}

/** CloudBase caps a request near 5 MB; a clear limit beats an out-of-memory process. */
export const MAX_BODY_BYTES = 5 * 1024 * 1024
const OPENID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/

export const newRequestId = (): string => randomBytes(12).toString('hex')

class BodyTooLarge extends Error {}

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0)
    if (declared > limit) {
      req.resume()
      reject(new BodyTooLarge())
      return
    }
    const chunks: Buffer[] = []
    let size = 0
    let failed = false
    req.on('data', (chunk: Buffer) => {
      if (failed) return
      size += chunk.length
      if (size > limit) {
        failed = true
        reject(new BodyTooLarge())
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks))
    })
    req.on('error', err => {
      if (!failed) {
        failed = true
        reject(err)
      }
    })
  })
}

/** Response headers of `POST /functions/<name>`: the database requests the call made (function-host.ts). */
export const DB_READS_HEADER = 'x-linli-db-reads'
export const DB_WRITES_HEADER = 'x-linli-db-writes'

function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body === undefined ? null : body)
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text)
  })
  res.end(text)
}

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.')
}

/**
 * Why a POST to the database or a function must be refused as cross-site, or null to serve it.
 * Any page open in the developer's browser can POST to 127.0.0.1 without a CORS preflight if it
 * sends a "simple" request (a form: text/plain or form-urlencoded, no custom header). So: the body
 * must be declared JSON (which a form cannot do, and fetch cannot do cross-origin without a
 * preflight this server never grants), and a request a browser marks as from another site
 * (`Sec-Fetch-Site: cross-site`, or an `Origin` that is not this server) is refused. The SDKs
 * (Node, no Origin, JSON) and the H5 app (same origin, JSON) pass.
 */
export function crossSiteRefusal(
  req: http.IncomingMessage,
  port: number,
  bodyType: 'application/json' | 'application/octet-stream' = 'application/json'
): string | null {
  const type = String(req.headers['content-type'] ?? '')
    .split(';')[0]
    .trim()
    .toLowerCase()
  // A form can send neither type (only urlencoded, multipart or text/plain), so both need a preflight.
  if (type !== bodyType) return `the body must be sent as Content-Type: ${bodyType}`
  if (String(req.headers['sec-fetch-site'] ?? '').toLowerCase() === 'cross-site')
    return 'cross-site requests are refused'
  const origin = req.headers.origin
  if (origin !== undefined && !['127.0.0.1', 'localhost', '[::1]'].some(h => origin === `http://${h}:${port}`)) {
    return `requests from ${origin} are refused: only pages served by this local cloud may call it`
  }
  return null
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf'
}

function serveStatic(staticDir: string | null, urlPath: string, res: http.ServerResponse): void {
  if (!staticDir || !existsSync(path.join(staticDir, 'index.html'))) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
    res.end('H5 build not found: run `npm run build:h5` (npm start does it for you).\n')
    return
  }
  let rel: string
  try {
    rel = decodeURIComponent(urlPath.split('?')[0])
  } catch {
    res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('bad path\n')
    return
  }
  if (rel === '/' || rel === '') rel = '/index.html'
  const file = path.resolve(staticDir, '.' + rel)
  // Never serve outside the build directory (../ tricks).
  if (!file.startsWith(path.resolve(staticDir) + path.sep)) {
    res.writeHead(403).end()
    return
  }
  if (!existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n')
    return
  }
  const type = contentTypes[path.extname(file)] ?? 'application/octet-stream'
  // index.html must be re-read after a rebuild; hashed assets may be cached.
  const cache = file.endsWith('index.html') ? 'no-cache' : 'public, max-age=3600'
  res.writeHead(200, { 'content-type': type, 'cache-control': cache })
  createReadStream(file).pipe(res)
}

export async function startLocalCloud(cfg: LocalCloudConfig): Promise<LocalCloud> {
  let ready = false
  let db: DbService | null = null
  let host: FunctionThread | null = null
  let timers: TimerScheduler | null = null
  let storage: StorageService | null = null
  let storageActions: ((body: Record<string, unknown>, requestId: string) => Promise<Record<string, unknown>>) | null =
    null

  const handleDb = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const requestId = newRequestId()
    let body: unknown
    try {
      body = JSON.parse((await readBody(req, MAX_BODY_BYTES)).toString('utf8'))
    } catch (err) {
      // The SDK reads CloudBase errors from a 200 JSON body; a non-JSON or non-200 reply
      // would surface as a confusing SyntaxError in the caller.
      const message =
        err instanceof BodyTooLarge
          ? `request body exceeds the ${MAX_BODY_BYTES / 1024 / 1024} MB limit`
          : 'request body is not valid JSON'
      sendJson(res, 200, { code: 'INVALID_PARAM', message, requestId })
      return
    }
    const action = (body as { action?: unknown } | null)?.action
    if (typeof action === 'string' && action.startsWith('storage.')) {
      sendJson(res, 200, await storageActions!(body as Record<string, unknown>, requestId))
      return
    }
    sendJson(res, 200, await db!.handle(body, requestId))
  }

  /**
   * The caller's OPENID under dev login, or null after answering 401. Dev login is the only way in
   * offline; anything but a well-formed header from this machine in dev mode is refused (there is
   * no WeChat session to trust here).
   */
  const devCaller = (req: http.IncomingMessage, res: http.ServerResponse): string | null => {
    const header = req.headers['x-wx-openid']
    const openId = Array.isArray(header) ? header[0] : header
    if (!cfg.devLogin || !isLoopback(req.socket.remoteAddress) || !openId || !OPENID_PATTERN.test(openId)) {
      req.resume()
      sendJson(res, 401, {
        ok: false,
        error: { code: 'UNAUTHENTICATED', message: '未登录：请先选择身份（仅限本机开发模式）' }
      })
      return null
    }
    return openId
  }

  const handleFunction = async (name: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const requestId = newRequestId()
    const openId = devCaller(req, res)
    if (openId === null) return
    let data: unknown
    try {
      data = JSON.parse((await readBody(req, MAX_BODY_BYTES)).toString('utf8') || '{}')
    } catch (err) {
      const tooLarge = err instanceof BodyTooLarge
      sendJson(res, tooLarge ? 413 : 400, {
        ok: false,
        error: tooLarge
          ? { code: 'PAYLOAD_TOO_LARGE', message: '提交的内容太大了（上限 5 MB）' }
          : { code: 'INVALID_INPUT', message: '请求格式不正确' }
      })
      return
    }
    const result = await host!.invoke(name, data, { openId, appId: LOCAL_APP_ID, requestId, source: 'http' })
    // The call's cost, for tests and bench:ops (the body stays exactly the function's answer).
    const cost: Record<string, string> = result.db
      ? { [DB_READS_HEADER]: String(result.db.reads), [DB_WRITES_HEADER]: String(result.db.writes) }
      : {}
    sendJson(res, result.status, result.body, cost)
  }

  /**
   * Tests freeze the functions' clock (src/server/clock.ts) instead of racing the wall clock.
   * Like dev login: dev mode and this machine only; a real deployment has no such door.
   */
  const handleClock = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    if (!cfg.devLogin || !isLoopback(req.socket.remoteAddress)) {
      req.resume()
      sendJson(res, 403, { code: 'FORBIDDEN', message: 'the clock can be set in dev mode on this machine only' })
      return
    }
    let at: unknown
    try {
      at = (JSON.parse((await readBody(req, 1024)).toString('utf8') || '{}') as { at?: unknown }).at
    } catch {
      at = undefined
    }
    if (at !== null && (typeof at !== 'string' || Number.isNaN(Date.parse(at)))) {
      sendJson(res, 400, { code: 'INVALID_INPUT', message: 'body: { "at": ISO instant | null }' })
      return
    }
    host!.setClock(at === null ? null : new Date(at).toISOString())
    sendJson(res, 200, { at })
  }

  const server = http.createServer((req, res) => {
    const url = req.url ?? '/'
    const pathname = url.split('?')[0]
    const route = async (): Promise<void> => {
      if (req.method === 'GET' && pathname === '/healthz') {
        sendJson(res, ready ? 200 : 503, { ok: ready })
        return
      }
      if (!ready) {
        sendJson(res, 503, { code: 'SYS_ERR', message: 'local cloud is starting', requestId: newRequestId() })
        return
      }
      const fn = /^\/functions\/([A-Za-z0-9_-]{1,64})$/.exec(pathname)
      const isDb = pathname === '/cloudbase' || pathname === '/admin'
      const isClock = pathname === '/dev/clock'
      const isUpload = pathname === DEV_UPLOAD_PATH
      const isStorageBatch = pathname === DEV_STORAGE_BATCH_PATH
      if (req.method === 'POST' && (isDb || fn || isClock || isUpload || isStorageBatch)) {
        const refused = crossSiteRefusal(req, port, isUpload ? 'application/octet-stream' : 'application/json')
        if (refused !== null) {
          req.resume()
          cfg.log({ kind: 'error', where: 'http', path: pathname, event: 'cross-site-refused', message: refused })
          sendJson(
            res,
            403,
            isDb
              ? { code: 'PERMISSION_DENIED', message: refused, requestId: newRequestId() }
              : { ok: false, error: { code: 'FORBIDDEN', message: `本机云开发只接受本页面的请求（${refused}）` } }
          )
          return
        }
      }
      if (req.method === 'POST' && isDb) return await handleDb(req, res)
      if (req.method === 'POST' && isClock) return await handleClock(req, res)
      if (req.method === 'POST' && fn) return await handleFunction(fn[1], req, res)
      if (req.method === 'POST' && isUpload) {
        const openId = devCaller(req, res)
        if (openId !== null) await handleDevUpload(storage!, openId, req, res)
        return
      }
      if (req.method === 'POST' && isStorageBatch) {
        if (devCaller(req, res) === null) return
        let body: unknown = null
        try {
          body = JSON.parse((await readBody(req, 64 * 1024)).toString('utf8'))
        } catch {
          /* answered as invalid below */
        }
        const answer = devClientBatch(storage!, body)
        sendJson(res, answer.status, answer.body)
        return
      }
      if (pathname.startsWith(STORAGE_PATH_PREFIX)) {
        return await handleStorageObject(storage!, LOCAL_BUCKET, req, res, newRequestId())
      }
      if (req.method === 'GET' || req.method === 'HEAD') return serveStatic(cfg.staticDir, url, res)
      sendJson(res, 404, { code: 'NOT_FOUND', message: `no route for ${req.method} ${pathname}` })
    }
    route().catch((err: unknown) => {
      cfg.log({ kind: 'error', where: 'http', path: pathname, message: String((err as Error)?.stack ?? err) })
      if (!res.headersSent)
        sendJson(res, 500, { code: 'SYS_ERR', message: 'internal error', requestId: newRequestId() })
      else res.end()
    })
  })
  // Keep idle connections open longer than any client does, so the client always closes first:
  // node-sdk's keep-alive agent drops idle sockets after 4.8 s (freeSocketTimeout in its
  // dist/utils/request-core.js) and Node's fetch after 4 s. With 5 s here, a busy machine whose
  // client timer fired late reused a socket this server had just closed: "socket hang up", which
  // node-sdk does not retry (a timer run failed in the integration suite this way).
  server.keepAliveTimeout = 30_000

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(cfg.port, cfg.host, () => resolve())
  })
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : cfg.port

  try {
    db = openDb({ dir: cfg.dataDir, collections })
    storage = new StorageService({
      dir: cfg.dataDir,
      envId: LOCAL_ENV_ID,
      bucket: LOCAL_BUCKET,
      origin: () => `http://127.0.0.1:${port}`,
      ...(cfg.maxObjectBytes !== undefined ? { maxObjectBytes: cfg.maxObjectBytes } : {})
    })
    const served = storage
    storageActions = (body, requestId) => served.handle(body, requestId)
    if (cfg.faults) storageActions = withStorageFaults(storageActions, cfg.faults)
    if (cfg.faults) db = withDbFaults(db, cfg.faults)
    host = await startFunctionThread({ root: cfg.functionsRoot, port, log: cfg.log, faults: cfg.faults })
    if (cfg.timers) timers = startTimers(host, { log: cfg.log })
  } catch (err) {
    await new Promise<void>(resolve => server.close(() => resolve()))
    await host?.close()
    db?.close()
    throw err
  }
  ready = true

  let closed = false
  const close = async (): Promise<void> => {
    if (closed) return
    closed = true
    ready = false
    timers?.stop()
    server.closeIdleConnections()
    // Give in-flight requests a moment, then cut what is left (keep-alive clients).
    const force = setTimeout(() => server.closeAllConnections(), 2000)
    await new Promise<void>(resolve => server.close(() => resolve()))
    clearTimeout(force)
    await host?.close()
    db?.close()
  }
  return { port, url: `http://127.0.0.1:${port}`, db: db, functions: host, storage, close }
}
