/**
 * Which community of the street the app acts in (issue 20): kept on the phone, sent with every call as the envelope's
 * `communityId` (core/shared/wire.ts). Unset: the server takes the caller's own community. The server checks the
 * caller's standing there on every call, so this only ever narrows what a caller sees.
 *
 * A change is announced to every screen's queries (use-query.hook.ts, use-paged-query.hook.ts): the community is
 * part of what each asked for, so after a switch every screen still open (the tab pages stay mounted) asks again and
 * shows the new community's data.
 */
import { useSyncExternalStore } from 'react'
import Taro from '@tarojs/taro'

const COMMUNITY_KEY = 'linli.community'
const VALID = /^[A-Za-z0-9_-]{1,64}$/

/** Kept in memory once read: queries ask on every render. undefined: not read from storage yet. */
let current: string | null | undefined
const listeners = new Set<() => void>()

export function getCommunityChoice(): string | null {
  if (current !== undefined) return current
  try {
    const v: unknown = Taro.getStorageSync(COMMUNITY_KEY)
    current = typeof v === 'string' && VALID.test(v) ? v : null
  } catch {
    current = null
  }
  return current
}

export function setCommunityChoice(communityId: string | null): void {
  if (communityId !== null && !VALID.test(communityId)) return
  if (communityId === null) Taro.removeStorageSync(COMMUNITY_KEY)
  else Taro.setStorageSync(COMMUNITY_KEY, communityId)
  const changed = communityId !== getCommunityChoice()
  current = communityId
  if (changed) for (const listener of [...listeners]) listener()
}

/** Called on every change of the choice; returns the unsubscribe. */
export function onCommunityChoice(listener: () => void): () => void {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

/** The choice, re-rendering the component when it changes (null: the caller's own community). */
export function useCommunityChoice(): string | null {
  return useSyncExternalStore(onCommunityChoice, getCommunityChoice, getCommunityChoice)
}

/** Tests start from a phone that never chose (the module keeps what it read). */
export function resetCommunityChoiceForTests(): void {
  current = undefined
}
