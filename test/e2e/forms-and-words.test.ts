/**
 * Issue 18 items 7–9 in the browser at phone size, by taps:
 *  - a link opened before anyone is picked goes to the picker, calls nothing, and comes back;
 *  - forms say what is wrong at the field, show limits while typing, say why a button can't be
 *    tapped, and take dates by picker (the notice, the survey, the elder-care desk and records, the
 *    volunteer task's check-in code and cancel reason);
 *  - a one-tap action's refusal (报名 twice) is said beside its button, stays, and covers nothing;
 *  - the unread count sits on 消息; the audit log speaks words, with pickers for its filters.
 */
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Page } from 'playwright-core'
import {
  actAs,
  describeBrowser,
  openPage,
  pick,
  startAppInBrowser,
  stopAppInBrowser,
  tapButton,
  type Browser
} from './browser.helper'
import type { Started } from './npm-start.helper'

jest.setTimeout(300_000)

const shot = async (page: Page, name: string): Promise<void> => {
  await page.screenshot({ path: path.join(tmpdir(), `linli-e2e-${name}.png`), fullPage: true })
}

async function fill(page: Page, name: string, value: string): Promise<void> {
  await page
    .locator(`input[name="${name}"], textarea[name="${name}"], [name="${name}"] input, [name="${name}"] textarea`)
    .first()
    .fill(value)
}

/** Today and a later day on the community's (Beijing) calendar. */
const beijingDay = (plusDays = 0): string =>
  new Date(Date.now() + 8 * 3_600_000 + plusDays * 86_400_000).toISOString().slice(0, 10)

