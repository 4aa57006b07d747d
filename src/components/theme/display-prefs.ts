/**
 * Display preferences shared by every page: 长辈版 (persisted) and the system text scale.
 * A tiny store so that flipping the switch on 我的 re-renders whichever pages are alive.
 */
import { useSyncExternalStore } from 'react'
import Taro from '@tarojs/taro'
import { systemTextScale, textScale, type FontInfo } from './text-scale'

const ELDER_KEY = 'linli.elderMode'

let elderMode: boolean | null = null
let systemScale: number | null = null
const listeners = new Set<() => void>()

function readElderMode(): boolean {
  if (elderMode === null) {
    try {
      elderMode = Taro.getStorageSync(ELDER_KEY) === true
    } catch {
      elderMode = false
    }
  }
  return elderMode
}

/** WeChat only: H5 text already follows the browser through rem. */
function readSystemScale(): number {
  if (systemScale !== null) return systemScale
  systemScale = 1
  if (process.env.TARO_ENV === 'weapp') {
    try {
      // getAppBaseInfo (base library 2.20.1+) carries fontSizeSetting though Taro's type omits it.
      const info: FontInfo =
        typeof Taro.getAppBaseInfo === 'function'
          ? {
              fontSizeSetting: (Taro.getAppBaseInfo() as FontInfo).fontSizeSetting,
              platform: Taro.getDeviceInfo?.().platform
            }
          : Taro.getSystemInfoSync()
      systemScale = systemTextScale(info)
    } catch {
      // Old base library without these APIs: keep our base size.
    }
  }
  return systemScale
}

export function setElderMode(on: boolean): void {
  elderMode = on
  try {
    Taro.setStorageSync(ELDER_KEY, on)
  } catch {
    // Storage full or unavailable: the switch still works for this session.
  }
  listeners.forEach(l => l())
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export interface DisplayPrefs {
  elderMode: boolean
  /** The multiplier for every size token (system setting × 长辈版). */
  scale: number
  setElderMode: (on: boolean) => void
}

export function useDisplayPrefs(): DisplayPrefs {
  const elder = useSyncExternalStore(subscribe, readElderMode, readElderMode)
  return { elderMode: elder, scale: textScale(readSystemScale(), elder), setElderMode }
}

/** Tests only: forget what was read so each test starts from storage. */
export function resetDisplayPrefsForTests(): void {
  elderMode = null
  systemScale = null
  listeners.clear()
}
