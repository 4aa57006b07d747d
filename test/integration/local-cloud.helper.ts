/**
 * Starts the local cloud for integration tests: the real `src/local-cloud/main.ts` on a free
 * port, with a temporary data directory, dev login on and timers off, serving the BUILT
 * functions in cloudfunctions/ (run `npm run build:functions` first; `npm test` does).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

const ROOT = path.resolve(__dirname, '..', '..')

export interface CloudUnderTest {
  port: number
  /** Base URL: http://127.0.0.1:<port> */
  url: string
  /** POST /functions/<name> as `openId` (dev login header); resolves to the parsed body. */
  call: (name: string, openId: string | null, body: unknown) => Promise<{ status: number, body: any }>
  dispose: () => Promise<void>
}

export function builtFunctionMissing (name: string): string | null {
  const entry = path.join(ROOT, 'cloudfunctions', name, 'index.js')
  return existsSync(entry) ? null : `${entry} missing: run \`npm run build:functions\` first`
}

function freePort (): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo
      srv.close(() => resolve(port))
    })
  })
}

export async function startCloud (timeoutMs = 20_000): Promise<CloudUnderTest> {
  const port = await freePort()
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'linli-it-'))
  let output = ''
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/local-cloud/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      LINLI_DATA_DIR: dataDir,
      LINLI_DEV_LOGIN: '1',
      LINLI_TIMERS: '0',
      LINLI_LOG: 'quiet',
      LINLI_STATIC_DIR: path.join(dataDir, 'no-static')
    },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  child.stdout?.on('data', (b: Buffer) => { output += b.toString() })
  child.stderr?.on('data', (b: Buffer) => { output += b.toString() })
  const url = `http://127.0.0.1:${port}`

  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (child.exitCode !== null) throw new Error(`local cloud exited with ${child.exitCode}:\n${output}`)
    try {
      if ((await fetch(`${url}/healthz`)).status === 200) break
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`local cloud not healthy after ${timeoutMs} ms:\n${output}`)
    }
    await new Promise(resolve => setTimeout(resolve, 50))
  }

  return {
    port,
    url,
    async call (name, openId, body) {
      const res = await fetch(`${url}/functions/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(openId ? { 'x-wx-openid': openId } : {}) },
        body: JSON.stringify(body)
      })
      const text = await res.text()
      let parsed: unknown = text
      try { parsed = JSON.parse(text) } catch { /* keep the text for the assertion message */ }
      return { status: res.status, body: parsed }
    },
    async dispose () {
      if (child.exitCode === null) {
        const exited = new Promise(resolve => child.once('exit', resolve))
        child.kill('SIGTERM')
        await exited
      }
      rmSync(dataDir, { recursive: true, force: true })
    }
  }
}
