/**
 * Volunteers in a real browser against `npm start` (issue 8's acceptance journey):
 * a resident registers and staff approve her; she claims today's activity, checks in with the code
 * on the organiser's screen (typed, as H5 has no camera scan) and out; the organiser verifies the
 * record; she issues a 志愿服务记录证明, downloads the PDF, and its serial number verifies.
 */
import { readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Page } from 'playwright-core'
import {
  actAs,
  describeBrowser,
  startAppInBrowser,
  stopAppInBrowser,
  openPage,
  pick,
  type Browser
} from './browser.helper'
import type { Started } from './npm-start.helper'

jest.setTimeout(240_000)

async function tap(page: Page, text: string | RegExp): Promise<void> {
  await page.locator('taro-button-core').filter({ hasText: text }).first().click()
}

async function fill(page: Page, name: string, value: string): Promise<void> {
  await page.locator(`input[name="${name}"], [name="${name}"] input`).first().fill(value)
}

/** Taps a button and waits for the volunteers function to answer that action. */
async function tapAndWait(page: Page, text: string | RegExp, action: string): Promise<any> {
  const answer = page.waitForResponse(
    r => r.url().endsWith('/functions/volunteers') && r.request().postData()?.includes(`"action":"${action}"`) === true
  )
  await tap(page, text)
  return await (await answer).json()
}

/** The organiser (staff) reaches the activity from 志愿者管理's list of activities, not by typing a URL. */
async function organiserCode(page: Page, baseUrl: string): Promise<string> {
  await openPage(page, baseUrl, '/pages/volunteers/staff')
  const task = page.locator('[data-testid="task"]', { hasText: '社区议事厅布置' }).first()
  await task.waitFor({ timeout: 30_000 })
  expect(await task.innerText()).toContain('签到码与名单 ›')
  await task.click()
  const digits = page.locator('[data-testid="code-digits"]')
  await page.waitForFunction(
    () => /^\d{6}$/.test(document.querySelector('[data-testid="code-digits"]')?.textContent ?? ''),
    undefined,
    { timeout: 30_000 }
  )
  return (await digits.innerText()).trim()
}

