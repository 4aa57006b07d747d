/**
 * Journeys of the people who use Linli, end to end inside miniprogram-simulate: the compiled
 * weapp, taps on the rendered components, wx.cloud.callFunction answered by the seeded local
 * cloud as each persona. Each person uses their own phone (a fresh launch of the mini-program).
 */
import { noFailedCalls, useWeappCloud } from './weapp-cloud'
import { callCloud, waitFor } from './weapp-runtime'

/** The first element under `root` matching `selector` (class names as in the TSX) and holding `text`. */
function within(root: HTMLElement, selector: string, text?: string): HTMLElement {
  const css = selector.replace(/\.(-?[A-Za-z_][\w-]*)/g, '.taro-page--$1')
  const el = Array.from(root.querySelectorAll<HTMLElement>(css)).find(
    e => text === undefined || (e.textContent ?? '').includes(text)
  )
  if (!el) throw new Error(`no ${selector}${text ? ` with ${text}` : ''} in: ${(root.textContent ?? '').slice(0, 500)}`)
  return el
}

jest.setTimeout(60_000)
const cloud = useWeappCloud()

test('a resident books a hall slot and finds it among her bookings', async () => {
  const app = cloud.launch('demo-resident')
  const page = app.open('pages/service-card/item', { id: 'item-social-card' })
  await page.waitForText('社保卡补换')
  const slot = await page.find('.sc-slot', '3号窗口 · 剩 5 个名额')
  const when = slot.querySelector('[class~="taro-page--sc-slot__when"]')?.textContent ?? ''
  expect(when).toMatch(/\d+月\d+日 周[一二三四五六] 10:00/)
  await page.tap(slot.querySelector<HTMLElement>('[class~="taro-page--nut-button"]')!)

  const confirmation = await page.find('.sc-confirm', '预约成功')
  expect(confirmation.textContent).toContain(`${when} · 3号窗口`)
  expect(confirmation.textContent).toContain('· 身份证')
  // Booking is when WeChat asks to allow the confirmation and the reminder.
  expect(app.calledApi('requestSubscribeMessage')).toHaveLength(1)

  await page.tapOn('.sc-confirm .nut-button', '我的预约')
  const bookings = await app.waitForPage('pages/service-card/bookings')
  await bookings.waitForText('社保卡补换')
  await bookings.waitForText(when)
  await bookings.waitForText('待办理')
  await noFailedCalls(app)

  // The window's list at the hall has her in it.
  const staff = cloud.launch('demo-staff')
  const hall = staff.open('pages/service-card/hall')
  await hall.tapOn('.sc-slot', `${when} · 3号窗口1/5`)
  await hall.find('.sc-checkin', '王秀兰')

  // The window can't open after all: staff cancel the slot, which asks first.
  await hall.tapOn('.nut-button', '取消这个时段')
  const ask = await staff.modal()
  expect(ask.content).toContain('已预约的居民都会收到取消通知')
  ask.answer(false)
  await staff.idle()
  expect(staff.cloudCalls.map(c => c.data.action)).not.toContain('cancelSlot')
  await hall.tapOn('.nut-button', '取消这个时段')
  ;(await staff.modal()).answer(true)
  await staff.toast('已取消，已通知 1 位居民')
  await noFailedCalls(staff)

  // Her booking says so.
  const again = cloud.launch('demo-resident')
  const mine = again.open('pages/service-card/bookings')
  await mine.find('.card', /社保卡补换.*3号窗口.*已取消/)
})

test('a parent enrols a child and sees the pickup codes of the adults who may fetch her', async () => {
  const app = cloud.launch('demo-guardian')
  const page = app.open('pages/classes/index')
  await page.tapOn('.nut-button', '给李梓涵报名')
  await page.waitForText(/李梓涵 · 四点半课堂（本学期）\s*已报名/)
  const child = await page.find('.card', '李梓涵东城第二小学')
  expect(child.textContent).toContain('李建国（父亲）接送码 246801')
  expect(child.textContent).toContain('周婷（母亲）接送码 246802')
  await app.toast('报名')
  await noFailedCalls(app)
})

