import { fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { callFunction } from '@/api'
import { resetDisplayPrefsForTests } from '@/components/theme/display-prefs'
import { StaffHomeView } from './staff-home-view'

jest.mock('@tarojs/taro', () => require('../../../test/setup/taro.mock').taroMock())
jest.mock('@/api/call-function', () => ({ ...jest.requireActual('@/api/call-function'), callFunction: jest.fn() }))

const menu = {
  name: '刘芳',
  items: [{ key: 'dashboard', label: '数据看板', hint: '诉求 · 课堂 · 志愿 · 呼叫', page: '/pages/staff/dashboard' }]
}

beforeEach(() => {
  ;(Taro as unknown as { clearStorageSync: () => void }).clearStorageSync()
  resetDisplayPrefsForTests()
  jest.clearAllMocks()
})

function serve(todo: unknown): void {
  ;(callFunction as jest.Mock).mockImplementation(async (_fn: string, action: string) => {
    if (action === 'menu') return { ok: true, data: menu }
    if (action === 'todo') return { ok: true, data: todo }
    return { ok: false, error: { code: 'UNKNOWN_ACTION', message: '?' } }
  })
}

test('the workbench opens with 待办: what waits for me in my grid, each opening the page where it is done', async () => {
  serve({
    gridId: 'grid-1',
    rows: [
      {
        key: 'follow-ups',
        label: '需要电话联系的居民',
        count: 0,
        hint: '消息没送到，请打电话',
        page: '/pages/notifications/follow-ups'
      },
      {
        key: 'care-dispatch',
        label: '居家养老申请待派单',
        count: 2,
        hint: '受理并派给服务人员',
        page: '/pages/elder-care/staff'
      }
    ]
  })
  render(<StaffHomeView />)
  expect(await screen.findByText('待办（我的网格）')).toBeTruthy()
  const rows = await screen.findAllByTestId('todo-row')
  expect(rows).toHaveLength(1)
  expect(rows[0].textContent).toMatch(/居家养老申请待派单2 件 ›受理并派给服务人员/)
  fireEvent.click(rows[0])
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/elder-care/staff' })
})

test('nothing waiting says so, and what will show up there', async () => {
  serve({
    gridId: null,
    rows: [{ key: 'care-dispatch', label: '居家养老申请待派单', count: 0, hint: '', page: '/pages/elder-care/staff' }]
  })
  render(<StaffHomeView />)
  expect(await screen.findByText(/现在没有等您处理的事。居民的新申请/)).toBeTruthy()
  expect(screen.queryAllByTestId('todo-row')).toHaveLength(0)
})
