// Which builds are missing or older than their sources, and how to run them. Shared by
// `npm start` and `npm test` so both rebuild exactly what is stale.
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')

const SKIP = /\.test\.[tj]sx?$|__fixtures__|node_modules/

/** Newest modification time of the files below `dir`, skipping tests and fixtures. */
export function newest(dir, skip = SKIP) {
  let max = 0
  if (!existsSync(dir)) return max
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name)
    if (skip.test(p)) continue
    max = Math.max(max, entry.isDirectory() ? newest(p, skip) : statSync(p).mtimeMs)
  }
  return max
}

export const mtime = file => (existsSync(file) ? statSync(file).mtimeMs : 0)
const at = (...parts) => path.join(root, ...parts)

/** The app's sources: what the weapp and H5 builds are made of. */
const appSources = () =>
  Math.max(
    newest(at('src'), /\.test\.[tj]sx?$|__fixtures__|src\/(server|local-cloud)/),
    newest(at('config')),
    mtime(at('babel.config.js'))
  )

export const builds = {
  functions: {
    label: 'cloud functions (esbuild)',
    script: 'build:functions',
    stale: () => {
      const fnRoot = at('cloudfunctions')
      const serverSources = Math.max(
        newest(at('src', 'server')),
        newest(at('src', 'core')),
        mtime(at('scripts', 'build-functions.ts'))
      )
      return readdirSync(fnRoot, { withFileTypes: true })
        .filter(d => d.isDirectory() && existsSync(path.join(fnRoot, d.name, 'index.ts')))
        .some(
          d =>
            mtime(path.join(fnRoot, d.name, 'index.js')) <
            Math.max(serverSources, newest(path.join(fnRoot, d.name), /index\.js$|\.test\./))
        )
    }
  },
  weapp: {
    label: 'WeChat mini-program (Taro weapp)',
    script: 'build:weapp',
    stale: () => mtime(at('miniprogram', 'app.js')) < appSources()
  },
  h5: {
    label: 'H5 app (Taro h5)',
    script: 'build:h5',
    stale: () => mtime(at('dist-h5', 'index.html')) < appSources()
  }
}

/** Run a command quietly; print its output only when it fails. */
export function run(cmd, args, label, opts = {}) {
  return new Promise((resolve, reject) => {
    const started = Date.now()
    // A build started from a test (jest sets NODE_ENV=test) must not inherit it: under it
    // babel-preset-taro compiles for jest, and the H5 app it makes does not run in a browser.
    const env = { ...(opts.env ?? process.env) }
    if (env.NODE_ENV === 'test') delete env.NODE_ENV
    const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], ...opts, env })
    let output = ''
    child.stdout.on('data', d => {
      output += d
    })
    child.stderr.on('data', d => {
      output += d
    })
    child.on('exit', code => {
      if (code === 0) {
        process.stdout.write(`      ${label} done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`)
        resolve(output)
      } else {
        process.stderr.write(output + `\n${label} failed (exit ${code})\n`)
        reject(new Error(`${label} failed`))
      }
    })
  })
}

/**
 * Build `name` if it is missing or stale; `progress` prints the step line. Holds a lock per build
 * (a directory, atomic to create) so two `npm test`/`npm start` runs in one checkout never write
 * the same output at once; the second waits, then finds the build fresh.
 */
export async function ensureBuilt(name, progress) {
  const b = builds[name]
  if (!b.stale()) {
    progress(`${b.label}: up to date`)
    return
  }
  const release = await lock(name, progress)
  try {
    if (!b.stale()) {
      progress(`${b.label}: built meanwhile by another run`)
      return
    }
    progress(`building ${b.label}…`)
    await run('npm', ['run', '--silent', b.script], b.label)
  } finally {
    release()
  }
}

async function lock(name, progress) {
  const dir = at('.linli-build-lock', name)
  mkdirSync(path.dirname(dir), { recursive: true })
  let said = false
  for (;;) {
    try {
      mkdirSync(dir)
      writeFileSync(path.join(dir, 'pid'), String(process.pid))
      return () => rmSync(dir, { recursive: true, force: true })
    } catch (err) {
      if (err.code !== 'EEXIST') throw err
      if (!holderAlive(dir)) {
        rmSync(dir, { recursive: true, force: true })
        continue
      }
      if (!said) {
        progress(`waiting for another run building ${name}…`)
        said = true
      }
      await new Promise(resolve => setTimeout(resolve, 500))
    }
  }
}

function holderAlive(dir) {
  let pid
  try {
    pid = Number(readFileSync(path.join(dir, 'pid'), 'utf8'))
  } catch {
    return true
  } // being written
  if (!pid) return true
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return err.code === 'EPERM'
  }
}
