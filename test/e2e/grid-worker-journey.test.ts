/**
 * A grid worker's day (人到格中去) in a real browser against `npm start`, at phone size:
 * - 刘海燕 (第一网格) opens 网格巡查 from her workbench and starts a patrol; the clock runs;
 * - she finds boxes piled at a door, taps 发现问题 and reports it: the report is the patrol's (巡查发现);
 * - back on the patrol she finishes it (asked first) and sees the time counted;
 * - she opens 入户走访: the overdue priority household leads; she logs a visit with a follow-up (asked first), which
 *   is then on her 跟进事项 list;
 * - staff (赵丽) read each grid's patrol time this month.
 * Screenshots of each screen go to $TMPDIR/linli-e2e-grid-worker-*.png, to be looked at.
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

jest.setTimeout(240_000)

const FOUND = '3栋门口堆了旧家具，挡住消防通道'

describeBrowser('a grid worker patrols and visits in the H5 app', () => {
  let app: Started
  let b: Browser

  const shot = async (page: Page, name: string, at?: string): Promise<void> => {
    if (at) await page.locator(at).first().scrollIntoViewIfNeeded()
    await page.waitForTimeout(800) // Taro H5's page slide-in ends first
    await page.screenshot({ path: path.join(tmpdir(), `linli-e2e-grid-worker-${name}.png`) })
  }

  /** A call as a persona, straight to the grid function (what the test checks, not what it does). */
  const asPersona = async (openId: string, action: string, payload: unknown = {}): Promise<any> => {
    const res = await fetch(`${app.url}/functions/grid`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-wx-openid': openId },
      body: JSON.stringify({ action, payload })
    })
    return await res.json()
  }

  beforeAll(async () => {
    ;({ app, b } = await startAppInBrowser())
  })

  afterAll(async () => {
    await stopAppInBrowser(app, b)
  })

  test('she patrols, reports what she finds on the patrol, finishes it, and visits a household', async () => {
    const { page } = b
    await actAs(page, app.url, '刘海燕')
    await openPage(page, app.url, '/pages/staff/index')
    await page.getByText('网格巡查', { exact: true }).first().click()
    await page.getByTestId('patrol-worker').waitFor({ timeout: 30_000 })
    await page.getByText('开始巡查', { exact: true }).first().waitFor()
    await shot(page, '1-patrol')

    // ---- the patrol starts, and its clock runs
    await tapButton(page, '开始巡查')
    await page.getByText('正在巡查').waitFor({ timeout: 30_000 })
    const clock = page.getByTestId('patrol-clock')
    const first = await clock.innerText()
    await page.waitForTimeout(1500)
    expect(await clock.innerText()).not.toBe(first)
    await shot(page, '2-patrol-running')

    // ---- a find on the patrol, reported on it
    await tapButton(page, '发现问题，马上报')
    await page.getByTestId('report-form').waitFor({ timeout: 30_000 })
    await page.getByText('安全隐患', { exact: true }).click()
    await page.locator('[name="report-description"] textarea, textarea[name="report-description"]').first().fill(FOUND)
    // A grid worker has no home building to preselect: she says where in words.
    await page.locator('[name="report-place"] input, input[name="report-place"]').first().fill('3栋门口')
    await shot(page, '3-report-form')
    await tapButton(page, '下一步：检查一遍')
    await page.getByTestId('report-review').waitFor({ timeout: 30_000 })
    await tapButton(page, '确认提交')
    await page.getByTestId('report-detail').waitFor({ timeout: 30_000 })
    expect(await page.getByTestId('report-detail').innerText()).toContain('巡查发现')
    await shot(page, '4-reported')
    const status = await asPersona('demo-grid-worker', 'patrolStatus')
    // Her newest report is this one, and it says it was found on a patrol.
    const made = (await asPersona('demo-grid-worker', 'myReports', {})).data.items[0]
    const report = await asPersona('demo-grid-worker', 'getReport', { reportId: made.id })
    expect(report.data.steps[0].note).toBe('巡查发现，已上报')
    expect(status.data.open).not.toBeNull()

    // ---- the patrol finishes, asked first
    await openPage(page, app.url, '/pages/grid/patrol')
    await page.getByText('正在巡查').waitFor({ timeout: 30_000 })
    await tapButton(page, '结束巡查')
    await page.getByText('结束这次巡查？').waitFor({ timeout: 10_000 })
    await shot(page, '5-finish-asks')
    await page.getByText('结束', { exact: true }).last().click()
    await page.getByText(/^本次巡查 /).waitFor({ timeout: 30_000 })
    await shot(page, '6-patrol-done')
    expect((await asPersona('demo-grid-worker', 'patrolStatus')).data.open).toBeNull()

    // ---- household visits: the overdue priority household leads
    await openPage(page, app.url, '/pages/staff/index')
    await page.getByText('入户走访', { exact: true }).first().click()
    const firstRow = page.getByTestId('visit-priority').getByTestId('visit-row').first()
    await firstRow.waitFor({ timeout: 30_000 })
    expect(await firstRow.innerText()).toContain('已逾期')
    await shot(page, '7-priority')
    await firstRow.click()
    await page.getByTestId('visit-form').waitFor({ timeout: 30_000 })
    // Her own grid's household: the door in full.
    expect(await page.getByTestId('visit-head').innerText()).toMatch(/\d+栋\d+单元\d{3,4}/)
    await shot(page, '8-household')
    await page.getByRole('radio', { name: '关爱慰问' }).click()
    await page
      .locator('[name="visit-notes"] textarea, textarea[name="visit-notes"]')
      .first()
      .fill('老人精神不错，冰箱里菜不多')
    await page.getByRole('switch', { name: '有需要跟进的事' }).click()
    await page.locator('[name="visit-follow-note"] input, input[name="visit-follow-note"]').first().fill('帮忙申请助餐')
    const due = new Date(Date.now() + (8 + 72) * 3600_000).toISOString().slice(0, 10)
    await pick(page, 'visit-follow-date', due)
    await shot(page, '9-visit-form', '[data-testid="visit-form"] .form-submit')
    await tapButton(page, '登记走访')
    await page.getByText('登记这次走访？').waitFor({ timeout: 10_000 })
    await page.getByText('登记', { exact: true }).last().click()
    await page.getByTestId('visit-history').filter({ hasText: '关爱慰问' }).first().waitFor({ timeout: 30_000 })
    await shot(page, '10-visited', '[data-testid="visit-history"]')

    // ---- the follow-up is a task on her list
    await openPage(page, app.url, '/pages/grid/visits?tab=tasks')
    await page.getByTestId('visit-task').filter({ hasText: '帮忙申请助餐' }).waitFor({ timeout: 30_000 })
    await shot(page, '11-tasks')

    // ---- staff read each grid's month
    await actAs(page, app.url, '赵丽')
    await openPage(page, app.url, '/pages/grid/patrol')
    const row = page.getByTestId('patrol-board-row').filter({ hasText: '刘海燕' })
    await row.waitFor({ timeout: 30_000 })
    await shot(page, '12-board')
    expect(b.errors).toEqual([])
  })
})
