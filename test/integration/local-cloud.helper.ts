/**
 * The local cloud for integration tests: the shared spawner (test/support/local-cloud.ts) serving
 * the BUILT functions in cloudfunctions/ with dev login (run `npm run build:functions` first;
 * `npm test` does), plus a caller that speaks to them as a client would.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { startLocalCloud, type LocalCloudProcess } from '../support/local-cloud'

const ROOT = path.resolve(__dirname, '..', '..')

export interface CloudUnderTest extends LocalCloudProcess {
  /** POST /functions/<name> as `openId` (dev login header); resolves to the parsed body. */
  call: (name: string, openId: string | null, body: unknown) => Promise<{ status: number, body: any }>
}

export function builtFunctionMissing (name: string): string | null {
  const entry = path.join(ROOT, 'cloudfunctions', name, 'index.js')
  return existsSync(entry) ? null : `${entry} missing: run \`npm run build:functions\` first`
}

export async function startCloud (): Promise<CloudUnderTest> {
  const cloud = await startLocalCloud({ functions: true })
  return {
    ...cloud,
    async call (name, openId, body) {
      const res = await fetch(`http://127.0.0.1:${cloud.port}/functions/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(openId ? { 'x-wx-openid': openId } : {}) },
        body: JSON.stringify(body)
      })
      const text = await res.text()
      let parsed: unknown = text
      try { parsed = JSON.parse(text) } catch { /* keep the text for the assertion message */ }
      return { status: res.status, body: parsed }
    }
  }
}
