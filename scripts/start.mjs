#!/usr/bin/env node
// `npm start`: build what is missing or stale, start the local cloud (database service,
// function host, timers, H5 app) with dev login, seed the demo street on first run,
// and print the URL. Ctrl-C stops everything cleanly; the data stays in LINLI_DATA_DIR.
import { spawn } from 'node:child_process'
import path from 'node:path'
import { ensureBuilt, root, run } from './lib/builds.mjs'

const port = process.env.PORT ?? '3000'
const dataDir = path.resolve(root, process.env.LINLI_DATA_DIR ?? '.linli-data')
const steps = 4
let step = 0
const progress = text => process.stdout.write(`[${++step}/${steps}] ${text}\n`)

function startCloud() {
  progress(`starting the local cloud on 127.0.0.1:${port} (data in ${path.relative(root, dataDir) || dataDir})…`)
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/local-cloud/main.ts')], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: {
      ...process.env,
      PORT: port,
      LINLI_DATA_DIR: dataDir,
      LINLI_DEV_LOGIN: '1',
      LINLI_LOG: process.env.LINLI_LOG ?? 'quiet'
    }
  })
  return new Promise((resolve, reject) => {
    let buffer = ''
    const onData = d => {
      buffer += d
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(buffer)
      if (m) {
        child.stdout.off('data', onData)
        child.stdout.pipe(process.stdout)
        resolve({ child, url: m[1] })
      }
    }
    child.stdout.on('data', onData)
    child.on('exit', code => reject(new Error(`local cloud exited with code ${code}${buffer ? `:\n${buffer}` : ''}`)))
  })
}

try {
  await ensureBuilt('functions', progress)
  await ensureBuilt('h5', progress)
  const { child, url } = await startCloud()
  let stopping = false
  const stop = signal => {
    if (stopping) return
    stopping = true
    process.stdout.write('\nstopping…\n')
    child.kill(signal)
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
  child.on('exit', code => process.exit(stopping ? 0 : (code ?? 1)))

  progress('seeding the demo street: 3 communities (each on its first run only)…')
  const seeded = await run(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/seed.ts')], 'seed', {
    env: { ...process.env, LINLI_CLOUD_URL: url }
  })
  // The seed says what it did (counts, or that each community was already there).
  process.stdout.write(
    seeded
      .trim()
      .split('\n')
      .filter(Boolean)
      .map(l => `      ${l}\n`)
      .join('')
  )
  process.stdout.write(
    `\n  Linli 邻里 is running: open ${url}/ and pick a persona.\n  Ctrl-C stops it; the data stays in ${dataDir}.\n\n`
  )
} catch (err) {
  process.stderr.write(`npm start failed: ${err.message}\n`)
  process.exit(1)
}
