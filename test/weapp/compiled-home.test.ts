/**
 * The compiled home page on a resident's phone whose WeChat font is set large: it calls
 * wx.cloud.callFunction('community', { action: 'home' }) once the cloud is initialised, renders the
 * answer through Taro's WXML templates and the WeChat-native call-card, reveals and dials a
 * contact's number only on a tap, and remembers the home for an instant next open.
 */
import { useWeappCloud } from './weapp-cloud'
import { waitFor } from './weapp-runtime'

jest.setTimeout(60_000)
const cloud = useWeappCloud()

test("the home page shows the resident's community and dials a contact on a tap", async () => {
  const app = cloud.launch('demo-resident', { fontSizeSetting: 20 })
  const page = app.open('pages/home/index')
  await page.waitForText('王秀兰，您好')
  expect(app.calledApi('cloud.init')).toEqual([[{ traceUser: true }]])
  expect(app.cloudCalls.find(c => c.data.action === 'home')).toMatchObject({
    name: 'community',
    data: { action: 'home', payload: {} }
  })
  await page.waitForText('021-0000-8000')

  // Contacts render through the WeChat-native call-card component, numbers masked…
  const card = page.node.querySelector('#contact-0')
  expect(card?.querySelector('.call-card__title')?.dom?.textContent).toBe('网格员')
  expect(card?.querySelector('.call-card__name')?.dom?.textContent).toBe('刘海燕')
  expect(card?.querySelector('.call-card__number')?.dom?.textContent).toBe('140****0581')
  // …whose `call` event reaches React: the full number is asked for (and logged) only on a tap,
  // then the dialer opens with it.
  card?.querySelector('.call-card__name')?.dispatchEvent('tap')
  await waitFor(
    () => expect(app.calledApi('makePhoneCall')).toEqual([[expect.objectContaining({ phoneNumber: '14000000581' })]]),
    5000
  )
  expect(app.cloudCalls.find(c => c.data.action === 'callContact')?.data.payload).toEqual({ title: '网格员' })

  // WeChat's font setting (20px) reaches the tokens: scale 1.25 on the page root.
  expect(page.all('.theme')[0]?.getAttribute('style')).toMatch(/--text-scale:\s*1\.25/)
  // The successful home is remembered for an instant next open.
  expect(app.calledApi('setStorageSync').find(([k]) => k === 'linli.home.v1.me')?.[1]).toMatchObject({
    home: { me: { name: '王秀兰' } }
  })
  expect(app.errors).toEqual([])
})

test('an elder gets the short home, 一键呼叫 first, and a tap opens the SOS page', async () => {
  const app = cloud.launch('demo-elder')
  const page = app.open('pages/home/index')
  await page.waitForText('一键呼叫')
  await page.waitForText('助餐')
  const text = page.text()
  const at = (s: string): number => text.indexOf(s)
  expect(at('一键呼叫')).toBeLessThan(at('打电话给网格员'))
  expect(at('打电话给网格员')).toBeLessThan(at('助餐（订饭）'))
  expect(at('助餐（订饭）')).toBeLessThan(at('我的服务（上门服务）'))
  expect(text).not.toContain('即将开放') // the tile grid is one tap further
  await page.tapOn('.elder-home__sos')
  await app.waitForPage('pages/elder-care/sos')
  expect(app.errors).toEqual([])
})
