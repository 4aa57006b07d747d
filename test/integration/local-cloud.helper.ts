/**
 * The local cloud for integration tests: the shared spawner (test/support/local-cloud.ts) serving
 * the BUILT functions in cloudfunctions/ with dev login (run `npm run build:functions` first;
 * `npm test` does), plus a caller that speaks to them as a client would.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { seedDemoCommunity } from '../../scripts/seed'
import type { DbCost } from '../../src/local-cloud/contracts'
import { applyLocalRuntimeEnv } from '../../src/local-cloud/env'
import { DB_READS_HEADER, DB_WRITES_HEADER } from '../../src/local-cloud/server'
import { CLOCK_ENV } from '../../src/server/clock'
import { getDb, type Db } from '../../src/server/db/client'
import { scopeDb } from '../../src/server/db/community-scope'
import { DEFAULT_COMMUNITY_ID } from '../../src/core/community/community.model'
import { startLocalCloud, type LocalCloudProcess } from '../support/local-cloud'

const ROOT = path.resolve(__dirname, '..', '..')

export interface CloudUnderTest extends LocalCloudProcess {
  /**
   * POST /functions/<name> as `openId` (dev login header); resolves to the parsed body and the
   * call's database requests, as the local cloud counted them (null when the function never ran).
   */
  call: (
    name: string,
    openId: string | null,
    body: unknown
  ) => Promise<{ status: number; body: any; db: DbCost | null }>
  /**
   * Stops the functions' clock at `at` (null: lets it run), in the local cloud's function thread
   * and in this process (for timer runs made here). Time rules are tested at a frozen instant.
   */
  setClock: (at: Date | null) => Promise<void>
}

/**
 * The seeded community's database as its functions see it (db/community-scope.ts): a fixture written here carries
 * the community, and a read sees only it; street-wide collections (`users`) pass through.
 */
export function communityDb(communityId = DEFAULT_COMMUNITY_ID): Db {
  return scopeDb(getDb(), { communityId })
}

export function builtFunctionMissing(name: string): string | null {
  const entry = path.join(ROOT, 'cloudfunctions', name, 'index.js')
  return existsSync(entry) ? null : `${entry} missing: run \`npm run build:functions\` first`
}

export async function startCloud(): Promise<CloudUnderTest> {
  const cloud = await startLocalCloud({ functions: true })
  return {
    ...cloud,
    async call(name, openId, body) {
      const res = await fetch(`http://127.0.0.1:${cloud.port}/functions/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(openId ? { 'x-wx-openid': openId } : {}) },
        body: JSON.stringify(body)
      })
      const text = await res.text()
      let parsed: unknown = text
      try {
        parsed = JSON.parse(text)
      } catch {
        /* keep the text for the assertion message */
      }
      const reads = res.headers.get(DB_READS_HEADER)
      const writes = res.headers.get(DB_WRITES_HEADER)
      const db = reads === null || writes === null ? null : { reads: Number(reads), writes: Number(writes) }
      return { status: res.status, body: parsed, db }
    },
    async setClock(at) {
      const res = await fetch(`http://127.0.0.1:${cloud.port}/dev/clock`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ at: at?.toISOString() ?? null })
      })
      if (res.status !== 200) throw new Error(`setting the clock failed: ${res.status} ${await res.text()}`)
      if (at) process.env[CLOCK_ENV] = at.toISOString()
      else delete process.env[CLOCK_ENV]
    }
  }
}

export interface SeededCloud {
  /** The function's answer body, called as `openId` (null: no dev-login header at all). */
  call: (openId: string | null, action: string, payload?: unknown, requestId?: string) => Promise<any>
  /**
   * Another built function's answer (a cross-context view, e.g. the workbench's 待办 over this context's data), in
   * `communityId` when given (the envelope's, as a page naming another community's record sends it).
   */
  callOther: (
    fn: string,
    openId: string | null,
    action: string,
    payload?: unknown,
    communityId?: string
  ) => Promise<any>
  /** POSTs any body (not only an action envelope) as `openId`; the answer's body. */
  raw: (openId: string | null, body: unknown) => Promise<any>
  /** The answer's data; throws with the error when the call failed, so a broken step says why. */
  data: (openId: string, action: string, payload?: unknown, requestId?: string) => Promise<any>
  /**
   * Runs one of the built function's timer triggers in this process. With `at`, this process's clock
   * is stopped at `at` for the run (the jobs read the server clock only, src/server/timers.ts).
   */
  tick: (trigger: string, at?: Date) => Promise<any>
  count: (collection: string, where?: Record<string, unknown>) => Promise<number>
  docs: (collection: string, where?: Record<string, unknown>) => Promise<any[]>
  /** The local cloud's port (after beforeAll). */
  port: () => number
  /** See CloudUnderTest.setClock. */
  setClock: (at: Date | null) => Promise<void>
}

/**
 * For one test file: before all tests, a local cloud serving the BUILT functions with dev login,
 * this process's SDK pointed at it, and the demo community seeded; after all, stopped. Returns
 * ways to act on the built function `fn` as a client and as its timers.
 */
export function useSeededCloud(fn: string): SeededCloud {
  let cloud: CloudUnderTest | null = null
  beforeAll(async () => {
    const missing = builtFunctionMissing(fn)
    if (missing) throw new Error(missing)
    cloud = await startCloud()
    applyLocalRuntimeEnv(cloud.port)
    await seedDemoCommunity(getDb())
  })
  afterAll(async () => {
    delete process.env[CLOCK_ENV]
    await cloud?.dispose()
  })
  const running = (): CloudUnderTest => {
    if (!cloud) throw new Error('the local cloud is not started (use useSeededCloud at the top level of a test file)')
    return cloud
  }
  const call: SeededCloud['call'] = async (openId, action, payload = {}, requestId) =>
    (await running().call(fn, openId, { action, payload, ...(requestId ? { requestId } : {}) })).body
  return {
    call,
    callOther: async (other, openId, action, payload = {}, communityId) =>
      (await running().call(other, openId, { action, payload, ...(communityId ? { communityId } : {}) })).body,
    raw: async (openId, body) => (await running().call(fn, openId, body)).body,
    async data(openId, action, payload = {}, requestId) {
      const res = await call(openId, action, payload, requestId)
      if (!res?.ok) throw new Error(`${action} as ${openId}: ${JSON.stringify(res?.error ?? res)}`)
      return res.data
    },
    async tick(trigger, at) {
      const built = require(path.join(ROOT, 'cloudfunctions', fn, 'index.js')) as {
        main: (e: unknown, c?: unknown) => Promise<unknown>
      }
      const before = process.env[CLOCK_ENV]
      if (at) process.env[CLOCK_ENV] = at.toISOString()
      try {
        const time = (at ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z')
        return await built.main({ Type: 'Timer', TriggerName: trigger, Time: time, Message: '' }, {})
      } finally {
        if (before === undefined) delete process.env[CLOCK_ENV]
        else process.env[CLOCK_ENV] = before
      }
    },
    async count(collection, where) {
      const coll = communityDb().collection(collection)
      return Number(((where ? await coll.where(where).count() : await coll.count()) as { total: number }).total)
    },
    async docs(collection, where = {}) {
      return ((await communityDb().collection(collection).where(where).limit(1000).get()) as { data: any[] }).data
    },
    port: () => running().port,
    setClock: async at => {
      await running().setClock(at)
    }
  }
}
