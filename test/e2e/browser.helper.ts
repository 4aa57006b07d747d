/**
 * Chromium for the browser journeys: one launch recipe, the skip-or-fail rule when it is missing,
 * and acting as a demo persona through the H5 app's dev-login picker.
 */
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { newDataDir, npmStart, stopAll, type Started } from './npm-start.helper'

const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
export const haveBrowser = existsSync(executablePath)
if (!haveBrowser && process.env.LINLI_REQUIRE_BROWSER === '1') {
  throw new Error(`Chromium not found at ${executablePath}, and LINLI_REQUIRE_BROWSER=1`)
}
if (!haveBrowser) console.warn(`SKIPPED browser tests: Chromium not found at ${executablePath}`)
/** `describe` when Chromium is there, else `describe.skip` (and it says so above). */
export const describeBrowser = haveBrowser ? describe : describe.skip

export interface Browser {
  ctx: BrowserContext
  page: Page
  /** Uncaught errors in the page: a journey ends by expecting none. */
  errors: string[]
  close: () => Promise<void>
}

/** A phone-sized headless Chromium with a fresh profile. */
export async function launchBrowser(): Promise<Browser> {
  const ctx = await chromium.launchPersistentContext(mkdtempSync(path.join(tmpdir(), 'linli-chromium-')), {
    executablePath,
    headless: true,
    // Without the background-networking flags Chromium keeps dialing out on this closed network.
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync'
    ],
    viewport: { width: 390, height: 844 },
    hasTouch: true,
    isMobile: true
  })
  const page = ctx.pages()[0] ?? (await ctx.newPage())
  const errors: string[] = []
  page.on('pageerror', e => errors.push(e.message))
  return { ctx, page, errors, close: async () => await ctx.close() }
}

/** Becomes the persona whose name is shown in the picker (e.g. '赵丽' for staff), on the home page. */
export async function actAs(page: Page, baseUrl: string, name: string): Promise<void> {
  await openPage(page, baseUrl, '/pages/dev-login/index')
  await page.getByText(name).first().waitFor({ timeout: 30_000 })
  await page.getByText(name).first().click()
  await page.waitForURL(/pages\/home\/index/, { timeout: 30_000 })
}

/**
 * Opens an app page by path, e.g. '/pages/notifications/index', as a fresh load: a bare hash
 * change right after another page loaded sometimes leaves Taro's H5 router showing the old page.
 */
export async function openPage(page: Page, baseUrl: string, pagePath: string): Promise<void> {
  await page.goto('about:blank')
  await page.goto(`${baseUrl}/#${pagePath}`)
}

/** Taps the NutUI button labelled `text` (its inner text node would be covered by the button). */
export async function tapButton(page: Page, text: string | RegExp): Promise<void> {
  await page.locator('.nut-button', { hasText: text }).first().click()
}

/**
 * Chooses a date ('2026-12-05') or a time ('09:00') on the Taro picker whose field is `name`
 * (components/form PickerField), as a person does: open it, roll the wheels, tap 确定. Rolling
 * the wheels by touch is Taro's own code; the test sets where they stop, then opens and confirms.
 */
export async function pick(page: Page, name: string, value: string): Promise<void> {
  const picker = page.locator('taro-picker-core', { has: page.locator(`input[name="${name}"]`) }).first()
  await picker.evaluate((el, v) => {
    ;(el as unknown as { value: string }).value = v
  }, value)
  await picker.locator('.form-field__picker').click()
  // Taro moves every picker's sheet to the end of <body>: the open one's 确定 is the visible one.
  await page.locator('.weui-picker__action', { hasText: '确定' }).filter({ visible: true }).click()
  await page.waitForTimeout(400) // the sheet slides away (350 ms in Taro's picker)
}

/** `npm start` on a fresh data directory and a browser: what every journey's beforeAll needs. */
export async function startAppInBrowser(): Promise<{ app: Started; b: Browser }> {
  const app = await npmStart(newDataDir())
  return { app, b: await launchBrowser() }
}

/** The journey's afterAll: the browser closes and `npm start` stops cleanly (exit code 0). */
export async function stopAppInBrowser(app: Started | undefined, b: Browser | undefined): Promise<void> {
  await b?.close()
  if (app) expect(await app.stop()).toBe(0)
  await stopAll()
}
