/**
 * The after-school class in a real browser against `npm start` (demo community + classes seed):
 *  - a guardian enrols a child; the term is full, so the second child is waitlisted; a seat frees,
 *    the waitlisted child gets an offer (asked first; told in 消息) and the guardian accepts it;
 *  - a tutor signs up for today's session, takes attendance, refuses an adult whose code is not
 *    on the child's authorised list and hands the child over to the mother with her own code;
 *  - staff see the term's live figures.
 * The small term is created through the function as staff (dev login), as a staff member would.
 */
import path from 'node:path'
import { tmpdir } from 'node:os'
import type { Page } from 'playwright-core'
import { addDays, dateLabel, shanghaiDate } from '../../src/core/shared/shanghai-time'
import { demoPickupCodes } from '../../scripts/seed/classes.seed'
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

const TERM = '候补体验班'

function card(page: Page, testId: string, text: string) {
  return page.locator(`[data-testid="${testId}"]`, { hasText: text }).first()
}
async function tapIn(scope: ReturnType<typeof card>, text: string): Promise<void> {
  await scope.locator('.nut-button', { hasText: text }).first().click()
}

describeBrowser('after-school class journey in the H5 app', () => {
  let app: Started
  let b: Browser
  const today = shanghaiDate(new Date())

  beforeAll(async () => {
    ;({ app, b } = await startAppInBrowser())
    const res = await fetch(`${app.url}/functions/classes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-wx-openid': 'demo-staff' },
      body: JSON.stringify({
        action: 'createTerm',
        requestId: `e2e-term-${Date.now()}`,
        payload: {
          title: TERM,
          room: '社区活动中心三楼',
          startDate: today,
          endDate: addDays(today, 2),
          weekdays: [1, 2, 3, 4, 5, 6, 7],
          startTime: '00:00',
          endTime: '23:59',
          capacity: 1,
          dropInSeats: 1
        }
      })
    })
    expect((await res.json()).ok).toBe(true)
  })

  afterAll(async () => {
    await stopAppInBrowser(app, b)
  })

  test('a guardian enrols; the waitlisted child is promoted and the guardian accepts', async () => {
    const { page } = b
    await actAs(page, app.url, '李建国')
    await openPage(page, app.url, '/pages/classes/index')
    await page.getByText('我的孩子').first().waitFor({ timeout: 30_000 })
    await card(page, 'my-child', '李睿').waitFor({ timeout: 30_000 })
    // Both parents hold their own pickup codes.
    expect(await card(page, 'my-child', '李睿').innerText()).toContain(demoPickupCodes.mother)

    const term = card(page, 'open-term', TERM)
    await term.waitFor({ timeout: 30_000 })
    await tapIn(term, '给李睿报名')
    await card(page, 'my-enrolment', `李睿 · ${TERM}`).getByText('已报名').waitFor({ timeout: 20_000 })

    await tapIn(card(page, 'open-term', TERM), '给李梓涵报名')
    const waiting = card(page, 'my-enrolment', `李梓涵 · ${TERM}`)
    await waiting.getByText('候补中').waitFor({ timeout: 20_000 })
    expect(await waiting.innerText()).toContain('下一个就是您')

    // A seat frees: 李睿 leaves, 李梓涵 heads the line and is offered the seat.
    await tapIn(card(page, 'my-enrolment', `李睿 · ${TERM}`), '取消报名')
    // Giving up the seat is asked first, and saying no there keeps it.
    await page.getByText(`确定为李睿取消「${TERM}」的报名吗？`).waitFor({ timeout: 20_000 })
    expect(await page.locator('body').innerText()).toContain('取消后名额会让给排队的孩子')
    await page.getByText('取消', { exact: true }).last().click()
    await page.waitForTimeout(1_000)
    await card(page, 'my-enrolment', `李睿 · ${TERM}`).getByText('已报名').waitFor({ timeout: 20_000 })
    expect(await card(page, 'my-enrolment', `李梓涵 · ${TERM}`).innerText()).toContain('候补中')
    await tapIn(card(page, 'my-enrolment', `李睿 · ${TERM}`), '取消报名')
    await page.getByText(`确定为李睿取消「${TERM}」的报名吗？`).waitFor({ timeout: 20_000 })
    await page.getByText('确定', { exact: true }).last().click()
    const offered = card(page, 'my-enrolment', `李梓涵 · ${TERM}`)
    await offered.getByText('有名额了').waitFor({ timeout: 20_000 })
    await tapIn(offered, '确认名额')
    const enrolled = card(page, 'my-enrolment', `李梓涵 · ${TERM}`)
    await enrolled.getByText('已报名').waitFor({ timeout: 20_000 })

    // The guardian reports ahead that the child won't come to the next session (tomorrow's).
    // Dates read with their weekday (「12月6日 周日」).
    await enrolled.getByText(`下次课：${dateLabel(addDays(today, 1))}`).waitFor({ timeout: 20_000 })
    await tapIn(enrolled, '这次请假')
    await card(page, 'my-enrolment', `李梓涵 · ${TERM}`).getByText('已请假').waitFor({ timeout: 20_000 })
    expect(b.errors).toEqual([])
  })

  test('a guardian registers a child with consent and gets a pickup code', async () => {
    const { page } = b
    await page.locator('.nut-button', { hasText: '登记一个孩子' }).first().click()
    const form = page.locator('[data-testid="register-child"]')
    await form.locator('input[name="child-name"], [name="child-name"] input').first().fill('李小满')
    await form.locator('input[name="child-school"], [name="child-school"] input').first().fill('春晖实验小学')
    await form.locator('.nut-button', { hasText: '一年级' }).click()
    await form.locator('input[name="contact-name"], [name="contact-name"] input').first().fill('周婷')
    await form.locator('input[name="contact-phone"], [name="contact-phone"] input').first().fill('14000009001')
    await form.locator('.nut-button', { hasText: '点此同意' }).click()
    await form.locator('.nut-button', { hasText: '提交登记' }).click()
    const child = card(page, 'my-child', '李小满')
    await child.waitFor({ timeout: 20_000 })
    expect(await child.innerText()).toMatch(/接送码 \d{6}/)

    // The new child comes to one session only (单次报名).
    const term = card(page, 'open-term', TERM)
    await tapIn(term, '只来某一天')
    await tapIn(card(page, 'open-term', TERM), `李小满 · ${dateLabel(addDays(today, 1))}`)
    await page.getByText('单次报名成功').first().waitFor({ timeout: 20_000 })
    expect(b.errors).toEqual([])
  })

  test('a tutor takes attendance, refuses an unauthorised adult and hands the child to the mother', async () => {
    const { page } = b
    await actAs(page, app.url, '陈志强')
    await openPage(page, app.url, '/pages/classes/tutor')
    const upcoming = card(page, 'upcoming-session', `${dateLabel(today)} · ${TERM}`)
    await upcoming.waitFor({ timeout: 30_000 })
    await tapIn(upcoming, '我来当老师')

    const session = card(page, 'today-session', TERM)
    await session.waitFor({ timeout: 20_000 })
    const child = session.locator('[data-testid="roster-child"]', { hasText: '李梓涵' })
    await child.waitFor({ timeout: 20_000 })
    await child.locator('.nut-button', { hasText: '到了' }).click()
    await child.getByText('已到').waitFor({ timeout: 20_000 })
    expect(await child.innerText()).toContain('可接人：李建国（父亲）、周婷（母亲）')

    // An adult who is not on the list (their code isn't one of this child's adults) is refused.
    await child.locator('input').first().fill('135799')
    await child.locator('.nut-button', { hasText: '核对并交接' }).click()
    // Said at the code field (components/form), where the tutor is looking.
    const refused = child.locator('.form-field__error')
    await refused.waitFor({ timeout: 20_000 })
    expect(await refused.innerText()).toContain('不能接走孩子')

    await child.locator('input').first().fill(demoPickupCodes.mother)
    await child.locator('.nut-button', { hasText: '核对并交接' }).click()
    await child.getByText(/已由周婷（母亲）在 \d\d:\d\d 接走/).waitFor({ timeout: 20_000 })
    await page.screenshot({ path: '/tmp/linli-e2e-classes-tutor.png', fullPage: true })
    expect(b.errors).toEqual([])
  })

  test("staff see the term's live figures", async () => {
    const { page } = b
    await actAs(page, app.url, '赵丽')
    await openPage(page, app.url, '/pages/classes/staff')
    await page.locator('.nut-button', { hasText: TERM }).first().click()
    const figures = page.locator('[data-testid="term-figures"]')
    await figures.getByText('服务人次').waitFor({ timeout: 30_000 })
    expect(await figures.innerText()).toMatch(/1\s*已报名/)

    // A holiday: staff cancel tomorrow's session with a reason; the enrolled family is told.
    const tomorrow = card(page, 'term-session', dateLabel(addDays(today, 1)))
    await tomorrow.waitFor({ timeout: 20_000 })
    await tomorrow.locator('input').first().fill('区里统一停课')
    await tomorrow.locator('.nut-button', { hasText: '停课并通知家长' }).click()
    await card(page, 'term-session', dateLabel(addDays(today, 1)))
      .getByText('已停课')
      .waitFor({ timeout: 20_000 })

    // A parent-school lecture is created from the same form.
    await page.locator('.nut-button', { hasText: '新建一期' }).click()
    const form = page.locator('[data-testid="new-term"]')
    await form.locator('.nut-button', { hasText: '家长学校' }).click()
    await form.locator('input[name="term-title"], [name="term-title"] input').first().fill('家长学校：安全上下学')
    await form.locator('input[name="term-room"], [name="term-room"] input').first().fill('社区会议室')
    // The day by picker, not typed as YYYY-MM-DD.
    await pick(page, 'term-start', addDays(today, 3))
    await form.locator('input[name="term-capacity"], [name="term-capacity"] input').first().fill('50')
    await form.locator('.nut-button', { hasText: '创建，并生成每次课' }).click()
    await page.locator('.nut-button', { hasText: '家长学校：安全上下学' }).waitFor({ timeout: 20_000 })
    expect(b.errors).toEqual([])
  })

  test('the family sees the cancellation in their inbox', async () => {
    const { page } = b
    await actAs(page, app.url, '李建国')
    await openPage(page, app.url, '/pages/notifications/index')
    await page.getByText(`${TERM}停课通知`).first().waitFor({ timeout: 30_000 })
    expect(await page.locator('body').innerText()).toContain('区里统一停课')
    expect(b.errors).toEqual([])
  })

  test('the father invites another family member, who joins with the code and then sees the child', async () => {
    const { page } = b
    await actAs(page, app.url, '李建国')
    await openPage(page, app.url, '/pages/classes/index')
    const child = card(page, 'my-child', '李睿')
    await child.waitFor({ timeout: 30_000 })
    await child.locator('.nut-button', { hasText: '邀请家人一起管理' }).click()
    const shown = await child.locator('[data-testid="invite-code"]').innerText()
    const code = (/邀请码 (\d{4}) (\d{4})/.exec(shown) ?? []).slice(1).join('')
    expect(code).toMatch(/^\d{8}$/)

    await actAs(page, app.url, '王秀兰')
    await openPage(page, app.url, '/pages/classes/index')
    await page.locator('.nut-button', { hasText: '家人给了我邀请码' }).first().click()
    const form = page.locator('[data-testid="join-family"]')
    await form.locator('input').first().fill(code)
    await form.locator('.nut-button', { hasText: '点此同意' }).click()
    await form.locator('.nut-button', { hasText: '加入，一起管理孩子' }).click()
    const joined = card(page, 'my-child', '李睿')
    await joined.waitFor({ timeout: 30_000 })
    expect(await joined.innerText()).toContain(`接送码 ${demoPickupCodes.mother}`)
    expect(await joined.innerText()).toContain('王秀兰（我） · 共同监护人')
    await page.screenshot({ path: '/tmp/linli-e2e-classes-co-guardian.png', fullPage: true })
    expect(b.errors).toEqual([])
  })

  test('the family whose child moved up is told in 消息', async () => {
    const { page } = b
    await actAs(page, app.url, '李建国')
    await openPage(page, app.url, '/pages/notifications/index')
    const offer = page.locator('[data-testid="inbox-item"]', { hasText: `${TERM}有名额了` }).first()
    await offer.waitFor({ timeout: 20_000 })
    expect(await offer.innerText()).toContain('李梓涵候补到名额了')
    await offer.screenshot({ path: path.join(tmpdir(), 'linli-e2e-classes-offer-inbox.png') })
    expect(b.errors).toEqual([])
  })
})
