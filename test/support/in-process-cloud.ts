/**
 * The local cloud in this test's own process (src/local-cloud/server.ts), over a fresh temporary data directory and
 * the function host's fixture functions: for tests of its HTTP surface and of code that talks to it with the SDK.
 * (test/support/local-cloud.ts spawns the real `npm run cloud` process instead.)
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { startLocalCloud, type LocalCloud, type LocalCloudConfig } from '../../src/local-cloud/server'

export const FIXTURE_FUNCTIONS = path.resolve(__dirname, '../../src/local-cloud/functions/__fixtures__/cloudfunctions')

export async function startCloudInProcess(
  opts: Partial<LocalCloudConfig> & { devLogin: boolean }
): Promise<LocalCloud> {
  return await startLocalCloud({
    port: 0,
    host: '127.0.0.1',
    dataDir: path.join(mkdtempSync(path.join(tmpdir(), 'linli-cloud-')), 'data'),
    functionsRoot: FIXTURE_FUNCTIONS,
    staticDir: null,
    timers: false,
    log: () => undefined,
    ...opts
  })
}
