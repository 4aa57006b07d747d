import { useDidShow } from '@tarojs/taro'
import { MeView } from '@/features/me/me-view'
import { loadUnreadBadge } from '@/features/notifications/unread-badge'

export default function MePage() {
  // The 消息 row carries the unread count: it catches up each time 我的 shows.
  useDidShow(() => {
    void loadUnreadBadge()
  })
  return <MeView />
}
