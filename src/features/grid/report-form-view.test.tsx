import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { callFunction } from '@/api'
import { resetDisplayPrefsForTests } from '@/components/theme/display-prefs'
import { ReportFormView } from './report-form-view'
import { nearbyItem, options, reportView } from './report.fixtures'
import { buttonTexts, expectAtField, typeInto } from '../../../test/setup/form-input'

jest.mock('@tarojs/taro', () => {
  const mock = require('../../../test/setup/taro.mock').taroMock()
  mock.chooseMedia = jest.fn()
  mock.default.chooseMedia = mock.chooseMedia
  mock.cloud.uploadFile = jest.fn()
  return mock
})
// The transport is mocked; the hooks above it (useAction, useQuery) are the real ones.
jest.mock('@/api/call-function', () => ({ ...jest.requireActual('@/api/call-function'), callFunction: jest.fn() }))
let mockIds = 0
jest.mock('@/api/request-id', () => ({ newRequestId: jest.fn(() => `req-report-${++mockIds}`) }))
jest.mock('@/api/identity', () => ({
  ...jest.requireActual('@/api/identity'),
  getPersonaOpenId: jest.fn(() => 'u-li')
}))

const call = callFunction as jest.Mock
const taro = Taro as unknown as { chooseMedia: jest.Mock; cloud: { uploadFile: jest.Mock }; showModal: jest.Mock }

/** The grid function as these tests answer it; `answers` overrides an action. */
function grid(answers: Record<string, (payload: Record<string, unknown>) => unknown> = {}): void {
  call.mockImplementation(async (_fn: string, action: string, payload: Record<string, unknown>) => {
    if (answers[action]) return answers[action](payload)
    if (action === 'reportOptions') return { ok: true, data: options }
    if (action === 'nearbyReports') return { ok: true, data: { items: [] } }
    if (action === 'submitReport') return { ok: true, data: reportView({ id: 'r-new' }) }
    return { ok: false, error: { code: 'UNKNOWN_ACTION', message: '?' } }
  })
}
const calls = (action: string) => call.mock.calls.filter(c => c[1] === action)

beforeEach(() => {
  ;(Taro as unknown as { clearStorageSync: () => void }).clearStorageSync()
  resetDisplayPrefsForTests()
  jest.clearAllMocks()
  mockIds = 0
})

/** Fills in a good report: 乱堆乱放, a description, the preselected home building. */
async function fillIn(): Promise<void> {
  fireEvent.click(await screen.findByText('乱堆乱放'))
  typeInto('report-description', '楼道里堆了很多纸箱')
}
const next = () => fireEvent.click(screen.getByText('下一步：检查一遍'))

test('the form shows each category with its promise, the home building chosen, and says what is missing where', async () => {
  grid()
  render(<ReportFormView />)
  expect(await screen.findByText('1 小时内受理，1 天内处理')).toBeTruthy()
  expect(screen.getByText('楼栋：3栋')).toBeTruthy()
  // Nothing chosen yet: the button says why it can't go on.
  expect(screen.getByText('请先在上面选一种问题')).toBeTruthy()
  fireEvent.click(screen.getByText('乱堆乱放'))
  expect(screen.queryByText('请先在上面选一种问题')).toBeNull()
  typeInto('report-description', '纸箱')
  next()
  await expectAtField('report-description', '问题描述：请简单说说是什么问题（至少 4 个字）')
  expect(screen.queryByTestId('report-review')).toBeNull()
  expect(calls('submitReport')).toHaveLength(0)
  // The 不公开 switch says in plain words who will see it.
  expect(screen.getByText(/其他居民能在“小事快办”里看到/)).toBeTruthy()
  fireEvent.click(screen.getByTestId('report-hidden'))
  expect(screen.getByText('只有您和处理的工作人员能看到这件事，其他居民看不到。')).toBeTruthy()
})

test('with no building and no words, the place problem is said at the place field', async () => {
  grid({ reportOptions: () => ({ ok: true, data: { ...options, homeBuildingId: null } }) })
  render(<ReportFormView />)
  await fillIn()
  expect(screen.getByText('楼栋：不在楼里（写在下面）')).toBeTruthy()
  next()
  await expectAtField('report-place', '位置：请说明在哪里：选楼栋、在平面图上点一下，或写几个字')
})

test('before sending, the check screen offers the report already made nearby: 我也遇到 asks, then follows it', async () => {
  grid({
    nearbyReports: () => ({ ok: true, data: { items: [nearbyItem] } }),
    followReport: () => ({ ok: true, data: reportView({ id: 'r-old', relation: 'follower' }) })
  })
  render(<ReportFormView />)
  await fillIn()
  next()
  expect(await screen.findByText('已有人报告')).toBeTruthy()
  expect(screen.getByText('3栋楼道堆了纸箱')).toBeTruthy()
  expect(screen.getByText('3栋 · 处理中 · 2 人也遇到')).toBeTruthy()
  // The nearby reports were asked for this category at the chosen place.
  expect(calls('nearbyReports').at(-1)?.[2]).toEqual({
    category: 'clutter',
    place: { buildingId: 'b3', unitId: null, point: null, text: '' }
  })
  // First a "no": nothing is followed.
  taro.showModal.mockResolvedValueOnce({ confirm: false, cancel: true })
  fireEvent.click(screen.getByText('我也遇到'))
  await waitFor(() => expect(taro.showModal).toHaveBeenCalledTimes(1))
  expect(calls('followReport')).toHaveLength(0)
  fireEvent.click(screen.getByText('我也遇到'))
  await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/pages/grid/report-detail?id=r-old' }))
  expect(calls('followReport')[0][2]).toEqual({ reportId: 'r-old' })
  expect(calls('submitReport')).toHaveLength(0)
})

