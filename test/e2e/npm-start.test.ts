/**
 * `npm start` on a fresh data directory: builds are found, the local cloud comes up, the demo
 * community is seeded once, a persona's home answers through the cloud function, Ctrl-C stops
 * cleanly, and a second start keeps the data (and does not seed again).
 */
import { newDataDir, npmStart, stopAll } from './npm-start.helper'

jest.setTimeout(180_000)
afterAll(stopAll)

async function home(url: string, openId: string): Promise<any> {
  const res = await fetch(`${url}/functions/community`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'X-WX-OPENID': openId },
    body: JSON.stringify({ action: 'home', payload: {} })
  })
  return { status: res.status, body: await res.json() }
}

test('npm start seeds once, serves the app, stops on Ctrl-C and keeps the data', async () => {
  const dataDir = newDataDir()

  const first = await npmStart(dataDir)
  expect(first.output()).toMatch(/\[4\/4\] seeding/)
  const page = await fetch(`${first.url}/`)
  expect(page.status).toBe(200)
  expect(await page.text()).toContain('<html')
  expect((await fetch(`${first.url}/healthz`)).status).toBe(200)

  const r = await home(first.url, 'demo-resident')
  expect(r.status).toBe(200)
  expect(r.body.ok).toBe(true)
  expect(r.body.data.me.name).toBe('王秀兰')
  expect(await first.stop()).toBe(0)

  const second = await npmStart(dataDir)
  const again = await home(second.url, 'demo-resident')
  expect(again.body.data.me.name).toBe('王秀兰')
  expect(second.output()).toMatch(/already seeded/i)
  expect(await second.stop()).toBe(0)
})
