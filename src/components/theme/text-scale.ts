/**
 * How much bigger than our base size text should be, from WeChat's own font-size setting
 * (我 › 设置 › 通用 › 字体大小).
 *
 * Why not page-meta's root-font-size="system": in Taro React, <PageMeta> is not emitted as the
 * page's first WXML node (NervJS/taro#7789, #14471, #16900), so WeChat ignores it. Reading
 * fontSizeSetting and scaling our rem tokens through --text-scale works with plain CSS variables.
 */

/** 长辈版 multiplies whatever the system asks for by this. */
export const ELDER_FACTOR = 1.25

/** fontSizeSetting reported at WeChat's default size (iOS reports 17, Android 16). */
const DEFAULT_SETTING = { ios: 17, other: 16 } as const

/** Never shrink below our base (it is already sized for older readers), never blow up layouts. */
const MIN_SCALE = 1
const MAX_SCALE = 1.5

export interface FontInfo {
  /** px, as WeChat reports it; undefined off weapp or on old base libraries. */
  fontSizeSetting?: number
  platform?: string
}

export function systemTextScale(info: FontInfo | undefined): number {
  const setting = info?.fontSizeSetting
  if (typeof setting !== 'number' || !Number.isFinite(setting) || setting <= 0) return 1
  const base = info?.platform === 'ios' ? DEFAULT_SETTING.ios : DEFAULT_SETTING.other
  const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, setting / base))
  return Math.round(scale * 100) / 100
}

export function textScale(system: number, elderMode: boolean): number {
  return Math.round(system * (elderMode ? ELDER_FACTOR : 1) * 100) / 100
}
