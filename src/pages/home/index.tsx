import { useDidShow } from '@tarojs/taro'
import { HomeView } from '@/features/home/home-view'
import { loadUnreadBadge } from '@/features/notifications/unread-badge'

export default function HomePage() {
  // Each time home shows, the tab's badge catches up with messages that came meanwhile.
  useDidShow(() => {
    void loadUnreadBadge()
  })
  return <HomeView />
}
