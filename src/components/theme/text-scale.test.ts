import { systemTextScale, textScale } from './text-scale'

test('WeChat at its default size keeps our base size', () => {
  expect(systemTextScale({ fontSizeSetting: 17, platform: 'ios' })).toBe(1)
  expect(systemTextScale({ fontSizeSetting: 16, platform: 'android' })).toBe(1)
})

test('a larger WeChat font setting scales text up, within limits', () => {
  expect(systemTextScale({ fontSizeSetting: 20, platform: 'android' })).toBe(1.25)
  expect(systemTextScale({ fontSizeSetting: 21, platform: 'ios' })).toBe(1.24)
  expect(systemTextScale({ fontSizeSetting: 40, platform: 'ios' })).toBe(1.5)
})

test('a smaller setting or no information never shrinks below the base', () => {
  expect(systemTextScale({ fontSizeSetting: 12, platform: 'ios' })).toBe(1)
  expect(systemTextScale({})).toBe(1)
  expect(systemTextScale(undefined)).toBe(1)
  expect(systemTextScale({ fontSizeSetting: Number.NaN })).toBe(1)
})

test('长辈版 multiplies the system scale', () => {
  expect(textScale(1, true)).toBe(1.25)
  expect(textScale(1.2, true)).toBe(1.5)
  expect(textScale(1.2, false)).toBe(1.2)
})