test('an elder presses SOS from her home, confirms, and cancels; staff saw the call', async () => {
  const app = cloud.launch('demo-elder')
  const home = app.open('pages/elder-care/index')
  await home.tapOn('.sos-entry', '紧急呼叫')
  const sos = await app.waitForPage('pages/elder-care/sos')
  await sos.tapOn('.sos-button', '紧急呼叫')
  // One tap only asks; nothing is sent until she confirms.
  await sos.find('.sos-button--confirm', '确定呼叫')
  expect(app.cloudCalls.map(c => c.data.action)).not.toContain('sosPress')
  // The confirm ignores taps for a moment after it appears (a double tap must not pass it).
  await sos.find('.sos-button--confirm:not(.sos-button--arming)')
  await sos.tapOn('.sos-button--confirm')
  const status = await sos.find('.sos-status')
  expect(app.cloudCalls.filter(c => c.data.action === 'sosPress')).toHaveLength(1)

  const staff = cloud.launch('demo-staff')
  const desk = staff.open('pages/elder-care/staff')
  await desk.find('.sos-card', '张桂芳')

  await sos.tap(status.querySelector<HTMLElement>('[class~="taro-page--big-action--plain"]')!)
  await sos.waitForText('已取消呼叫')
  await noFailedCalls(app)
})

test("a volunteer claims an activity and checks in with the organiser's code", async () => {
  const app = cloud.launch('demo-volunteer')
  const page = app.open('pages/volunteers/task', { id: 'task-demo-today' })
  await page.waitForText('社区议事厅布置')
  await page.tapOn('.nut-button', '报名：布置场地')
  await page.find('.card', '已报名：布置场地')

  // The code the organiser's screen shows (and encodes in its QR); the volunteer scans it.
  const code = await callCloud(cloud.port(), 'volunteers', 'demo-staff', {
    action: 'checkinCode',
    payload: { taskId: 'task-demo-today' }
  })
  expect(code.body).toMatchObject({ ok: true })
  app.willScan(code.body.data.qrText)
  await page.tapOn('.nut-button', '扫码')
  await page.tapOn('.nut-button-primary', /^签到$/)
  await app.toast('签到成功')
  expect(app.cloudCalls.find(c => c.data.action === 'checkIn')?.data.payload).toEqual({
    taskId: 'task-demo-today',
    code: code.body.data.qrText
  })
  await noFailedCalls(app)
})

// The organiser's screen draws the code's QR; it once used `btoa`, which WeChat does not have, and
// threw here before anything showed.
test("the organiser's screen shows the check-in code and the volunteer checked in", async () => {
  const code = await callCloud(cloud.port(), 'volunteers', 'demo-staff', {
    action: 'checkinCode',
    payload: { taskId: 'task-demo-today' }
  })
  const staff = cloud.launch('demo-staff')
  const organiser = staff.open('pages/volunteers/task', { id: 'task-demo-today' })
  await organiser.find('.vol-code', code.body.data.code)
  await organiser.find('.card', /陈志强.*已签到/)
  await noFailedCalls(staff)
})

test("staff take an elder's care request and dispatch it to a helper", async () => {
  const elder = cloud.launch('demo-elder')
  const form = elder.open('pages/elder-care/request')
  await form.tapOn('.choice', '陪同就医')
  await form.tapOn('.choice', '明天')
  await form.tapOn('.choice', '上午 9点-11点')
  await form.tapOn('.big-action--primary', '提交申请')
  await elder.toast('已提交')
  await noFailedCalls(elder)

  const app = cloud.launch('demo-staff')
  const desk = app.open('pages/elder-care/staff')
  const request = (): Promise<HTMLElement> => desk.find('.care-request', '张桂芳 · 陪同就医')
  await desk.tap(within(await request(), '.nut-button', '受理'))
  await waitFor(() => within(desk.dom, '.care-request .assign .nut-button'))
  const helper = within(await request(), '.assign .nut-button')
  // "陈志强（志愿者） · 手上没有单": the helper's role and load, then a question before dispatching.
  const name = (helper.textContent ?? '').split('（')[0].trim()
  await desk.tap(helper)
  ;(await app.modal()).answer(true)
  await desk.find('.care-request', new RegExp(`张桂芳 · 陪同就医.*服务人员：${name}`))
  await noFailedCalls(app)

  // The helper (a service provider's worker) finds it among the services sent to them.
  const assignee = (
    await callCloud(cloud.port(), 'elder-care', 'demo-staff', { action: 'helpers', payload: {} })
  ).body.data.find((h: { name: string }) => h.name === name)
  const helperApp = cloud.launch(assignee.userId)
  const mine = helperApp.open('pages/elder-care/helper')
  await mine.waitForText('陪同就医')
  await mine.waitForText('张桂芳')
  await noFailedCalls(helperApp)
})
