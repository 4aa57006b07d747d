import { render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { callFunction } from '@/api'
import { resetDisplayPrefsForTests } from '@/components/theme/display-prefs'
import { MyDataView } from './my-data-view'
import type { MyDataView as MyDataAnswer } from '@/core/staff/staff.views'

jest.mock('@tarojs/taro', () => require('../../../test/setup/taro.mock').taroMock())
jest.mock('@/api/call-function', () => ({ ...jest.requireActual('@/api/call-function'), callFunction: jest.fn() }))

const answer: MyDataAnswer = {
  generatedAt: '2026-11-23T10:00:00.000Z',
  name: '王秀兰',
  erasure: null,
  sections: [
    {
      collection: 'members',
      label: '居民登记信息',
      count: 1,
      onDelete: 'anonymise',
      why: '户籍登记按规定保留，姓名与电话已清除',
      records: [{ _id: 'hh-1-m1', householdId: 'hh-1', name: '王秀兰', relation: '户主', partyMember: false }]
    },
    {
      collection: 'audit',
      label: '操作记录',
      count: 3,
      onDelete: 'keep',
      why: '审计日志只增不改，依规保留',
      records: []
    }
  ]
}

beforeEach(() => {
  ;(Taro as unknown as { clearStorageSync: () => void }).clearStorageSync()
  resetDisplayPrefsForTests()
  ;(callFunction as jest.Mock).mockResolvedValue({ ok: true, data: answer })
})

test('我的数据 shows each kind of record in plain Chinese and what deletion will do to it', async () => {
  render(<MyDataView />)
  expect(await screen.findByText('居民登记信息')).toBeTruthy()
  expect(screen.getByText('姓名：王秀兰 · 与户主关系：户主 · 党员：否')).toBeTruthy()
  expect(screen.getByText('1 条 · 申请删除后将匿名保留（户籍登记按规定保留，姓名与电话已清除）')).toBeTruthy()
  expect(screen.getByText('3 条 · 依规保留（审计日志只增不改，依规保留）')).toBeTruthy()
  expect(screen.queryByText(/householdId|hh-1/)).toBeNull()
})
