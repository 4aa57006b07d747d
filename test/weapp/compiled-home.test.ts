/**
 * Smoke test of the real weapp build: the compiled home page, in miniprogram-simulate, calls
 * wx.cloud.callFunction('community', { action: 'home' }) and renders the answer through Taro's
 * WXML templates and the native call-card. Skipped when there is no build (CI builds weapp first).
 */
import fs from 'fs'
import path from 'path'
import { residentHome } from '../../src/features/home/home.fixtures'
import { installWx, loadTaroPage, outDir, waitFor } from './taro-weapp-harness'

const built = fs.existsSync(path.join(outDir, 'app.js'))
if (!built) {
  console.warn('test/weapp/compiled-home.test.ts skipped: no miniprogram/app.js. Run `npm run build:weapp` first.')
}

;(built ? test : test.skip)('compiled home page renders the community home from wx.cloud', async () => {
  const storage = new Map<string, unknown>()
  const answers: Record<string, unknown> = {
    home: { ...residentHome, tiles: [...residentHome.tiles, { key: 'notifications', title: '消息', subtitle: '通知与提醒', available: true }] },
    callContact: { name: '刘海燕', phone: '13800000003' },
    unreadCount: { count: 3 }
  }
  const callFunction = jest.fn(async ({ data }: { data: { action: string } }) => ({ errMsg: 'cloud.callFunction:ok', result: { ok: true, data: answers[data.action] } }))
  const init = jest.fn()
  const makePhoneCall = jest.fn()
  const setTabBarBadge = jest.fn()
  installWx({
    cloud: { init, callFunction },
    getStorageSync: (k: string) => (storage.has(k) ? storage.get(k) : ''),
    setStorageSync: (k: string, v: unknown) => { storage.set(k, v) },
    getAppBaseInfo: () => ({ fontSizeSetting: 20 }),
    getDeviceInfo: () => ({ platform: 'android' }),
    showToast: jest.fn(),
    makePhoneCall,
    setTabBarBadge,
    removeTabBarBadge: jest.fn()
  })

  const page = loadTaroPage('pages/home/index')

  await waitFor(() => expect(page.dom?.textContent).toContain('王秀兰，您好'))
  expect(init).toHaveBeenCalledWith({ traceUser: true })
  expect(callFunction).toHaveBeenCalledWith({ name: 'community', data: { action: 'home', payload: {} } })

  const text = page.dom?.textContent ?? ''
  expect(text).toContain('021-5555 0100')
  expect(text).toContain('即将开放')
  // Contacts render through the WeChat-native call-card component…
  const card = page.querySelector('#contact-0')
  expect(card?.querySelector('.call-card__name')?.dom?.textContent).toBe('刘海燕')
  expect(card?.querySelector('.call-card__number')?.dom?.textContent).toBe('138****0003')
  expect(page.querySelector('#contact-2')?.querySelector('.call-card__title')?.dom?.textContent).toBe('单元长')
  // …whose `call` event reaches React: the full number is asked for (and logged) only on a tap,
  // then the dialer opens with it.
  card?.querySelector('.call-card__name')?.dispatchEvent('tap')
  await waitFor(() => expect(makePhoneCall).toHaveBeenCalledWith(expect.objectContaining({ phoneNumber: '13800000003' })))
  expect(callFunction).toHaveBeenCalledWith({ name: 'community', data: { action: 'callContact', payload: { title: '网格员' } } })
  // The 消息 tile shows the unread messages (not the home tab: that read as "news on 首页").
  await waitFor(() => expect(page.querySelector('.tile__badge')?.dom?.textContent).toBe('3 条未读'))
  expect(setTabBarBadge).not.toHaveBeenCalled()
  // WeChat's font setting (20px on Android) reaches the tokens: scale 1.25 on the page root.
  expect(page.querySelector('.theme')?.dom?.getAttribute('style')).toMatch(/--text-scale:\s*1\.25/)
  // The successful home is remembered for an instant next open.
  expect(storage.get('linli.home.v1.me')).toMatchObject({ home: { me: { name: '王秀兰' } } })
})
