/**
 * Entry point of the local CloudBase: `npm run cloud` (or `npm start`, which also builds and
 * seeds). Configured by the environment:
 *   PORT               HTTP port on 127.0.0.1 (default 3000; 0 = any free port)
 *   LINLI_DATA_DIR     SQLite data directory (default .linli-data/)
 *   LINLI_DEV_LOGIN    1 = accept X-WX-OPENID from loopback callers (npm start sets it)
 *   LINLI_TIMERS       0 = don't run timer triggers
 *   LINLI_FUNCTIONS_DIR, LINLI_STATIC_DIR   where the built functions and the H5 build are
 *   LINLI_LOG          'json' (default) prints one JSON line per event; 'quiet' prints only errors
 *   LINLI_FAULTS       e.g. db=0.05,timeout=0.01: failed database requests, calls cut off (faults.ts)
 *   LINLI_FAULTS_SEED  replays the draws of a run (its seed is printed at start)
 *   LINLI_STORAGE_MAX_BYTES  storage's per-object limit (default COS's 5 GB; tests lower it)
 * Storage files live under LINLI_DATA_DIR/storage/ (storage/storage-service.ts).
 */
import path from 'node:path'
import { randomInt } from 'node:crypto'
import { faultsOn, parseFaults } from './faults'
import { startLocalCloud } from './server'
import { applyLocalRuntimeEnv } from './env'
import { migrateToStreet } from '../server/community/street-migration'
import { getDb } from '../server/db/client'

const root = path.resolve(__dirname, '..', '..')
const env = process.env

const quiet = env.LINLI_LOG === 'quiet'
const log = (line: Record<string, unknown>): void => {
  if (quiet && line.kind !== 'error') return
  process.stdout.write(JSON.stringify({ at: new Date().toISOString(), ...line }) + '\n')
}

async function main(): Promise<void> {
  const faults = parseFaults(env.LINLI_FAULTS, env.LINLI_FAULTS_SEED, () => randomInt(2 ** 31))
  const cloud = await startLocalCloud({
    port: Number(env.PORT ?? 3000),
    host: '127.0.0.1',
    dataDir: path.resolve(env.LINLI_DATA_DIR ?? path.join(root, '.linli-data')),
    functionsRoot: path.resolve(env.LINLI_FUNCTIONS_DIR ?? path.join(root, 'cloudfunctions')),
    staticDir: path.resolve(env.LINLI_STATIC_DIR ?? path.join(root, 'dist-h5')),
    devLogin: env.LINLI_DEV_LOGIN === '1',
    timers: env.LINLI_TIMERS !== '0',
    log,
    ...(env.LINLI_STORAGE_MAX_BYTES ? { maxObjectBytes: Number(env.LINLI_STORAGE_MAX_BYTES) } : {}),
    ...(faultsOn(faults) ? { faults } : {})
  })
  await migrate(cloud.port)
  const names = cloud.functions.functions().map(f => f.name)
  process.stdout.write(`local cloud listening on ${cloud.url} (functions: ${names.join(', ') || 'none'})\n`)
  if (faultsOn(faults)) {
    process.stdout.write(
      `faults on: ${faults.db * 100}% of database requests fail, ${faults.timeout * 100}% of function calls ` +
        `are cut off at their timeout (LINLI_FAULTS_SEED=${faults.seed} replays them)\n`
    )
  }

  let stopping = false
  const stop = (signal: string): void => {
    if (stopping) return
    stopping = true
    process.stdout.write(`local cloud stopping (${signal})\n`)
    cloud.close().then(
      () => process.exit(0),
      err => {
        process.stderr.write(`error while stopping: ${String(err)}\n`)
        process.exit(1)
      }
    )
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

/**
 * An installation from before the street becomes a street of one community (issue 20), before anyone calls and
 * before `npm start` seeds: migrateToStreet, once (its marker), resumed if an earlier start was cut off. Through
 * the SDK, as a function reads the data. A failed request (LINLI_FAULTS) is tried again; each try resumes.
 */
async function migrate(port: number): Promise<void> {
  applyLocalRuntimeEnv(port)
  for (let attempt = 1; ; attempt++) {
    try {
      const report = await migrateToStreet(getDb(), { log: message => log({ kind: 'migration', message }) })
      if (report.ran && Object.keys(report.stamped).length > 0) {
        process.stdout.write(`migrated to a street of one community: ${JSON.stringify(report.stamped)}\n`)
      }
      return
    } catch (err) {
      if (attempt >= 3) throw err
      log({ kind: 'error', where: 'street migration', message: String((err as Error)?.message ?? err) })
    }
  }
}

// One bug (here or in the function thread, which has its own handlers) must not stop the whole
// local cloud: log it and keep serving.
process.on('unhandledRejection', reason => {
  log({ kind: 'error', where: 'unhandledRejection', message: String((reason as Error)?.stack ?? reason) })
})
process.on('uncaughtException', err => {
  log({ kind: 'error', where: 'uncaughtException', message: String(err?.stack ?? err) })
})

main().catch((err: unknown) => {
  process.stderr.write(`local cloud failed to start: ${String((err as Error)?.stack ?? err)}\n`)
  process.exit(1)
})
