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

describe('the demo street (issue 20)', () => {
  test("npm start seeds 3 communities: another community's resident is at home there, the street's people too", async () => {
    const started = await npmStart(newDataDir())
    expect(started.output()).toMatch(/seeded 东圣社区 \(dongsheng\)/)
    expect(started.output()).toMatch(/seeded 新苑社区 \(xinyuan\)/)
    const there = await home(started.url, 'dongsheng-demo-resident')
    expect(there.body.ok).toBe(true)
    expect(there.body.data.me.name).toBe('黄美华')
    // 春晖's resident is unchanged beside them.
    expect((await home(started.url, 'demo-resident')).body.data.me.name).toBe('王秀兰')
    const who = await fetch(`${started.url}/functions/community`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-WX-OPENID': 'demo-street-admin' },
      body: JSON.stringify({ action: 'whoami', payload: {} })
    })
    const me = (await who.json()) as { ok: boolean; data: { roles: string[] } }
    expect(me.ok).toBe(true)
    expect(me.data.roles).toContain('street_admin')
    expect(await started.stop()).toBe(0)
  })
})
