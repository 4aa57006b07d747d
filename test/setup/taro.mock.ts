/**
 * A stand-in for @tarojs/taro in jsdom tests. The bare package has no H5 API implementation under
 * jest (Taro.navigateTo is undefined), so the APIs our code calls are jest.fn()s here, with an
 * in-memory storage that behaves like WeChat's (missing key → '').
 *
 * Use: jest.mock('@tarojs/taro', () => require('<rel>/test/setup/taro.mock').taroMock())
 * and reach the same object through `import Taro from '@tarojs/taro'`.
 */
export function taroMock(): Record<string, unknown> {
  const actual = jest.requireActual('@tarojs/taro') as Record<string, unknown> & { default?: Record<string, unknown> }
  const store = new Map<string, unknown>()
  const api = {
    getStorageSync: jest.fn((key: string) => (store.has(key) ? store.get(key) : '')),
    setStorageSync: jest.fn((key: string, value: unknown) => {
      store.set(key, value)
    }),
    removeStorageSync: jest.fn((key: string) => {
      store.delete(key)
    }),
    clearStorageSync: jest.fn(() => store.clear()),
    navigateTo: jest.fn(async () => ({ errMsg: 'navigateTo:ok' })),
    redirectTo: jest.fn(async () => ({ errMsg: 'redirectTo:ok' })),
    reLaunch: jest.fn(async () => ({ errMsg: 'reLaunch:ok' })),
    switchTab: jest.fn(async () => ({ errMsg: 'switchTab:ok' })),
    showToast: jest.fn(async () => ({ errMsg: 'showToast:ok' })),
    showLoading: jest.fn(async () => ({ errMsg: 'showLoading:ok' })),
    hideLoading: jest.fn(async () => ({ errMsg: 'hideLoading:ok' })),
    // Answers "confirmed" unless a test says otherwise (mockResolvedValueOnce({ confirm: false })).
    showModal: jest.fn(async () => ({ errMsg: 'showModal:ok', confirm: true, cancel: false })),
    getAppBaseInfo: jest.fn(() => ({ fontSizeSetting: 16 })),
    getDeviceInfo: jest.fn(() => ({ platform: 'android' })),
    getSystemInfoSync: jest.fn(() => ({ fontSizeSetting: 16, platform: 'android' })),
    cloud: { init: jest.fn(), callFunction: jest.fn() }
  }
  return { ...actual, ...api, __esModule: true, default: { ...(actual.default ?? {}), ...api } }
}
