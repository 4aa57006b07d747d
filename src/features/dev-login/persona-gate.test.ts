import Taro from '@tarojs/taro'
import { pickerUrl, safeBack, sendToPickerWithoutPersona } from './persona-gate'

jest.mock('@tarojs/taro', () => require('../../../test/setup/taro.mock').taroMock())

beforeEach(() => {
  ;(Taro as unknown as { clearStorageSync: () => void }).clearStorageSync()
})

function at(hash: string) {
  const hist = { state: null, replaceState: jest.fn() }
  const moved = sendToPickerWithoutPersona({ hash, pathname: '/', search: '' }, hist)
  return { moved, to: hist.replaceState.mock.calls[0]?.[2] as string | undefined }
}

test('a deep link without a persona goes to the picker, carrying the link', () => {
  expect(at('#/pages/notifications/index')).toEqual({
    moved: true,
    to: `/#/pages/dev-login/index?back=${encodeURIComponent('/pages/notifications/index')}`
  })
  expect(at('#/pages/service-card/item?id=item-dibao').to).toBe(
    `/#/pages/dev-login/index?back=${encodeURIComponent('/pages/service-card/item?id=item-dibao')}`
  )
  // The bare address and home need no way back: the picker goes home anyway.
  expect(at('').to).toBe('/#/pages/dev-login/index')
  expect(at('#/pages/home/index').to).toBe('/#/pages/dev-login/index')
})

test('nothing moves once a persona is picked, nor on the picker itself', () => {
  expect(at('#/pages/dev-login/index').moved).toBe(false)
  Taro.setStorageSync('linli.persona', 'demo-resident')
  expect(at('#/pages/notifications/index').moved).toBe(false)
})

test('the way back only leads to a page of this app', () => {
  expect(safeBack(encodeURIComponent('/pages/classes/index?termId=t1'))).toBe('/pages/classes/index?termId=t1')
  expect(safeBack('https://example.com/')).toBeNull()
  expect(safeBack('//evil/pages/x/y')).toBeNull()
  expect(safeBack('/pages/dev-login/index')).toBeNull()
  expect(safeBack('%E0%A4%A')).toBeNull()
  expect(safeBack(undefined)).toBeNull()
  expect(pickerUrl('javascript:alert(1)')).toBe('/pages/dev-login/index')
})
