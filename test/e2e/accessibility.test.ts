/**
 * Accessibility scan: every page of the app, opened in the phone-sized browser by the persona who
 * uses it, checked by axe-core (WCAG 2.1 A/AA rules) inside the page. A serious or critical
 * violation fails the scan and is listed with its page and elements. One `npm start` serves all
 * pages, so the whole scan stays around a minute or two.
 */
import path from 'node:path'
import type { Page } from 'playwright-core'
import { actAs, describeBrowser, openPage, startAppInBrowser, stopAppInBrowser, type Browser } from './browser.helper'
import { root, type Started } from './npm-start.helper'

jest.setTimeout(600_000)

/** The demo persona (by the name the picker shows) and the pages they use. */
const pagesByPersona: Array<[string | null, string[]]> = [
  [null, ['/pages/dev-login/index']],
  [
    '王秀兰',
    [
      '/pages/home/index',
      '/pages/me/index',
      '/pages/community/index',
      '/pages/community/bind',
      '/pages/service-card/index',
      '/pages/service-card/item?id=item-dibao',
      '/pages/service-card/bookings',
      '/pages/service-card/requests',
      '/pages/service-card/request?id=no-such-request',
      '/pages/notifications/index',
      '/pages/notifications/prefs',
      '/pages/staff/my-data',
      '/pages/staff/survey',
      '/pages/staff/join',
      '/pages/volunteers/index',
      '/pages/volunteers/certificate',
      '/pages/grid/index',
      '/pages/grid/report',
      '/pages/grid/report-detail?id=report-rubbish'
    ]
  ],
  ['李建国', ['/pages/classes/index']],
  [
    '张桂芳',
    ['/pages/elder-care/index', '/pages/elder-care/request', '/pages/elder-care/meals', '/pages/elder-care/sos']
  ],
  ['张伟', ['/pages/elder-care/index']],
  ['陈志强', ['/pages/classes/tutor', '/pages/volunteers/task?id=task-demo-today', '/pages/volunteers/posts']],
  [
    '刘海燕',
    [
      '/pages/elder-care/helper',
      '/pages/elder-care/elders',
      '/pages/community/directory',
      '/pages/community/roster',
      '/pages/notifications/follow-ups',
      '/pages/grid/report-queue',
      '/pages/grid/report-detail?id=report-stairs'
    ]
  ],
  [
    '赵丽',
    [
      '/pages/staff/index',
      '/pages/classes/staff',
      '/pages/elder-care/staff',
      '/pages/service-card/hall',
      '/pages/service-card/edit?id=item-dibao',
      '/pages/service-card/assist',
      '/pages/notifications/outbox',
      '/pages/notifications/broadcast',
      '/pages/staff/erasures',
      '/pages/staff/exports',
      '/pages/staff/dashboard',
      '/pages/staff/survey-results',
      '/pages/volunteers/staff'
    ]
  ],
  ['孙卫东', ['/pages/staff/roles', '/pages/staff/audit']]
]

interface Finding {
  page: string
  persona: string
  rule: string
  impact: string
  help: string
  nodes: string[]
}

/** Waits until the page has drawn its data: no request in flight and no loading line left. */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle', { timeout: 30_000 }).catch(() => undefined)
  await page
    .waitForFunction(() => !/正在加载/.test(document.body.innerText), undefined, { timeout: 20_000 })
    .catch(() => undefined)
  await page.waitForTimeout(300)
}

async function scan(page: Page): Promise<Array<Omit<Finding, 'page' | 'persona'>>> {
  await page.addScriptTag({ path: path.join(root, 'node_modules/axe-core/axe.min.js') })
  return await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: unknown,
            opts: unknown
          ) => Promise<{
            violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: string[] }> }>
          }>
        }
      }
    ).axe
    const res = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }
    })
    return res.violations
      .filter(v => v.impact === 'serious' || v.impact === 'critical')
      .map(v => ({
        rule: v.id,
        impact: v.impact ?? '',
        help: v.help,
        nodes: v.nodes.slice(0, 4).map(n => n.target.join(' '))
      }))
  })
}

describeBrowser('accessibility of every page (axe-core)', () => {
  let app: Started
  let b: Browser

  beforeAll(async () => {
    ;({ app, b } = await startAppInBrowser())
  })
  afterAll(async () => {
    await stopAppInBrowser(app, b)
  })

  test('no page has a serious or critical violation, for the persona who uses it', async () => {
    const { page } = b
    const findings: Finding[] = []
    let scanned = 0
    for (const [persona, paths] of pagesByPersona) {
      if (persona) await actAs(page, app.url, persona)
      for (const p of paths) {
        await openPage(page, app.url, p)
        await settle(page)
        for (const f of await scan(page)) findings.push({ page: p, persona: persona ?? '（未选身份）', ...f })
        scanned++
      }
    }
    const report = findings
      .map(f => `${f.page} (${f.persona}) ${f.impact} ${f.rule}: ${f.help}\n    ${f.nodes.join('\n    ')}`)
      .join('\n')
    console.log(
      `axe-core: ${scanned} pages scanned, ${findings.length} serious/critical violations${report ? `\n${report}` : ''}`
    )
    expect(scanned).toBe(pagesByPersona.reduce((n, [, paths]) => n + paths.length, 0))
    expect(report).toBe('')
    expect(b.errors).toEqual([])
  })
})
