/**
 * The functions' side of the function thread (function-thread.ts explains why there is one):
 * loads every function with the in-process host, then answers `invoke` messages from the
 * local cloud's main thread. Runs inside a worker thread only.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { CLOCK_ENV } from '../../server/clock'
import { loadFunctionHost } from './function-host'
import type { FromThread, ThreadData, ToThread } from './function-thread'

const port = parentPort
if (!port) throw new Error('function-thread.worker runs inside a worker thread only')
const post = (msg: FromThread): void => port.postMessage(msg)
const log = (line: Record<string, unknown>): void => post({ type: 'log', line })

// Same reason as main.ts: node-sdk reads its environment on every database request, and a plain
// object reads at JS speed.
process.env = { ...process.env }

// As on CloudBase, one function's stray callback or unhandled rejection must not take the
// others down: log it and keep serving.
process.on('unhandledRejection', reason => {
  log({ kind: 'error', where: 'unhandledRejection', message: String((reason as Error)?.stack ?? reason) })
})
process.on('uncaughtException', err => {
  log({ kind: 'error', where: 'uncaughtException', message: String(err?.stack ?? err) })
})

const { root, port: cloudPort, clock, faults } = workerData as ThreadData
const setClock = (at: string | null): void => {
  if (at === null) delete process.env[CLOCK_ENV]
  else process.env[CLOCK_ENV] = at
}
setClock(clock)
const host = loadFunctionHost({ root, port: cloudPort, log, faults })

port.on('message', (msg: ToThread) => {
  // A ping is answered only when this thread's event loop is free: a blocked thread stays silent.
  if (msg.type === 'ping') {
    post({ type: 'pong', id: msg.id })
    return
  }
  if (msg.type === 'clock') {
    setClock(msg.at)
    return
  }
  host.invoke(msg.name, msg.data, msg.ctx).then(
    result => post({ type: 'result', id: msg.id, result }),
    // invoke answers every failure of the function itself; this is the host's own bug.
    (err: unknown) =>
      post({
        type: 'result',
        id: msg.id,
        result: { status: 500, body: { error: { code: 'FUNCTION_ERROR', message: String(err) } } }
      })
  )
})
post({ type: 'ready', functions: host.functions() })
