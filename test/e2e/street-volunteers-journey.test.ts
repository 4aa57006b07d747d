/**
 * A volunteer across the street (issue 20) in a real browser against `npm start`, at phone size: 陈志强 of 春晖 opens
 * 其他社区的任务 on his volunteers page, picks 东圣社区, opens one of its activities and signs up there; his own list
 * then shows the shift 在东圣社区, and it opens in 东圣. Screenshots of each step go to the temp directory.
 */
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { actAs, describeBrowser, openPage, startAppInBrowser, stopAppInBrowser, type Browser } from './browser.helper'
import type { Started } from './npm-start.helper'

jest.setTimeout(240_000)

const shot = async (page: Page, name: string): Promise<void> => {
  await page.screenshot({ path: path.join(tmpdir(), `linli-e2e-street-volunteers-${name}.png`), fullPage: true })
}

/** Taps a button and waits for the volunteers function to answer that action; the answer's body. */
async function tapAndWait(page: Page, text: string | RegExp, action: string): Promise<any> {
  const answer = page.waitForResponse(
    r => r.url().endsWith('/functions/volunteers') && r.request().postData()?.includes(`"action":"${action}"`) === true
  )
  await page.locator('taro-button-core').filter({ hasText: text }).first().click()
  return await (await answer).json()
}

describeBrowser('a volunteer serving another community of the street', () => {
  let app: Started
  let b: Browser

  beforeAll(async () => {
    ;({ app, b } = await startAppInBrowser())
  })
  afterAll(async () => {
    await stopAppInBrowser(app, b)
  })

  test('其他社区的任务: picks 东圣, signs up for one of its activities, and sees the shift 在东圣社区', async () => {
    const { page } = b
    await actAs(page, app.url, '陈志强')
    await openPage(page, app.url, '/pages/volunteers/index')
    await page.getByText('其他社区的任务').waitFor({ timeout: 30_000 })
    await page.getByText('其他社区的任务').scrollIntoViewIfNeeded()
    await shot(page, '1-board')
    // The street's other communities, each one tap away; not his own.
    expect(await page.locator('taro-button-core', { hasText: '看看东圣社区的活动' }).count()).toBe(1)
    expect(await page.locator('taro-button-core', { hasText: '看看春晖社区的活动' }).count()).toBe(0)
    const listed = await tapAndWait(page, '看看东圣社区的活动', 'tasks')
    expect(listed.ok).toBe(true)
    await page.getByText('东圣社区的活动').waitFor({ timeout: 20_000 })
    await page.getByText('东圣社区的活动').scrollIntoViewIfNeeded()
    await shot(page, '2-dongsheng-tasks')
    const card = page.locator('[data-testid="other-community"] [data-testid="task"]').first()
    const title = (await card.locator('.vol-title').innerText()).trim()
    await card.click()
    await page.waitForURL(/community=dongsheng/, { timeout: 20_000 })
    await page.locator('[data-testid="role"]').first().waitFor({ timeout: 20_000 })
    // The page says where the task is; the screenshot waits for the page's slide-in to end.
    expect(await page.locator('[data-testid="task-community"]').innerText()).toBe('在东圣社区')
    await page.waitForTimeout(600)
    await shot(page, '3-dongsheng-task')
    const claimed = await tapAndWait(page, /^报名：/, 'claim')
    // Signed up, or told plainly why not (a time he already holds, a full role): either way an answer he can read.
    expect(claimed.ok || /[\u4e00-\u9fa5]/.test(claimed.error?.message ?? '')).toBe(true)
    if (!claimed.ok) return
    await openPage(page, app.url, '/pages/volunteers/index')
    const shift = page.locator('[data-testid="my-claim"]', { hasText: title })
    await shift.waitFor({ timeout: 30_000 })
    expect(await shift.innerText()).toContain('在东圣社区')
    await shift.scrollIntoViewIfNeeded()
    await shot(page, '4-my-shifts')
    await shift.click()
    await page.waitForURL(/community=dongsheng/, { timeout: 20_000 })
    await page.getByText('取消报名').first().waitFor({ timeout: 20_000 })
    expect(b.errors).toEqual([])
  })
})
