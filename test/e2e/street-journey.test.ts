/**
 * The street office (街道管理员) in a real browser against `npm start` (the demo street, issue 20):
 *  - the menu opens 街道工作台: the street's totals and a card per community, then the open SOS calls of every community;
 *  - a community's card opens that community's dashboard, saying which community it reads and that it only reads;
 *  - the street's ledger exports with a 社区 column.
 * Screenshots at phone size go to LINLI_SCREENSHOTS when set (for looking at, not asserted).
 */
import { readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { readSheet } from 'read-excel-file/node'
import type { Page } from 'playwright-core'
import { streetPersonas } from '../../src/core/community/personas'
import { actAs, describeBrowser, openPage, startAppInBrowser, stopAppInBrowser, type Browser } from './browser.helper'
import type { Started } from './npm-start.helper'

jest.setTimeout(240_000)

const STREET_ADMIN = streetPersonas.find(p => p.roles.includes('street_admin'))!

async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.LINLI_SCREENSHOTS
  if (dir) await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true })
}

describeBrowser('street office journey in the H5 app', () => {
  let app: Started
  let b: Browser

  beforeAll(async () => {
    ;({ app, b } = await startAppInBrowser())
  })
  afterAll(async () => {
    await stopAppInBrowser(app, b)
  })

  test('the street workbench: totals, each community, open SOS calls; a card opens that community read-only', async () => {
    const { page } = b
    await actAs(page, app.url, STREET_ADMIN.name)
    await openPage(page, app.url, '/pages/staff/index')
    await page.getByText('街道工作台').first().click()
    await page.getByText('各社区紧急呼叫（未结束）').waitFor({ timeout: 30_000 })
    await page.getByText('全街道合计', { exact: false }).waitFor({ timeout: 30_000 })
    const cards = page.locator('taro-button-core', { hasText: /^查看.+的详细数据$/ }).filter({ visible: true })
    await cards.first().waitFor()
    expect(await cards.count()).toBeGreaterThanOrEqual(2)
    await shot(page, 'street-workbench')

    const second = (await cards.nth(1).innerText()).trim()
    const name = second.replace(/^查看/, '').replace(/的详细数据$/, '')
    await cards.nth(1).click()
    await page.getByText(`正在查看：${name}（只能查看，不能修改）`).waitFor({ timeout: 30_000 })
    await page.getByText('一键呼叫（SOS）').filter({ visible: true }).first().waitFor()
    await shot(page, 'street-community-dashboard')
    expect(b.errors).toEqual([])
  })

  test('the street’s ledger: every community’s rows, each with its community', async () => {
    const { page } = b
    await openPage(page, app.url, '/pages/staff/street-exports')
    await page.getByText('全街道的台账：每一行前面写明是哪个社区。').waitFor({ timeout: 30_000 })
    await shot(page, 'street-exports')
    const download = page.waitForEvent('download', { timeout: 60_000 })
    await page.locator('.staff-row', { hasText: '居民花名册' }).locator('taro-button-core').first().click()
    const file = path.join(tmpdir(), `street-ledger-${Date.now()}.xlsx`)
    await (await download).saveAs(file)
    const [header, ...rows] = await readSheet(readFileSync(file))
    expect(header[0]).toBe('社区')
    // The demo street's communities each have residents: each shows in the 社区 column.
    expect(new Set(rows.map(r => r[0])).size).toBeGreaterThanOrEqual(2)
    await page
      .getByText(/已下载|已生成/)
      .first()
      .waitFor({ timeout: 30_000 })
    await shot(page, 'street-exports-done')
    expect(b.errors).toEqual([])
  })
})
