/**
 * Database benchmark (`npm run bench:db`). On a 100,000-document collection it measures, three
 * ways in the same run: in-process through the DbService, through @cloudbase/node-sdk over HTTP
 * against the spawned local cloud, and raw better-sqlite3 doing the same work. Prints figures and
 * each one's ratio to raw; it asserts nothing.
 *
 *   lookup   indexed equality (`where({ phone })`), sequential, p50/p99
 *   page     20 documents of one household, newest first (`where({ householdId }).orderBy.limit(20)`)
 *   insert   single-document adds (SDK: 32 in flight)
 *   update   conditional decrement `where({ _id, seats: _.gt(0) }).update({ seats: _.inc(-1) })`
 *            (SDK: 32 in flight)
 */
import tcb from '@cloudbase/node-sdk'
import Database from 'better-sqlite3'
import { EJSON } from 'bson'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { collections } from '../../src/server/db/collections'
import { LOCAL_ENV_ID } from '../../src/local-cloud/env'
import { openDb } from '../../src/local-cloud/db'
import { startLocalCloud } from '../../test/support/local-cloud'

process.env.TENCENTCLOUD = 'true' // no per-call metadata probe (research/cloudbase.md, addendum)
process.env.SILENCE = 'true'

const N = 100_000
const HOUSEHOLDS = 1000
const LOOKUPS = 2000
const PAGES = 500
const INSERTS = 3000
const UPDATES = 5000
const IN_FLIGHT = 32

const enc = (v: unknown): string => EJSON.stringify(v as object, { relaxed: false })
const userDoc = (i: number): Record<string, unknown> => ({
  _id: `u${i}`,
  phone: `138${String(i).padStart(8, '0')}`,
  householdId: `h${i % HOUSEHOLDS}`,
  name: `居民${i}`,
  seats: 1_000_000,
  createdAt: new Date(Date.UTC(2024, 0, 1) + i * 60_000),
  tags: ['resident', i % 2 === 0 ? 'even' : 'odd']
})
const rand = (n: number): number => Math.floor(Math.random() * n)
const phoneOf = (i: number): string => `138${String(i).padStart(8, '0')}`

interface Latency {
  p50: number
  p99: number
}
interface Result {
  lookup: Latency
  page: Latency
  insertPerSec: number
  updatePerSec: number
}

async function latency(count: number, fn: (i: number) => Promise<unknown> | unknown): Promise<Latency> {
  const times: number[] = []
  for (let i = 0; i < count; i++) {
    const t0 = process.hrtime.bigint()
    await fn(i)
    times.push(Number(process.hrtime.bigint() - t0) / 1e6)
  }
  times.sort((a, b) => a - b)
  return { p50: times[Math.floor(count * 0.5)], p99: times[Math.floor(count * 0.99)] }
}

async function throughput(
  count: number,
  inFlight: number,
  fn: (i: number) => Promise<unknown> | unknown
): Promise<number> {
  let next = 0
  const t0 = process.hrtime.bigint()
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < count) await fn(next++)
    })
  )
  return count / (Number(process.hrtime.bigint() - t0) / 1e9)
}

async function benchInProcess(dir: string): Promise<Result> {
  const db = openDb({ dir, collections })
  const call = async (p: Record<string, unknown>): Promise<Record<string, any>> => {
    const r = await db.handle(p, 'bench')
    if (r.code) throw new Error(`${String(r.code)}: ${String(r.message)}`)
    return r
  }
  for (let start = 0; start < N; start += 1000) {
    await call({
      action: 'database.insertDocument',
      collectionName: 'users',
      data: Array.from({ length: 1000 }, (_v, k) => enc(userDoc(start + k)))
    })
  }
  const lookup = await latency(LOOKUPS, () =>
    call({
      action: 'database.getDocument',
      collectionName: 'users',
      queryType: 'WHERE',
      query: enc({ phone: phoneOf(rand(N)) }),
      limit: 100
    })
  )
  const page = await latency(PAGES, () =>
    call({
      action: 'database.getDocument',
      collectionName: 'users',
      queryType: 'WHERE',
      query: enc({ householdId: `h${rand(HOUSEHOLDS)}` }),
      order: enc({ createdAt: -1 }),
      limit: 20
    })
  )
  const insertPerSec = await throughput(INSERTS, 1, i =>
    call({
      action: 'database.insertDocument',
      collectionName: 'users',
      data: [enc({ ...userDoc(N + i), _id: `ip${i}` })]
    })
  )
  const updatePerSec = await throughput(UPDATES, IN_FLIGHT, () =>
    call({
      action: 'database.modifyDocument',
      collectionName: 'users',
      queryType: 'WHERE',
      query: enc({ _id: `u${rand(N)}`, seats: { $gt: 0 } }),
      data: enc({ $inc: { seats: -1 } }),
      multi: true,
      merge: true,
      upsert: false
    })
  )
  db.close()
  return { lookup, page, insertPerSec, updatePerSec }
}

