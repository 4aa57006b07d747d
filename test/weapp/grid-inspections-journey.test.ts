/**
 * Inspections (巡检) and the figures on the phone, inside miniprogram-simulate: the compiled weapp, taps on the
 * rendered components, wx.showModal answered as a person would, wx.cloud.callFunction answered by the seeded local
 * cloud as each persona. The grid worker (刘海燕, 第一网格) runs 1栋's weekly hygiene checklist of the demo, one item
 * failed with what she saw (asked first: it becomes a report), and sees the report it became; a 社工 reads the
 * month's figures.
 */
import { useWeappCloud } from './weapp-cloud'
import type { MiniProgram } from './weapp-runtime'

jest.setTimeout(90_000)
const cloud = useWeappCloud()

async function noFailedCalls(app: MiniProgram): Promise<void> {
  await app.idle()
  expect(
    app.cloudCalls
      .filter(c => c.result?.ok !== true)
      .map(c => `${c.name}.${c.data.action}: ${JSON.stringify(c.result)}`)
  ).toEqual([])
  expect(app.errors).toEqual([])
}

test('the grid worker runs this week’s checklist with a failure that becomes a report; staff read the figures', async () => {
  const worker = cloud.launch('demo-grid-worker')
  const list = worker.open('pages/grid/inspections')
  await list.find('.inspection-due', '每周卫生检查')
  await list.tapOn('.inspection-due', '每周卫生检查')
  const form = await worker.waitForPage('pages/grid/inspection')
  expect(form.query.checklistId).toBe('ck-hygiene-1')
  await form.waitForText('还有 3 项没选')
  // Each item's 合格 / 不合格, in order: the first passes, the second fails, the third passes.
  const options = () => form.all('.inspection-choice__option')
  await form.tap(options()[0])
  await form.tap(options()[3])
  await form.tap(options()[4])
  await form.input(await form.find('.form-field', '看到了什么'), '垃圾桶满了两天没人清运')
  await form.tapOn('.nut-button', '提交巡检结果')
  const ask = await worker.modal()
  expect(ask.title).toBe('有 1 项不合格，确定提交吗？')
  expect(ask.content).toContain('交给第一网格处理')
  ask.answer(true)
  await form.waitForText('已检查')
  await form.waitForText('1 项不合格')
  const recorded = worker.cloudCalls.find(c => c.data.action === 'recordInspection')
  expect(recorded?.data.requestId).toBeTruthy()
  await form.tapOn('.inspection-link', '已生成报事')
  const report = await worker.waitForPage('pages/grid/report-detail')
  await report.waitForText('待受理')
  await report.waitForText('垃圾桶满了两天没人清运')
  await noFailedCalls(worker)

  const staff = cloud.launch('demo-staff')
  const figures = staff.open('pages/grid/figures')
  await figures.waitForText('本月报事')
  await figures.waitForText('超时未确认、自动办结')
  await figures.waitForText('导出给区平台（Open311）')
  await noFailedCalls(staff)
})
