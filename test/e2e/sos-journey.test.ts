/**
 * People first: the SOS path walked by taps in a real browser at a small phone's size (375×667)
 * against `npm start`, as the elder, her son (a consented proxy) and the grid worker see it:
 * - the elder's home (and anyone's in 长辈版) is a few very large actions, 一键呼叫 first and on
 *   the first screen; the rest is one tap further;
 * - the SOS page always offers the duty line and 120; a quick double tap on the big button does not
 *   call; after sending it says who was told, and a cancelled call can be made again;
 * - the son's alert opens a view of that call in words addressed to him, never the staff desk;
 *   the grid worker's alert opens the staff desk; once she answers, the son and the elder see who.
 * Screenshots of each screen go to $TMPDIR/linli-sos/ for a person to look at.
 */
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { tmpdir } from 'node:os'
import type { Page } from 'playwright-core'
import { actAs, describeBrowser, startAppInBrowser, stopAppInBrowser, openPage, type Browser } from './browser.helper'
import type { Started } from './npm-start.helper'

jest.setTimeout(300_000)

const PHONE = { width: 375, height: 667 }
const shots = path.join(tmpdir(), 'linli-sos')
mkdirSync(shots, { recursive: true })

describeBrowser('the SOS path for the elder, her family and staff, at phone size', () => {
  let app: Started
  let b: Browser

  /** A call as a persona, straight to the function (for what the test needs to know, not to act). */
  const asPersona = async (openId: string, action: string, payload: unknown = {}): Promise<any> => {
    const res = await fetch(`${app.url}/functions/elder-care`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-wx-openid': openId },
      body: JSON.stringify({ action, payload })
    })
    return await res.json()
  }
  const shot = async (page: Page, name: string): Promise<void> => {
    await page.waitForTimeout(800) // Taro H5's page slide-in ends first
    await page.screenshot({ path: path.join(shots, `${name}.png`) })
  }
  /** Is the element entirely on the first screen, without scrolling? */
  const onFirstScreen = async (page: Page, testId: string): Promise<boolean> => {
    const box = await page.getByTestId(testId).boundingBox()
    return box !== null && box.y >= 0 && box.y + box.height <= PHONE.height
  }
  /** The elder, from her home: 一键呼叫, then (once it takes taps) 确定呼叫. */
  const elderPresses = async (page: Page): Promise<void> => {
    await page.getByTestId('elder-home-sos').click()
    await page.getByTestId('sos-button').click()
    await page.locator('[data-testid="sos-confirm"][data-armed="true"]').waitFor({ timeout: 5_000 })
    await page.getByTestId('sos-confirm').click()
    await page.getByTestId('sos-status').waitFor({ timeout: 15_000 })
  }

  beforeAll(async () => {
    ;({ app, b } = await startAppInBrowser())
    await b.page.setViewportSize(PHONE)
  })

  afterAll(async () => {
    await stopAppInBrowser(app, b)
  })

  test("the elder's home: 一键呼叫 first and on the first screen, then call, meals, my services; the rest one tap further", async () => {
    const { page } = b
    await actAs(page, app.url, '张桂芳')
    await page.getByTestId('elder-home').waitFor({ timeout: 15_000 })
    await shot(page, '1-elder-home')
    expect(await onFirstScreen(page, 'elder-home-sos')).toBe(true)
    const actions = await page
      .locator('.elder-home > [data-testid]')
      .evaluateAll(els => els.map(e => e.getAttribute('data-testid')))
    expect(actions).toEqual([
      'elder-home-sos',
      'elder-home-call',
      'elder-home-meals',
      'elder-home-services',
      'elder-home-more'
    ])
    expect(await page.getByTestId('elder-home-call').innerText()).toContain('打电话给网格员')
    expect(await page.getByText('办事', { exact: true }).count()).toBe(0) // the tile grid waits behind 更多服务
    await page.getByTestId('elder-home-more').click()
    await page.getByText('办事', { exact: true }).waitFor({ timeout: 5_000 })
  })

  test('长辈版 gives any resident the same short home', async () => {
    const { page } = b
    await actAs(page, app.url, '王秀兰')
    await page.getByText('我的社区联系人').waitFor({ timeout: 15_000 }) // the everyday home first
    expect(await page.getByTestId('elder-home').count()).toBe(0)
    await openPage(page, app.url, '/pages/me/index')
    await page.getByText('长辈版').first().click()
    await openPage(page, app.url, '/pages/home/index')
    await page.getByTestId('elder-home-sos').waitFor({ timeout: 15_000 })
    await shot(page, '2-resident-elder-mode-home')
    expect(await onFirstScreen(page, 'elder-home-sos')).toBe(true)
    // Back to the everyday size for the personas after this one (the switch lives on this device).
    await openPage(page, app.url, '/pages/me/index')
    await page.getByText('长辈版').first().click()
  })

  test('the SOS page: duty line and 120 always; a double tap does not call; who was told; call again after a cancel', async () => {
    const { page } = b
    await actAs(page, app.url, '张桂芳')
    await page.getByTestId('elder-home-sos').click()
    await page.getByTestId('sos-button').waitFor({ timeout: 15_000 })
    expect(await page.getByTestId('call-duty').innerText()).toContain('021-0000-8000')
    expect(await page.getByTestId('call-120').innerText()).toContain('拨打120')
    await shot(page, '3-sos-idle')

    // A trembling quick double tap on the big button: asks, but does not call.
    const big = await page.getByTestId('sos-button').boundingBox()
    await page.getByTestId('sos-button').dblclick()
    await page.getByTestId('sos-confirm').waitFor()
    await page.waitForTimeout(1500)
    expect((await asPersona('demo-elder', 'mySos')).data).toBeNull()
    const confirm = await page.getByTestId('sos-confirm').boundingBox()
    expect(big && confirm && confirm.y > big.y + big.height / 2).toBe(true) // not under the first tap
    await shot(page, '4-sos-confirm')

    await page.getByTestId('sos-confirm').click()
    await page.getByText(/已通知值班社工和网格员：/).waitFor({ timeout: 15_000 })
    expect(await page.getByTestId('sos-status').innerText()).toContain('已通知家属：儿子张伟')
    await shot(page, '5-sos-sent')
    await page.getByTestId('sos-cancel').click()
    await page.getByTestId('sos-state').getByText('已取消呼叫').waitFor({ timeout: 15_000 })
    expect(await page.getByTestId('call-120').count()).toBe(1) // still there after the call
    await page.getByTestId('sos-again').click()
    await page.getByTestId('sos-button').waitFor({ timeout: 5_000 })
    expect(b.errors).toEqual([])
  })

  test("the son's alert opens the call in his words; the grid worker's opens the desk; then both see who answered", async () => {
    const { page } = b
    await actAs(page, app.url, '张桂芳')
    await elderPresses(page)
    const callId = (await asPersona('demo-elder', 'mySos')).data.id as string

    // The son, told at once (not after 2 minutes), taps his alert.
    await actAs(page, app.url, '张伟')
    await page.getByText('消息').last().click()
    await page.getByText('您的母亲张桂芳发出了紧急呼叫').first().click()
    await page.waitForURL(new RegExp(`pages/elder-care/sos\\?id=${callId}`), { timeout: 15_000 })
    await page.getByTestId('sos-title').waitFor({ timeout: 15_000 })
    expect(await page.getByTestId('sos-title').innerText()).toBe('您的母亲张桂芳发出了紧急呼叫')
    expect(await page.getByTestId('call-elder').innerText()).toMatch(/打电话给老人\s*1\d{10}/)
    expect(await page.getByTestId('call-duty').innerText()).toContain('021-0000-8000')
    const seen = await page.locator('body').innerText()
    expect(seen).not.toContain('没有权限')
    expect(seen).not.toContain('我来处理')
    await shot(page, '6-family-call-open')
    await openPage(page, app.url, '/pages/elder-care/index')
    await page.getByTestId('open-call').waitFor({ timeout: 15_000 })
    expect(await page.getByTestId('open-call').innerText()).toContain('您的母亲张桂芳发出了紧急呼叫')
    await shot(page, '7-family-elder-care-open-call')

    // The grid worker's alert opens the staff desk, where she answers.
    await actAs(page, app.url, '刘海燕')
    await page.getByText('消息').last().click()
    await page.getByText('紧急呼叫：张桂芳').first().click()
    await page.waitForURL(/pages\/elder-care\/staff/, { timeout: 15_000 })
    const open = page.getByTestId('open-sos').first()
    await open.waitFor({ timeout: 15_000 })
    await shot(page, '8-staff-desk')
    await open.locator('.nut-button', { hasText: '我来处理' }).click()
    await open.getByText('刘海燕 已响应').waitFor({ timeout: 15_000 })

    await actAs(page, app.url, '张伟')
    await openPage(page, app.url, `/pages/elder-care/sos?id=${callId}`)
    await page.getByText('刘海燕已前往处理').first().waitFor({ timeout: 15_000 })
    expect(await page.getByTestId('sos-responder').innerText()).toMatch(/刘海燕 \d{2}:\d{2} 已响应/)
    // Each responder once: not again as a step below (the acknowledgement is recorded twice).
    expect((await page.getByTestId('sos-status').innerText()).match(/刘海燕[^\n]*已响应/g)).toHaveLength(1)
    await shot(page, '9-family-call-answered')

    await actAs(page, app.url, '张桂芳')
    await openPage(page, app.url, '/pages/elder-care/index')
    await page.getByTestId('open-call').waitFor({ timeout: 15_000 })
    expect(await page.getByTestId('open-call').innerText()).toContain('刘海燕已响应，正在赶来')
    await shot(page, '10-elder-open-call')
    await page.getByTestId('open-call').click()
    await page.getByTestId('sos-responder').waitFor({ timeout: 15_000 })
    await shot(page, '11-elder-sos-answered')
    expect((await asPersona('demo-grid-worker', 'sosResolve', { id: callId, note: '已上门，老人平安' })).ok).toBe(true)
    expect(b.errors).toEqual([])
  })
})