async function benchSdk(dir: string): Promise<Result> {
  const cloud = await startLocalCloud({ dataDir: dir })
  try {
    const db = tcb.init({ env: LOCAL_ENV_ID, serviceUrl: cloud.url, secretId: 'local', secretKey: 'local' }).database()
    const _ = db.command
    const users = db.collection('users')
    // warm up connections and JIT (client and server)
    for (let i = 0; i < 1000; i++) await users.where({ phone: phoneOf(i) }).get()
    const lookup = await latency(LOOKUPS, () => users.where({ phone: phoneOf(rand(N)) }).get())
    const page = await latency(PAGES, () =>
      users
        .where({ householdId: `h${rand(HOUSEHOLDS)}` })
        .orderBy('createdAt', 'desc')
        .limit(20)
        .get()
    )
    const insertPerSec = await throughput(INSERTS, IN_FLIGHT, i => users.add({ ...userDoc(N + i), _id: `sdk${i}` }))
    const updatePerSec = await throughput(UPDATES, IN_FLIGHT, () =>
      users.where({ _id: `u${rand(N)}`, seats: _.gt(0) }).update({ seats: _.inc(-1) })
    )
    return { lookup, page, insertPerSec, updatePerSec }
  } finally {
    await cloud.stop()
  }
}

/** The same work on a plain table with indexed columns and a JSON body. */
async function benchRaw(dir: string): Promise<Result> {
  const db = new Database(path.join(dir, 'raw.sqlite'))
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.exec(`CREATE TABLE users (id TEXT PRIMARY KEY, phone TEXT, household TEXT, created INTEGER, seats INTEGER, body TEXT);
    CREATE INDEX users_phone ON users (phone); CREATE INDEX users_household ON users (household, created)`)
  const ins = db.prepare('INSERT INTO users VALUES (?, ?, ?, ?, ?, ?)')
  const insertOne = (d: Record<string, any>): void => {
    ins.run(d._id, d.phone, d.householdId, (d.createdAt as Date).getTime(), d.seats, JSON.stringify(d))
  }
  db.transaction(() => {
    for (let i = 0; i < N; i++) insertOne(userDoc(i))
  })()
  const byPhone = db.prepare('SELECT body FROM users WHERE phone = ?')
  const byHousehold = db.prepare('SELECT body FROM users WHERE household = ? ORDER BY created DESC LIMIT 20')
  const decrement = db.prepare('UPDATE users SET seats = seats - 1 WHERE id = ? AND seats > 0')
  const parse = (rows: unknown[]): unknown[] => rows.map(r => JSON.parse((r as { body: string }).body))
  const lookup = await latency(LOOKUPS, () => parse(byPhone.all(phoneOf(rand(N)))))
  const page = await latency(PAGES, () => parse(byHousehold.all(`h${rand(HOUSEHOLDS)}`)))
  const insertPerSec = await throughput(INSERTS, 1, i => insertOne({ ...userDoc(N + i), _id: `raw${i}` }))
  const updatePerSec = await throughput(UPDATES, 1, () => decrement.run(`u${rand(N)}`).changes)
  db.close()
  return { lookup, page, insertPerSec, updatePerSec }
}

function report(raw: Result, rows: Array<[string, Result]>): void {
  const ms = (v: number): string => `${v.toFixed(3)} ms`
  const x = (v: number, base: number): string => `${(v / base).toFixed(1)}×`
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(34) : c.padStart(22))).join('')
  console.log(
    `\nDatabase benchmark: ${N.toLocaleString('en')} documents, ${os.cpus().length} CPUs, Node ${process.version}`
  )
  console.log('Ratios are to raw better-sqlite3 (latency: × slower; throughput: × of raw).\n')
  console.log(line(['', 'raw better-sqlite3', ...rows.map(([name]) => name)]))
  const lat = (label: string, pick: (r: Result) => Latency, key: keyof Latency): void => {
    console.log(
      line([
        label,
        ms(pick(raw)[key]),
        ...rows.map(([, r]) => `${ms(pick(r)[key])} (${x(pick(r)[key], pick(raw)[key])})`)
      ])
    )
  }
  lat('indexed equality lookup p50', r => r.lookup, 'p50')
  lat('indexed equality lookup p99', r => r.lookup, 'p99')
  lat('20-row page query p50', r => r.page, 'p50')
  lat('20-row page query p99', r => r.page, 'p99')
  const tp = (label: string, pick: (r: Result) => number): void => {
    console.log(
      line([
        label,
        `${pick(raw).toFixed(0)}/s`,
        ...rows.map(([, r]) => `${pick(r).toFixed(0)}/s (${(pick(r) / pick(raw)).toFixed(3)}×)`)
      ])
    )
  }
  tp('insert throughput', r => r.insertPerSec)
  tp('conditional update throughput', r => r.updatePerSec)
  console.log(
    `\nSDK over HTTP: lookups and pages sequential; inserts and updates ${IN_FLIGHT} in flight. In-process: inserts sequential, updates ${IN_FLIGHT} in flight.`
  )
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'linli-bench-'))
  try {
    console.log('raw better-sqlite3…')
    const raw = await benchRaw(dir)
    console.log('in-process DbService (seeding 100,000 documents)…')
    const inProcess = await benchInProcess(path.join(dir, 'cloud'))
    console.log('SDK over HTTP against the spawned local cloud…')
    const sdk = await benchSdk(path.join(dir, 'cloud'))
    report(raw, [
      ['in-process DbService', inProcess],
      ['node-sdk over HTTP', sdk]
    ])
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

main().catch(err => {
  console.error(err)
  process.exit(1)
})
