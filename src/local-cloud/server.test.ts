/**
 * The local cloud's HTTP surface: dev login (only in dev mode, only with a well-formed
 * X-WX-OPENID), body limits, health, static H5 files and path safety. The database and the
 * function host have their own suites; this checks how server.ts wires them.
 */
import http from 'node:http'
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { isLoopback, MAX_BODY_BYTES, type LocalCloud } from './server'
import { startCloudInProcess } from '../../test/support/in-process-cloud'

/** The host logs one `kind: 'function'` line per call it ran: how a test knows a function ran. */
const logged: Array<Record<string, unknown>> = []
const functionRuns = (): number => logged.filter(l => l.kind === 'function').length

async function start(devLogin: boolean): Promise<LocalCloud> {
  const dir = mkdtempSync(path.join(tmpdir(), 'linli-server-'))
  const staticDir = path.join(dir, 'h5')
  mkdirSync(staticDir)
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><html><body>邻里</body></html>')
  return await startCloudInProcess({
    staticDir,
    devLogin,
    log: line => {
      logged.push(line)
    }
  })
}

function rawGetStatus(cloud: LocalCloud, rawPath: string): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port: cloud.port, path: rawPath }, res => {
        res.resume()
        resolve(res.statusCode)
      })
      .on('error', reject)
  })
}

const call = async (
  cloud: LocalCloud,
  headers: Record<string, string>,
  body: string = '{"hello":1}'
): Promise<{ status: number; json: any }> => {
  const res = await fetch(`${cloud.url}/functions/whoami`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body
  })
  return { status: res.status, json: await res.json() }
}

describe('dev mode on', () => {
  let cloud: LocalCloud
  beforeAll(async () => {
    cloud = await start(true)
  })
  afterAll(async () => {
    await cloud.close()
  })

  test('the caller is whoever X-WX-OPENID names, per call', async () => {
    const runsBefore = functionRuns()
    const [a, b] = await Promise.all([
      call(cloud, { 'X-WX-OPENID': 'o-alice' }),
      call(cloud, { 'X-WX-OPENID': 'o-bob' })
    ])
    expect(functionRuns()).toBe(runsBefore + 2)
    expect(a.status).toBe(200)
    expect(JSON.stringify(a.json)).toContain('o-alice')
    expect(JSON.stringify(b.json)).toContain('o-bob')
    expect(JSON.stringify(b.json)).not.toContain('o-alice')
  })

  test('no header, or a malformed one, is 401 and the function never runs', async () => {
    const cases: Array<Record<string, string>> = [
      {},
      { 'X-WX-OPENID': '' },
      { 'X-WX-OPENID': 'a b' },
      { 'X-WX-OPENID': 'x'.repeat(65) }
    ]
    const runsBefore = functionRuns()
    for (const headers of cases) {
      const r = await call(cloud, headers)
      expect(r.status).toBe(401)
      expect(r.json.error.code).toBe('UNAUTHENTICATED')
    }
    expect(functionRuns()).toBe(runsBefore)
  })

  test('malformed JSON is 400 and an oversized body 413; the next call is served', async () => {
    expect((await call(cloud, { 'X-WX-OPENID': 'o-alice' }, '{not json')).status).toBe(400)
    const big = JSON.stringify({ blob: 'x'.repeat(MAX_BODY_BYTES) })
    const r = await call(cloud, { 'X-WX-OPENID': 'o-alice' }, big)
    expect(r.status).toBe(413)
    expect(r.json.error.code).toBe('PAYLOAD_TOO_LARGE')
    expect((await call(cloud, { 'X-WX-OPENID': 'o-alice' })).status).toBe(200)
  })

  test('an oversized database request gets a CloudBase error body, not a crash', async () => {
    const res = await fetch(`${cloud.url}/cloudbase`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: 'x'.repeat(MAX_BODY_BYTES + 1)
    })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ code: 'INVALID_PARAM', message: expect.stringContaining('5 MB') })
    expect((await fetch(`${cloud.url}/healthz`)).status).toBe(200)
  })

  describe('refuses what another site open in the browser could send', () => {
    const countUsers = JSON.stringify({
      action: 'database.calculateDocument',
      collectionName: 'users',
      queryType: 'WHERE'
    })
    const db = async (headers: Record<string, string>, body = countUsers): Promise<{ status: number; json: any }> => {
      const res = await fetch(`${cloud.url}/cloudbase`, { method: 'POST', headers, body })
      return { status: res.status, json: await res.json() }
    }

    test('a plain form POST (no preflight needed) reaches neither the database nor a function', async () => {
      const runsBefore = functionRuns()
      for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
        for (const pathname of ['/cloudbase', '/admin']) {
          const res = await fetch(`${cloud.url}${pathname}`, {
            method: 'POST',
            headers: { 'content-type': type },
            body: countUsers
          })
          expect({ pathname, type, status: res.status }).toEqual({ pathname, type, status: 403 })
          expect((await res.json()).message).toMatch(/application\/json/)
        }
        expect((await call(cloud, { 'content-type': type, 'X-WX-OPENID': 'o-alice' })).status).toBe(403)
      }
      expect(functionRuns()).toBe(runsBefore)
    })

    test('a JSON request a browser marks as cross-site, or from a foreign Origin, is refused', async () => {
      const json = { 'content-type': 'application/json' }
      expect((await db({ ...json, 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403)
      for (const origin of ['https://evil.example', 'http://localhost:1', 'null']) {
        const r = await db({ ...json, Origin: origin })
        expect(r).toEqual({
          status: 403,
          json: {
            code: 'PERMISSION_DENIED',
            message: expect.stringContaining('refused'),
            requestId: expect.any(String)
          }
        })
      }
      const fnCall = await call(cloud, {
        'X-WX-OPENID': 'o-alice',
        Origin: 'https://evil.example',
        'Sec-Fetch-Site': 'cross-site'
      })
      expect(fnCall.status).toBe(403)
      expect(logged).toContainEqual(expect.objectContaining({ event: 'cross-site-refused', path: '/cloudbase' }))
    })

    test("the SDK (no Origin) and the app's own pages (same origin) are served", async () => {
      expect(await db({ 'content-type': 'application/json' })).toEqual({
        status: 200,
        json: expect.objectContaining({ data: { total: 0 } })
      })
      const ownPage = {
        'content-type': 'application/json; charset=utf-8',
        Origin: `http://127.0.0.1:${cloud.port}`,
        'Sec-Fetch-Site': 'same-origin'
      }
      expect((await db(ownPage)).status).toBe(200)
      expect(
        (
          await call(cloud, {
            'X-WX-OPENID': 'o-alice',
            Origin: `http://localhost:${cloud.port}`,
            'Sec-Fetch-Site': 'same-origin'
          })
        ).status
      ).toBe(200)
    })
  })

  test('serves the H5 app and nothing outside its folder', async () => {
    const page = await fetch(`${cloud.url}/`)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('邻里')
    // fetch() would normalise the dots away; a raw request sends them as a hostile client would.
    for (const p of ['/../../package.json', '/%2e%2e/%2e%2e/package.json', '/..%2f..%2fpackage.json']) {
      expect(await rawGetStatus(cloud, p)).toBe(403)
    }
    expect((await fetch(`${cloud.url}/missing.js`)).status).toBe(404)
    expect(await rawGetStatus(cloud, '/%E0%A4%A')).toBe(400)
  })

  test('unknown function is 404, unknown route is 404', async () => {
    const res = await fetch(`${cloud.url}/functions/nope`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-WX-OPENID': 'o-alice' },
      body: '{}'
    })
    expect(res.status).toBe(404)
    expect((await fetch(`${cloud.url}/anything`, { method: 'DELETE' })).status).toBe(404)
  })
})

