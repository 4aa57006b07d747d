/**
 * For one weapp test file: fresh builds, the local cloud serving the built functions with dev
 * login, seeded with the demo community (as `npm run seed` does), and a way to launch the compiled
 * mini-program as a persona against it. A missing or stale build is built here, or the suite
 * fails: it never skips.
 */
import { execFile } from 'child_process'
import path from 'path'
import { startLocalCloud, type LocalCloudProcess } from '../support/local-cloud'
import { MiniProgram } from './weapp-runtime'

const ROOT = path.resolve(__dirname, '..', '..')

function node (args: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd: ROOT, env, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${args.join(' ')} failed:\n${stdout}\n${stderr}`))
      else resolve(stdout)
    })
  })
}

/** scripts/lib/builds.mjs's ensureBuilt (ESM, so in a child): rebuilds what is missing or stale. */
export async function ensureBuilds (): Promise<void> {
  await node(['--input-type=module', '-e',
    "const { ensureBuilt } = await import('./scripts/lib/builds.mjs'); const p = (t) => process.stdout.write(`[weapp tests] ${t}\\n`);" +
    "await ensureBuilt('functions', p); await ensureBuilt('weapp', p)"])
}

export interface WeappCloud {
  /** Launches the mini-program on a fresh phone of the persona `openId`. */
  launch: (openId: string) => MiniProgram
  port: () => number
}

export function useWeappCloud (): WeappCloud {
  let cloud: LocalCloudProcess | null = null
  const apps: MiniProgram[] = []
  beforeAll(async () => {
    await ensureBuilds()
    cloud = await startLocalCloud({ functions: true })
    await node(['--import', 'tsx', 'scripts/seed.ts'], { ...process.env, PORT: String(cloud.port), LINLI_CLOUD_URL: '' })
  }, 300_000)
  afterEach(() => {
    while (apps.length) apps.pop()!.close()
  })
  afterAll(async () => {
    await cloud?.dispose()
  })
  const port = (): number => {
    if (!cloud) throw new Error('the local cloud is not started (useWeappCloud at the top of the test file)')
    return cloud.port
  }
  return {
    launch (openId) {
      const app = new MiniProgram({ cloudPort: port(), openId })
      apps.push(app)
      return app
    },
    port
  }
}
