import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { callFunction } from '@/api'
import { resetDisplayPrefsForTests } from '@/components/theme/display-prefs'
import { ReportDetailView } from './report-detail-view'
import { nearbyItem, options, reportView } from './report.fixtures'
import type { ReportView } from './report-types'
import { buttonTexts, typeInto } from '../../../test/setup/form-input'

jest.mock('@tarojs/taro', () => require('../../../test/setup/taro.mock').taroMock())
// The transport is mocked; the hooks above it (useAction, useQuery) are the real ones.
jest.mock('@/api/call-function', () => ({ ...jest.requireActual('@/api/call-function'), callFunction: jest.fn() }))
jest.mock('@/api/identity', () => ({
  ...jest.requireActual('@/api/identity'),
  getPersonaOpenId: jest.fn(() => 'u-li')
}))

const call = callFunction as jest.Mock
const modal = (Taro as unknown as { showModal: jest.Mock }).showModal

function grid(report: ReportView, answers: Record<string, (payload: Record<string, unknown>) => unknown> = {}): void {
  call.mockImplementation(async (_fn: string, action: string, payload: Record<string, unknown>) => {
    if (answers[action]) return answers[action](payload)
    if (action === 'getReport') return { ok: true, data: report }
    if (action === 'reportOptions') return { ok: true, data: options }
    if (action === 'nearbyReports') return { ok: true, data: { items: [] } }
    return { ok: false, error: { code: 'UNKNOWN_ACTION', message: '?' } }
  })
}
const calls = (action: string) => call.mock.calls.filter(c => c[1] === action)

beforeEach(() => {
  ;(Taro as unknown as { clearStorageSync: () => void }).clearStorageSync()
  resetDisplayPrefsForTests()
  jest.clearAllMocks()
})

test('the report shows what, where, its deadline and every step with its time, and a stranger gets no buttons', async () => {
  grid(
    reportView({
      relation: 'resident',
      state: 'accepted',
      stateLabel: '处理中',
      ownerLabel: '网格员 王老师',
      steps: [
        { at: '2026-12-05T02:00:00.000Z', kind: 'submitted', by: '居民', note: '' },
        { at: '2026-12-05T03:30:00.000Z', kind: 'accepted', by: '网格员', note: '马上去看' }
      ]
    })
  )
  render(<ReportDetailView reportId='r1' />)
  expect(await screen.findByText('3栋2单元楼道堆满纸箱，老人下楼不方便')).toBeTruthy()
  expect(screen.getByText('3栋2单元 · 楼道')).toBeTruthy()
  expect(screen.getByText('网格员 王老师')).toBeTruthy()
  expect(screen.getByText('12月8日 周二 10:00')).toBeTruthy() // solve by, on Shanghai's clock
  expect(screen.getByText('已受理')).toBeTruthy()
  expect(screen.getByText('马上去看')).toBeTruthy()
  expect(screen.getByText('网格员 · 12月5日 周六 11:30')).toBeTruthy()
  expect(calls('getReport')[0][2]).toEqual({ reportId: 'r1' })
  expect(buttonTexts()).toEqual([])
})

test('the reporter answers 没解决 only after saying yes to the question, and sees it reopened', async () => {
  grid(reportView({ state: 'resolved', stateLabel: '待确认', can: ['confirm'] }), {
    confirmReport: () => ({
      ok: true,
      data: reportView({ state: 'accepted', stateLabel: '处理中', reopenCount: 1, can: [] })
    })
  })
  render(<ReportDetailView reportId='r1' />)
  await screen.findByText('问题解决了吗？')
  expect(buttonTexts()).toEqual(['已解决', '部分解决', '没解决'])
  modal.mockResolvedValueOnce({ confirm: false, cancel: true })
  fireEvent.click(screen.getByText('没解决'))
  await waitFor(() => expect(modal).toHaveBeenCalledTimes(1))
  expect(modal.mock.calls[0][0]).toMatchObject({ title: '确认没解决？', content: '这件事会退回给网格员重新办理。' })
  expect(calls('confirmReport')).toHaveLength(0)
  typeInto('confirm-note', '纸箱还在')
  fireEvent.click(screen.getByText('没解决'))
  expect(await screen.findByText('居民说没解决，已重新办理 1 次')).toBeTruthy()
  expect(calls('confirmReport')[0][2]).toEqual({ reportId: 'r1', outcome: 'unsolved', note: '纸箱还在' })
  expect(buttonTexts()).toEqual([])
})

test('after close the reporter rates with stars; the button says to pick stars first', async () => {
  grid(reportView({ state: 'closed', stateLabel: '已办结', confirmation: 'solved', can: ['rate'] }), {
    rateReport: p => ({
      ok: true,
      data: reportView({ state: 'closed', stateLabel: '已办结', rating: { stars: p.stars as number, note: '' } })
    })
  })
  render(<ReportDetailView reportId='r1' />)
  expect(await screen.findByText('请先点星星打分')).toBeTruthy()
  fireEvent.click(screen.getByLabelText('4星'))
  expect(screen.queryByText('请先点星星打分')).toBeNull()
  fireEvent.click(screen.getByText('提交评价'))
  expect(await screen.findByText('您的评价：★★★★☆')).toBeTruthy()
  expect(calls('rateReport')[0][2]).toEqual({ reportId: 'r1', stars: 4, note: '' })
})

