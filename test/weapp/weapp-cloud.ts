/**
 * The weapp tests' local cloud (started once per run by weapp.global-setup.ts) and a way to launch
 * the compiled mini-program as a persona against it.
 */
import { execFile } from 'child_process'
import path from 'path'
import { MiniProgram } from './weapp-runtime'

const ROOT = path.resolve(__dirname, '..', '..')

function node(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd: ROOT, env, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${args.join(' ')} failed:\n${stdout}\n${stderr}`))
      else resolve(stdout)
    })
  })
}

/** scripts/lib/builds.mjs's ensureBuilt (ESM, so in a child): rebuilds what is missing or stale. */
export async function ensureBuilds(): Promise<void> {
  const said = await node([
    '--input-type=module',
    '-e',
    "const { ensureBuilt } = await import('./scripts/lib/builds.mjs'); const p = (t) => process.stdout.write(`[weapp tests] ${t}\\n`);" +
      "await ensureBuilt('functions', p); await ensureBuilt('weapp', p)"
  ])
  process.stderr.write(said) // "up to date", or what was rebuilt and how long it took
}

/** `npm run seed` against the local cloud on `port`: the demo community, as the integration tests have it. */
export async function seedDemo(port: number): Promise<void> {
  await node(['--import', 'tsx', 'scripts/seed.ts'], { ...process.env, PORT: String(port), LINLI_CLOUD_URL: '' })
}

export interface WeappCloud {
  /** Launches the mini-program on a fresh phone of the persona `openId`. */
  launch: (openId: string, opts?: { fontSizeSetting?: number }) => MiniProgram
  port: () => number
}

/** For a weapp test file: launches closed after each test. */
export function useWeappCloud(): WeappCloud {
  const apps: MiniProgram[] = []
  afterEach(() => {
    while (apps.length) apps.pop()!.close()
  })
  const port = (): number => {
    const p = Number(process.env.LINLI_WEAPP_CLOUD_PORT)
    if (!p) throw new Error('no local cloud: weapp tests run in the jest project `weapp`, whose globalSetup starts it')
    return p
  }
  return {
    launch(openId, opts = {}) {
      const app = new MiniProgram({ ...opts, cloudPort: port(), openId })
      apps.push(app)
      return app
    },
    port
  }
}

/** The end of a phone's journey: every cloud call it made was answered ok, and nothing threw in its realm. */
export async function noFailedCalls(app: MiniProgram): Promise<void> {
  await app.idle()
  expect(
    app.cloudCalls
      .filter(c => c.result?.ok !== true)
      .map(c => `${c.name}.${c.data.action}: ${JSON.stringify(c.result)}`)
  ).toEqual([])
  expect(app.errors).toEqual([])
}
