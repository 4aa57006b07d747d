/**
 * The deep-link audit in the browser, at a small phone's size (375×667): notices are caused by the
 * real functions (an SOS answered by the grid worker, a 上门 request accepted by staff, a hall
 * booking), then each persona opens 消息 and taps each of their notices (up to four),
 * as they would. Every page it opens must show what the notice is about, never 没有权限 / 请先选择
 * 身份 / 没有找到, never a blank or endlessly loading page. The load-call audit of every notice kind
 * is test/integration/deep-links.test.ts and the end of each integration file. Screenshots go to
 * $TMPDIR/linli-deep-links/ for a person to look at.
 */
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { tmpdir } from 'node:os'
import type { Page } from 'playwright-core'
import { actAs, describeBrowser, openPage, startAppInBrowser, stopAppInBrowser, type Browser } from './browser.helper'
import type { Started } from './npm-start.helper'

jest.setTimeout(420_000)

const PHONE = { width: 375, height: 667 }
const shots = path.join(tmpdir(), 'linli-deep-links')
mkdirSync(shots, { recursive: true })

/** What a page says when its reader may not see it, has no persona, or finds nothing. */
const refusal = /没有权限|请先选择身份|没有找到|FORBIDDEN|NOT_FOUND/

describeBrowser('every notice a persona taps opens a page they may see (phone size)', () => {
  let app: Started
  let b: Browser

  const as = async (fn: string, openId: string, action: string, payload: unknown = {}): Promise<any> => {
    const res = await fetch(`${app.url}/functions/${fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-wx-openid': openId },
      body: JSON.stringify({ action, payload, requestId: `dl-${action}-${openId}` })
    })
    const body = await res.json()
    if (!body.ok) throw new Error(`${fn}.${action} as ${openId}: ${JSON.stringify(body.error)}`)
    return body.data
  }

  /** Waits until the page has drawn its data: no request in flight and no loading line left. */
  const settle = async (page: Page): Promise<void> => {
    await page.waitForLoadState('networkidle', { timeout: 30_000 }).catch(() => undefined)
    await page
      .waitForFunction(() => !/正在加载/.test(document.body.innerText), undefined, { timeout: 20_000 })
      .catch(() => undefined)
    await page.waitForTimeout(800) // Taro H5's page slide-in ends first
  }

  beforeAll(async () => {
    ;({ app, b } = await startAppInBrowser())
    await b.page.setViewportSize(PHONE)
    // An SOS answered: the son, the grid worker and the duty staff are alerted, the elder and her son hear who
    // answered.
    const call = await as('elder-care', 'demo-elder', 'sosPress')
    await as('elder-care', 'demo-grid-worker', 'sosAck', { id: call.id })
    // An elder's 上门 request, accepted by staff: she hears, with a link to that request.
    const request = await as('service-card', 'demo-elder', 'submitRequest', {
      itemId: 'item-elder-allowance',
      mode: 'home',
      note: '腿脚不便'
    })
    await as('service-card', 'demo-staff', 'actOnRequest', { requestId: request.id, event: 'accept' })
    // A resident books the hall: her confirmation links to her bookings.
    const slots = await as('service-card', 'demo-resident', 'listSlots', { itemId: 'item-dibao' })
    await as('service-card', 'demo-resident', 'book', { slotId: slots.items[0].id, itemId: 'item-dibao' })
  })

  afterAll(async () => {
    await stopAppInBrowser(app, b)
  })

  test.each([
    ['张伟', 'demo-family'],
    ['张桂芳', 'demo-elder'],
    ['刘海燕', 'demo-grid-worker'],
    ['王秀兰', 'demo-resident']
  ])('%s taps each notice and sees its page', async (name, openId) => {
    const { page } = b
    await actAs(page, app.url, name)
    const inbox = (await as('notifications', openId, 'inboxList', {})).items.filter((i: any) => i.link)
    expect(inbox.length).toBeGreaterThan(0)
    const seen: string[] = []
    for (const [n, item] of inbox.slice(0, 4).entries()) {
      await openPage(page, app.url, '/pages/notifications/index')
      await page.getByTestId('inbox-item').filter({ hasText: item.body }).first().click()
      const route = (item.link as string).split('?')[0]
      await page.waitForURL(url => url.toString().includes(route), { timeout: 15_000 })
      await settle(page)
      await page.screenshot({ path: path.join(shots, `${openId}-${n}.png`) })
      const text = await page.locator('body').innerText()
      seen.push(`${item.kind} → ${item.link as string}`)
      expect({ link: item.link, refused: refusal.exec(text)?.[0] ?? null }).toEqual({ link: item.link, refused: null })
      expect({ link: item.link, loading: /正在加载/.test(text) }).toEqual({ link: item.link, loading: false })
      expect(text.replace(/\s/g, '').length).toBeGreaterThan(20) // not a blank page
    }
    expect(seen.length).toBeGreaterThan(0)
    expect(b.errors).toEqual([])
  })
})
