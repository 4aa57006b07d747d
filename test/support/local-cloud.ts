/**
 * Starts the real local cloud (`node --import tsx src/local-cloud/main.ts`) on a free port with a
 * temporary data directory, for the conformance suite, the integration tests and the benchmark.
 * `realEnv()` tells whether TCB_ENV, TCB_SECRET_ID and TCB_SECRET_KEY point the suite at a real
 * CloudBase environment instead.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { localCloudUrl } from '../../src/local-cloud/env'

const ROOT = path.resolve(__dirname, '..', '..')

export interface RealEnv {
  env: string
  secretId: string
  secretKey: string
}

/** The real CloudBase environment to run against, if its credentials are set. */
export function realEnv(): RealEnv | null {
  const { TCB_ENV: env, TCB_SECRET_ID: secretId, TCB_SECRET_KEY: secretKey } = process.env
  return env && secretId && secretKey ? { env, secretId, secretKey } : null
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port
      srv.close(() => resolve(port))
    })
  })
}

export interface LocalCloudProcess {
  port: number
  /** The SDK's serviceUrl: http://127.0.0.1:<port>/cloudbase */
  url: string
  dataDir: string
  /** Graceful stop (SIGTERM). */
  stop: () => Promise<void>
  /** SIGKILL: what a crash looks like. */
  kill: () => Promise<void>
  /** Start again on the same port and data directory. */
  restart: () => Promise<void>
  /** Stop and delete the data directory. */
  dispose: () => Promise<void>
  /** What the process printed since it (re)started: its error lines and the functions' own. */
  output: () => string
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise(resolve => child.once('exit', () => resolve()))
}

/** GET /healthz with node:http, not fetch: the weapp tests run in jsdom, which has no fetch. */
function healthy(port: number): Promise<boolean> {
  return new Promise(resolve => {
    http
      .get({ host: '127.0.0.1', port, path: '/healthz' }, res => {
        res.resume()
        resolve(res.statusCode === 200)
      })
      .on('error', () => resolve(false)) // not listening yet
  })
}

async function waitHealthy(port: number, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`local cloud exited with ${child.exitCode}:\n${output()}`)
    if (await healthy(port)) return
    await new Promise(resolve => setTimeout(resolve, 50))
  }
  throw new Error(`local cloud did not become healthy in ${timeoutMs} ms:\n${output()}`)
}

export interface LocalCloudOptions {
  dataDir?: string
  timeoutMs?: number
  /** Serve the built cloudfunctions/ with dev login (integration tests); off: database only. */
  functions?: boolean
}

export async function startLocalCloud(opts: LocalCloudOptions = {}): Promise<LocalCloudProcess> {
  const port = await freePort()
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'linli-cloud-'))
  let child: ChildProcess
  let log = ''

  const launch = async (): Promise<void> => {
    log = ''
    // LINLI_CLOUD_NODE_ARGS: extra node flags for the local cloud, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"
    // to profile a benchmark (the function thread is profiled too).
    const nodeArgs = (process.env.LINLI_CLOUD_NODE_ARGS ?? '').split(' ').filter(Boolean)
    child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'src/local-cloud/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        LINLI_DATA_DIR: dataDir,
        LINLI_TIMERS: '0',
        LINLI_LOG: 'quiet',
        LINLI_STATIC_DIR: path.join(dataDir, 'no-static'),
        ...(opts.functions === true
          ? { LINLI_DEV_LOGIN: '1' }
          : // No function folder: the database alone is under test.
            { LINLI_FUNCTIONS_DIR: path.join(dataDir, 'no-functions') })
      },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    child.stdout?.on('data', (b: Buffer) => {
      log += b.toString()
    })
    child.stderr?.on('data', (b: Buffer) => {
      log += b.toString()
    })
    await waitHealthy(port, child, () => log, opts.timeoutMs ?? 20_000)
  }

  await launch()
  const stop = async (): Promise<void> => {
    child.kill('SIGTERM')
    await exited(child)
  }
  return {
    port,
    url: localCloudUrl(port),
    dataDir,
    stop,
    kill: async () => {
      child.kill('SIGKILL')
      await exited(child)
    },
    restart: launch,
    output: () => log,
    dispose: async () => {
      await stop()
      rmSync(dataDir, { recursive: true, force: true })
    }
  }
}
