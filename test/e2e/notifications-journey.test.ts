/**
 * Notifications in a real browser against `npm start`:
 *  - staff publish a community notice and watch its progress; the resident sees the unread
 *    badge, reads it in 消息 and the count drops;
 *  - a resident books a hall slot: the confirmation is in her inbox at once, and the subscribe
 *    message (granted at the booking tap; the H5 demo stands in for WeChat's dialog) appears in
 *    the staff outbox when the notifications timer sends it (each minute, at :00).
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
    await page.locator('input[name="title"], [name="title"] input').first().fill('停水通知')
    await page.locator('textarea').first().fill('11月26日9:00-12:00 1-3栋停水，请提前储水')
    // Before anything goes: what residents will see, and how many households will get it.
    await page.locator('[data-testid="broadcast-preview"]', { hasText: '停水通知' }).waitFor({ timeout: 15_000 })
    await page.getByText(/将发给全社区 \d+ 户（\d+ 位居民）/).waitFor({ timeout: 15_000 })
    await tapButton(page, '发布')
    // One tap does not send it: the question names the households and repeats the notice.
    await page.getByText(/发给全社区 \d+ 户？/).waitFor({ timeout: 15_000 })
    expect(await page.locator('body').innerText()).toMatch(/位居民的“消息”里会出现：[\s\S]*【停水通知】11月26日/)
    await page.screenshot({ path: path.join(tmpdir(), 'linli-e2e-broadcast-confirm.png') })
    await page.getByText('发布', { exact: true }).last().click()
    await page.getByText(/已发送给 \d+ 位居民/).waitFor({ timeout: 30_000 })

    await actAs(page, app.url, '王秀兰')
    // The 消息 tile carries the unread count (the home tab does not).
    const badge = page.locator('[data-testid="unread-badge"]')
    await badge.waitFor({ timeout: 15_000 })
    expect(await badge.innerText()).toBe('1 条未读')
    expect(await page.locator('.weui-tabbar .weui-badge:visible').count()).toBe(0)
    await page.locator('.tile', { has: badge }).click()
    await page.getByText('停水通知').waitFor({ timeout: 15_000 })
    await page.locator('.inbox-head__count', { hasText: '1 条未读' }).waitFor()
    await page.screenshot({ path: path.join(tmpdir(), 'linli-e2e-inbox.png'), fullPage: true })
    await page.getByText('停水通知').click()
    await page.locator('.inbox-head__count', { hasText: '全部已读' }).waitFor({ timeout: 15_000 })
    expect(b.errors).toEqual([])
  })

  test('a booking lands in the resident\'s inbox and, as a subscribe message, in the staff outbox', async () => {
    const { page } = b
    await actAs(page, app.url, '王秀兰')
    // The page loads the template ids when it opens, so the tap can ask at once (as WeChat requires).
    const ids = page.waitForResponse(r => r.url().endsWith('/functions/notifications') && r.request().postData()?.includes('"action":"templateIds"') === true)
    await openPage(page, app.url, '/pages/service-card/item?id=item-dibao')
    const slot = page.locator('[data-testid="slot"]').first()
    await slot.waitFor({ timeout: 30_000 })
    await ids
    const granted = page.waitForResponse(r => r.url().endsWith('/functions/notifications') && r.request().postData()?.includes('"action":"reportGrants"') === true)
    await slot.locator('.nut-button').click()
    expect((await (await granted).json()).data.grants).toMatchObject({ booking: 1, reminder: 1 })
    await page.locator('[data-testid="booking-confirmation"]').waitFor({ timeout: 20_000 })

    await openPage(page, app.url, '/pages/notifications/index')
    await page.locator('[data-testid="inbox-item"]', { hasText: '最低生活保障申请' }).first().waitFor({ timeout: 20_000 })

    // The minute timer sends the queued message; the outbox shows it as WeChat would get it.
    await actAs(page, app.url, '赵丽')
    const deadline = Date.now() + 75_000
    for (;;) {
      await openPage(page, app.url, '/pages/notifications/outbox')
      await page.getByText('离线演示时').waitFor({ timeout: 20_000 })
      if (await page.locator('[data-testid="outbox-item"]', { hasText: '发给 王秀兰' }).count() > 0) break
      if (Date.now() > deadline) throw new Error('no outbox message for the booking within 75 s')
      await page.waitForTimeout(5_000)
    }
    const sent = await page.locator('[data-testid="outbox-item"]', { hasText: '发给 王秀兰' }).first().innerText()
    // In words: the template's name and what each field holds, never its console key or id.
    expect(sent).toContain('预约/报名结果')
    expect(sent).toMatch(/时间：\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}/)
    expect(sent).toMatch(/事项：\S+/)
    expect(sent).not.toMatch(/thing\d|time\d|phrase\d|local-booking|demo-resident/)
    await page.screenshot({ path: path.join(tmpdir(), 'linli-e2e-outbox.png'), fullPage: true })
    expect(b.errors).toEqual([])
  })
})
