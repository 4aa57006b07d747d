import path from 'node:path'
import type { FunctionHost, InvokeContext } from '../contracts'
import { LOCAL_APP_ID, LOCAL_ENV_ID } from '../env'
import { loadFunctionHost } from './function-host'
import { readCloudbaseRc, readFunctionConfig, settingsFor } from './function-config'
import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'

/** A call that made no database requests: its cost, as invoke answers it (function-host.ts). */
const noDb = { reads: 0, writes: 0 }

const ROOT = path.join(__dirname, '__fixtures__', 'cloudfunctions')
const PORT = 39123

let host: FunctionHost
let logs: Array<Record<string, unknown>>
/** What the host logged while loading (later tests clear `logs`). */
let loadLogs: Array<Record<string, unknown>>

beforeAll(() => {
  logs = []
  host = loadFunctionHost({ root: ROOT, port: PORT, log: line => logs.push(line as Record<string, unknown>) })
  loadLogs = [...logs]
})

let seq = 0
const http = (openId: string, extra: Partial<InvokeContext> = {}): InvokeContext => ({
  openId,
  appId: LOCAL_APP_ID,
  requestId: `req-${++seq}`,
  source: 'http',
  ...extra
})

const errorOf = (body: unknown): { code: string; message: string } =>
  (body as { error: { code: string; message: string } }).error

describe('loading', () => {
  it('loads built functions with their config, and reports a folder that was never built', () => {
    const byName = Object.fromEntries(host.functions().map(f => [f.name, f]))
    expect(Object.keys(byName).sort()).toEqual([
      'callback',
      'exits',
      'fail',
      'lazy',
      'plain',
      'slow',
      'spin',
      'ticker',
      'whoami'
    ])
    // Timeouts and memory come from cloudbaserc.json; a function it does not name gets CloudBase's 3 s.
    expect(byName.slow.timeoutMs).toBe(1000)
    expect(byName.plain.timeoutMs).toBe(10_000)
    expect(byName.lazy.timeoutMs).toBe(3000)
    expect(byName.ticker.memoryMb).toBe(128)
    expect(byName.ticker.triggers).toEqual([{ name: 'everySecond', type: 'timer', config: '* * * * * * *' }])
    expect(byName.whoami.entry).toBe(path.join(ROOT, 'whoami', 'index.js'))
    expect(logs).toContainEqual(expect.objectContaining({ event: 'not-built', name: 'unbuilt' }))
  })

  it('applies the runtime environment, pointing the SDK at this port', () => {
    expect(process.env.TENCENTCLOUD_RUNENV).toBe('SCF')
    expect(process.env.TCB_ENV).toBe(LOCAL_ENV_ID)
    expect(JSON.parse(process.env.TCB_CONTEXT_CNFG ?? '{}').URL).toBe(`http://127.0.0.1:${PORT}/cloudbase`)
  })

  it('answers 404 for an unknown function and 500 naming the cause for one that failed to load', async () => {
    const unknown = await host.invoke('nope', {}, http('o-1'))
    expect(unknown.status).toBe(404)
    expect(errorOf(unknown.body).code).toBe('FUNCTION_NOT_FOUND')

    const broken = await host.invoke('broken', {}, http('o-1'))
    expect(broken.status).toBe(500)
    expect(errorOf(broken.body)).toEqual({
      code: 'FUNCTION_ERROR',
      message: 'function broken failed to load: cannot load me'
    })
    const nomain = await host.invoke('nomain', {}, http('o-1'))
    expect(errorOf(nomain.body).message).toMatch(/does not export a function `main`/)
    expect(logs).toContainEqual(expect.objectContaining({ kind: 'error', event: 'load-failed', name: 'broken' }))
  })

  it('still starts when the cloudfunctions directory is missing', () => {
    const lines: unknown[] = []
    const empty = loadFunctionHost({ root: path.join(ROOT, 'does-not-exist'), port: PORT, log: l => lines.push(l) })
    expect(empty.functions()).toEqual([])
    expect(lines).toContainEqual(expect.objectContaining({ event: 'no-root' }))
  })
})

