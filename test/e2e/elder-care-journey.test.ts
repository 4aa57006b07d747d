/**
 * Elder care in a real browser against `npm start`:
 * - the elder orders tomorrow's lunch delivered;
 * - her son (consented proxy) books home care for her; staff accept and dispatch it to the
 *   volunteer, who sees the address masked until he accepts, checks in and out; she rates it;
 * - an SOS that nobody acknowledges escalates to the family, and an acknowledged one stops.
 *
 * The SOS ladder is a timer. The test is its clock: it runs the built elder-care function's
 * timer handler in this process against the same local cloud, with the tick `Time` 2 minutes
 * after the press — what the minute trigger does once two real minutes have passed. The browser
 * only shows what the elder and staff see.
 */
import path from 'node:path'
import { tmpdir } from 'node:os'
import type { Locator, Page } from 'playwright-core'
import { applyLocalRuntimeEnv } from '../../src/local-cloud/env'
import { actAs, describeBrowser, startAppInBrowser, stopAppInBrowser, openPage, type Browser } from './browser.helper'
import { root, type Started } from './npm-start.helper'

jest.setTimeout(240_000)

/** The SOS confirm button, once it takes taps (it ignores them for a moment after it appears). */
const armedConfirm = (page: Page): Locator => page.locator('[data-testid="sos-confirm"][data-armed="true"]')