describeBrowser('volunteers journey in the H5 app', () => {
  let app: Started
  let b: Browser

  beforeAll(async () => {
    ;({ app, b } = await startAppInBrowser())
  })
  afterAll(async () => {
    await stopAppInBrowser(app, b)
  })

  test('register, approval, claim, QR check-in and out, verification, certificate that verifies', async () => {
    const { page } = b

    // A resident registers (real name, phone, a team).
    await actAs(page, app.url, '王秀兰')
    await openPage(page, app.url, '/pages/volunteers/index')
    await page.locator('[data-testid="register-form"]').waitFor({ timeout: 30_000 })
    await fill(page, 'vol-name', '王秀兰')
    await fill(page, 'vol-phone', '14000001111')
    await fill(page, 'vol-skills', '垃圾分类')
    await page.locator('[data-testid="team-chip"]', { hasText: '环保卫士' }).click()
    expect((await tapAndWait(page, '提交登记', 'register')).ok).toBe(true)
    await page.locator('[data-testid="pending"]').waitFor({ timeout: 20_000 })

    // Staff approve her.
    await actAs(page, app.url, '赵丽')
    await openPage(page, app.url, '/pages/volunteers/staff')
    await page.screenshot({ path: path.join(tmpdir(), 'linli-e2e-volunteers-staff.png'), fullPage: true })
    const application = page.locator('[data-testid="application"]', { hasText: '王秀兰' })
    await application.waitFor({ timeout: 30_000 })
    expect(await application.innerText()).toContain('14000001111')
    const reviewed = page.waitForResponse(
      r => r.url().endsWith('/functions/volunteers') && r.request().postData()?.includes('"action":"review"') === true
    )
    await application.locator('taro-button-core', { hasText: '通过' }).first().click()
    expect((await (await reviewed).json()).ok).toBe(true)

    // Staff publish another activity with the form (Beijing time, two days ahead).
    const later = new Date(Date.now() + 48 * 3_600_000 + 8 * 3_600_000).toISOString()
    await fill(page, 'task-title', '楼道杂物清理')
    await fill(page, 'task-place', '5栋楼道')
    // Dates and times by picker, not typed in a format.
    await pick(page, 'task-start-date', later.slice(0, 10))
    await pick(page, 'task-start-time', '09:00')
    expect((await tapAndWait(page, '发布', 'publishTask')).ok).toBe(true)

    // She claims today's activity.
    await actAs(page, app.url, '王秀兰')
    await openPage(page, app.url, '/pages/volunteers/index')
    await page.locator('[data-testid="my-totals"]').waitFor({ timeout: 30_000 })
    await page.locator('[data-testid="task"]', { hasText: '楼道杂物清理' }).waitFor({ timeout: 20_000 })
    await page.locator('[data-testid="task"]', { hasText: '社区议事厅布置' }).click()
    await page.locator('[data-testid="role"]').first().waitFor({ timeout: 20_000 })
    expect((await tapAndWait(page, '报名：布置场地', 'claim')).ok).toBe(true)
    await page.locator('[data-testid="my-shift"]').waitFor({ timeout: 20_000 })

    // The organiser's screen shows the rotating code; she types it to check in.
    await actAs(page, app.url, '赵丽')
    const code = await organiserCode(page, app.url)
    await actAs(page, app.url, '王秀兰')
    await openPage(page, app.url, '/pages/volunteers/task?id=task-demo-today')
    await page.locator('[data-testid="check"]').waitFor({ timeout: 20_000 })
    await fill(page, 'checkin-code', '000000' === code ? '111111' : '000000')
    expect((await tapAndWait(page, /^签到$/, 'checkIn')).error.code).toBe('CODE_INVALID')
    await fill(page, 'checkin-code', code)
    await page.screenshot({ path: path.join(tmpdir(), 'linli-e2e-volunteers-checkin.png'), fullPage: true })
    expect((await tapAndWait(page, /^签到$/, 'checkIn')).data.status).toBe('checked_in')
    // Checked in: she sees so, and can no longer withdraw or look for a substitute.
    await page.locator('[data-testid="my-attendance"]', { hasText: '已签到' }).waitFor({ timeout: 20_000 })
    expect(await page.locator('.nut-button', { hasText: /取消报名|找人替班/ }).count()).toBe(0)

    // …and out, with the code on the screen then.
    await actAs(page, app.url, '赵丽')
    const code2 = await organiserCode(page, app.url)
    await actAs(page, app.url, '王秀兰')
    await openPage(page, app.url, '/pages/volunteers/task?id=task-demo-today')
    await page.locator('[data-testid="check"]').waitFor({ timeout: 20_000 })
    await fill(page, 'checkin-code', code2)
    expect((await tapAndWait(page, /^签退$/, 'checkOut')).data.status).toBe('checked_out')
    await page.locator('[data-testid="my-attendance"]', { hasText: '已签退' }).waitFor({ timeout: 20_000 })
    await page.screenshot({ path: path.join(tmpdir(), 'linli-e2e-volunteers-checked-out.png'), fullPage: true })
    expect(await page.locator('.nut-button', { hasText: /取消报名|找人替班|^签到$/ }).count()).toBe(0)

    // The organiser verifies the record.
    await actAs(page, app.url, '赵丽')
    await organiserCode(page, app.url)
    await page.locator('[data-testid="checkin-qr"]').waitFor({ timeout: 10_000 })
    const row = page.locator('[data-testid="roster-row"]', { hasText: '王秀兰' })
    await row.waitFor({ timeout: 20_000 })
    await page.screenshot({ path: path.join(tmpdir(), 'linli-e2e-volunteers-organiser.png'), fullPage: true })
    expect(await row.innerText()).toContain('已签退')
    expect(await row.innerText()).not.toMatch(/14000001111/)
    // She forgot to check out on time: the organiser corrects it to 100 minutes (1.5 h by the rounding).
    await row.locator('input[name="verify-minutes"], [name="verify-minutes"] input').first().fill('100')
    const verified = page.waitForResponse(
      r => r.url().endsWith('/functions/volunteers') && r.request().postData()?.includes('"action":"verify"') === true
    )
    await row.locator('taro-button-core', { hasText: '核实时长' }).click()
    expect((await (await verified).json()).data).toEqual({ status: 'verified', hours: 1.5 })

    // She issues her certificate, downloads the PDF, and the serial verifies.
    await actAs(page, app.url, '王秀兰')
    await openPage(page, app.url, '/pages/volunteers/index')
    await page.locator('[data-testid="my-totals"]').waitFor({ timeout: 30_000 })
    expect(await page.locator('[data-testid="my-totals"]').innerText()).toMatch(
      /1\.5[\s\S]*累计服务时长[\s\S]*1[\s\S]*参加活动/
    )
    await page.screenshot({ path: path.join(tmpdir(), 'linli-e2e-volunteers-home.png'), fullPage: true })
    await openPage(page, app.url, '/pages/volunteers/certificate')
    const issued = await tapAndWait(page, '开具志愿服务记录证明', 'issueCertificate')
    expect(issued.data.serial).toMatch(/^CH-\d{4}-\d{6}$/)
    const serial = page.locator('[data-testid="certificate-serial"]', { hasText: issued.data.serial })
    await serial.waitFor({ timeout: 20_000 })
    const download = page.waitForEvent('download', { timeout: 60_000 })
    await page
      .locator('[data-testid="certificate"]', { hasText: issued.data.serial })
      .locator('taro-button-core', { hasText: '下载PDF' })
      .click()
    const file = await (await download).path()
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-')
    expect((await download).suggestedFilename()).toBe(`志愿服务记录证明-${issued.data.serial}.pdf`)

    await fill(page, 'verify-serial', issued.data.serial)
    await tap(page, '查验')
    const result = page.locator('[data-testid="verify-result"]')
    await result.waitFor({ timeout: 20_000 })
    expect(await result.innerText()).toContain('真实有效：王*兰，累计1.5小时，春晖社区居民委员会')
    expect(b.errors).toEqual([])
  })
})
