import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { usePagedQuery, useAction } from '@/api'
import { callPhone } from '@/components/phone/call-phone'
import { notificationsContract } from '@/core/notifications/notifications.contract'
import type { FollowUpView } from '@/core/notifications/notifications.views'
import { PageShell } from '@/components/theme/page-shell'
import { shanghaiDateTime } from '@/components/format/time'
import Button from '@/components/ui/button'
import { SubmitButton, TextField } from '@/components/form/form-field'
import { useFormProblems } from '@/components/form/use-form-problems.hook'
import { notificationsCopy as copy } from './copy'
import './notifications.css'

/** 电话回访名单: people a must-reach message did not reach; staff phone them and tick them off. */
export function FollowUpsView() {
  const [status, setStatus] = useState<'open' | 'done'>('open')
  return (
    <PageShell className='follow-ups'>
      <View className='card'>
        <Text className='text-soft'>{copy.followUpsIntro}</Text>
      </View>
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

function FollowUpList({ status }: { status: 'open' | 'done' }) {
  const list = usePagedQuery(notificationsContract.followUps, { status })
  const [gone, setGone] = useState<Set<string>>(new Set())
  const shown = list.items.filter(i => !gone.has(i.id))
  return (
    <View>
      {list.error && <Text className='status-line'>{list.error.message}</Text>}
      {!list.loading && shown.length === 0 && (
        <View className='card'>
          <Text className='text-soft'>{copy.followUpsEmpty}</Text>
        </View>
      )}
      {shown.map(item => (
        <FollowUpCard key={item.id} item={item} onDone={() => setGone(prev => new Set([...prev, item.id]))} />
      ))}
      {list.hasMore && (
        <Button block disabled={list.loading} onClick={list.more}>
          {copy.more}
        </Button>
      )}
    </View>
  )
}

function FollowUpCard({ item, onDone }: { item: FollowUpView; onDone: () => void }) {
  const [note, setNote] = useState('')
  const problems = useFormProblems(noteLabels)
  const tick = useAction(notificationsContract.followUpDone)
  const done = async (): Promise<void> => {
    problems.clear()
    const res = await tick.run({ id: item.id, note: note.trim() }, { onError: problems.show })
    if (res.ok) onDone()
  }
  return (
    <View className='card' data-testid='follow-up'>
      <View className='inbox-item__meta'>
        <Text className='inbox-item__title'>{item.name}</Text>
        {item.urgent && <Text className='badge badge--urgent'>{copy.urgent}</Text>}
        {item.reason === 'phone-only' && <Text className='badge badge--unread'>{copy.phoneOnly}</Text>}
      </View>
      {item.phone ? (
        <Text className='follow-up__phone' onClick={() => void callPhone(item.phone!)}>{`☎ ${item.phone}`}</Text>
      ) : (
        <Text className='status-line'>{copy.noPhone}</Text>
      )}
      <Text className='inbox-item__body'>{`${copy.say}${item.say}`}</Text>
      <Text className='status-line'>{shanghaiDateTime(item.dueAt)}</Text>
      {item.status === 'open' ? (
        <View>
          <TextField
            name={`follow-up-note-${item.id}`}
            label={copy.noteLabel}
            placeholder={copy.notePlaceholder}
            value={note}
            maxLength={200}
            error={problems.field('note')}
            onChange={v => {
              setNote(v)
              problems.clear('note')
            }}
          />
          <SubmitButton busy={tick.busy !== null} problem={problems.form} onClick={() => void done()}>
            {copy.markDone}
          </SubmitButton>
        </View>
      ) : (
        item.note && <Text className='status-line'>{item.note}</Text>
      )}
    </View>
  )
}

const noteLabels = { note: copy.noteLabel }
