/**
 * The function thread: functions run in a worker thread beside the database, calls run
 * concurrently there, and a function that ends its thread costs only the calls in flight.
 */
import path from 'node:path'
import { threadId } from 'node:worker_threads'
import type { InvokeContext } from '../contracts'
import { LOCAL_APP_ID } from '../env'
import { startFunctionThread, type FunctionThread } from './function-thread'

/** A call that made no database requests: its cost, as invoke answers it (function-host.ts). */
const noDb = { reads: 0, writes: 0 }

const ROOT = path.join(__dirname, '__fixtures__', 'cloudfunctions')

let thread: FunctionThread
let logs: Array<Record<string, unknown>>
let seq = 0
const ctx = (): InvokeContext => ({ openId: 'u-1', appId: LOCAL_APP_ID, requestId: `req-${++seq}`, source: 'http' })
const errorOf = (body: unknown): { code: string; message: string } =>
  (body as { error: { code: string; message: string } }).error

beforeEach(async () => {
  logs = []
  thread = await startFunctionThread({ root: ROOT, port: 39125, log: line => logs.push(line) })
})
afterEach(async () => {
  await thread.close()
})

it('runs the functions in another thread and answers as the in-process host does', async () => {
  expect(thread.functions().map(f => f.name)).toContain('plain')
  expect(await thread.invoke('plain', { a: 2, b: 3 }, ctx())).toEqual({ status: 200, body: { sum: 5 }, db: noDb })
  const where = await thread.invoke('exits', {}, ctx())
  expect((where.body as { threadId: number }).threadId).not.toBe(threadId)
  expect(errorOf((await thread.invoke('nope', {}, ctx())).body).code).toBe('FUNCTION_NOT_FOUND')
  // The host's log lines come back to the main thread's log.
  expect(logs).toContainEqual(expect.objectContaining({ kind: 'function', name: 'plain', status: 200 }))
})

it('runs many calls at once: 50 calls sleeping 200 ms take about 200 ms, not 10 s', async () => {
  const started = Date.now()
  const results = await Promise.all(
    Array.from({ length: 50 }, async () => await thread.invoke('slow', { ms: 200 }, ctx()))
  )
  expect(results.every(r => r.status === 200)).toBe(true)
  expect(Date.now() - started).toBeLessThan(2000)
})

it('a function that exits its thread fails only the calls in flight, and the next call is served by a new thread', async () => {
  const before = (await thread.invoke('exits', {}, ctx())).body as { threadId: number }
  const [exiting, sleeping] = await Promise.all([
    thread.invoke('exits', { exit: true }, ctx()),
    thread.invoke('slow', { ms: 500 }, ctx())
  ])
  for (const result of [exiting, sleeping]) {
    expect(result.status).toBe(500)
    expect(errorOf(result.body)).toEqual({ code: 'FUNCTION_ERROR', message: expect.stringContaining('exit code 7') })
  }
  const after = await thread.invoke('exits', {}, ctx())
  expect(after.status).toBe(200)
  expect((after.body as { threadId: number }).threadId).not.toBe(before.threadId)
  expect(logs).toContainEqual(
    expect.objectContaining({
      kind: 'error',
      where: 'function-thread',
      message: expect.stringContaining('starting a new one')
    })
  )
})

it('closing answers the calls in flight and refuses new ones', async () => {
  const inFlight = thread.invoke('slow', { ms: 800 }, ctx())
  await new Promise(resolve => setTimeout(resolve, 50))
  await thread.close()
  expect(errorOf((await inFlight).body).message).toMatch(/stopping/)
  expect(errorOf((await thread.invoke('plain', { a: 1, b: 1 }, ctx())).body).code).toBe('FUNCTION_ERROR')
})

it('a function that blocks the thread is cut off at its timeout, and a new thread serves the next call', async () => {
  const started = Date.now()
  const [spinning, waiting] = await Promise.all([
    thread.invoke('spin', { spin: true }, ctx()),
    thread.invoke('plain', { a: 1, b: 2 }, ctx())
  ])
  expect(spinning.status).toBe(500)
  expect(errorOf(spinning.body)).toEqual({ code: 'FUNCTION_TIMEOUT', message: 'function spin timed out after 1 s' })
  // The call queued behind the loop never ran: it fails with the thread, it doesn't hang.
  expect(waiting.status).toBe(500)
  expect(Date.now() - started).toBeLessThan(15_000)
  expect(await thread.invoke('plain', { a: 2, b: 2 }, ctx())).toEqual({ status: 200, body: { sum: 4 }, db: noDb })
  expect(logs).toContainEqual(
    expect.objectContaining({
      kind: 'error',
      where: 'function-thread',
      message: expect.stringContaining('blocked the function thread')
    })
  )
}, 20_000) // 1 s timeout + 1 s grace + 3 s for a ping + a new thread
