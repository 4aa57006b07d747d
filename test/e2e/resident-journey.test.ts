/**
 * End to end in a real browser: `npm start`, open the H5 app, pick the resident persona, see
 * the home page filled by the `community` cloud function (a full round trip: browser → local
 * cloud → function → database), then open 我的 and see who I am.
 * Needs Chromium (CHROMIUM_PATH, else /usr/bin/chromium). Without it this file is skipped and
 * says so; under LINLI_REQUIRE_BROWSER=1 (CI) a missing browser fails.
 */
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describeBrowser, startAppInBrowser, stopAppInBrowser, type Browser } from './browser.helper'
import type { Started } from './npm-start.helper'

jest.setTimeout(180_000)

describeBrowser('resident journey in the H5 app', () => {
  let app: Started
  let b: Browser

  beforeAll(async () => {
    ;({ app, b } = await startAppInBrowser())
  })
  afterAll(async () => {
    await stopAppInBrowser(app, b)
  })

  test('pick a persona, see my home from the cloud function, then 我的', async () => {
    const { page, errors } = b
    await page.goto(`${app.url}/`)
    // First visit: no persona yet → the persona picker.
    await page.getByText('王秀兰').first().waitFor({ timeout: 30_000 })
    const call = page.waitForResponse(r => r.url().endsWith('/functions/community') && r.status() === 200)
    await page.getByText('王秀兰').first().click()
    await call

    // Home, filled from community.home: greeting, my grid worker with a masked phone.
    await page.getByText('网格员').first().waitFor({ timeout: 30_000 })
    const text = await page.locator('body').innerText()
    expect(text).toContain('王秀兰')
    expect(text).toMatch(/1\d{2}\*{4}\d{4}/)
    await page.screenshot({ path: path.join(tmpdir(), 'linli-e2e-home.png'), fullPage: true })

    await page.getByText('我的').last().click()
    await page.getByText('居民').first().waitFor({ timeout: 15_000 })
    expect(errors).toEqual([])
  })
})
