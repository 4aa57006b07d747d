import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { callAction, usePagedQuery } from '@/api'
import { hasAnyRole } from '@/core/community/caller'
import { policies } from '@/core/community/roles'
import { notificationsContract } from '@/core/notifications/notifications.contract'
import type { MarkReadInput } from '@/core/notifications/notifications.schemas'
import type { InboxItemView } from '@/core/notifications/notifications.views'
import { PageShell } from '@/components/theme/page-shell'
import { shanghaiDateTime } from '@/components/format/time'
import Button from '@/components/ui/button'
import { useRefusal } from '@/components/form/use-refusal.hook'
import { FormProblem } from '@/components/form/form-field'
import { useWhoami } from '@/features/me/use-whoami.hook'
import { LinkRow } from '@/components/nav/link-row'
import { notificationsCopy as copy } from './copy'
import { refreshUnreadBadge } from './unread-badge'
import './notifications.css'

/** 消息: my inbox, newest first, 20 at a time; tapping an item marks it read and opens it. */
export function InboxView() {
  const [unread, setUnread] = useState<number | null>(null)
  const [readIds, setReadIds] = useState<Set<string>>(new Set())
  const list = usePagedQuery(notificationsContract.inboxList, {}, { onPage: p => setUnread(p.unread) })
  const { me } = useWhoami()
  const refusal = useRefusal()

  /** `key`: 'all' for 全部已读, else the item tapped; a refusal is shown there. */
  const markRead = async (key: string, payload: MarkReadInput, ids: string[]): Promise<void> => {
    const res = await refusal.tap(key, () => callAction(notificationsContract.markRead, payload))
    if (!res.ok) return
    setReadIds(prev => new Set([...prev, ...ids]))
    setUnread(res.data.unread)
    refreshUnreadBadge(res.data.unread)
  }

  const open = (item: InboxItemView): void => {
    if (!item.read && !readIds.has(item.id)) void markRead(item.id, { ids: [item.id] }, [item.id])
    if (item.link) void Taro.navigateTo({ url: item.link })
  }

  return (
    <PageShell className='inbox'>
      <View className='inbox-head'>
        <Text className='inbox-head__count'>{unread === null ? copy.loading : copy.unreadCount(unread)}</Text>
        {unread !== null && unread > 0 && (
          <Button
            size='small'
            onClick={() =>
              void markRead(
                'all',
                { all: true },
                list.items.map(i => i.id)
              )
            }
          >
            {copy.markAllRead}
          </Button>
        )}
      </View>
      <FormProblem problem={refusal.at('all')} />
      {list.error && (
        <View className='card'>
          <Text className='status-line'>{list.error.message}</Text>
          <Button type='primary' block onClick={list.reload}>
            {copy.retry}
          </Button>
        </View>
      )}
      {!list.loading && !list.error && list.items.length === 0 && (
        <View className='card'>
          <Text className='text-soft'>{copy.empty}</Text>
        </View>
      )}
      {list.items.map(item => {
        const unreadNow = !item.read && !readIds.has(item.id)
        return (
          <View
            key={item.id}
            className={`card inbox-item${unreadNow ? ' inbox-item--unread' : ''}`}
            onClick={() => open(item)}
            data-testid='inbox-item'
          >
            <Text className='inbox-item__title'>{item.title}</Text>
            <Text className='inbox-item__body'>{item.body}</Text>
            <View className='inbox-item__meta'>
              {item.urgent && <Text className='badge badge--urgent'>{copy.urgent}</Text>}
              {unreadNow && <Text className='badge badge--unread'>{copy.unreadDot}</Text>}
              <Text className='status-line'>{shanghaiDateTime(item.createdAt)}</Text>
            </View>
            <FormProblem problem={refusal.at(item.id)} />
          </View>
        )
      })}
      {list.hasMore && (
        <Button block disabled={list.loading} onClick={list.more}>
          {list.loading ? copy.loading : copy.more}
        </Button>
      )}
      {!list.hasMore && list.items.length > 0 && <Text className='status-line'>{copy.end}</Text>}

      <Text className='section-title'>{copy.settingsTitle}</Text>
      <LinkRow label={copy.toPrefs} url='/pages/notifications/prefs' />
      {me && hasAnyRole(me, policies.workbench) && (
        <>
          <Text className='section-title'>{copy.staffTitle}</Text>
          <LinkRow label={copy.toFollowUps} url='/pages/notifications/follow-ups' />
          {hasAnyRole(me, policies.staff) && <LinkRow label={copy.toBroadcast} url='/pages/notifications/broadcast' />}
          {hasAnyRole(me, policies.staff) && <LinkRow label={copy.toOutbox} url='/pages/notifications/outbox' />}
        </>
      )}
    </PageShell>
  )
}