describeBrowser('people first: forms, words and the persona picker', () => {
  let app: Started
  let b: Browser

  beforeAll(async () => {
    ;({ app, b } = await startAppInBrowser())
  })
  afterAll(async () => {
    await stopAppInBrowser(app, b)
  })

  test('a deep link without a persona goes to the picker, calls nothing, and returns after picking', async () => {
    const { page } = b
    const calls: string[] = []
    const record = (r: { url: () => string }) => {
      if (r.url().includes('/functions/')) calls.push(r.url())
    }
    page.on('request', record)
    await openPage(page, app.url, '/pages/notifications/index')
    await page.waitForURL(/pages\/dev-login\/index\?back=/, { timeout: 30_000 })
    await page.getByText('选好后，会回到您刚才要打开的页面。').waitFor({ timeout: 20_000 })
    // The bare address too: the picker, and still no call.
    await page.goto('about:blank')
    await page.goto(`${app.url}/`)
    await page.getByText('您想以谁的身份看看？').waitFor({ timeout: 20_000 })
    await page.waitForTimeout(1_000)
    expect(calls).toEqual([])

    await openPage(page, app.url, '/pages/notifications/index')
    await page.getByText('王秀兰').first().click()
    await page.waitForURL(/pages\/notifications\/index/, { timeout: 30_000 })
    await page
      .getByText(/暂时没有消息|条未读|全部已读/)
      .first()
      .waitFor({ timeout: 20_000 })
    page.off('request', record)
    expect(calls.length).toBeGreaterThan(0)
    expect(b.errors).toEqual([])
  })

  test("a notice form shows its limits while typing and why it can't be sent yet", async () => {
    const { page } = b
    await actAs(page, app.url, '赵丽')
    await openPage(page, app.url, '/pages/notifications/broadcast')
    await page.getByText('0/40').waitFor({ timeout: 20_000 })
    await page.getByText('0/500').waitFor()
    await page.getByText('请先填写标题（至少2个字）').waitFor()
    await fill(page, 'title', '本周六停水通知')
    await page.getByText('7/40').waitFor()
    await page.getByText('请再填写通知内容（至少2个字）').waitFor()
    const body = '周六 9:00–12:00 全小区停水，请提前储水。'
    await fill(page, 'body', body)
    await page.getByText(`${Array.from(body).length}/500`).waitFor()
    expect(await page.getByText('请再填写通知内容').count()).toBe(0)
    await shot(page, 'forms-broadcast')
    await tapButton(page, '发布')
    // Sending to every household asks first (the question names how many).
    await page.getByText(/发给全社区 \d+ 户？/).waitFor({ timeout: 15_000 })
    await page.getByText('发布', { exact: true }).last().click()
    await page
      .getByText(/已发送给 \d+ 位居民/)
      .first()
      .waitFor({ timeout: 60_000 })
    expect(b.errors).toEqual([])
  })

  test('a rejected form says which field is wrong, at that field, and the button still works', async () => {
    const { page } = b
    await actAs(page, app.url, '赵丽')
    await openPage(page, app.url, '/pages/staff/survey-results')
    await page.getByText('发布新调查').waitFor({ timeout: 30_000 })
    await page.getByText('请先填写调查名称').waitFor()
    await fill(page, 'survey-title', '冬季满意度调查')
    await page.getByText('请选择开始和结束日期').waitFor()
    await fill(page, 'survey-aspects', '环境，安全，服务')
    // Dates by picker, not typed as YYYY-MM-DD.
    await pick(page, 'survey-opens', beijingDay())
    await pick(page, 'survey-closes', beijingDay(30))
    await tapButton(page, /^发布$/)
    const aspectsField = page.locator('.form-field', { has: page.locator('[name="survey-aspects"]') })
    await aspectsField.getByText('8 个评价方面（用逗号分开）：请填写 8 个评价方面').waitFor({ timeout: 20_000 })
    expect(await page.getByText('提交的内容有误').count()).toBe(0)
    await shot(page, 'forms-field-error')
    await fill(page, 'survey-aspects', '环境卫生，治安安全，办事效率，服务态度，活动组织，养老服务，课堂管理，信息公开')
    expect(await aspectsField.getByText('请填写 8 个评价方面').count()).toBe(0)
    await tapButton(page, /^发布$/)
    await page.getByText('已发布').waitFor({ timeout: 20_000 })
    expect(b.errors).toEqual([])
  })

  test("elder care: the desk's and the records' forms count while typing, say why they wait, and refuse at the field", async () => {
    const { page } = b
    await actAs(page, app.url, '赵丽')
    await openPage(page, app.url, '/pages/elder-care/staff')
    const types = page.getByTestId('service-types')
    await types.getByText('0/20').waitFor({ timeout: 30_000 })
    await types.getByText('请先填写服务名称').waitFor()
    await fill(page, 'service-type-name', '理发上门')
    await types.getByText('4/20').waitFor()
    await fill(page, 'service-type-minutes', '5')
    await types.getByText('通常用时请填 10 到 600 分钟').waitFor()
    await fill(page, 'service-type-minutes', '45')
    expect(await types.getByText('通常用时请填 10 到 600 分钟').count()).toBe(0)
    // The page scrolls inside Taro's container: bring the form into the phone's view for the picture.
    await types.locator('.nut-button', { hasText: '新增服务项目' }).scrollIntoViewIfNeeded()
    await shot(page, 'forms-elder-desk')
    await page.getByTestId('menu-editor').getByText('请先写至少一道菜').scrollIntoViewIfNeeded()
    await shot(page, 'forms-elder-menu')
    await types.locator('.nut-button', { hasText: '新增服务项目' }).click()
    await types.getByText(/^理发上门\s+免费$/).waitFor({ timeout: 20_000 })

    await openPage(page, app.url, '/pages/elder-care/elders')
    const elder = page.getByTestId('elder').first()
    await elder.waitFor({ timeout: 30_000 })
    await elder.locator('.nut-button', { hasText: '修改' }).click()
    await elder
      .getByText(/^\d+\/200$/)
      .first()
      .waitFor()
    await fill(page, 'care-notes', '耳背，说话请大声')
    await elder.getByText('8/200').waitFor()
    const linker = elder.getByTestId('proxy-linker')
    await linker.getByText('请填写家属的11位手机号').waitFor()
    // A number nobody in the demo signed in with: the refusal names the phone, at the phone field.
    await fill(page, 'proxy-phone', '13900000000')
    await fill(page, 'proxy-relation', '儿子')
    await linker.getByText('2/10').waitFor()
    await linker.locator('.nut-button', { hasText: '确认关联' }).click()
    const phoneField = linker.locator('.form-field', { has: page.locator('[name="proxy-phone"]') })
    await phoneField.getByText('这位家属还没有登录过小程序，请先让他/她打开一次').waitFor({ timeout: 20_000 })
    await shot(page, 'forms-elder-records')
    expect(b.errors).toEqual([])
  })

  test('a volunteer task: a wrong check-in code is said at the code field, the cancel reason counts while typing', async () => {
    const { page } = b
    // 陈志强 is a registered volunteer in the demo; 社区议事厅布置 starts within the hour.
    await actAs(page, app.url, '陈志强')
    await openPage(page, app.url, '/pages/volunteers/task?id=task-demo-today')
    await page.getByTestId('role').first().waitFor({ timeout: 30_000 })
    await tapButton(page, '报名：布置场地')
    const check = page.getByTestId('check')
    await check.waitFor({ timeout: 20_000 })
    await check.getByText('请先扫码，或输入6位签到码').waitFor()
    // Seven digits can never be the six on the organiser's screen.
    await fill(page, 'checkin-code', '1234567')
    expect(await check.getByText('请先扫码，或输入6位签到码').count()).toBe(0)
    await check.locator('.nut-button', { hasText: /^签到$/ }).click()
    const codeField = check.locator('.form-field', { has: page.locator('[name="checkin-code"]') })
    await codeField.getByText('签到码不正确或已过期，请扫描现场最新的二维码').waitFor({ timeout: 20_000 })
    await shot(page, 'forms-checkin-code')
    // The buttons still take the next tap (no toast over them): the same refusal, at the same place.
    await check.locator('.nut-button', { hasText: /^签到$/ }).click()
    await codeField.getByText('签到码不正确或已过期，请扫描现场最新的二维码').waitFor({ timeout: 20_000 })

    await actAs(page, app.url, '赵丽')
    await openPage(page, app.url, '/pages/volunteers/task?id=task-demo-today')
    const cancel = page.getByTestId('cancel-task')
    await cancel.getByText('0/60').waitFor({ timeout: 30_000 })
    await cancel.getByText('请先填写取消原因，志愿者会在通知里看到').waitFor()
    await fill(page, 'cancel-reason', '暴雨预警')
    await cancel.getByText('4/60').waitFor()
    expect(await cancel.getByText('请先填写取消原因').count()).toBe(0)
    await cancel.scrollIntoViewIfNeeded()
    await shot(page, 'forms-cancel-task')
    expect(b.errors).toEqual([])
  })

  test('a one-tap refusal is said beside the button tapped, stays, and covers no button', async () => {
    const { page } = b
    // 李建国's 李睿 already has a place in the demo's 四点半课堂: a second 报名 is refused, with why.
    await actAs(page, app.url, '李建国')
    await openPage(page, app.url, '/pages/classes/index')
    const term = page.getByTestId('open-term').filter({ hasText: '四点半课堂（本学期）' }).first()
    await term.waitFor({ timeout: 30_000 })
    const enrol = term.locator('.nut-button', { hasText: '给李睿报名' })
    await enrol.click()
    const said = term.getByRole('alert')
    const why = '孩子已经报名或在候补中，不用重复报名'
    await said.getByText(why).waitFor({ timeout: 20_000 })
    // Beside the button, not over it: their boxes don't meet, and no toast lies over the page.
    const [words, button] = [await said.boundingBox(), await enrol.boundingBox()]
    expect(words && button && (words.y + words.height <= button.y || button.y + button.height <= words.y)).toBe(true)
    expect(await page.locator('.taro__toast').filter({ visible: true }).count()).toBe(0)
    await enrol.scrollIntoViewIfNeeded()
    await shot(page, 'forms-one-tap-refusal')
    // Still there after a toast would have gone (3 s), and the button takes the next tap.
    await page.waitForTimeout(3_500)
    expect(await said.isVisible()).toBe(true)
    const asked = page.waitForRequest(
      r => r.url().includes('/functions/classes') && (r.postData() ?? '').includes('"enrol"')
    )
    await enrol.click()
    await asked
    await said.getByText(why).waitFor({ timeout: 20_000 })
    // Only the button tapped says it.
    expect(await page.getByText(why).count()).toBe(1)
    expect(b.errors).toEqual([])
  })

  test('the unread count is on 消息, not on the home tab', async () => {
    const { page } = b
    await actAs(page, app.url, '王秀兰')
    const badge = page.locator('[data-testid="unread-badge"]')
    await badge.waitFor({ timeout: 30_000 })
    expect(await badge.innerText()).toMatch(/^\d+ 条未读$/)
    const tile = page.locator('.tile', { has: badge })
    expect(await tile.innerText()).toContain('消息')
    expect(await page.locator('.weui-tabbar .weui-badge:visible').count()).toBe(0)
    await shot(page, 'home-unread')
    await openPage(page, app.url, '/pages/me/index')
    await page
      .locator('.link-row', { hasText: '消息' })
      .getByText(/\d+ 条未读/)
      .waitFor({ timeout: 20_000 })
    expect(b.errors).toEqual([])
  })

  test('the audit log speaks words, and its filters are a name, a category and days picked', async () => {
    const { page } = b
    await actAs(page, app.url, '孙卫东')
    await openPage(page, app.url, '/pages/staff/audit')
    await page.getByText('哪类事情').waitFor({ timeout: 30_000 })
    await page.getByRole('radio', { name: '工作台与权限' }).click()
    await pick(page, 'from', beijingDay())
    await pick(page, 'to', beijingDay())
    await fill(page, 'actor', '赵丽')
    await tapButton(page, '查询')
    const row = page.locator('.staff-row', { hasText: '发布满意度调查' }).first()
    await row.waitFor({ timeout: 20_000 })
    expect(await row.innerText()).toContain('赵丽')
    expect(await row.innerText()).toContain('满意度调查')
    const text = await page.locator('.staff-row').allInnerTexts()
    expect(text.length).toBeGreaterThan(0)
    // No codes: neither action codes (staff.publish-survey) nor record paths (staff_surveys/…).
    for (const t of text) {
      expect(t).not.toMatch(/[a-z]+(-[a-z]+)*\.[a-z]+(-[a-z]+)*/)
      expect(t).not.toMatch(/[a-z_]+\//)
      expect(t).toContain('赵丽')
    }
    await shot(page, 'audit-words')

    // Another category: the notice sent earlier, described.
    await page.getByRole('radio', { name: '消息通知' }).click()
    await tapButton(page, '查询')
    await page.locator('.staff-row', { hasText: '发布社区通知' }).first().waitFor({ timeout: 20_000 })
    expect(await page.locator('.staff-row', { hasText: '社区通知' }).count()).toBeGreaterThan(0)
    expect(b.errors).toEqual([])
  })
})
