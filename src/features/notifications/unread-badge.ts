import { useSyncExternalStore } from 'react'
import Taro from '@tarojs/taro'
import { callAction } from '@/api'
import { notificationsContract } from '@/core/notifications/notifications.contract'

/**
 * The unread count, shown where messages live: on the 消息 tile of 首页 and the 消息 row of 我的
 * (the inbox is a subpackage page, so it can't be a tab of its own). Earlier it was a badge on
 * the 首页 tab, which read as "something new on the home page".
 */
let unread = 0
const listeners = new Set<() => void>()

export function refreshUnreadBadge(count: number): void {
  unread = count
  listeners.forEach(l => l())
  // An older build put the count on the home tab: clear it. A page that is not a tab page (or an
  // old base library) can't touch the tab bar: not worth an error.
  try {
    Taro.removeTabBarBadge({ index: 0 }).catch(() => undefined)
  } catch {
    /* see above */
  }
}

/** The count for a badge: "3" — or "99+" past 99; null when nothing is unread. */
export function useUnreadBadge(): string | null {
  const count = useSyncExternalStore(
    subscribe,
    () => unread,
    () => unread
  )
  return count > 0 ? (count > 99 ? '99+' : String(count)) : null
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** Asks the server for the unread count and shows it; quiet on failure. */
export async function loadUnreadBadge(): Promise<number | null> {
  const res = await callAction(notificationsContract.unreadCount, {})
  if (!res.ok) return null
  const { count } = res.data
  refreshUnreadBadge(count)
  return count
}
