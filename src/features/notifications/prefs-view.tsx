import { useEffect, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { callAction, useQuery } from '@/api'
import { notificationsContract } from '@/core/notifications/notifications.contract'
import type { MutableTopic } from '@/core/notifications/notifications.schemas'
import { PageShell } from '@/components/theme/page-shell'
import Cell from '@/components/ui/cell'
import Switch from '@/components/ui/switch'
import { FormProblem } from '@/components/form/form-field'
import { useRefusal } from '@/components/form/use-refusal.hook'
import { notificationsCopy as copy } from './copy'
import './notifications.css'

/** 消息设置: one switch per kind of message; off = stays in the inbox but no reminder. */
export function PrefsView() {
  const q = useQuery(notificationsContract.getPrefs, {})
  const [muted, setMuted] = useState<MutableTopic[]>([])
  useEffect(() => {
    if (q.data) setMuted(q.data.mutedTopics)
  }, [q.data])
  const refusal = useRefusal()

  const toggle = async (topic: MutableTopic, on: boolean): Promise<void> => {
    const next = on ? muted.filter(t => t !== topic) : [...muted, topic]
    setMuted(next)
    const res = await refusal.tap(topic, () => callAction(notificationsContract.setPrefs, { mutedTopics: next }))
    if (!res.ok) return setMuted(muted)
    void Taro.showToast({ title: copy.prefsSaved, icon: 'success' })
  }

  return (
    <PageShell className='prefs'>
      <View className='card'>
        <Text className='text-soft'>{copy.prefsIntro}</Text>
      </View>
      {!q.data && <Text className='status-line'>{q.error ? q.error.message : copy.loading}</Text>}
      {q.data?.topics.map(t => (
        <View key={t.key}>
          <Cell
            align='center'
            title={<Text className='link-row'>{t.label}</Text>}
            // The whole row is the target; the switch only shows the state (as on 我的).
            extra={<Switch checked={!muted.includes(t.key)} label={t.label} />}
            onClick={() => void toggle(t.key, muted.includes(t.key))}
          />
          <FormProblem problem={refusal.at(t.key)} />
        </View>
      ))}
    </PageShell>
  )
}
