/**
 * Residents' reports (随手拍/报事) on the phone, inside miniprogram-simulate: the compiled weapp, taps on the rendered
 * components, wx.chooseMedia and wx.cloud.uploadFile for the photo, wx.cloud.callFunction answered by the seeded local
 * cloud as each persona. A resident (王秀兰, 1栋 of 第一网格) reports old bicycles on her stairs with a photo and sees
 * it among hers; her grid worker accepts it (asked first) and resolves it; she answers 已解决 (asked first) and rates it.
 */
import { randomBytes } from 'crypto'
import { noFailedCalls, useWeappCloud } from './weapp-cloud'

jest.setTimeout(90_000)
const cloud = useWeappCloud()

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(3000)])

test('a resident reports with a photo; the grid worker accepts and resolves; she confirms and rates', async () => {
  // ---- the resident reports, with a photo from her album
  const resident = cloud.launch('demo-resident')
  const form = resident.open('pages/grid/report')
  await form.waitForText('1 小时内受理')
  await form.waitForText('楼栋：1栋') // her home building, chosen already
  await form.tapOn('.report-category', '乱堆乱放')
  await form.input(await form.find('.form-field', '问题描述'), '1栋楼梯口堆了几辆旧自行车，老人下楼不方便')
  resident.willChooseMedia([{ name: 'IMG_0001.jpg', bytes: JPEG }])
  await form.tapOn('.nut-button', '添加照片')
  await form.waitForText('照片 1/3')
  await form.waitForText(/^(?![\s\S]*上传中)/)
  await form.tapOn('.nut-button', '下一步：检查一遍')
  await form.waitForText('请检查一遍，再提交')
  await form.waitForText('1 张照片')
  await form.tapOn('.nut-button', '确认提交')
  const sent = await resident.waitForPage('pages/grid/report-detail')
  await sent.waitForText('待受理')
  const reportId = sent.query.id
  expect(reportId).toBeTruthy()
  expect(sent.all('.report-photos__one')).toHaveLength(1)
  const submitted = resident.cloudCalls.find(c => c.data.action === 'submitReport')
  expect(submitted?.data.requestId).toBeTruthy()
  expect((submitted?.data.payload as { photos: string[] }).photos).toHaveLength(1)
  const home = resident.open('pages/grid/index')
  await home.find('.report-row', /乱堆乱放.*待受理.*1 张照片/)
  await noFailedCalls(resident)

  // ---- her grid worker accepts it (首问负责) and resolves it
  const worker = cloud.launch('demo-grid-worker')
  const queue = worker.open('pages/grid/report-queue')
  await queue.tapOn('.report-row', '旧自行车')
  const detail = await worker.waitForPage('pages/grid/report-detail')
  await detail.tapOn('.nut-button', '受理（我来负责）')
  const ask = await worker.modal()
  expect(ask.title).toBe('由您受理？')
  ask.answer(true)
  await detail.waitForText('处理中')
  await detail.input(await detail.find('.form-field', '怎么处理的'), '已联系物业把自行车挪走')
  await detail.tapOn('.nut-button', /^办结$/)
  ;(await worker.modal()).answer(true)
  await detail.waitForText('待确认')
  await noFailedCalls(worker)

  // ---- the resident confirms 已解决 (asked first) and rates it
  const again = cloud.launch('demo-resident')
  const mine = again.open('pages/grid/report-detail', { id: reportId })
  await mine.waitForText('问题解决了吗？')
  await mine.tapOn('.nut-button', '已解决')
  const sure = await again.modal()
  expect(sure.title).toBe('确认已经解决了？')
  sure.answer(true)
  await mine.waitForText('给这次处理打分')
  await mine.tap(mine.all('.report-star')[4])
  await mine.tapOn('.nut-button', '提交评价')
  await mine.waitForText('您的评价：★★★★★')
  await mine.waitForText('已处理，等居民确认')
  await noFailedCalls(again)
})
