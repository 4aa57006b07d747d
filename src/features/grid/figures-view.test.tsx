import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { saveText } from '@/components/files/save-file'
import { callFunction } from '@/api'
import { shanghaiInstant } from '@/core/shared/shanghai-time'
import { FiguresView, shiftMonth } from './figures-view'
import { figures } from './inspection.fixtures'
import { freshPage } from '../../../test/support/page-calls'

jest.mock('@tarojs/taro', () => require('../../../test/setup/taro.mock').taroMock())
jest.mock('@/api/call-function', () => ({ ...jest.requireActual('@/api/call-function'), callFunction: jest.fn() }))
jest.mock('@/components/files/save-file', () => ({ saveText: jest.fn(async () => 'copied') }))
jest.mock('@/api/identity', () => ({
  ...jest.requireActual('@/api/identity'),
  getPersonaOpenId: jest.fn(() => 'demo-staff')
}))

const call = callFunction as jest.Mock
const calls = (action: string) => call.mock.calls.filter(c => c[1] === action)
const TODAY = shanghaiInstant('2026-12-03', '10:00')

beforeEach(freshPage)

function answer(extra: Record<string, (payload: any) => unknown> = {}): void {
  call.mockImplementation(async (_fn: string, action: string, payload: any) => {
    if (extra[action]) return extra[action](payload)
    if (action === 'gridFigures')
      return { ok: true, data: figures({ month: payload.month, monthLabel: `${payload.month} 月` }) }
    return { ok: false, error: { code: 'UNKNOWN_ACTION', message: '?' } }
  })
}

test('shiftMonth crosses a year both ways', () => {
  expect(shiftMonth('2026-01', -1)).toBe('2025-12')
  expect(shiftMonth('2026-12', 1)).toBe('2027-01')
})

test('this month’s figures, large; the unconfirmed closes are their own figure, never counted as solved', async () => {
  answer()
  render(<FiguresView today={TODAY} />)
  expect(await screen.findByText('6 件')).toBeTruthy()
  expect(calls('gridFigures')[0][2]).toEqual({ month: '2026-12' })
  const unconfirmed = screen.getByTestId('figure-unconfirmed')
  expect(unconfirmed.textContent).toContain('超时未确认、自动办结')
  expect(unconfirmed.textContent).toContain('1 件')
  expect(unconfirmed.textContent).toContain('这些不算“已解决”')
  expect(unconfirmed.textContent).toContain('居民确认已解决 2 件')
  expect(screen.getByTestId('figure-response').textContent).toContain('40%')
  expect(screen.getByTestId('figure-response').textContent).toContain('2 / 5 件')
  expect(screen.getByTestId('figure-resolution').textContent).toContain('20%')
  expect(screen.getByTestId('figure-reopen').textContent).toContain('33.3%')
  expect(screen.getByTestId('figure-satisfaction').textContent).toContain('4 星')
  expect(screen.getByTestId('figure-satisfaction').textContent).toContain('3 件办结里 2 件有评价')
  expect(screen.getByTestId('figure-grids').textContent).toContain('5 件 · 超时 2 件')
})

test('nothing due yet reads 暂无, never 0%', async () => {
  answer({
    gridFigures: p => ({
      ok: true,
      data: figures({
        month: p.month,
        reports: 0,
        response: { num: 0, den: 0, percent: null },
        satisfaction: { averageStars: null, rated: { num: 0, den: 0, percent: null } }
      })
    })
  })
  render(<FiguresView today={TODAY} />)
  await screen.findByTestId('figure-response')
  expect(screen.getByTestId('figure-response').textContent).toContain('暂无')
  expect(screen.getByTestId('figure-response').textContent).not.toContain('0%')
  expect(screen.getByTestId('figure-satisfaction').textContent).toContain('暂无')
  expect(screen.getByText('本月没有报事，不用导出。')).toBeTruthy()
})

test('the month steps back, and not past this month', async () => {
  answer()
  render(<FiguresView today={TODAY} />)
  await screen.findByTestId('figures')
  fireEvent.click(screen.getByText('‹ 上个月'))
  await waitFor(() => expect(calls('gridFigures').at(-1)![2]).toEqual({ month: '2026-11' }))
  fireEvent.click(screen.getByText('下个月 ›'))
  await waitFor(() => expect(calls('gridFigures').at(-1)![2]).toEqual({ month: '2026-12' }))
  // This month is the last: the next month's button does nothing.
  fireEvent.click(screen.getByText('下个月 ›'))
  await new Promise(r => setTimeout(r, 50))
  expect(calls('gridFigures').map(c => c[2].month)).not.toContain('2027-01')
})

test('the Open311 export reads the month chunk by chunk and hands the JSON over', async () => {
  const request = (id: string) => ({
    service_request_id: id,
    status: 'open',
    status_notes: '处理中',
    service_name: '环境卫生',
    service_code: 'hygiene',
    description: '楼道有垃圾',
    agency_responsible: '春晖社区 第一网格',
    requested_datetime: '2026-12-01T09:00:00+08:00',
    updated_datetime: '2026-12-01T09:00:00+08:00',
    address: '春晖社区 1栋'
  })
  answer({
    open311Requests: p => ({
      ok: true,
      data: p.cursor
        ? { month: p.month, total: 2, requests: [request('r2')], cursor: null }
        : { month: p.month, total: 2, requests: [request('r1')], cursor: 'c1' }
    })
  })
  render(<FiguresView today={TODAY} />)
  await screen.findByTestId('open311')
  fireEvent.click(screen.getByText('导出本月报事'))
  expect(await screen.findByText('已复制 2 件报事的数据，可以粘贴发送')).toBeTruthy()
  expect(calls('open311Requests').map(c => c[2])).toEqual([
    { month: '2026-12', cursor: null },
    { month: '2026-12', cursor: 'c1' }
  ])
  const [[fileName, text, mime]] = (saveText as jest.Mock).mock.calls
  expect([fileName, mime]).toEqual(['open311-requests-2026-12.json', 'application/json'])
  const json = JSON.parse(text)
  expect(json.map((r: { service_request_id: string }) => r.service_request_id)).toEqual(['r1', 'r2'])
})
