/**
 * Notifications in a real browser against `npm start`:
 *  - staff publish a community notice and watch its progress; the resident sees the unread
 *    badge, reads it in 消息 and the count drops;
 *  - a resident books a hall slot: the confirmation is in her inbox at once, and the subscribe
 *    message (granted at the booking tap; the H5 demo stands in for WeChat's dialog) appears in
 *    the staff outbox when the notifications timer sends it (each minute, at :00);
 *  - the staff phone follow-up list (电话回访名单) after two SOS calls: none for one cancelled as 误按,
 *    one entry per person for one nobody answered, and none left open once staff answer it.
 *
 * The follow-up test is the clock: it stops the local cloud's clock at the instants it needs
 * (`POST /dev/clock`) and runs the SOS ladder and the notifications due work at those instants in
 * this process (the built functions, against the same local cloud), as their minute timer would.
 */
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { tmpdir } from 'node:os'
import type { Page } from 'playwright-core'
import { applyLocalRuntimeEnv } from '../../src/local-cloud/env'
import {
  actAs,
  describeBrowser,
  startAppInBrowser,
  stopAppInBrowser,
  openPage,
  tapButton,
  type Browser
} from './browser.helper'
import { root, type Started } from './npm-start.helper'

jest.setTimeout(180_000)

