import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useAction, useQuery } from '@/api'
import { useSubscribeGrants } from '@/api/subscribe'
import { PageShell } from '@/components/theme/page-shell'
import { FormProblem, TextField } from '@/components/form/form-field'
import { useFormProblems } from '@/components/form/use-form-problems.hook'
import { elderCareContract } from '@/core/elder-care/elder-care.contract'
import { addDays, shanghaiDate, shanghaiInstant } from '@/core/shared/shanghai-time'
import { elderCareCopy as copy } from './copy'
import { ActingGate } from './acting-gate'
import type { ActingElder } from './use-acting-elder.hook'
import './elder-care.css'

/** 申请服务: three big choices (service, day, time) and one button. */
export function RequestView() {
  return (
    <PageShell className='elder-care elder-care--large'>
      <ActingGate>{acting => <RequestForm acting={acting} />}</ActingGate>
    </PageShell>
  )
}

/** The instant of Shanghai `hour`:00, `days` days from today (ISO, as the wire takes it). */
function shanghaiAt(days: number, hour: number): string {
  return shanghaiInstant(addDays(shanghaiDate(new Date()), days), `${String(hour).padStart(2, '0')}:00`).toISOString()
}

function RequestForm({ acting }: { acting: ActingElder }) {
  const types = useQuery(elderCareContract.serviceTypes, {})
  const [typeId, setTypeId] = useState<string | null>(null)
  const [day, setDay] = useState(1)
  const [slot, setSlot] = useState(0)
  const [note, setNote] = useState('')
  const problems = useFormProblems(requestLabels)
  // One requestId per filled-in form (useAction): a retry after a network error doesn't make a second request.
  const submitRequest = useAction(elderCareContract.submitCareRequest)
  const busy = submitRequest.busy !== null

  // Submitting is when the elder (or proxy) wants to hear how the request goes.
  const askForGrants = useSubscribeGrants(['status', 'reminder'])
  const submit = async (): Promise<void> => {
    if (!typeId) return
    await askForGrants()
    problems.clear()
    const s = copy.slots[slot]
    // A refusal is said above the big button, where the elder is looking, not in a toast over it.
    const res = await submitRequest.run(
      {
        ...(acting.elderId ? { elderId: acting.elderId } : {}),
        serviceTypeId: typeId,
        window: { start: shanghaiAt(day, s.start), end: shanghaiAt(day, s.end) },
        note
      },
      { onError: problems.show }
    )
    if (!res.ok) return
    void Taro.showToast({ title: copy.submitted, icon: 'success' })
    void Taro.redirectTo({ url: '/pages/elder-care/index' })
  }

  return (
    <>
      <Text className='section-title'>{copy.chooseService}</Text>
      {types.error && <Text className='status-line'>{types.error.message}</Text>}
      <View className='choices'>
        {(types.data ?? []).map(t => (
          <View
            key={t._id}
            className={`choice${typeId === t._id ? ' choice--on' : ''}`}
            onClick={() => setTypeId(t._id)}
            data-testid='service-type'
          >
            <Text className='choice__title'>{t.name}</Text>
            <Text className='choice__hint'>
              {t.paid ? copy.paid : copy.free} · {t.description}
            </Text>
          </View>
        ))}
      </View>
      <Text className='section-title'>{copy.chooseDay}</Text>
      <View className='choices choices--row'>
        {copy.days.map(
          (d, i) =>
            i > 0 && (
              <View key={d} className={`choice${day === i ? ' choice--on' : ''}`} onClick={() => setDay(i)}>
                <Text className='choice__title'>{d}</Text>
              </View>
            )
        )}
      </View>
      <Text className='section-title'>{copy.chooseTime}</Text>
      <View className='choices'>
        {copy.slots.map((s, i) => (
          <View key={s.label} className={`choice${slot === i ? ' choice--on' : ''}`} onClick={() => setSlot(i)}>
            <Text className='choice__title'>{s.label}</Text>
          </View>
        ))}
      </View>
      <TextField
        name='request-note'
        label={copy.note}
        value={note}
        maxLength={200}
        multiline
        error={problems.field('note')}
        onChange={v => {
          setNote(v)
          problems.clear('note')
        }}
      />
      <FormProblem problem={problems.form} />
      {!typeId && <Text className='elder-text'>{copy.needService}</Text>}
      <View
        className={`big-action big-action--primary${!typeId || busy ? ' big-action--off' : ''}`}
        onClick={() => void submit()}
        data-testid='submit-request'
      >
        {busy ? copy.loading : copy.submit}
      </View>
    </>
  )
}

const requestLabels = { note: copy.note, serviceTypeId: copy.serviceLabel, window: copy.timeLabel }
