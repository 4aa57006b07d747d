import http from 'node:http'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import type { DbService } from './contracts'
import { LOCAL_APP_ID } from './env'
import { CallFaults, parseFaults, withDbFaults, withStorageFaults } from './faults'
import { loadFunctionHost } from './functions'

describe('LINLI_FAULTS', () => {
  it('reads shares and a seed, draws a seed when none is given, and refuses anything else', () => {
    expect(parseFaults('db=0.05,timeout=0.01', '42', () => 7)).toEqual({ db: 0.05, timeout: 0.01, seed: 42 })
    expect(parseFaults(undefined, undefined, () => 7)).toEqual({ db: 0, timeout: 0, seed: 7 })
    expect(() => parseFaults('db=5', undefined, () => 7)).toThrow(/LINLI_FAULTS: "db=5"/)
    expect(() => parseFaults('disk=0.1', undefined, () => 7)).toThrow(/LINLI_FAULTS/)
    expect(() => parseFaults('db=0.1', 'abc', () => 7)).toThrow(/LINLI_FAULTS_SEED/)
  })

  it("fails database requests with CloudBase's error, some before and some after the write is applied", async () => {
    const applied: number[] = []
    const inner: DbService = {
      close: () => undefined,
      handle: async body => {
        applied.push((body as { n: number }).n)
        return { data: { updated: 1 } }
      }
    }
    const faulty = withDbFaults(inner, { db: 0.5, timeout: 0, seed: 1234 })
    const replies = []
    for (let n = 0; n < 200; n++) replies.push({ n, reply: await faulty.handle({ n }, `r${n}`) })
    const failed = replies.filter(r => r.reply.code !== undefined)
    expect(failed[0].reply).toEqual({
      code: 'DATABASE_REQUEST_FAILED',
      message: 'database request failed',
      requestId: `r${failed[0].n}`
    })
    const lostAnswers = failed.filter(r => applied.includes(r.n)).length
    const neverApplied = failed.length - lostAnswers
    // About half of the 200 fail, of those about half after the write.
    expect(failed.length).toBeGreaterThan(70)
    expect(failed.length).toBeLessThan(130)
    expect(lostAnswers).toBeGreaterThan(20)
    expect(neverApplied).toBeGreaterThan(20)
    // The same seed replays the same failures.
    const again = withDbFaults(inner, { db: 0.5, timeout: 0, seed: 1234 })
    const codes = []
    for (let n = 0; n < 200; n++) codes.push((await again.handle({ n }, 'x')).code !== undefined)
    expect(codes).toEqual(replies.map(r => r.reply.code !== undefined))
  })

  it("fails storage actions with node-sdk's STORAGE_REQUEST_FAIL, before or after, on a stream of their own", async () => {
    const applied: number[] = []
    const faulty = withStorageFaults(
      async body => {
        applied.push(body.n as number)
        return { data: { delete_list: [] } }
      },
      { db: 0.5, timeout: 0, seed: 1234 }
    )
    const failed: number[] = []
    for (let n = 0; n < 200; n++) {
      const reply = await faulty({ n }, `r${n}`)
      if (reply.code !== undefined) {
        expect(reply).toEqual({ code: 'STORAGE_REQUEST_FAIL', message: 'storage request fail', requestId: `r${n}` })
        failed.push(n)
      }
    }
    expect(failed.length).toBeGreaterThan(70)
    expect(failed.length).toBeLessThan(130)
    expect(failed.filter(n => applied.includes(n)).length).toBeGreaterThan(20)
    // Not the database's draws: the two services fail independently.
    const db = withDbFaults({ close: () => undefined, handle: async () => ({}) }, { db: 0.5, timeout: 0, seed: 1234 })
    const dbFailed: number[] = []
    for (let n = 0; n < 200; n++) if ((await db.handle({}, 'x')).code !== undefined) dbFailed.push(n)
    expect(dbFailed).not.toEqual(failed)
  })

  it('cuts a function call off: FUNCTION_TIMEOUT, and none of its requests after the cut reach the server', async () => {
    let served = 0
    const server = http.createServer((_req, res) => {
      served++
      res.end('ok')
    })
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    const port = (server.address() as AddressInfo).port
    try {
      const root = mkdtempSync(path.join(os.tmpdir(), 'linli-faults-'))
      mkdirSync(path.join(root, 'writer'))
      // Five requests in a row, as a use case makes five database writes.
      writeFileSync(
        path.join(root, 'writer', 'index.js'),
        `
        const http = require('node:http')
        const get = () => new Promise((resolve, reject) => http.get('http://127.0.0.1:${port}/', (r) => { r.resume(); r.on('end', resolve) }).on('error', reject))
        exports.main = async () => { for (let i = 0; i < 5; i++) await get(); return { done: 5 } }
      `
      )
      const cfg = { db: 0, timeout: 1, seed: 11 } // cut after 2 of its 5 requests
      expect(new CallFaults(cfg).draw()).toBe(2)
      const host = loadFunctionHost({ root, port: 1, faults: cfg })
      const ctx = { openId: 'o1', appId: LOCAL_APP_ID, requestId: 'q1', source: 'http' as const }
      const result = await host.invoke('writer', {}, ctx)
      expect(result).toEqual({
        status: 500,
        body: { error: expect.objectContaining({ code: 'FUNCTION_TIMEOUT' }) },
        db: { reads: 0, writes: 0 }
      })
      await new Promise(resolve => setTimeout(resolve, 50))
      expect(served).toBe(2)

      // Off: the same function runs to the end.
      const plain = loadFunctionHost({ root, port: 1 })
      served = 0
      expect(await plain.invoke('writer', {}, { ...ctx, requestId: 'q2' })).toEqual({
        status: 200,
        body: { done: 5 },
        db: { reads: 0, writes: 0 }
      })
      expect(served).toBe(5)
    } finally {
      server.close()
    }
  })
})
