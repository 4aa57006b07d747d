import Taro from '@tarojs/taro'
import { saveText } from './save-file'

jest.mock('@tarojs/taro', () => require('../../../test/setup/taro.mock').taroMock())

const taro = Taro as unknown as Record<string, jest.Mock>
beforeEach(() => {
  process.env.TARO_ENV = 'weapp'
  taro.showModal = jest.fn()
})
afterEach(() => {
  process.env.TARO_ENV = 'h5'
})

test('on WeChat text is copied to the clipboard', async () => {
  taro.setClipboardData = jest.fn(async () => ({ errMsg: 'setClipboardData:ok' }))
  expect(await saveText('我的数据.json', '{}', 'application/json')).toBe('copied')
  expect(taro.setClipboardData).toHaveBeenCalledWith({ data: '{}' })
})

test('a declined privacy popup means nothing was copied, and the person is told why', async () => {
  taro.setClipboardData = jest.fn(async () => {
    throw { errMsg: 'setClipboardData:fail privacy permission is not authorized' }
  })
  expect(await saveText('我的数据.json', '{}', 'application/json')).toBe('not-copied')
  expect(taro.showModal).toHaveBeenCalledWith(
    expect.objectContaining({ title: '没有复制', content: expect.stringContaining('隐私保护指引') })
  )
})
