/**
 * WeChat's privacy agreement (隐私协议) flow. With `__usePrivacyCheck__` (app.config.ts), a privacy
 * API (getLocation, setClipboardData, the phone-number button…) called before the person has agreed
 * waits, and WeChat calls our onNeedPrivacyAuthorization listener with a `resolve`. We show the
 * privacy popup; its agree button (open-type="agreePrivacyAuthorization") records the consent with
 * WeChat and we resolve 'agree', so the waiting call goes on; 'disagree' makes it fail with
 * "privacy permission is not authorized", which the caller explains.
 * https://developers.weixin.qq.com/miniprogram/dev/framework/user-privacy/PrivacyAuthorize.html
 * https://developers.weixin.qq.com/miniprogram/dev/api/open-api/privacy/wx.onNeedPrivacyAuthorization.html
 */
import Taro from '@tarojs/taro'
import { useSyncExternalStore } from 'react'

type Resolve = Parameters<Parameters<typeof Taro.onNeedPrivacyAuthorization>[0]>[0]

/** The id of the popup's agree button: WeChat checks that this very button was tapped. */
export const AGREE_BUTTON_ID = 'privacy-agree'

// Several privacy calls may wait at once (two taps); one answer settles them all.
const waiting = new Set<Resolve>()
const watchers = new Set<() => void>()
let version = 0
let installed = false

const changed = (): void => {
  version++
  watchers.forEach(w => w())
}

/** Listen for WeChat's request once per app run (weapp only; H5 has no privacy APIs to gate). */
export function installPrivacyGate(): void {
  if (installed || process.env.TARO_ENV !== 'weapp' || typeof Taro.onNeedPrivacyAuthorization !== 'function') return
  installed = true
  Taro.onNeedPrivacyAuthorization(resolve => {
    waiting.add(resolve)
    // Tell WeChat the popup is on screen (it counts exposure separately from the answer).
    resolve({ event: 'exposureAuthorization' })
    changed()
  })
}

function settle(event: 'agree' | 'disagree'): void {
  for (const resolve of waiting) resolve(event === 'agree' ? { event, buttonId: AGREE_BUTTON_ID } : { event })
  waiting.clear()
  changed()
}

/** The popup's state: open while a privacy call waits for the person's answer. */
export function usePrivacyRequest(): { open: boolean; agree: () => void; disagree: () => void } {
  useSyncExternalStore(
    subscribe,
    () => version,
    () => version
  )
  return { open: waiting.size > 0, agree: () => settle('agree'), disagree: () => settle('disagree') }
}

function subscribe(watch: () => void): () => void {
  watchers.add(watch)
  return () => {
    watchers.delete(watch)
  }
}

/** Tests only: forget the listener and any waiting call. */
export function resetPrivacyGateForTests(): void {
  waiting.clear()
  installed = false
  changed()
}
