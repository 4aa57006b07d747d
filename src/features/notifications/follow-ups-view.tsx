import { useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type * as z from 'zod'
import { callFunction } from '@/api'
import { callPhone } from '@/components/phone/call-phone'
import { usePagedQuery } from '@/api/use-paged-query.hook'
import { followUpPage, type FollowUpView } from '@/core/notifications/notifications.schemas'
import { PageShell } from '@/components/theme/page-shell'
import { shanghaiDateTime } from '@/components/format/time'
import Button from '@/components/ui/button'
import { notificationsCopy as copy } from './copy'
import './notifications.css'

/** 电话回访名单: people a must-reach message did not reach; staff phone them and tick them off. */
export function FollowUpsView () {
  const [status, setStatus] = useState<'open' | 'done'>('open')
  return (
    <PageShell className='follow-ups'>
      <View className='card'><Text className='text-soft'>{copy.followUpsIntro}</Text></View>
      <View className='tabs'>
        {(['open', 'done'] as const).map(s => (
          <Text key={s} className={`tabs__tab${s === status ? ' tabs__tab--on' : ''}`} onClick={() => setStatus(s)}>
            {s === 'open' ? copy.openTab : copy.doneTab}
          </Text>
        ))}
      </View>
      <FollowUpList key={status} status={status} />
    </PageShell>
  )
}

function FollowUpList ({ status }: { status: 'open' | 'done' }) {
  const list = usePagedQuery<FollowUpView, z.infer<typeof followUpPage>>({ fn: 'notifications', action: 'followUps', payload: { status }, schema: followUpPage, badResponse: copy.badResponse })
  const [gone, setGone] = useState<Set<string>>(new Set())
  const shown = list.items.filter(i => !gone.has(i.id))
  return (
    <View>
      {list.error && <Text className='status-line'>{list.error.message}</Text>}
      {!list.loading && shown.length === 0 && <View className='card'><Text className='text-soft'>{copy.followUpsEmpty}</Text></View>}
      {shown.map(item => <FollowUpCard key={item.id} item={item} onDone={() => setGone(prev => new Set([...prev, item.id]))} />)}
      {list.hasMore && <Button block disabled={list.loading} onClick={list.more}>{copy.more}</Button>}
    </View>
  )
}

function FollowUpCard ({ item, onDone }: { item: FollowUpView, onDone: () => void }) {
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const done = async (): Promise<void> => {
    setBusy(true)
    const res = await callFunction('notifications', 'followUpDone', { id: item.id, note })
    setBusy(false)
    if (!res.ok) return void Taro.showToast({ title: res.error.message, icon: 'none' })
    onDone()
  }
  return (
    <View className='card' data-testid='follow-up'>
      <View className='inbox-item__meta'>
        <Text className='inbox-item__title'>{item.name}</Text>
        {item.urgent && <Text className='badge badge--urgent'>{copy.urgent}</Text>}
        {item.reason === 'phone-only' && <Text className='badge badge--unread'>{copy.phoneOnly}</Text>}
      </View>
      {item.phone
        ? <Text className='follow-up__phone' onClick={() => void callPhone(item.phone!)}>{`☎ ${item.phone}`}</Text>
        : <Text className='status-line'>{copy.noPhone}</Text>}
      <Text className='inbox-item__body'>{`${copy.say}${item.say}`}</Text>
      <Text className='status-line'>{shanghaiDateTime(item.dueAt)}</Text>
      {item.status === 'open'
        ? (
          <View>
            <Input className='field-input' value={note} placeholder={copy.notePlaceholder} maxlength={200} onInput={(e) => setNote(e.detail.value)} />
            <Button type='primary' block disabled={busy} onClick={() => void done()}>{copy.markDone}</Button>
          </View>
          )
        : item.note && <Text className='status-line'>{item.note}</Text>}
    </View>
  )
}
