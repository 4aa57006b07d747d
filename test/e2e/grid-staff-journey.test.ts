/**
 * Staff run an inspection and read the figures (巡检, 报事数据), in a real browser against `npm start`, at phone size:
 * - the grid worker (刘海燕) opens 巡检 from her workbench and sees what her grid has to inspect this period;
 * - a 社工 (赵丽) makes a quarterly safety checklist for a named place (北门广场, 第一网格) from a template, runs it,
 *   marks one item 不合格 with what she saw (asked first: it becomes a report), and opens the report it became;
 * - she reads this month's figures, the closes without the reporter's answer called out, and exports the month as
 *   Open311 requests (a JSON download).
 * Screenshots of each screen go to $TMPDIR/linli-e2e-grid-staff-*.png, to be looked at.
 */
import { readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Page } from 'playwright-core'
import {
  actAs,
  describeBrowser,
  openPage,
  startAppInBrowser,
  stopAppInBrowser,
  tapButton,
  type Browser
} from './browser.helper'
import type { Started } from './npm-start.helper'

jest.setTimeout(240_000)

describeBrowser('inspections and figures in the H5 app', () => {
  let app: Started
  let b: Browser

  const shot = async (page: Page, name: string, at?: string): Promise<void> => {
    if (at) await page.locator(at).first().scrollIntoViewIfNeeded()
    await page.waitForTimeout(800) // Taro H5's page slide-in ends first
    await page.screenshot({ path: path.join(tmpdir(), `linli-e2e-grid-staff-${name}.png`) })
  }

  beforeAll(async () => {
    ;({ app, b } = await startAppInBrowser())
  })

  afterAll(async () => {
    await stopAppInBrowser(app, b)
  })

  test('the grid worker sees her grid’s inspections due from her workbench', async () => {
    const { page } = b
    await actAs(page, app.url, '刘海燕')
    await openPage(page, app.url, '/pages/staff/index')
    await page.getByText('巡检', { exact: true }).first().click()
    const list = page.getByTestId('due-list')
    await list.getByTestId('due-row').first().waitFor({ timeout: 30_000 })
    const text = await list.innerText()
    // The demo's checklists of 第一网格: 1栋's weekly hygiene and the garage's quarterly safety; not 4栋's (第二网格).
    expect(text).toContain('每周卫生检查')
    expect(text).toContain('地下车库安全检查')
    expect(text).not.toContain('4栋')
    expect(await page.getByTestId('checklists').count()).toBe(0)
    await shot(page, '1-worker-due')
    expect(b.errors).toEqual([])
  })

  test('a 社工 defines a checklist, runs it with a failure that becomes a report, reads the figures, exports Open311', async () => {
    const { page } = b
    await actAs(page, app.url, '赵丽')
    await openPage(page, app.url, '/pages/staff/index')
    await page.getByText('巡检', { exact: true }).first().click()
    await page.getByTestId('checklists').waitFor({ timeout: 30_000 })
    await shot(page, '2-staff-list')

    // ---- a new checklist from a template, for a place that is no building
    await tapButton(page, '＋ 新建巡检表')
    await page.getByTestId('checklist-form').waitFor({ timeout: 30_000 })
    await tapButton(page, '每季度安全检查')
    await page.getByText('其他地点', { exact: true }).click()
    await page.locator('[name="placeName"] input, input[name="placeName"]').first().fill('北门广场')
    await page.getByText('第一网格', { exact: true }).click()
    await shot(page, '3-checklist-form')
    await shot(page, '4-checklist-form-bottom', '.form-submit')
    await tapButton(page, '保存巡检表')
    await page.getByText('确定新建「每季度安全检查」吗？').waitFor({ timeout: 10_000 })
    await shot(page, '5-checklist-asks')
    await page.getByText('确定', { exact: true }).last().click()

    // ---- back on the list: run it
    const row = page.getByTestId('due-row').filter({ hasText: '北门广场' }).first()
    await row.waitFor({ timeout: 30_000 })
    await row.click()
    await page.getByTestId('inspection-form').waitFor({ timeout: 30_000 })
    await page.getByLabel('消防通道畅通合格').click()
    await page.getByLabel('灭火器在有效期内合格').click()
    await page.getByLabel('楼道无电动车停放、无飞线充电不合格').click()
    await page
      .locator('[name="note-i3"] textarea, textarea[name="note-i3"]')
      .first()
      .fill('北门广场东侧有人拉线给电动车充电')
    await shot(page, '6-inspection-form', '.form-submit')
    await tapButton(page, '提交巡检结果')
    await page.getByText('有 1 项不合格，确定提交吗？').waitFor({ timeout: 10_000 })
    expect(await page.getByText('每个不合格项会生成一条报事，交给第一网格处理。').count()).toBeGreaterThan(0)
    await shot(page, '7-inspection-asks')
    await page.getByText('提交', { exact: true }).last().click()
    await page.getByTestId('inspection-result').first().waitFor({ timeout: 30_000 })
    expect(await page.getByTestId('inspection-result').first().innerText()).toContain('1 项不合格')
    await shot(page, '8-inspection-done')

    // ---- the failure became a report of 第一网格
    await page.getByText('已生成报事，点击查看 ›').first().click()
    await page.getByTestId('report-detail').waitFor({ timeout: 30_000 })
    const report = await page.getByTestId('report-detail').innerText()
    expect(report).toContain('待受理')
    expect(report).toContain('拉线给电动车充电')
    await shot(page, '9-report')

    // ---- the figures
    await openPage(page, app.url, '/pages/staff/index')
    await page.getByText('报事数据', { exact: true }).first().click()
    await page.getByTestId('figures').waitFor({ timeout: 30_000 })
    const figures = await page.getByTestId('figures').innerText()
    expect(figures).toContain('本月报事')
    expect(figures).toContain('超时未确认、自动办结')
    expect(figures).toContain('及时受理率')
    await shot(page, '10-figures')
    await shot(page, '11-figures-grids', '[data-testid="figure-grids"]')

    // ---- Open311: the month as GeoReport v2 requests, downloaded
    await page.getByTestId('open311').scrollIntoViewIfNeeded()
    const [download] = await Promise.all([page.waitForEvent('download'), tapButton(page, '导出本月报事')])
    const saved = path.join(tmpdir(), `linli-e2e-open311-${Date.now()}.json`)
    await download.saveAs(saved)
    const requests = JSON.parse(readFileSync(saved, 'utf8')) as Array<Record<string, string>>
    const ours = requests.find(r => r.description.includes('拉线给电动车充电'))
    expect(ours).toMatchObject({ status: 'open', service_code: 'safety', service_name: '安全隐患' })
    expect(ours!.requested_datetime).toMatch(/\+08:00$/)
    await page.getByText(/已下载 \d+ 件报事的数据/).waitFor({ timeout: 10_000 })
    await shot(page, '12-open311', '[data-testid="open311"]')
    expect(b.errors).toEqual([])
  })
})
