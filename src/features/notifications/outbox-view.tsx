import { View, Text } from '@tarojs/components'
import { usePagedQuery } from '@/api'
import { notificationsContract } from '@/core/notifications/notifications.contract'
import { PageShell } from '@/components/theme/page-shell'
import { shanghaiDateTime } from '@/components/format/time'
import Button from '@/components/ui/button'
import { notificationsCopy as copy } from './copy'
import './notifications.css'

/** Staff: the subscribe messages the offline sender "sent", exactly as WeChat would get them. */
export function OutboxView() {
  const list = usePagedQuery(notificationsContract.outboxList, {})
  return (
    <PageShell className='outbox'>
      <View className='card'>
        <Text className='text-soft'>{copy.outboxIntro}</Text>
      </View>
      {list.error && <Text className='status-line'>{list.error.message}</Text>}
      {!list.loading && list.items.length === 0 && (
        <View className='card'>
          <Text className='text-soft'>{copy.outboxEmpty}</Text>
        </View>
      )}
      {list.items.map(m => (
        <View key={m.id} className='card' data-testid='outbox-item'>
          <Text className='inbox-item__title'>{m.templateName}</Text>
          {m.fields.map(f => (
            <Text key={f.key} className='outbox-field'>{`${f.label}：${f.value}`}</Text>
          ))}
          <Text className='status-line'>
            {copy.outboxSentTo(shanghaiDateTime(m.at), m.toName ?? copy.outboxSomeone)}
          </Text>
        </View>
      ))}
      {list.hasMore && (
        <Button block disabled={list.loading} onClick={list.more}>
          {copy.more}
        </Button>
      )}
    </PageShell>
  )
}