test('a refusal sends the person back to the form with every word kept; a lost answer is retried as the same report', async () => {
  let answer: unknown = { ok: false, error: { code: 'NETWORK', message: '网络不太好，请稍后再试' } }
  grid({ submitReport: () => answer })
  render(<ReportFormView />)
  await fillIn()
  typeInto('report-place', '楼梯口')
  next()
  expect(await screen.findByText('请检查一遍，再提交')).toBeTruthy()
  expect(screen.getByText('3栋 · 楼梯口')).toBeTruthy()
  fireEvent.click(screen.getByText('确认提交'))
  expect(await screen.findByText('网络不太好，请稍后再试')).toBeTruthy()
  // The same press again: the same requestId, so the server answers the first call's report, not a second one.
  answer = { ok: false, error: { code: 'PLACE_UNKNOWN', message: '这个楼栋不在本社区，请重新选择' } }
  fireEvent.click(screen.getByText('确认提交'))
  await waitFor(() => expect(calls('submitReport')).toHaveLength(2))
  expect(calls('submitReport')[1][3].requestId).toBe(calls('submitReport')[0][3].requestId)
  // A refusal about what was typed: back to the form, said at its field, the words still there.
  await expectAtField('report-building', '这个楼栋不在本社区，请重新选择')
  expect(screen.queryByTestId('report-review')).toBeNull()
  expect(screen.getByDisplayValue('楼道里堆了很多纸箱')).toBeTruthy()
  answer = { ok: true, data: reportView({ id: 'r-new' }) }
  next()
  fireEvent.click(await screen.findByText('确认提交'))
  await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/pages/grid/report-detail?id=r-new' }))
  expect(calls('submitReport')[2][2]).toEqual({
    category: 'clutter',
    description: '楼道里堆了很多纸箱',
    photos: [],
    place: { buildingId: 'b3', unitId: null, point: null, text: '楼梯口' },
    hidden: false,
    patrolId: null // not found on a patrol (网格巡查)
  })
})

test('where the community has a plan, a tap on it marks the place (no building needed)', async () => {
  grid({
    reportOptions: () => ({ ok: true, data: { ...options, homeBuildingId: null, planUrl: 'http://x/plan.png' } })
  })
  render(<ReportFormView />)
  await fillIn()
  fireEvent.click(await screen.findByLabelText('平面图第 3 行第 1 格'))
  next()
  fireEvent.click(await screen.findByText('确认提交'))
  await waitFor(() => expect(calls('submitReport')).toHaveLength(1))
  expect(calls('submitReport')[0][2].place).toEqual({
    buildingId: null,
    unitId: null,
    point: { x: 1 / 6, y: 5 / 6 },
    text: ''
  })
})

describe('photos', () => {
  beforeEach(() => {
    process.env.TARO_ENV = 'weapp'
    taro.cloud.uploadFile.mockImplementation((o: { cloudPath: string; success: Function }) => {
      setTimeout(() => o.success({ fileID: `cloud://env.bucket/${o.cloudPath}`, statusCode: 204 }), 0)
      return { onProgressUpdate: () => undefined }
    })
  })
  afterEach(() => {
    process.env.TARO_ENV = 'h5'
  })

  test('up to three go with the report, filed under the community; no 添加 once there are three', async () => {
    grid()
    render(<ReportFormView />)
    await fillIn()
    const shot = (n: string) => ({ tempFilePath: `wxfile://tmp/${n}.jpg`, size: 200 * 1024, fileType: 'image' })
    taro.chooseMedia.mockResolvedValueOnce({ tempFiles: [shot('a'), shot('b'), shot('c')] })
    await act(async () => {
      fireEvent.click(screen.getByText('添加照片'))
    })
    expect(taro.chooseMedia.mock.calls[0][0].count).toBe(3)
    await waitFor(() => expect(buttonTexts()).not.toContain('添加照片'))
    await waitFor(() => expect(screen.queryByText(/上传中/)).toBeNull())
    next()
    expect(await screen.findByText('3 张照片')).toBeTruthy()
    fireEvent.click(screen.getByText('确认提交'))
    await waitFor(() => expect(calls('submitReport')).toHaveLength(1))
    const sent = calls('submitReport')[0][2].photos as string[]
    expect(sent).toHaveLength(3)
    for (const id of sent) expect(id).toMatch(/^cloud:\/\/env\.bucket\/photos\/c-chunhui\/[0-9a-f]{32}\.jpg$/)
  })
})