test('a reporter may withdraw a report nobody took yet, after a question; a follower is told they follow it', async () => {
  grid(reportView({ can: ['withdraw'] }), {
    withdrawReport: () => ({ ok: true, data: reportView({ state: 'withdrawn', stateLabel: '已撤回' }) })
  })
  const { unmount } = render(<ReportDetailView reportId='r1' />)
  fireEvent.click(await screen.findByText('撤回这件事'))
  expect(await screen.findByText('已撤回')).toBeTruthy()
  expect(modal.mock.calls[0][0].title).toBe('撤回这件事？')
  unmount()
  grid(reportView({ relation: 'follower' }))
  render(<ReportDetailView reportId='r1' />)
  expect(await screen.findByText('您关注了这件事，有进展会通知您')).toBeTruthy()
})

test('a handler accepts after a question; taken by someone else first, the page says who owns it and shows it as it is', async () => {
  let taken = false
  grid(reportView({ relation: 'handler', can: ['accept', 'merge'] }), {
    getReport: () => ({
      ok: true,
      data: taken
        ? reportView({
            relation: 'handler',
            state: 'accepted',
            stateLabel: '处理中',
            ownerLabel: '社工 陈老师',
            can: []
          })
        : reportView({ relation: 'handler', can: ['accept', 'merge'] })
    }),
    acceptReport: () => {
      taken = true
      return { ok: false, error: { code: 'REPORT_TAKEN', message: '这件事已由社工 陈老师受理' } }
    }
  })
  render(<ReportDetailView reportId='r1' />)
  fireEvent.click(await screen.findByText('受理（我来负责）'))
  expect(await screen.findByText('社工 陈老师')).toBeTruthy()
  expect(screen.getByRole('alert').textContent).toBe('这件事已由社工 陈老师受理')
  expect(modal.mock.calls[0][0]).toMatchObject({ title: '由您受理？' })
  expect(calls('getReport')).toHaveLength(2)
  expect(screen.queryByText('受理（我来负责）')).toBeNull()
})

test('the owner records progress, then resolves with a note after a question; passing names the department', async () => {
  const owned = reportView({
    relation: 'handler',
    state: 'accepted',
    stateLabel: '处理中',
    can: ['pass', 'note', 'resolve', 'merge']
  })
  grid(owned, {
    noteReport: p => ({
      ok: true,
      data: {
        ...owned,
        steps: [...owned.steps, { at: '2026-12-05T04:00:00.000Z', kind: 'note', by: '网格员', note: p.note }]
      }
    }),
    passReport: () => ({ ok: true, data: { ...owned, state: 'passed', stateLabel: '已转办', passedToLabel: '城管' } }),
    resolveReport: () => ({ ok: true, data: { ...owned, state: 'resolved', stateLabel: '待确认', can: [] } })
  })
  render(<ReportDetailView reportId='r1' />)
  await screen.findByText('处理这件事')
  typeInto('progress-note', '已联系物业')
  fireEvent.click(screen.getByText('记下进展'))
  expect(await screen.findByText('已联系物业')).toBeTruthy()

  fireEvent.click(screen.getByText('转给部门'))
  typeInto('pass-department', '城管')
  fireEvent.click(screen.getAllByText('转办').at(-1)!)
  expect(await screen.findByText('城管')).toBeTruthy()
  expect(modal.mock.calls.at(-1)[0].title).toBe('转给城管？')
  expect(calls('passReport')[0][2]).toEqual({ reportId: 'r1', kind: 'department', name: '城管', note: '' })

  typeInto('resolve-note', '纸箱已清走')
  modal.mockResolvedValueOnce({ confirm: false, cancel: true })
  fireEvent.click(screen.getAllByText('办结').at(-1)!)
  await waitFor(() => expect(modal.mock.calls.at(-1)[0].title).toBe('确认已经处理好了？'))
  expect(calls('resolveReport')).toHaveLength(0)
  fireEvent.click(screen.getAllByText('办结').at(-1)!)
  expect(await screen.findByText('待确认')).toBeTruthy()
  expect(calls('resolveReport')[0][2]).toEqual({ reportId: 'r1', note: '纸箱已清走', photos: [] })
})

test('a handler merges a duplicate into a nearby report, after a question naming it', async () => {
  grid(reportView({ relation: 'handler', state: 'accepted', stateLabel: '处理中', can: ['merge'] }), {
    nearbyReports: () => ({
      ok: true,
      data: {
        items: [
          { ...nearbyItem, id: 'r1' }, // itself: never offered
          nearbyItem
        ]
      }
    }),
    mergeReport: () => ({
      ok: true,
      data: reportView({ relation: 'handler', state: 'merged', stateLabel: '已合并', mergedInto: 'r-old' })
    })
  })
  render(<ReportDetailView reportId='r1' />)
  await screen.findByText('3栋楼道堆了纸箱（3栋 · 处理中）')
  expect(screen.getAllByText('合并到另一件').filter(e => e.closest('taro-button-core'))).toHaveLength(1)
  expect(calls('nearbyReports')[0][2]).toEqual({
    category: 'clutter',
    place: { buildingId: 'b3', unitId: 'b3u2', point: null, text: '' }
  })
  fireEvent.click(screen.getAllByText('合并到另一件').find(e => e.closest('taro-button-core'))!)
  expect(await screen.findByText('这件事和另一件是同一件事，已合并到那一件')).toBeTruthy()
  expect(modal.mock.calls[0][0]).toMatchObject({
    title: '合并到这一件？',
    content: expect.stringContaining('3栋楼道堆了纸箱')
  })
  expect(calls('mergeReport')[0][2]).toEqual({ reportId: 'r1', intoId: 'r-old' })
})