describeBrowser('elder-care journeys in the H5 app', () => {
  let app: Started
  let b: Browser
  let fn: { main: (event: unknown, context?: unknown) => Promise<any> }

  /** A call as a persona, straight to the function (for what the test needs to know, not to act). */
  const asPersona = async (openId: string, action: string, payload: unknown = {}): Promise<any> => {
    const res = await fetch(`${app.url}/functions/elder-care`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-wx-openid': openId },
      body: JSON.stringify({ action, payload })
    })
    return await res.json()
  }
  /** The ladder's job run at `at`: it reads the server clock only, so this process's clock is stopped there. */
  const ladderAt = async (at: number): Promise<any> => {
    process.env.LINLI_CLOCK = new Date(at).toISOString()
    try {
      return await fn.main(
        {
          Type: 'Timer',
          TriggerName: 'sosLadder',
          Time: new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z'),
          Message: ''
        },
        {}
      )
    } finally {
      delete process.env.LINLI_CLOCK
    }
  }

  beforeAll(async () => {
    ;({ app, b } = await startAppInBrowser())
    applyLocalRuntimeEnv(new URL(app.url).port)
    fn = require(path.join(root, 'cloudfunctions/elder-care/index.js'))
  })

  afterAll(async () => {
    await stopAppInBrowser(app, b)
  })

  test("the elder has tomorrow's lunch delivered", async () => {
    const { page } = b
    await actAs(page, app.url, '张桂芳')
    await openPage(page, app.url, '/pages/elder-care/meals')
    await page.getByText('明天').first().click()
    await page.getByTestId('order-delivery').click()
    await page.getByTestId('meal-ordered').waitFor({ timeout: 15_000 })
    expect(await page.getByTestId('meal-ordered').innerText()).toContain('送餐')
  })

  test('a proxy books home care; staff dispatch; the volunteer accepts, checks in and out; the elder rates it', async () => {
    const { page } = b
    await actAs(page, app.url, '张伟')
    await openPage(page, app.url, '/pages/elder-care/request')
    await page.getByTestId('proxy-banner').waitFor({ timeout: 15_000 })
    expect(await page.getByTestId('proxy-banner').innerText()).toContain('张桂芳')
    await page.getByText('上门照护').first().click()
    await page.getByTestId('submit-request').click()
    await page.getByText('家属代为提交申请（家属代办）').waitFor({ timeout: 15_000 })

    await actAs(page, app.url, '赵丽')
    await openPage(page, app.url, '/pages/elder-care/staff')
    const item = page.getByTestId('queue-item').filter({ hasText: '上门照护' }).first()
    await item.waitFor({ timeout: 15_000 })
    await item.locator('.nut-button', { hasText: '受理' }).click()
    await item.getByText('待派单').waitFor({ timeout: 15_000 })
    // Each helper shows role and load; dispatching asks first.
    const helper = item.locator('.nut-button', { hasText: '陈志强（志愿者）' })
    expect(await helper.innerText()).toMatch(/手上(没有单| \d+ 单)/)
    await helper.click()
    await page.getByText(/把张桂芳的申请派给 陈志强（志愿者）？/).waitFor({ timeout: 15_000 })
    await page.getByText('派单', { exact: true }).last().click()
    await item.getByText('待接单').waitFor({ timeout: 15_000 })

    await actAs(page, app.url, '陈志强')
    await openPage(page, app.url, '/pages/elder-care/helper')
    const visit = page.getByTestId('visit').first()
    await visit.waitFor({ timeout: 15_000 })
    const before = await visit.getByTestId('visit-address').innerText()
    expect(before).toMatch(/\d+栋\d+单元\s/) // no door number yet
    expect(before).toMatch(/140\*{4}\d{4}/)
    await visit.locator('.nut-button', { hasText: '接单' }).click()
    await visit.getByText('已接单').waitFor({ timeout: 15_000 })
    expect(await visit.getByTestId('visit-address').innerText()).toMatch(/\d+栋\d+单元\d{3}\s+1400000\d{4}/)
    await visit.locator('.nut-button', { hasText: '到达签到' }).click()
    await visit.getByText('服务中').waitFor({ timeout: 15_000 })
    // A browser gives no location: the visit counts all the same, and the helper is told.
    expect(await visit.getByTestId('no-location').innerText()).toBe('已签到，但没有记下位置：电脑网页版拿不到位置。')
    await visit.locator('.nut-button', { hasText: '完成签退' }).click()
    await visit.getByText('已完成').waitFor({ timeout: 15_000 })
    expect(await visit.getByTestId('visit-address').innerText()).toMatch(/\d+栋\d+单元\s/) // masked again

    await actAs(page, app.url, '张桂芳')
    await openPage(page, app.url, '/pages/elder-care/index')
    const card = page.getByTestId('care-request').first()
    await card.getByText('给这次服务打分').waitFor({ timeout: 15_000 })
    await card.locator('.nut-button', { hasText: '5分' }).click()
    await card.getByText('已评价，谢谢您').waitFor({ timeout: 15_000 })
    await page.screenshot({ path: path.join(tmpdir(), 'linli-e2e-elder-care.png'), fullPage: true })
    expect(b.errors).toEqual([])
  })

  test("staff keep an elder's care profile: care level, tags and care notes", async () => {
    const { page } = b
    await actAs(page, app.url, '赵丽')
    await openPage(page, app.url, '/pages/elder-care/elders')
    const first = page.getByTestId('elder').first()
    await first.waitFor({ timeout: 15_000 })
    expect(await first.innerText()).toMatch(/\d+栋\d+单元 · 140\*{4}\d{4}/) // masked in the list
    await first.locator('.nut-button', { hasText: '修改' }).click()
    await first.locator('.nut-button', { hasText: '失能' }).first().click()
    await first.locator('textarea[name="care-notes"]').fill('需要轮椅')
    await first.locator('.nut-button', { hasText: '保存' }).click()
    await first.getByText('需要轮椅').waitFor({ timeout: 15_000 })
  })

  test('an SOS nobody acknowledges escalates to the family; an acknowledged one stops', async () => {
    const { page } = b
    await actAs(page, app.url, '张桂芳')
    await openPage(page, app.url, '/pages/elder-care/index')
    await page.getByTestId('sos-entry').click()
    await page.getByTestId('sos-button').click()
    await page.getByText('确定要呼叫吗？').waitFor()
    await armedConfirm(page).click() // it takes taps a moment after it appears (no double-tap calls)
    await page.getByText('已通知值班社工和网格员：').waitFor({ timeout: 15_000 })
    await page.getByTestId('sos-cancel').waitFor() // the 10-second way out of a mistaken press

    // Two minutes pass with nobody answering: the minute timer's tick at +2 min.
    const first = (await asPersona('demo-elder', 'mySos')).data
    expect((await ladderAt(Date.parse(first.pressedAt) + 121_000)).escalated).toBe(1)
    // The page refreshes every 5 s; the son was told at the press, so at 2 minutes he is told again.
    await page.getByText('2分钟无人响应，再次通知家属').waitFor({ timeout: 15_000 })
    await actAs(page, app.url, '张伟')
    await page.getByText('消息').last().click()
    await page.getByText('您的母亲张桂芳发出了紧急呼叫').first().waitFor({ timeout: 15_000 })

    await actAs(page, app.url, '刘海燕')
    await openPage(page, app.url, '/pages/elder-care/staff')
    const open = page.getByTestId('open-sos').first()
    await open.waitFor({ timeout: 15_000 })
    await open.locator('textarea[name="resolve-note"]').fill('已上门，老人头晕，已陪同就医')
    await open.locator('.nut-button', { hasText: '处理完毕' }).click()
    await page.getByText('现在没有紧急呼叫').waitFor({ timeout: 15_000 })

    // Second call: staff acknowledge it at once, and the same tick later escalates nothing.
    await actAs(page, app.url, '张桂芳')
    await openPage(page, app.url, '/pages/elder-care/sos')
    await page.getByTestId('sos-button').click()
    await armedConfirm(page).click()
    await page.getByText('已通知值班社工和网格员：').waitFor({ timeout: 15_000 })
    await actAs(page, app.url, '赵丽')
    await openPage(page, app.url, '/pages/elder-care/staff')
    const second = page.getByTestId('open-sos').first()
    await second.waitFor({ timeout: 15_000 })
    await second.locator('.nut-button', { hasText: '我来处理' }).click()
    await second.getByText('赵丽 已响应').waitFor({ timeout: 15_000 })
    const call2 = (await asPersona('demo-elder', 'mySos')).data
    expect((await ladderAt(Date.parse(call2.pressedAt) + 300_000)).escalated).toBe(0)
    await actAs(page, app.url, '张桂芳')
    await openPage(page, app.url, '/pages/elder-care/sos')
    await page.getByText('赵丽已响应，正在赶来').waitFor({ timeout: 15_000 })
    expect(await page.getByTestId('sos-status').innerText()).not.toContain('2分钟无人响应')
    const mine = (await asPersona('demo-elder', 'mySos')).data
    expect(mine.state).toBe('acknowledged')
    expect(mine.steps.map((s: { label: string }) => s.label).join('|')).not.toContain('2分钟无人响应')
    expect(b.errors).toEqual([])
  })
})
