import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { callFunction } from '@/api'
import { InspectionFormView } from './inspection-form-view'
import { formData, recorded } from './inspection.fixtures'
import { answerCalls, freshPage } from '../../../test/support/page-calls'
import { buttonTexts, expectAtField, typeInto } from '../../../test/setup/form-input'

jest.mock('@tarojs/taro', () => require('../../../test/setup/taro.mock').taroMock())
jest.mock('@/api/call-function', () => ({ ...jest.requireActual('@/api/call-function'), callFunction: jest.fn() }))
jest.mock('@/api/identity', () => ({
  ...jest.requireActual('@/api/identity'),
  getPersonaOpenId: jest.fn(() => 'demo-grid-worker')
}))

const call = callFunction as jest.Mock
const modal = (Taro as unknown as { showModal: jest.Mock }).showModal
const calls = (action: string) => call.mock.calls.filter(c => c[1] === action)

beforeEach(freshPage)

test('each item must be chosen before the form can be sent, and the page says how many are left', async () => {
  answerCalls(call, { inspectionForm: formData(), inspections: { items: [], cursor: null } })
  render(<InspectionFormView checklistId='ck1' />)
  expect(await screen.findByText('本期：11月30日—12月6日（还剩 4 天）')).toBeTruthy()
  expect(screen.getByText('还有 2 项没选')).toBeTruthy()
  fireEvent.click(screen.getByLabelText('楼道无垃圾、无杂物合格'))
  expect(screen.getByText('还有 1 项没选')).toBeTruthy()
  expect(calls('recordInspection')).toHaveLength(0)
})

test('a failed item asks what was seen, and sending asks first, saying it becomes a report for the grid', async () => {
  answerCalls(call, {
    inspectionForm: formData(),
    inspections: { items: [], cursor: null },
    recordInspection: recorded()
  })
  render(<InspectionFormView checklistId='ck1' />)
  await screen.findByText('消防通道畅通', { exact: false })
  fireEvent.click(screen.getByLabelText('楼道无垃圾、无杂物合格'))
  fireEvent.click(screen.getByLabelText('消防通道畅通不合格'))
  // Without a word of what was seen: said at the field, nothing asked, nothing sent.
  fireEvent.click(screen.getByText('提交巡检结果'))
  await expectAtField('note-i2', '不合格的项请写明看到了什么')
  expect(modal).not.toHaveBeenCalled()

  typeInto('note-i2', '一楼堆了电动车')
  modal.mockResolvedValueOnce({ confirm: false, cancel: true })
  fireEvent.click(screen.getByText('提交巡检结果'))
  await waitFor(() => expect(modal).toHaveBeenCalledTimes(1))
  expect(modal.mock.calls[0][0]).toMatchObject({
    title: '有 1 项不合格，确定提交吗？',
    content: '每个不合格项会生成一条报事，交给第一网格处理。提交后不能再改。'
  })
  expect(calls('recordInspection')).toHaveLength(0)

  fireEvent.click(screen.getByText('提交巡检结果'))
  expect(await screen.findByText('本期（11月30日—12月6日）已检查')).toBeTruthy()
  expect(calls('recordInspection')[0][2]).toEqual({
    checklistId: 'ck1',
    results: [
      { key: 'i1', passed: true, note: '' },
      { key: 'i2', passed: false, note: '一楼堆了电动车' }
    ]
  })
  // The failure's report is a tap away.
  fireEvent.click(screen.getByText('已生成报事，点击查看 ›'))
  expect((Taro as unknown as { navigateTo: jest.Mock }).navigateTo).toHaveBeenCalledWith({
    url: '/pages/grid/report-detail?id=rpt-1'
  })
})

test('all passed: the question says so, with no report made', async () => {
  answerCalls(call, {
    inspectionForm: formData(),
    inspections: { items: [], cursor: null },
    recordInspection: recorded({ failed: 0 })
  })
  render(<InspectionFormView checklistId='ck1' />)
  await screen.findByText('提交巡检结果')
  fireEvent.click(screen.getByLabelText('楼道无垃圾、无杂物合格'))
  fireEvent.click(screen.getByLabelText('消防通道畅通合格'))
  fireEvent.click(screen.getByText('提交巡检结果'))
  await waitFor(() => expect(calls('recordInspection')).toHaveLength(1))
  expect(modal.mock.calls[0][0]).toMatchObject({ title: '确定提交本期巡检结果吗？' })
})

test('a period already done shows its record, not the form', async () => {
  answerCalls(call, { inspectionForm: formData({ done: recorded() }), inspections: { items: [], cursor: null } })
  render(<InspectionFormView checklistId='ck1' />)
  expect(await screen.findByText('本期（11月30日—12月6日）已检查')).toBeTruthy()
  expect(screen.getByText('网格员 刘老师 · 12月3日 周四 10:00 · 1 项不合格')).toBeTruthy()
  expect(buttonTexts()).not.toContain('提交巡检结果')
})

test('someone else recorded this period meanwhile: their record is shown instead of the form', async () => {
  let done = false
  call.mockImplementation(async (_fn: string, action: string) => {
    if (action === 'inspectionForm') return { ok: true, data: formData(done ? { done: recorded() } : {}) }
    if (action === 'inspections') return { ok: true, data: { items: [], cursor: null } }
    done = true
    return { ok: false, error: { code: 'ALREADY_INSPECTED', message: '本期已由网格员 刘老师检查过，不用再填' } }
  })
  render(<InspectionFormView checklistId='ck1' />)
  await screen.findByText('提交巡检结果')
  fireEvent.click(screen.getByLabelText('楼道无垃圾、无杂物合格'))
  fireEvent.click(screen.getByLabelText('消防通道畅通合格'))
  fireEvent.click(screen.getByText('提交巡检结果'))
  expect(await screen.findByText('本期（11月30日—12月6日）已检查')).toBeTruthy()
})