describe('caller identity', () => {
  it('gives each of 50 concurrent callers its own identity, through the real node-sdk and event.userInfo', async () => {
    const ids = Array.from({ length: 50 }, (_, i) => `o-user-${String(i).padStart(2, '0')}`)
    const results = await Promise.all(
      ids.map((openId, i) => host.invoke('whoami', { echo: i }, http(openId, { requestId: `same-${i}` })))
    )
    results.forEach((r, i) => {
      expect(r.status).toBe(200)
      const body = r.body as {
        sdk: Record<string, unknown>
        event: Record<string, unknown>
        context: Record<string, unknown>
        processOpenId: unknown
      }
      expect(body.sdk.WX_OPENID).toBe(ids[i])
      expect(body.sdk.WX_APPID).toBe(LOCAL_APP_ID)
      expect(body.event).toEqual({ echo: i, userInfo: { openId: ids[i], appId: LOCAL_APP_ID } })
      expect(body.context.request_id).toBe(`same-${i}`)
      // Identity never leaks into process.env, where concurrent calls would overwrite each other.
      expect(body.processOpenId).toBeNull()
    })
  })

  it('passes the SCF context, and environ values the SDK parses as plain strings', async () => {
    const r = await host.invoke('whoami', {}, http('o-ctx'))
    const { sdk, context } = r.body as { sdk: Record<string, unknown>; context: Record<string, unknown> }
    expect(context).toEqual({
      request_id: expect.any(String),
      function_name: 'whoami',
      function_version: '$LATEST',
      namespace: LOCAL_ENV_ID,
      memory_limit_in_mb: 256,
      time_limit_in_ms: 20_000,
      environ: expect.stringContaining('WX_OPENID=o-ctx')
    })
    expect(sdk).toMatchObject({
      WX_UNIONID: '',
      TCB_ENV: LOCAL_ENV_ID,
      SCF_NAMESPACE: LOCAL_ENV_ID,
      // Comes from process.env: in environ its commas would turn it into an array.
      WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID'
    })
    expect(JSON.parse(sdk.TCB_CONTEXT_CNFG as string)).toEqual({ URL: `http://127.0.0.1:${PORT}/cloudbase` })
    expect(sdk.TRIGGER_SRC).toBeUndefined()
  })

  it('overwrites a userInfo the client put in its data (no impersonation)', async () => {
    const r = await host.invoke('whoami', { userInfo: { openId: 'o-admin' } }, http('o-mallory'))
    const body = r.body as { event: { userInfo: unknown }; sdk: { WX_OPENID: string } }
    expect(body.event.userInfo).toEqual({ openId: 'o-mallory', appId: LOCAL_APP_ID })
    expect(body.sdk.WX_OPENID).toBe('o-mallory')
  })

  it('refuses an openId that would smuggle extra keys into environ', async () => {
    const r = await host.invoke('whoami', {}, http('o-x;WX_OPENID=o-admin'))
    expect(r.status).toBe(400)
    expect(errorOf(r.body).code).toBe('INVALID_CALLER')
  })

  it('runs a timer call with the event as given, no userInfo and no openId', async () => {
    const event = { Type: 'Timer', TriggerName: 't', Time: '2025-01-01T00:00:00Z', Message: '' }
    const r = await host.invoke('whoami', event, {
      appId: LOCAL_APP_ID,
      requestId: 'timer-1',
      source: 'timer',
      triggerName: 't'
    })
    const body = r.body as { event: unknown; sdk: Record<string, unknown> }
    expect(body.event).toEqual(event)
    expect(body.sdk.WX_OPENID).toBeUndefined()
    expect(body.sdk.TRIGGER_SRC).toBe('timer')
  })
})

describe('event data', () => {
  it('treats a null body as an empty object and refuses arrays and primitives', async () => {
    const empty = await host.invoke('whoami', null, http('o-1'))
    expect((empty.body as { event: unknown }).event).toEqual({ userInfo: { openId: 'o-1', appId: LOCAL_APP_ID } })
    for (const data of [[1, 2], 'text', 3]) {
      const r = await host.invoke('whoami', data, http('o-1'))
      expect(r.status).toBe(400)
      expect(errorOf(r.body).code).toBe('INVALID_EVENT')
    }
  })
})

