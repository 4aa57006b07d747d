/**
 * A grid worker's patrol and household visit on the phone, inside miniprogram-simulate: the compiled weapp, taps on
 * the rendered components, wx.cloud.callFunction answered by the seeded local cloud as 刘海燕 (第一网格). She starts
 * a patrol, reports what she finds on it (the report is the patrol's), finishes it (asked first), and logs a visit to
 * her overdue priority household (asked first).
 */
import { noFailedCalls, useWeappCloud } from './weapp-cloud'

jest.setTimeout(90_000)
const cloud = useWeappCloud()

test('a grid worker patrols, reports a find on the patrol, finishes it and visits a household', async () => {
  const worker = cloud.launch('demo-grid-worker')
  const patrol = worker.open('pages/grid/patrol')
  await patrol.waitForText('每天巡查一小时')
  await patrol.tapOn('.nut-button', '开始巡查')
  await patrol.waitForText('正在巡查')
  const started = worker.cloudCalls.find(c => c.data.action === 'startPatrol')
  expect(started?.data.requestId).toBeTruthy()

  // ---- a find on the patrol
  await patrol.tapOn('.nut-button', '发现问题，马上报')
  const form = await worker.waitForPage('pages/grid/report')
  expect(form.query.patrolId).toBeTruthy()
  await form.waitForText('1 小时内受理')
  await form.tapOn('.report-category', '安全隐患')
  await form.input(await form.find('.form-field', '问题描述'), '3栋门口堆了旧家具，挡住消防通道')
  await form.input(await form.find('.form-field', '具体位置'), '3栋门口')
  await form.tapOn('.nut-button', '下一步：检查一遍')
  await form.waitForText('请检查一遍，再提交')
  await form.tapOn('.nut-button', '确认提交')
  const sent = await worker.waitForPage('pages/grid/report-detail')
  await sent.waitForText('巡查发现')
  const submitted = worker.cloudCalls.find(c => c.data.action === 'submitReport')
  expect((submitted?.data.payload as { patrolId: string }).patrolId).toBe(form.query.patrolId)

  // ---- the patrol finishes, asked first
  const back = worker.open('pages/grid/patrol')
  await back.waitForText('正在巡查')
  await back.tapOn('.nut-button', '结束巡查')
  const ask = await worker.modal()
  expect(ask.title).toBe('结束这次巡查？')
  ask.answer(true)
  await back.waitForText('本次巡查')

  // ---- a visit to the overdue priority household
  const visits = worker.open('pages/grid/visits')
  await visits.tapOn('.visit-row', '已逾期')
  const household = await worker.waitForPage('pages/grid/visit')
  await household.waitForText('登记这次走访')
  await household.tapOn('.visit-chip', '关爱慰问')
  await household.tapOn('.nut-button', '登记走访')
  const sure = await worker.modal()
  expect(sure.title).toBe('登记这次走访？')
  sure.answer(true)
  await household.find('.visit-row', '关爱慰问') // the history's new row
  await noFailedCalls(worker)
})
