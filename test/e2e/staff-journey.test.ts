/**
 * The staff workbench in a real browser against `npm start`:
 *  - an admin invites a grid worker, who joins with the code and then sees the workbench;
 *  - staff export class attendance to .xlsx and the downloaded file has the seeded rows;
 *  - a resident exports their data, asks for deletion, staff confirm, and the account is gone;
 *  - granting 管理员 asks first, naming the person and the role; saying no there changes nothing.
 */
import { readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { readSheet } from 'read-excel-file/node'
import type { Page } from 'playwright-core'
import { actAs, describeBrowser, startAppInBrowser, stopAppInBrowser, openPage, type Browser } from './browser.helper'
import type { Started } from './npm-start.helper'

jest.setTimeout(240_000)

/** Acts as an OPENID the picker doesn't list (a newcomer), the way the picker stores a persona. */

/** Taps a NutUI button by its text (the button, not its inner label, takes the tap). */
async function tap(page: Page, text: string, within?: string): Promise<void> {
  const scope = within ? page.locator('.staff-row', { hasText: within }) : page
  await scope.locator('taro-button-core').filter({ hasText: text }).first().click()
}

async function actAsNewcomer(page: Page, baseUrl: string, openId: string): Promise<void> {
  await page.goto(`${baseUrl}/#/pages/dev-login/index`)
  await page.evaluate(id => {
    localStorage.setItem('linli.persona', JSON.stringify({ data: id }))
  }, openId)
}

describeBrowser('staff journey in the H5 app', () => {
  let app: Started
  let b: Browser

  beforeAll(async () => {
    ;({ app, b } = await startAppInBrowser())
  })
  afterAll(async () => {
    await stopAppInBrowser(app, b)
  })

  test('an admin invites a grid worker, who joins with the code', async () => {
    const { page } = b
    await actAs(page, app.url, '孙卫东')
    await openPage(page, app.url, '/pages/staff/roles')
    await page.getByText('发邀请码').waitFor({ timeout: 20_000 })
    await page.locator('input[name="invite-name"], [name="invite-name"] input').first().fill('钱晓梅')
    await page.getByRole('radio', { name: '网格员' }).click()
    await page.getByRole('radio', { name: '第二网格' }).click()
    await tap(page, '生成邀请码')
    const codeText = page.locator('.staff-code')
    await codeText.waitFor({ timeout: 20_000 })
    const code = (await codeText.innerText()).trim()
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/)

    await actAsNewcomer(page, app.url, 'e2e-new-grid-worker')
    await openPage(page, app.url, '/pages/staff/join')
    await page.getByText('请输入管理员给您的 8 位邀请码。').waitFor({ timeout: 20_000 })
    await page.locator('input[name="code"], [name="code"] input').first().fill(code.toLowerCase())
    await tap(page, '加入')
    await page.getByText('加入成功，您现在是网格员。').waitFor({ timeout: 20_000 })
    await tap(page, '进入工作台')
    await page.getByText('数据看板').waitFor({ timeout: 20_000 })
    // The workbench opens with 待办 for her grid: what waits, or what will show up there.
    await page.getByTestId('todo').getByText('待办（我的网格）').waitFor({ timeout: 20_000 })
    expect(await page.getByTestId('todo').innerText()).toMatch(/件 ›|现在没有等您处理的事/)
    await page.screenshot({ path: path.join(tmpdir(), 'linli-e2e-workbench-grid-worker.png'), fullPage: true })
    const menu = await page.locator('body').innerText()
    expect(menu).toContain('台账导出')
    expect(menu).not.toContain('审计日志')
    expect(menu).not.toContain('人员与权限')
    // Their dashboard is their grid's, with charts built from Views.
    await page.getByText('数据看板').click()
    await page.getByText(/· 第二网格$/).waitFor({ timeout: 20_000 })
    await page.getByText('一键呼叫（SOS）').waitFor()
    await page.screenshot({ path: path.join(tmpdir(), 'linli-e2e-staff-dashboard.png'), fullPage: true })
    expect(b.errors).toEqual([])
  })

  test('staff export class attendance to .xlsx with progress, and the file has the rows', async () => {
    const { page } = b
    await actAs(page, app.url, '赵丽')
    await openPage(page, app.url, '/pages/staff/exports')
    await page.getByText('课堂考勤').waitFor({ timeout: 20_000 })
    const download = page.waitForEvent('download', { timeout: 60_000 })
    await tap(page, '导出', '课堂考勤')
    const file = await download
    expect(file.suggestedFilename()).toMatch(/^课堂考勤-\d{4}-\d{2}-\d{2}\.xlsx$/)
    const rows = await readSheet(readFileSync((await file.path())!))
    expect(rows[0]).toEqual(['日期', '课堂', '孩子', '出勤', '接走', '记录时间', '备注'])
    const body = rows.slice(1)
    // The demo term's past sessions, each marked present with the mother picking up.
    expect(body.length).toBeGreaterThan(0)
    for (const r of body) {
      expect(r[0]).toMatch(/^\d{4}-\d{2}-\d{2}$/)
      expect(r[1]).toBe('四点半课堂（本学期）')
      expect(r[3]).toBe('出勤')
      expect(r[4]).toBe('周婷（母亲）')
    }
    await page.getByText(/已下载：课堂考勤/).waitFor({ timeout: 10_000 })
    expect(b.errors).toEqual([])
  })

  test('a resident exports their data, then asks for deletion, which staff confirm', async () => {
    const { page } = b
    await actAs(page, app.url, '王秀兰')
    await openPage(page, app.url, '/pages/staff/my-data')
    await page.getByText('账号信息').waitFor({ timeout: 20_000 })
    const download = page.waitForEvent('download', { timeout: 30_000 })
    await tap(page, '导出我的数据')
    const json = JSON.parse(readFileSync((await (await download).path())!, 'utf8')) as {
      name: string
      sections: Array<{ label: string }>
    }
    expect(json.name).toBe('王秀兰')
    expect(json.sections.map(s => s.label)).toEqual(expect.arrayContaining(['账号信息', '居民登记信息', '住户信息']))

    await tap(page, '申请删除我的数据')
    await tap(page, '确认申请')
    await page.getByText('删除申请已提交，等待工作人员确认。').first().waitFor({ timeout: 20_000 })

    await actAs(page, app.url, '赵丽')
    await openPage(page, app.url, '/pages/staff/erasures')
    await page.getByText('王秀兰').waitFor({ timeout: 20_000 })
    await tap(page, '确认删除', '王秀兰')
    await page.getByText('已删除').waitFor({ timeout: 20_000 })

    await actAsNewcomer(page, app.url, 'demo-resident')
    await openPage(page, app.url, '/pages/staff/my-data')
    await page.getByText('请先完成社区身份登记').waitFor({ timeout: 20_000 })
    expect(b.errors).toEqual([])
  })

  test('granting 管理员 asks first, naming the person and the role; saying no changes nothing', async () => {
    const { page } = b
    await actAs(page, app.url, '孙卫东')
    await openPage(page, app.url, '/pages/staff/roles')
    const rows = page.locator('.staff-row', { has: page.locator('.staff-row__sub') })
    await rows.first().waitFor({ timeout: 20_000 })
    // Someone on the first page who is not an admin yet, and the only one of that name there.
    const listed = await rows.evaluateAll(els =>
      els.map(e => ({
        name: e.querySelector('.staff-row__title')?.textContent?.trim() ?? '',
        roles: e.querySelector('.staff-row__sub')?.textContent ?? ''
      }))
    )
    const chosen = listed.find(r => !r.roles.includes('管理员') && listed.filter(o => o.name === r.name).length === 1)
    if (!chosen) throw new Error('no non-admin with a unique name on the first page of 人员')
    const { name, roles: rolesBefore } = chosen
    const person = rows.filter({ has: page.locator('.staff-row__title', { hasText: new RegExp(`^${name}$`) }) })
    const adminSwitch = person.getByRole('switch', { name: '管理员' })
    await person.click()

    // One tap on 管理员 only asks; 取消 leaves the person as they were.
    await adminSwitch.click()
    await page.getByText(`给 ${name} 加上「管理员」身份？`).waitFor({ timeout: 10_000 })
    expect(await page.locator('body').innerText()).toContain('管理员可以分配所有人的身份、查看审计记录')
    await page.waitForTimeout(500) // the dialog fades in
    await page.screenshot({ path: path.join(tmpdir(), 'linli-e2e-grant-admin-confirm.png') })
    await page.getByText('取消', { exact: true }).last().click()
    await page.waitForTimeout(1_000)
    expect(await adminSwitch.getAttribute('aria-checked')).toBe('false')
    expect(await page.getByText('已更新').count()).toBe(0)
    await openPage(page, app.url, '/pages/staff/roles')
    await person.locator('.staff-row__sub').waitFor({ timeout: 20_000 })
    expect(await person.locator('.staff-row__sub').innerText()).toBe(rolesBefore)

    // Confirmed, it is done; taking it back asks the same way.
    await person.click()
    await adminSwitch.click()
    await page.getByText(`给 ${name} 加上「管理员」身份？`).waitFor({ timeout: 10_000 })
    await page.getByText('确定', { exact: true }).last().click()
    await page.getByText('已更新').waitFor({ timeout: 20_000 })
    await person.locator('.staff-row__sub', { hasText: '管理员' }).waitFor({ timeout: 20_000 })
    await person.getByRole('switch', { name: '管理员' }).click()
    await page.getByText(`取消 ${name} 的「管理员」身份？`).waitFor({ timeout: 10_000 })
    await page.getByText('确定', { exact: true }).last().click()
    await person.locator('.staff-row__sub', { hasNotText: '管理员' }).waitFor({ timeout: 20_000 })
    expect(b.errors).toEqual([])
  })
})
