import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { callFunction } from '@/api'
import { resetDisplayPrefsForTests } from '@/components/theme/display-prefs'
import { pickIn, typeInto } from '../../../test/setup/form-input'
import { VisitHouseholdView } from './visit-household-view'
import { VisitsView } from './visits-view'

// useDidShow (back to the page) has no stand-in in the shared mock: a page shown once here.
jest.mock('@tarojs/taro', () => {
  const taro = require('../../../test/setup/taro.mock').taroMock()
  const useDidShow = jest.fn()
  return { ...taro, useDidShow, default: { ...taro.default, useDidShow } }
})
jest.mock('@/api/call-function', () => ({ ...jest.requireActual('@/api/call-function'), callFunction: jest.fn() }))

let roles = ['grid_worker']
let canTag = false
const calls = (action: string) => (callFunction as jest.Mock).mock.calls.filter(c => c[1] === action)

const household = {
  householdId: 'hh-1-1-101',
  door: '1栋1单元101',
  gridId: 'grid-1',
  gridName: '第一网格',
  tags: [{ key: 'alone_elder', label: '独居老人' }],
  tagNote: '',
  lastVisitAt: null,
  visitedThisQuarter: false
}
const priority = (id: string, due: 'overdue' | 'today' | 'soon', door: string) => ({
  householdId: id,
  door,
  gridName: '第一网格',
  tags: [{ key: 'alone_elder', label: '独居老人' }],
  tagNote: '',
  cadence: '每周',
  lastVisitAt: null,
  dueLabel: '12月3日 周四',
  due
})

beforeEach(() => {
  ;(Taro as unknown as { clearStorageSync: () => void }).clearStorageSync()
  resetDisplayPrefsForTests()
  jest.clearAllMocks()
  roles = ['grid_worker']
  canTag = false
  ;(callFunction as jest.Mock).mockImplementation(async (_fn: string, action: string, payload: any) => {
    if (action === 'whoami') return { ok: true, data: { registered: true, name: '王网格', roles } }
    if (action === 'householdCare')
      return { ok: true, data: { household, cadence: '每周', dueLabel: '12月3日 周四', canVisit: true, canTag } }
    if (action === 'householdVisits') return { ok: true, data: { items: [], cursor: null } }
    if (action === 'priorityHouseholds')
      return {
        ok: true,
        data: {
          items: [priority('hh-a', 'overdue', '1栋1单元101'), priority('hh-b', 'soon', '1栋2单元302')],
          cursor: 'x'
        }
      }
    if (action === 'logVisit')
      return {
        ok: true,
        data: {
          id: 'visit-1',
          householdId: payload.householdId,
          door: household.door,
          purpose: payload.purpose,
          purposeLabel: '关爱慰问',
          notes: payload.notes,
          at: new Date().toISOString(),
          workerName: '王网格',
          followUp: null,
          canFollowUp: false
        }
      }
    if (action === 'setHouseholdTags')
      return { ok: true, data: { household, cadence: '每月', dueLabel: null, canVisit: true, canTag: true } }
    return { ok: false, error: { code: 'UNKNOWN_ACTION', message: '?' } }
  })
})

test('the priority list leads with the overdue household, says so, pages on, and opens a household', async () => {
  render(<VisitsView />)
  const rows = await screen.findAllByTestId('visit-row')
  expect(rows.map(r => within(r).getAllByText(/栋/)[0].textContent)).toEqual(['1栋1单元101', '1栋2单元302'])
  expect(within(rows[0]).getByText('已逾期')).toBeTruthy()
  expect(within(rows[1]).queryByText('已逾期')).toBeNull()
  expect(screen.getByText('加载更多')).toBeTruthy()
  fireEvent.click(rows[0])
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/grid/visit?householdId=hh-a' })
  // Staff's tab to tag any household is not the grid worker's.
  expect(screen.queryByText('全部住户')).toBeNull()
})

test('logging a visit needs a purpose, asks first, and sends the follow-up with its date', async () => {
  render(<VisitHouseholdView householdId='hh-1-1-101' />)
  expect(await screen.findByText('1栋1单元101')).toBeTruthy()
  expect(screen.getByText('请先选走访目的')).toBeTruthy()
  // A grid worker reads the tags but may not change them.
  expect(screen.queryByTestId('visit-tag-editor')).toBeNull()
  fireEvent.click(screen.getByRole('radio', { name: '关爱慰问' }))
  typeInto('visit-notes', '老人身体不错')
  fireEvent.click(screen.getByRole('switch', { name: '有需要跟进的事' }))
  typeInto('visit-follow-note', '帮忙申请助餐')
  expect(screen.getByText('请选择跟进的截止日期')).toBeTruthy()
  pickIn('visit-follow-date', '2026-12-20')
  ;(Taro.showModal as jest.Mock).mockResolvedValueOnce({ confirm: false, cancel: true })
  fireEvent.click(screen.getByText('登记走访'))
  await waitFor(() =>
    expect(Taro.showModal).toHaveBeenCalledWith(
      expect.objectContaining({ title: '登记这次走访？', content: '1栋1单元101 · 关爱慰问' })
    )
  )
  expect(calls('logVisit')).toHaveLength(0)
  fireEvent.click(screen.getByText('登记走访'))
  await waitFor(() => expect(calls('logVisit')).toHaveLength(1))
  expect(calls('logVisit')[0][2]).toMatchObject({
    householdId: 'hh-1-1-101',
    purpose: 'care',
    notes: '老人身体不错',
    followUp: { note: '帮忙申请助餐', dueDate: '2026-12-20' }
  })
})

test('staff set a household’s tags after a question saying what they mean', async () => {
  roles = ['staff']
  canTag = true
  render(<VisitHouseholdView householdId='hh-1-1-101' />)
  const editor = await screen.findByTestId('visit-tag-editor')
  fireEvent.click(within(editor).getByRole('checkbox', { name: '低保（每月）' }))
  fireEvent.click(within(editor).getByRole('checkbox', { name: '独居老人（每周）' }))
  fireEvent.click(within(editor).getByText('保存标签'))
  await waitFor(() =>
    expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: expect.stringContaining('低保') }))
  )
  await waitFor(() => expect(calls('setHouseholdTags')).toHaveLength(1))
  expect(calls('setHouseholdTags')[0][2]).toMatchObject({ householdId: 'hh-1-1-101', tags: ['dibao'] })
})
