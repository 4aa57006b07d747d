import { render } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { PageShell } from './page-shell'
import { resetDisplayPrefsForTests, setElderMode } from './display-prefs'

jest.mock('@tarojs/taro', () => require('../../../test/setup/taro.mock').taroMock())

const realEnv = process.env.TARO_ENV
afterEach(() => {
  process.env.TARO_ENV = realEnv
})
beforeEach(() => {
  jest.clearAllMocks()
  ;(Taro as unknown as { clearStorageSync: () => void }).clearStorageSync()
  resetDisplayPrefsForTests()
})

function scaleOf(container: HTMLElement): string | null {
  return container.querySelector('.theme')?.getAttribute('data-text-scale') ?? null
}

test("on weapp, WeChat's font-size setting scales the tokens", () => {
  process.env.TARO_ENV = 'weapp'
  ;(Taro.getAppBaseInfo as jest.Mock).mockReturnValue({ fontSizeSetting: 20 })
  ;(Taro.getDeviceInfo as jest.Mock).mockReturnValue({ platform: 'android' })
  const { container } = render(<PageShell>hi</PageShell>)
  expect(scaleOf(container)).toBe('1.25')
})

test('on weapp, 长辈版 multiplies the WeChat setting', () => {
  process.env.TARO_ENV = 'weapp'
  ;(Taro.getAppBaseInfo as jest.Mock).mockReturnValue({ fontSizeSetting: 20 })
  setElderMode(true)
  const { container } = render(<PageShell>hi</PageShell>)
  expect(scaleOf(container)).toBe('1.56')
})

test('on H5 the browser handles it (rem): scale stays 1', () => {
  const { container } = render(<PageShell>hi</PageShell>)
  expect(scaleOf(container)).toBe('1')
  expect(Taro.getAppBaseInfo).not.toHaveBeenCalled()
})