describeBrowser('notifications journey in the H5 app', () => {
  let app: Started
  let b: Browser

  beforeAll(async () => {
    ;({ app, b } = await startAppInBrowser())
  })
  afterAll(async () => {
    await clockAt(null).catch(() => undefined)
    await stopAppInBrowser(app, b)
  })

  /**
   * Stops the functions' clock at `at` (null frees it): the app's, by the local cloud's dev door,
   * and this process's, where the timer jobs below run (src/server/clock.ts reads LINLI_CLOCK).
   */
  async function clockAt(at: Date | null): Promise<void> {
    const res = await fetch(`${app.url}/dev/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ at: at?.toISOString() ?? null })
    })
    expect(res.status).toBe(200)
    if (at) process.env.LINLI_CLOCK = at.toISOString()
    else delete process.env.LINLI_CLOCK
  }

  /** One timer job of a built function, run at `at` (a timer event naming the job runs it at once). */
  async function runJob(fn: 'elder-care' | 'notifications', job: string, at: Date): Promise<any> {
    applyLocalRuntimeEnv(new URL(app.url).port)
    await clockAt(at)
    const { main } = require(path.join(root, `cloudfunctions/${fn}/index.js`)) as {
      main: (e: unknown, c: unknown) => Promise<any>
    }
    return await main({ Type: 'Timer', TriggerName: job, Time: at.toISOString().replace(/\.\d{3}Z$/, 'Z') }, {})
  }

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

  test("a booking lands in the resident's inbox and, as a subscribe message, in the staff outbox", async () => {
    const { page } = b
    await actAs(page, app.url, '王秀兰')
    // The page loads the template ids when it opens, so the tap can ask at once (as WeChat requires).
    const ids = page.waitForResponse(
      r =>
        r.url().endsWith('/functions/notifications') &&
        r.request().postData()?.includes('"action":"templateIds"') === true
    )
    await openPage(page, app.url, '/pages/service-card/item?id=item-dibao')
    const slot = page.locator('[data-testid="slot"]').first()
    await slot.waitFor({ timeout: 30_000 })
    await ids
    const granted = page.waitForResponse(
      r =>
        r.url().endsWith('/functions/notifications') &&
        r.request().postData()?.includes('"action":"reportGrants"') === true
    )
    await slot.locator('.nut-button').click()
    expect((await (await granted).json()).data.grants).toMatchObject({ booking: 1, reminder: 1 })
    await page.locator('[data-testid="booking-confirmation"]').waitFor({ timeout: 20_000 })

    await openPage(page, app.url, '/pages/notifications/index')
    await page
      .locator('[data-testid="inbox-item"]', { hasText: '最低生活保障申请' })
      .first()
      .waitFor({ timeout: 20_000 })

    // The minute timer sends the queued message; the outbox shows it as WeChat would get it.
    await actAs(page, app.url, '赵丽')
    const deadline = Date.now() + 75_000
    for (;;) {
      await openPage(page, app.url, '/pages/notifications/outbox')
      await page.getByText('离线演示时').waitFor({ timeout: 20_000 })
      if ((await page.locator('[data-testid="outbox-item"]', { hasText: '发给 王秀兰' }).count()) > 0) break
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

  test('the follow-up list: nothing for a call cancelled as 误按, one entry per person, gone once answered', async () => {
    const { page } = b
    const shots = path.join(tmpdir(), 'linli-follow-ups')
    mkdirSync(shots, { recursive: true })
    const shot = async (name: string): Promise<void> => {
      await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true })
    }
    const minutes = (from: Date, m: number): Date => new Date(from.getTime() + m * 60_000)
    /** The staff list, loaded: its entries about this elder's calls (the card's text, or whom to call). */
    const followUps = async (tab: '待联系' | '已联系', what: 'text' | 'name' = 'text'): Promise<string[]> => {
      await openPage(page, app.url, '/pages/notifications/follow-ups')
      await page.locator('.tabs__tab', { hasText: tab }).click()
      await page
        .getByTestId('follow-up')
        .or(page.getByText('没有需要电话联系的人'))
        .first()
        .waitFor({ timeout: 20_000 })
      const entries = page.getByTestId('follow-up').filter({ hasText: '张桂芳' })
      return await (what === 'name' ? entries.locator('.inbox-item__title') : entries).allInnerTexts()
    }
    /** The elder calls; the local cloud's clock stops (now, or at `at`) just before her confirming tap. */
    const elderPresses = async (p: Page, at?: Date): Promise<Date> => {
      await actAs(p, app.url, '张桂芳')
      await p.getByTestId('elder-home-sos').click()
      await p.getByTestId('sos-button').click()
      await p.locator('[data-testid="sos-confirm"][data-armed="true"]').waitFor({ timeout: 5_000 })
      const pressedAt = at ?? new Date()
      await clockAt(pressedAt)
      await p.getByTestId('sos-confirm').click()
      await p.getByTestId('sos-status').waitFor({ timeout: 15_000 })
      return pressedAt
    }

    // (a) A mistaken press, cancelled at once; then long past every deadline of that call.
    const t0 = await elderPresses(page)
    await page.getByTestId('sos-cancel').click()
    await page.getByTestId('sos-state').getByText('已取消呼叫').waitFor({ timeout: 15_000 })
    await runJob('elder-care', 'sosLadder', minutes(t0, 5))
    await runJob('notifications', 'dueWork', minutes(t0, 5))
    await actAs(page, app.url, '赵丽')
    expect(await followUps('待联系')).toEqual([])
    await shot('1-after-cancelled-call')
    expect(await followUps('已联系')).toEqual([])

    // (b) A call nobody answers: the family is told at +2 min (the son in the app and by phone),
    // and by +4.5 min neither staff nor the son has read their alert.
    const t1 = minutes(t0, 6)
    await elderPresses(page, t1)
    await runJob('elder-care', 'sosLadder', new Date(t1.getTime() + 121_000))
    const due = await runJob('notifications', 'dueWork', minutes(t1, 4.5))
    expect(due.followUps).toBeGreaterThan(0)
    await actAs(page, app.url, '赵丽')
    const names = await followUps('待联系', 'name')
    await shot('2-unanswered-call')
    expect(names).toContain('张伟') // the son, once: reached neither in the app nor yet by phone
    expect(names.filter(n => n === '张伟')).toHaveLength(1)
    await page
      .getByTestId('follow-up')
      .filter({ hasText: '张伟' })
      .screenshot({ path: path.join(shots, '2b-the-son.png') })
    expect(new Set(names).size).toBe(names.length) // one entry per person for this call
    expect(names.length).toBeGreaterThan(1) // the staff who were alerted and did not read it, too

    // Staff answer the call and then resolve it: the entries leave the list, with the reason.
    await actAs(page, app.url, '刘海燕')
    await openPage(page, app.url, '/pages/elder-care/staff')
    const call = page.getByTestId('open-sos').first()
    await call.waitFor({ timeout: 15_000 })
    await call.locator('.nut-button', { hasText: '我来处理' }).click()
    await call.getByText('刘海燕 已响应').waitFor({ timeout: 15_000 })
    await call.locator('textarea[name="resolve-note"]').fill('已电话联系，老人平安')
    await call.locator('.nut-button', { hasText: '处理完毕' }).click()
    await page.getByText('现在没有紧急呼叫').waitFor({ timeout: 15_000 })

    await actAs(page, app.url, '赵丽')
    expect(await followUps('待联系')).toEqual([])
    await shot('3-after-answered')
    const done = await followUps('已联系')
    expect(done).toHaveLength(names.length)
    for (const t of done) expect(t).toContain('刘海燕已响应，无需回访')
    await shot('4-done-tab')
    await clockAt(null)
    expect(b.errors).toEqual([])
  })
})
