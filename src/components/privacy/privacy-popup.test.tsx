import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { resetDisplayPrefsForTests } from '@/components/theme/display-prefs'
import { PageShell } from '@/components/theme/page-shell'
import { resetPrivacyGateForTests } from './privacy-gate'

jest.mock('@tarojs/taro', () => require('../../../test/setup/taro.mock').taroMock())

type Listener = (resolve: jest.Mock, info: { referrer: string }) => void
const taro = Taro as unknown as Record<string, jest.Mock>
let listener: Listener | null = null

beforeEach(() => {
  process.env.TARO_ENV = 'weapp'
  resetPrivacyGateForTests()
  resetDisplayPrefsForTests()
  listener = null
  taro.onNeedPrivacyAuthorization = jest.fn((l: Listener) => {
    listener = l
  })
  taro.openPrivacyContract = jest.fn()
})
afterEach(() => {
  process.env.TARO_ENV = 'h5'
})

/** WeChat's side: a privacy API waits and asks our listener; `resolve` is how we answer. */
function wechatAsks(): jest.Mock {
  const resolve = jest.fn()
  act(() => listener?.(resolve, { referrer: 'getLocation' }))
  return resolve
}

const agreeButton = () => document.getElementById('privacy-agree') as HTMLElement

test("a privacy call waits behind a plain popup; agreeing with WeChat's button lets it go on", async () => {
  render(
    <PageShell>
      <Text>上门服务</Text>
    </PageShell>
  )
  expect(taro.onNeedPrivacyAuthorization).toHaveBeenCalledTimes(1)
  expect(screen.queryByTestId('privacy-popup')).toBeNull()

  const resolve = wechatAsks()
  expect(await screen.findByText('用之前，先跟您说清楚')).toBeTruthy()
  expect(screen.getByText(/位置：上门服务签到、签退那一刻记下到达地点/)).toBeTruthy()
  expect(resolve).toHaveBeenCalledWith({ event: 'exposureAuthorization' })
  // The agree button is WeChat's own: its open-type records the consent on the platform.
  expect(agreeButton().getAttribute('open-type') ?? (agreeButton() as unknown as { openType: string }).openType).toBe(
    'agreePrivacyAuthorization'
  )

  fireEvent.click(screen.getByText('查看《邻里隐私保护指引》'))
  expect(taro.openPrivacyContract).toHaveBeenCalled()
  fireEvent.click(screen.getByText('邻里收集什么、谁能看到、怎么删除'))
  expect(taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/staff/privacy' })

  // A second call while the popup is up: one answer settles both.
  const second = wechatAsks()
  act(() => {
    agreeButton().dispatchEvent(new Event('agreeprivacyauthorization'))
  })
  expect(resolve).toHaveBeenLastCalledWith({ event: 'agree', buttonId: 'privacy-agree' })
  expect(second).toHaveBeenLastCalledWith({ event: 'agree', buttonId: 'privacy-agree' })
  await waitFor(() => expect(screen.queryByTestId('privacy-popup')).toBeNull())
})

test('不同意 answers disagree, and the popup goes away', async () => {
  render(
    <PageShell>
      <Text>我的数据</Text>
    </PageShell>
  )
  const resolve = wechatAsks()
  fireEvent.click(await screen.findByText('不同意'))
  expect(resolve).toHaveBeenLastCalledWith({ event: 'disagree' })
  await waitFor(() => expect(screen.queryByTestId('privacy-popup')).toBeNull())
})

test('on H5 there is no privacy check to answer', () => {
  process.env.TARO_ENV = 'h5'
  render(
    <PageShell>
      <Text>首页</Text>
    </PageShell>
  )
  expect(taro.onNeedPrivacyAuthorization).not.toHaveBeenCalled()
})