describe('results', () => {
  it('returns what a sync main returns, undefined as null, and the result as JSON', async () => {
    expect(await host.invoke('plain', { a: 2, b: 3 }, http('o-1'))).toEqual({ status: 200, body: { sum: 5 }, db: noDb })
    expect(await host.invoke('plain', { kind: 'undefined' }, http('o-1'))).toEqual({
      status: 200,
      body: null,
      db: noDb
    })
    expect(await host.invoke('plain', { kind: 'date' }, http('o-1'))).toEqual({
      status: 200,
      body: { at: '1970-01-01T00:00:00.000Z' },
      db: noDb
    })
    const big = await host.invoke('plain', { kind: 'bigint' }, http('o-1'))
    expect(big.status).toBe(500)
    expect(errorOf(big.body).message).toMatch(/not JSON/)
  })

  it('supports callback-style main', async () => {
    expect(await host.invoke('callback', {}, http('o-1'))).toEqual({
      status: 200,
      body: { via: 'callback', name: 'callback' },
      db: noDb
    })
    const failed = await host.invoke('callback', { fail: true }, http('o-1'))
    expect(failed).toEqual({
      status: 500,
      body: { error: { code: 'FUNCTION_ERROR', message: 'callback boom' } },
      db: noDb
    })
  })
})

describe('failures', () => {
  it.each([
    ['sync', 'sync boom'],
    ['async', 'async boom'],
    ['string', 'plain string boom']
  ])(
    'a %s throw is a 500 with the message and no stack, logged with the stack; the next call works',
    async (how, message) => {
      logs.length = 0
      const r = await host.invoke('fail', { how }, http('o-1', { requestId: `fail-${how}` }))
      expect(r).toEqual({ status: 500, body: { error: { code: 'FUNCTION_ERROR', message } }, db: noDb })
      expect(JSON.stringify(r.body)).not.toMatch(/at .*index\.js/)
      const line = logs.find(l => l.requestId === `fail-${how}`) as { error: { code: string; stack?: string } }
      expect(line.error.code).toBe('FUNCTION_ERROR')
      if (how !== 'string') expect(line.error.stack).toMatch(/index\.js/)
      expect((await host.invoke('plain', { a: 1, b: 1 }, http('o-1'))).body).toEqual({ sum: 2 })
    }
  )

  it('answers FUNCTION_TIMEOUT at the configured limit, without holding up other calls', async () => {
    const started = Date.now()
    const [slow, quick] = await Promise.all([
      host.invoke('slow', { ms: 1500 }, http('o-1')),
      host.invoke('plain', { a: 1, b: 2 }, http('o-2'))
    ])
    const elapsed = Date.now() - started
    expect(slow).toEqual({
      status: 500,
      body: { error: { code: 'FUNCTION_TIMEOUT', message: 'function slow timed out after 1 s' } },
      db: noDb
    })
    expect(elapsed).toBeGreaterThanOrEqual(990)
    expect(elapsed).toBeLessThan(1500)
    expect(quick.body).toEqual({ sum: 3 })
    // Within the limit is fine.
    expect(await host.invoke('slow', { ms: 10 }, http('o-1'))).toEqual({ status: 200, body: { slept: 10 }, db: noDb })
  })
})

describe('logging', () => {
  it('writes one line per invocation with its action and a masked openId', async () => {
    logs.length = 0
    await host.invoke('plain', { a: 1, b: 1 }, http('oABCDEFGHIJKLMNOPQRSTUVWXYZ1', { requestId: 'log-1' }))
    await host.invoke('nope', { action: 'listTerms' }, http('o-short', { requestId: 'log-2' }))
    expect(logs).toEqual([
      {
        kind: 'function',
        name: 'plain',
        requestId: 'log-1',
        source: 'http',
        openId: 'oABC…XYZ1',
        status: 200,
        ms: expect.any(Number),
        db: noDb
      },
      {
        kind: 'function',
        name: 'nope',
        action: 'listTerms',
        requestId: 'log-2',
        source: 'http',
        openId: 'o-s…',
        status: 404,
        ms: expect.any(Number),
        db: noDb,
        error: { code: 'FUNCTION_NOT_FOUND', message: 'function nope not found' }
      }
    ])
  })
})

