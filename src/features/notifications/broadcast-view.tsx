import { useRef, useState } from 'react'
import { View, Text } from '@tarojs/components'
import { callAction, newRequestId, useQuery } from '@/api'
import { notificationsContract } from '@/core/notifications/notifications.contract'
import type { BroadcastView as Progress } from '@/core/notifications/notifications.views'
import { PageShell } from '@/components/theme/page-shell'
import { SubmitButton, TextField } from '@/components/form/form-field'
import { useFormProblems } from '@/components/form/use-form-problems.hook'
import { confirm } from '@/components/ui/confirm'
import { notificationsCopy as copy } from './copy'
import './notifications.css'

const fieldLabels = { title: copy.titleLabel, body: copy.bodyLabel }

/**
 * 发布社区通知: a notice into every household's inbox. The id is made here, before the call, so
 * the page can poll the progress while the fan-out runs and a retry can't send it twice.
 */
export function BroadcastView() {
  const [title, setTitle] = useState('')
  const [body, setBody] = useState('')
  const [progress, setProgress] = useState<Progress | null>(null)
  const [busy, setBusy] = useState(false)
  const id = useRef(newRequestId())
  const audience = useQuery(notificationsContract.broadcastAudience, {})
  const problems = useFormProblems(fieldLabels)

  const send = async (): Promise<void> => {
    // Everyone in the community reads it, and it can't be taken back: show what and to whom first.
    const who = audience.data
    if (!who) return
    if (
      !(await confirm({
        title: copy.sendAsk(who.households),
        content: copy.sendAskDetail(title.trim(), body.trim(), who.people),
        confirmText: copy.send
      }))
    )
      return
    setBusy(true)
    problems.clear()
    const poll = setInterval(() => {
      void callAction(notificationsContract.broadcastProgress, { id: id.current }).then(r => {
        if (r.ok) setProgress(r.data)
      })
    }, 500)
    const res = await callAction(notificationsContract.broadcast, { id: id.current, title, body })
    clearInterval(poll)
    setBusy(false)
    if (!res.ok) return problems.show(res.error)
    setProgress(res.data)
    id.current = newRequestId() // the next notice is a new one
  }

  const pct = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0
  return (
    <PageShell className='broadcast'>
      <View className='card'>
        <Text className='text-soft'>{copy.broadcastIntro}</Text>
      </View>
      <TextField
        label={copy.titleLabel}
        name='title'
        value={title}
        maxLength={40}
        placeholder={copy.titlePlaceholder}
        error={problems.field('title')}
        onChange={v => {
          setTitle(v)
          problems.clear('title')
        }}
      />
      <TextField
        label={copy.bodyLabel}
        name='body'
        value={body}
        maxLength={500}
        placeholder={copy.bodyPlaceholder}
        multiline
        error={problems.field('body')}
        onChange={v => {
          setBody(v)
          problems.clear('body')
        }}
      />
      {(title.trim() !== '' || body.trim() !== '') && (
        <>
          <Text className='section-title'>{copy.previewTitle}</Text>
          <View className='card' data-testid='broadcast-preview'>
            <Text className='inbox-item__title'>{title.trim()}</Text>
            <Text className='inbox-item__body'>{body.trim()}</Text>
          </View>
        </>
      )}
      <Text className='status-line' data-testid='broadcast-audience'>
        {audience.data ? copy.audience(audience.data.households, audience.data.people) : copy.audienceLoading}
      </Text>
      <View className='progress' aria-hidden={!busy && !progress}>
        <View className='progress__bar' style={{ width: `${progress?.finished ? 100 : pct}%` }} />
      </View>
      {progress && (
        <Text className='status-line'>
          {progress.finished ? copy.sent(progress.done) : copy.sending(progress.done, progress.total)}
        </Text>
      )}
      <SubmitButton
        busy={busy}
        busyText={copy.sending(progress?.done ?? 0, progress?.total ?? 0)}
        problem={problems.form}
        disabledReason={
          title.trim().length < 2
            ? copy.needTitle
            : body.trim().length < 2
              ? copy.needBody
              : // The confirmation says how many households: not before that is known.
                audience.data
                ? null
                : (audience.error?.message ?? copy.audienceLoading)
        }
        onClick={() => void send()}
      >
        {copy.send}
      </SubmitButton>
    </PageShell>
  )
}
