import Taro from '@tarojs/taro'
import { callFunction } from '@/api'

/** The home tab (where the 消息 tile is) carries the unread count, so it is seen from anywhere. */
const HOME_TAB = 0

export function refreshUnreadBadge (count: number): void {
  // A page that is not a tab page (or an old base library) can't set the badge: not worth an error.
  const quiet = (call: () => Promise<unknown>): void => { try { call().catch(() => undefined) } catch { /* see above */ } }
  if (count > 0) quiet(async () => await Taro.setTabBarBadge({ index: HOME_TAB, text: count > 99 ? '99+' : String(count) }))
  else quiet(async () => await Taro.removeTabBarBadge({ index: HOME_TAB }))
}

/** Asks the server for the unread count and shows it on the tab; quiet on failure. */
export async function loadUnreadBadge (): Promise<number | null> {
  const res = await callFunction<{ count: number }>('notifications', 'unreadCount', {})
  if (!res.ok) return null
  const count = Number(res.data?.count ?? 0)
  refreshUnreadBadge(count)
  return count
}
