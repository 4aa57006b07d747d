/**
 * The local CloudBase: one HTTP server on loopback that wires the database service, the
 * function host, the timers, dev login and the H5 build together (design.md, "The local cloud").
 *
 *   POST /cloudbase[?env=..&seqId=..]  database actions, as @cloudbase/node-sdk sends them
 *   POST /functions/<name>              a cloud function call (dev login: X-WX-OPENID)
 *   GET  /healthz                       200 once the database is open and functions are loaded
 *   GET  /*                             the H5 build (dist-h5/)
 */
import http from 'node:http'
import { randomBytes } from 'node:crypto'
import { createReadStream, existsSync, statSync } from 'node:fs'
import path from 'node:path'
import { collections } from '../server/db/collections'
import type { DbService, FunctionHost, TimerScheduler } from './contracts'
import { LOCAL_APP_ID } from './env'
import { openDb } from './db'
import { withDbFaults, type FaultConfig } from './faults'
import { startFunctionThread, type FunctionThread } from './functions'
import { startTimers } from './timers'

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
}

export interface LocalCloud {
  port: number
  url: string
  db: DbService
  functions: FunctionHost
  close: () => Promise<void>
}

/** CloudBase caps a request near 5 MB; a clear limit beats an out-of-memory process. */
export const MAX_BODY_BYTES = 5 * 1024 * 1024
const OPENID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/

export const newRequestId = (): string => randomBytes(12).toString('hex')

class BodyTooLarge extends Error {}

function readBody (req: http.IncomingMessage, limit: number): Promise<Buffer> {
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
    req.on('end', () => { if (!failed) resolve(Buffer.concat(chunks)) })
    req.on('error', (err) => { if (!failed) { failed = true; reject(err) } })
  })
}

function sendJson (res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body === undefined ? null : body)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) })
  res.end(text)
}

export function isLoopback (address: string | undefined): boolean {
  if (!address) return false
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.')
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

function serveStatic (staticDir: string | null, urlPath: string, res: http.ServerResponse): void {
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

export async function startLocalCloud (cfg: LocalCloudConfig): Promise<LocalCloud> {
  let ready = false
  let db: DbService | null = null
  let host: FunctionThread | null = null
  let timers: TimerScheduler | null = null

  const handleDb = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const requestId = newRequestId()
    let body: unknown
    try {
      body = JSON.parse((await readBody(req, MAX_BODY_BYTES)).toString('utf8'))
    } catch (err) {
      // The SDK reads CloudBase errors from a 200 JSON body; a non-JSON or non-200 reply
      // would surface as a confusing SyntaxError in the caller.
      const message = err instanceof BodyTooLarge
        ? `request body exceeds the ${MAX_BODY_BYTES / 1024 / 1024} MB limit`
        : 'request body is not valid JSON'
      sendJson(res, 200, { code: 'INVALID_PARAM', message, requestId })
      return
    }
    sendJson(res, 200, await db!.handle(body, requestId))
  }

  const handleFunction = async (name: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const requestId = newRequestId()
    const header = req.headers['x-wx-openid']
    const openId = Array.isArray(header) ? header[0] : header
    // Dev login is the only way in offline; anything but a well-formed header from this
    // machine in dev mode is refused (there is no WeChat session to trust here).
    if (!cfg.devLogin || !isLoopback(req.socket.remoteAddress) || !openId || !OPENID_PATTERN.test(openId)) {
      req.resume()
      sendJson(res, 401, {
        ok: false,
        error: { code: 'UNAUTHENTICATED', message: '未登录：请先选择身份（仅限本机开发模式）' }
      })
      return
    }
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
    sendJson(res, result.status, result.body)
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
      if (req.method === 'POST' && (pathname === '/cloudbase' || pathname === '/admin')) return await handleDb(req, res)
      const fn = /^\/functions\/([A-Za-z0-9_-]{1,64})$/.exec(pathname)
      if (req.method === 'POST' && fn) return await handleFunction(fn[1], req, res)
      if (req.method === 'GET' || req.method === 'HEAD') return serveStatic(cfg.staticDir, url, res)
      sendJson(res, 404, { code: 'NOT_FOUND', message: `no route for ${req.method} ${pathname}` })
    }
    route().catch((err: unknown) => {
      cfg.log({ kind: 'error', where: 'http', path: pathname, message: String((err as Error)?.stack ?? err) })
      if (!res.headersSent) sendJson(res, 500, { code: 'SYS_ERR', message: 'internal error', requestId: newRequestId() })
      else res.end()
    })
  })
  // Many concurrent SDK callers keep connections alive; don't let idle sockets pile up.
  server.keepAliveTimeout = 5000

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(cfg.port, cfg.host, () => resolve())
  })
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : cfg.port

  try {
    db = openDb({ dir: cfg.dataDir, collections })
    if (cfg.faults) db = withDbFaults(db, cfg.faults)
    host = await startFunctionThread({ root: cfg.functionsRoot, port, log: cfg.log, faults: cfg.faults })
    if (cfg.timers) timers = startTimers(host, { log: cfg.log })
  } catch (err) {
    await new Promise<void>((resolve) => server.close(() => resolve()))
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
    await new Promise<void>((resolve) => server.close(() => resolve()))
    clearTimeout(force)
    await host?.close()
    db?.close()
  }
  return { port, url: `http://127.0.0.1:${port}`, db: db, functions: host, close }
}