const setClock = async (cloud: LocalCloud, body: unknown): Promise<number> =>
  (
    await fetch(`${cloud.url}/dev/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body)
    })
  ).status

describe("dev mode on: the functions' clock", () => {
  let cloud: LocalCloud
  beforeAll(async () => {
    cloud = await start(true)
  })
  afterAll(async () => {
    await cloud.close()
  })

  test('stops at the instant a test sets, and runs again when set to null', async () => {
    const alice = { 'X-WX-OPENID': 'o-alice' }
    expect((await call(cloud, alice)).json.clock).toBeNull()
    expect(await setClock(cloud, { at: '2026-01-05T01:59:59+08:00' })).toBe(200)
    expect((await call(cloud, alice)).json.clock).toBe('2026-01-04T17:59:59.000Z')
    expect(await setClock(cloud, { at: null })).toBe(200)
    expect((await call(cloud, alice)).json.clock).toBeNull()
  })

  test('takes an ISO instant or null, nothing else', async () => {
    for (const body of [{}, { at: 'tomorrow' }, { at: 42 }]) expect(await setClock(cloud, body)).toBe(400)
  })
})

test('dev mode off: even a well-formed header is refused, and the clock cannot be set', async () => {
  const cloud = await start(false)
  try {
    const runsBefore = functionRuns()
    const r = await call(cloud, { 'X-WX-OPENID': 'o-alice' })
    expect(r.status).toBe(401)
    expect(r.json.error.code).toBe('UNAUTHENTICATED')
    expect(functionRuns()).toBe(runsBefore)
    expect(await setClock(cloud, { at: '2026-01-05T00:00:00Z' })).toBe(403)
  } finally {
    await cloud.close()
  }
})

test('only loopback addresses count as this machine', () => {
  expect(isLoopback('127.0.0.1')).toBe(true)
  expect(isLoopback('::1')).toBe(true)
  expect(isLoopback('::ffff:127.0.0.1')).toBe(true)
  for (const a of ['10.0.0.5', '192.168.1.2', '::ffff:192.168.1.2', '172.17.0.1', '', undefined]) {
    expect(isLoopback(a)).toBe(false)
  }
})
