import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { callFunction } from '@/api'
import { InspectionChecklistView } from './inspection-checklist-view'
import { checklist, options } from './inspection.fixtures'
import { answerCalls, freshPage } from '../../../test/support/page-calls'
import { expectAtField, invalidInput, typeInto } from '../../../test/setup/form-input'

jest.mock('@tarojs/taro', () => require('../../../test/setup/taro.mock').taroMock())
jest.mock('@/api/call-function', () => ({ ...jest.requireActual('@/api/call-function'), callFunction: jest.fn() }))
jest.mock('@/api/identity', () => ({
  ...jest.requireActual('@/api/identity'),
  getPersonaOpenId: jest.fn(() => 'demo-staff')
}))

const call = callFunction as jest.Mock
const modal = (Taro as unknown as { showModal: jest.Mock }).showModal
const calls = (action: string) => call.mock.calls.filter(c => c[1] === action)

const back = jest.fn(async () => ({ errMsg: 'navigateBack:ok' }))
beforeEach(() => {
  freshPage()
  ;(Taro as unknown as { navigateBack: jest.Mock }).navigateBack = back
})

test('from a template, for a named place and its grid: asked first, then sent as typed', async () => {
  answerCalls(call, { checklistOptions: options, defineChecklist: checklist({ placeLabel: '地下车库' }) })
  render(<InspectionChecklistView />)
  fireEvent.click(await screen.findByText('每周卫生检查'))
  expect(screen.getByText('请先选择楼栋，或写上地点并选择网格')).toBeTruthy()
  fireEvent.click(screen.getByText('其他地点'))
  typeInto('placeName', '地下车库')
  fireEvent.click(screen.getByText('第一网格'))
  modal.mockResolvedValueOnce({ confirm: false, cancel: true })
  fireEvent.click(screen.getByText('保存巡检表'))
  await waitFor(() => expect(modal).toHaveBeenCalledTimes(1))
  expect(modal.mock.calls[0][0]).toMatchObject({
    title: '确定新建「每周卫生检查」吗？',
    content: '每周检查地下车库，到期前会提醒网格员。'
  })
  expect(calls('defineChecklist')).toHaveLength(0)
  fireEvent.click(screen.getByText('保存巡检表'))
  await waitFor(() => expect(calls('defineChecklist')).toHaveLength(1))
  expect(calls('defineChecklist')[0][2]).toEqual({
    title: '每周卫生检查',
    cadence: 'weekly',
    place: { name: '地下车库', gridId: 'grid-1' },
    items: [{ text: '楼道无垃圾、无杂物', category: 'hygiene' }]
  })
  await waitFor(() => expect(back).toHaveBeenCalled())
})

test('a building says whose grid checks it; the server’s refusal is shown at its field, the words kept', async () => {
  answerCalls(call, {
    checklistOptions: options,
    defineChecklist: invalidInput('payload.title', '请写上巡检表的名称（如 每周卫生检查）')
  })
  render(<InspectionChecklistView />)
  await screen.findByText('保存巡检表')
  typeInto('title', '卫生')
  fireEvent.click(screen.getByText('每月'))
  fireEvent.click(screen.getByText('4栋'))
  expect(screen.getByText('由第二网格的网格员检查')).toBeTruthy()
  typeInto('item-1', '垃圾桶干净')
  fireEvent.click(screen.getByText('环境卫生'))
  fireEvent.click(screen.getByText('保存巡检表'))
  await expectAtField('title', '巡检表名称：请写上巡检表的名称（如 每周卫生检查）')
  expect(calls('defineChecklist')[0][2]).toMatchObject({ cadence: 'monthly', place: { buildingId: 'bldg-4' } })
})
