import { fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { resetDisplayPrefsForTests } from '@/components/theme/display-prefs'
import { PrivacyView } from './privacy-view'

jest.mock('@tarojs/taro', () => require('../../../test/setup/taro.mock').taroMock())

const taro = Taro as unknown as Record<string, jest.Mock>
beforeEach(() => {
  resetDisplayPrefsForTests()
  jest.clearAllMocks()
  taro.openSetting = jest.fn()
})
afterEach(() => {
  process.env.TARO_ENV = 'h5'
})

test('says in plain words what is collected, why, who sees it, and leads to export or deletion', () => {
  render(<PrivacyView />)
  expect(screen.getAllByTestId('privacy-section').map(s => s.querySelector('.staff-row__title')?.textContent)).toEqual([
    '我们收集什么、为什么',
    '谁能看到',
    '存在哪里',
    '怎样导出或删除'
  ])
  expect(screen.getByText(/位置：只在上门服务签到、签退的那一刻记下/)).toBeTruthy()
  expect(screen.getByText(/孩子的信息（四点半课堂）：只有监护人同意后才登记/)).toBeTruthy()
  expect(screen.getByText(/每一次查看完整电话、地址，每一次修改，都会留下记录/)).toBeTruthy()
  fireEvent.click(screen.getByText('去「我的数据」导出或删除'))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/staff/my-data' })
  // WeChat's authorisation settings exist only in the weapp.
  expect(screen.queryByText('管理位置等授权')).toBeNull()
})

test('in WeChat, the location permission can be turned off from here', () => {
  process.env.TARO_ENV = 'weapp'
  render(<PrivacyView />)
  fireEvent.click(screen.getByText('管理位置等授权'))
  expect(taro.openSetting).toHaveBeenCalled()
})
