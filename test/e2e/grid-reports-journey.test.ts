/**
 * Residents' reports (随手拍/报事) in a real browser against `npm start`, at phone size:
 * - a resident (王秀兰, 1栋 of 第一网格) opens 随手拍 from her home page, reports old bicycles on the stairs with a
 *   photo, checks it on the check screen, sends it and finds it in 我的报事;
 * - her grid worker (刘海燕) finds it in her 待办 and in 报事处理, accepts it (首问负责: asked first) and resolves it
 *   with a note;
 * - the resident opens the notice about it (the deep link lands on the report, not 没有权限), answers 已解决 (asked
 *   first) and rates it five stars.
 * Screenshots of each screen go to $TMPDIR/linli-e2e-grid-*.png, to be looked at.
 */
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

const DESCRIPTION = '1栋楼梯口堆了几辆旧自行车，老人下楼不方便'

describeBrowser('grid reports in the H5 app', () => {
  let app: Started
  let b: Browser

  const shot = async (page: Page, name: string, at?: string): Promise<void> => {
    if (at) await page.locator(at).first().scrollIntoViewIfNeeded()
    await page.waitForTimeout(800) // Taro H5's page slide-in ends first
    await page.screenshot({ path: path.join(tmpdir(), `linli-e2e-grid-${name}.png`) })
  }

  /** A real JPEG, drawn in the page: a brown box on a grey floor (the thumbnail shows a picture, not a blank). */
  const photo = async (page: Page): Promise<Buffer> => {
    const dataUrl = await page.evaluate(() => {
      const c = document.createElement('canvas')
      c.width = 320
      c.height = 240
      const g = c.getContext('2d')!
      g.fillStyle = '#9a9a9a'
      g.fillRect(0, 0, 320, 240)
      g.fillStyle = '#a0662b'
      g.fillRect(80, 60, 160, 120)
      return c.toDataURL('image/jpeg', 0.8)
    })
    return Buffer.from(dataUrl.split(',')[1], 'base64')
  }

  beforeAll(async () => {
    ;({ app, b } = await startAppInBrowser())
  })

  afterAll(async () => {
    await stopAppInBrowser(app, b)
  })

  test('a resident reports with a photo; the grid worker accepts and resolves; she confirms and rates', async () => {
    const { page } = b
    // ---- the resident reports
    await actAs(page, app.url, '王秀兰')
    const tile = page.getByText('随手拍', { exact: true }).first()
    await tile.waitFor({ timeout: 30_000 })
    await shot(page, '1-home')
    await tile.click()
    await page.getByTestId('new-report').waitFor({ timeout: 30_000 })
    await shot(page, '2-index')
    await page.getByTestId('new-report').click()
    await page.getByTestId('report-form').waitFor({ timeout: 30_000 })
    await shot(page, '3-form-top')
    await page.getByTestId('report-form').getByText('乱堆乱放', { exact: true }).click()
    await page
      .locator('[name="report-description"] textarea, textarea[name="report-description"]')
      .first()
      .fill(DESCRIPTION)
    const image = await photo(page)
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), tapButton(page, '添加照片')])
    await chooser.setFiles({ name: 'boxes.jpg', mimeType: 'image/jpeg', buffer: image })
    await page.getByText('照片 1/3').waitFor({ timeout: 30_000 })
    await page.getByText(/上传中/).waitFor({ state: 'detached', timeout: 30_000 })
    await page.locator('[name="report-place"] input, input[name="report-place"]').first().fill('楼梯口')
    await shot(page, '4-form-middle', '.report-where')
    await shot(page, '5-form-bottom', '.report-hidden')
    // The home building is chosen already: 1栋.
    expect(await page.getByText('楼栋：1栋').count()).toBe(1)
    await tapButton(page, '下一步：检查一遍')
    await page.getByTestId('report-review').waitFor({ timeout: 30_000 })
    expect(await page.getByTestId('report-review').innerText()).toContain('1 张照片')
    await shot(page, '6-review')
    await tapButton(page, '确认提交')
    await page.getByTestId('report-detail').waitFor({ timeout: 30_000 })
    expect(await page.getByTestId('report-detail').innerText()).toContain('待受理')
    expect(await page.locator('.report-photos__one').count()).toBe(1)
    await shot(page, '7-sent')
    const reportUrl = page.url()

    await openPage(page, app.url, '/pages/grid/index')
    const mine = page.getByTestId('my-reports').getByTestId('report-row').filter({ hasText: '旧自行车' })
    await mine.waitFor({ timeout: 30_000 })
    expect(await mine.innerText()).toMatch(/乱堆乱放[\s\S]*待受理[\s\S]*1栋[\s\S]*1 张照片/)
    await shot(page, '8-my-reports')

    // ---- the grid worker accepts and resolves
    await actAs(page, app.url, '刘海燕')
    await openPage(page, app.url, '/pages/staff/index')
    const todo = page.getByTestId('todo-row').filter({ hasText: '居民报事待受理' })
    await todo.waitFor({ timeout: 30_000 })
    expect(await todo.innerText()).toMatch(/[1-9]\d* 件/)
    await shot(page, '9-workbench')
    await todo.click()
    const queued = page.getByTestId('report-queue').getByTestId('report-row').filter({ hasText: '旧自行车' })
    await queued.waitFor({ timeout: 30_000 })
    await shot(page, '10-queue')
    await queued.click()
    await page.getByTestId('handler-actions').waitFor({ timeout: 30_000 })
    await tapButton(page, '受理（我来负责）')
    await page.getByText('由您受理？').waitFor({ timeout: 10_000 })
    await shot(page, '11-accept-asks')
    await page.getByText('受理', { exact: true }).last().click()
    await page.getByTestId('report-detail').getByText('处理中').first().waitFor({ timeout: 30_000 })
    await page
      .locator('[name="resolve-note"] textarea, textarea[name="resolve-note"]')
      .first()
      .fill('已联系物业把自行车挪走')
    await tapButton(page, /^办结$/)
    await page.getByText('确认已经处理好了？').waitFor({ timeout: 10_000 })
    await page.getByText('办结', { exact: true }).last().click()
    await page.getByTestId('report-detail').getByText('待确认').first().waitFor({ timeout: 30_000 })
    await shot(page, '12-resolved')

    // ---- the resident opens the notice, confirms and rates
    await actAs(page, app.url, '王秀兰')
    await openPage(page, app.url, '/pages/notifications/index')
    const notice = page.getByTestId('inbox-item').filter({ hasText: '自行车' }).first()
    await notice.waitFor({ timeout: 30_000 })
    await notice.click()
    await page.getByTestId('confirm-actions').waitFor({ timeout: 30_000 })
    expect(page.url().split('#')[1]).toBe(reportUrl.split('#')[1])
    expect(await page.locator('body').innerText()).not.toContain('没有权限')
    await shot(page, '13-confirm', '[data-testid="confirm-actions"]')
    await tapButton(page, '已解决')
    await page.getByText('确认已经解决了？').waitFor({ timeout: 10_000 })
    await page.getByText('已解决', { exact: true }).last().click()
    await page.getByTestId('rate-actions').waitFor({ timeout: 30_000 })
    await page.getByLabel('5星').click()
    await tapButton(page, '提交评价')
    await page.getByText('您的评价：★★★★★').waitFor({ timeout: 30_000 })
    const timeline = await page.getByTestId('report-timeline').innerText()
    for (const step of ['居民报事', '已受理', '已处理，等居民确认', '居民已确认']) expect(timeline).toContain(step)
    await shot(page, '14-rated', '[data-testid="report-timeline"]')
    expect(b.errors).toEqual([])
  })
})
