import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { callFunction } from '@/api'
import { InspectionListView } from './inspection-list-view'
import { checklist } from './inspection.fixtures'
import type { DueRow } from './inspection-types'
import { freshPage } from '../../../test/support/page-calls'

jest.mock('@tarojs/taro', () => require('../../../test/setup/taro.mock').taroMock())
jest.mock('@/api/call-function', () => ({ ...jest.requireActual('@/api/call-function'), callFunction: jest.fn() }))
jest.mock('@/api/identity', () => ({
  ...jest.requireActual('@/api/identity'),
  getPersonaOpenId: jest.fn(() => 'demo-staff')
}))

const call = callFunction as jest.Mock
const modal = (Taro as unknown as { showModal: jest.Mock }).showModal
const calls = (action: string) => call.mock.calls.filter(c => c[1] === action)

const due = (over: Partial<DueRow>): DueRow => ({
  checklistId: 'ck1',
  title: '每周卫生检查',
  cadenceLabel: '每周',
  placeLabel: '1栋',
  gridName: '第一网格',
  period: { key: 'W2026-11-30', label: '11月30日—12月6日', daysLeft: 2 },
  status: 'soon',
  inspectionId: null,
  missed: null,
  ...over
})

function answer(roles: string[]): void {
  call.mockImplementation(async (_fn: string, action: string) => {
    if (action === 'whoami') return { ok: true, data: { registered: true, name: '赵丽', roles } }
    if (action === 'dueInspections')
      return {
        ok: true,
        data: {
          items: [
            due({}),
            due({
              checklistId: 'ck2',
              title: '地下车库安全检查',
              cadenceLabel: '每季度',
              placeLabel: '地下车库',
              status: 'due',
              period: { key: '2026Q4', label: '2026年第4季度', daysLeft: 29 },
              missed: '2026年第3季度'
            }),
            due({ checklistId: 'ck3', status: 'done', inspectionId: 'ck3:W2026-11-30' })
          ],
          cursor: null
        }
      }
    if (action === 'checklists') return { ok: true, data: { items: [checklist()], cursor: null } }
    if (action === 'retireChecklist') return { ok: true, data: checklist({ active: false, version: 2 }) }
    return { ok: false, error: { code: 'UNKNOWN_ACTION', message: '?' } }
  })
}

beforeEach(() => {
  freshPage()
  // The page's "shown again" hook: nothing to do on the first show (taro.mock has none).
  ;(Taro as unknown as { useDidShow: (f: () => void) => void }).useDidShow = () => undefined
})

test('the worker sees what is left this period, what is soon due, and last period’s miss said plainly', async () => {
  answer(['grid_worker'])
  render(<InspectionListView />)
  expect(await screen.findByText('还有 2 项没做，上期漏了 1 项')).toBeTruthy()
  expect(screen.getByText('快到期')).toBeTruthy()
  expect(screen.getByText('11月30日—12月6日 · 还剩 2 天')).toBeTruthy()
  expect(screen.getByText('上期（2026年第3季度）没有检查')).toBeTruthy()
  expect(screen.getByText('已检查')).toBeTruthy()
  // A grid worker manages no checklists.
  expect(screen.queryByTestId('checklists')).toBeNull()
  fireEvent.click(screen.getByText('地下车库安全检查'))
  expect((Taro as unknown as { navigateTo: jest.Mock }).navigateTo).toHaveBeenCalledWith({
    url: '/pages/grid/inspection?checklistId=ck2'
  })
})

test('staff retire a checklist only after saying yes, on the version they read', async () => {
  answer(['staff'])
  render(<InspectionListView />)
  await screen.findByTestId('checklists')
  modal.mockResolvedValueOnce({ confirm: false, cancel: true })
  fireEvent.click(await screen.findByText('停用'))
  await waitFor(() => expect(modal).toHaveBeenCalledTimes(1))
  expect(modal.mock.calls[0][0]).toMatchObject({
    title: '确定停用「每周卫生检查」吗？',
    content: '停用后不再提醒网格员检查，以前的巡检记录还在。'
  })
  expect(calls('retireChecklist')).toHaveLength(0)
  fireEvent.click(screen.getByText('停用'))
  expect(await screen.findByText('已停用「每周卫生检查」')).toBeTruthy()
  expect(calls('retireChecklist')[0][2]).toEqual({ checklistId: 'ck1', version: 1 })
})
