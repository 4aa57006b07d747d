/**
 * Which community of the street the app acts in (issue 20): kept on the phone, sent with every call as the envelope's
 * `communityId` (core/shared/wire.ts). Unset: the server takes the caller's own community. The server checks the
 * caller's standing there on every call, so this only ever narrows what a caller sees.
 */
import Taro from '@tarojs/taro'

const COMMUNITY_KEY = 'linli.community'

export function getCommunityChoice(): string | null {
  try {
    const v: unknown = Taro.getStorageSync(COMMUNITY_KEY)
    return typeof v === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(v) ? v : null
  } catch {
    return null
  }
}

export function setCommunityChoice(communityId: string | null): void {
  if (communityId === null) Taro.removeStorageSync(COMMUNITY_KEY)
  else Taro.setStorageSync(COMMUNITY_KEY, communityId)
}