describe('config.json and cloudbaserc.json, as the upload reads them', () => {
  it('refuses to start a function with a second trigger, saying why', async () => {
    const r = await host.invoke('twotriggers', {}, http('o-1'))
    expect(r.status).toBe(500)
    expect(errorOf(r.body).message).toMatch(
      /refused as the upload would refuse it: config\.json: 2 triggers, but WeChat takes exactly one/
    )
    expect(loadLogs).toContainEqual(
      expect.objectContaining({ kind: 'error', event: 'config-refused', name: 'twotriggers' })
    )
  })

  it('refuses a config.json key WeChat does not accept, pointing timeout at cloudbaserc.json', async () => {
    const r = await host.invoke('oldtimeout', {}, http('o-1'))
    expect(errorOf(r.body).message).toMatch(/"timeout" is not a key WeChat accepts .*put it in cloudbaserc\.json/)
  })

  it("holds a function cloudbaserc.json does not name to CloudBase's 3 s, and says so in time_limit_in_ms", async () => {
    const started = Date.now()
    const r = await host.invoke('lazy', { ms: 3300 }, http('o-1'))
    expect(r).toEqual({
      status: 500,
      body: { error: { code: 'FUNCTION_TIMEOUT', message: 'function lazy timed out after 3 s' } },
      db: noDb
    })
    expect(Date.now() - started).toBeLessThan(3300)
    expect(loadLogs).toContainEqual(expect.objectContaining({ event: 'undeclared', name: 'lazy' }))
    const who = await host.invoke('whoami', {}, http('o-1'))
    expect((who.body as { context: { time_limit_in_ms: number } }).context.time_limit_in_ms).toBe(20_000)
  })

  const tmp = (files: Record<string, unknown>): string => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'fn-config-'))
    for (const [name, body] of Object.entries(files))
      writeFileSync(path.join(dir, name), typeof body === 'string' ? body : JSON.stringify(body))
    return dir
  }

  it('lists every reason a config.json would be refused', () => {
    const dir = tmp({
      'config.json': {
        timeout: 20,
        permissions: { openapi: 'subscribeMessage.send' },
        triggers: [
          { name: 'daily', type: 'timer', config: '0 0 2 * * * *' },
          { name: '1bad', type: 'timer', config: '* * * * * * *' }
        ]
      }
    })
    const config = readFunctionConfig(path.join(dir, 'config.json'))
    expect(config.triggers).toEqual([{ name: 'daily', type: 'timer', config: '0 0 2 * * * *' }])
    expect(config.problems).toEqual([
      expect.stringMatching(/"timeout" is not a key/),
      expect.stringMatching(/"permissions" must be/),
      expect.stringMatching(/2 triggers/),
      expect.stringMatching(/trigger name "1bad"/)
    ])
    writeFileSync(path.join(dir, 'config.json'), '{ not json')
    expect(readFunctionConfig(path.join(dir, 'config.json')).problems[0]).toMatch(/not valid JSON/)
    expect(readFunctionConfig(path.join(dir, 'missing.json'))).toEqual({ triggers: [], problems: [] })
  })

  it('refuses a timeout outside 1–60 s, an odd memory size, and triggers that differ between the two files', () => {
    const dir = tmp({
      'cloudbaserc.json': {
        functions: [
          { name: 'a', timeout: 61, memorySize: 300 },
          { name: 'b', timeout: 10, triggers: [{ name: 'tick', type: 'timer', config: '0 * * * * * *' }] }
        ]
      }
    })
    const rc = readCloudbaseRc(path.join(dir, 'cloudbaserc.json'))
    const a = settingsFor('a', { triggers: [], problems: [] }, rc)
    expect(a.problems).toEqual([
      expect.stringMatching(/timeout 61 must be whole seconds from 1 to 60/),
      expect.stringMatching(/memorySize 300/)
    ])
    const b = settingsFor('b', { triggers: [], problems: [] }, rc)
    expect(b.timeoutMs).toBe(10_000)
    expect(b.problems).toEqual([expect.stringMatching(/differ from config\.json/)])
    expect(settingsFor('c', { triggers: [], problems: [] }, rc)).toMatchObject({
      timeoutMs: 3000,
      memoryMb: 256,
      declared: false,
      problems: []
    })
  })
})
