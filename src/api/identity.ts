/**
 * H5 only: which demo persona the browser acts as (dev login of the local cloud). On WeChat the
 * platform injects the caller's OPENID into every call; the client never says who it is.
 */
import Taro from '@tarojs/taro'
import { setCommunityChoice } from './community-choice'

const PERSONA_KEY = 'linli.persona'

export function getPersonaOpenId(): string | null {
  try {
    const v: unknown = Taro.getStorageSync(PERSONA_KEY)
    return typeof v === 'string' && v !== '' ? v : null
  } catch {
    return null
  }
}

/** Another person starts in their own community: the community chosen by the last one is not theirs (issue 20). */
export function setPersonaOpenId(openId: string): void {
  if (openId !== getPersonaOpenId()) setCommunityChoice(null)
  Taro.setStorageSync(PERSONA_KEY, openId)
}

export function clearPersonaOpenId(): void {
  setCommunityChoice(null)
  Taro.removeStorageSync(PERSONA_KEY)
}
