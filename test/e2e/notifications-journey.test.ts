/**
 * Notifications in a real browser against `npm start`: staff publish a community notice and
 * watch its progress; the resident sees the unread badge, reads it in 消息 and the count drops.
 */
import path from 'node:path'
import { tmpdir } from 'node:os'
import { actAs, describeBrowser, startAppInBrowser, stopAppInBrowser, openPage, tapButton, type Browser } from './browser.helper'
import type { Started } from './npm-start.helper'

jest.setTimeout(180_000)

describeBrowser('notifications journey in the H5 app', () => {
  let app: Started
  let b: Browser

  beforeAll(async () => { ({ app, b } = await startAppInBrowser()) })
  afterAll(async () => { await stopAppInBrowser(app, b) })

  test('staff publish a notice; the resident gets it in 消息 and reads it', async () => {
    const { page } = b
    await actAs(page, app.url, '赵丽')
    await openPage(page, app.url, '/pages/notifications/broadcast')
    await page.locator('.field-input input, input.field-input').first().fill('停水通知')
    await page.locator('textarea').first().fill('11月26日9:00-12:00 1-3栋停水，请提前储水')
    await tapButton(page, '发布')
    await page.getByText(/已发送给 \d+ 户/).waitFor({ timeout: 30_000 })

    await actAs(page, app.url, '王秀兰')
    // The home tab carries the unread count.
    await page.locator('.taro-tabbar__badge, .weui-badge').first().waitFor({ timeout: 15_000 })
    await page.getByText('消息').first().click()
    await page.getByText('停水通知').waitFor({ timeout: 15_000 })
    await page.getByText('1 条未读').waitFor()
    await page.screenshot({ path: path.join(tmpdir(), 'linli-e2e-inbox.png'), fullPage: true })
    await page.getByText('停水通知').click()
    await page.getByText('全部已读').waitFor({ timeout: 15_000 })
    expect(b.errors).toEqual([])
  })
})
