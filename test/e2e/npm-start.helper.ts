/**
 * Runs `npm start` (scripts/start.mjs) as a user would, on a free port and a temporary data
 * directory, and stops it with Ctrl-C (SIGINT).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { freePort } from '../support/local-cloud'

export const root = path.resolve(__dirname, '../..')

export interface Started {
  url: string
  child: ChildProcess
  output: () => string
  /** Ctrl-C; resolves to the exit code. */
  stop: () => Promise<number | null>
}

const running = new Set<Started>()

/** Stop every `npm start` still running (afterAll): a failed test must not leave a server behind. */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map(async s => await s.stop()))
}

export const newDataDir = (): string => mkdtempSync(path.join(tmpdir(), 'linli-e2e-'))

export async function npmStart(dataDir: string, timeoutMs = 120_000): Promise<Started> {
  const port = await freePort()
  const child = spawn(process.execPath, [path.join(root, 'scripts/start.mjs')], {
    cwd: root,
    env: { ...process.env, PORT: String(port), LINLI_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let out = ''
  child.stdout!.on('data', d => {
    out += d
  })
  child.stderr!.on('data', d => {
    out += d
  })
  const exited = new Promise<number | null>(resolve => child.on('exit', code => resolve(code)))
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`npm start did not come up in ${timeoutMs} ms:\n${out}`)),
      timeoutMs
    )
    const poll = setInterval(() => {
      if (/is running: open http/.test(out)) {
        clearTimeout(timer)
        clearInterval(poll)
        resolve()
      }
    }, 100)
    void exited.then(code => {
      clearTimeout(timer)
      clearInterval(poll)
      reject(new Error(`npm start exited (${code}):\n${out}`))
    })
  })
  const started: Started = {
    url: `http://127.0.0.1:${port}`,
    child,
    output: () => out,
    stop: async () => {
      running.delete(started)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT')
      return await exited
    }
  }
  running.add(started)
  return started
}
