import { useEffect, useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { callFunction } from '@/api'
import { useCloudQuery } from '@/api/use-cloud-query.hook'
import { usePagedQuery } from '@/api/use-paged-query.hook'
import { PageShell } from '@/components/theme/page-shell'
import { shanghaiDateTime } from '@/components/format/time'
import Button from '@/components/ui/button'
import { elderCareCopy as copy } from './copy'
import { careRequestPage, dayMealsView, helpersView, sosPage, type CareRequestItem, type SosItem } from './elder-care.views'
import './elder-care.css'

/** 养老服务台 (staff, grid workers): open SOS calls first, then the triage/dispatch queue, then today's meals. */
export function StaffView () {
  const sos = usePagedQuery<SosItem>({ fn: 'elder-care', action: 'openSos', schema: sosPage, badResponse: copy.badResponse })
  // SOS calls must show up without a manual refresh.
  useEffect(() => {
    const t = setInterval(sos.reload, 10_000)
    return () => clearInterval(t)
  }, [sos.reload])
  const queue = usePagedQuery<CareRequestItem>({ fn: 'elder-care', action: 'careQueue', schema: careRequestPage, badResponse: copy.badResponse })
  const helpers = useCloudQuery({ fn: 'elder-care', action: 'helpers', schema: helpersView, badResponse: copy.badResponse })
  const meals = useCloudQuery({ fn: 'elder-care', action: 'dayMeals', schema: dayMealsView, badResponse: copy.badResponse })

  const act = async (action: string, payload: Record<string, unknown>, then: () => void): Promise<void> => {
    const res = await callFunction('elder-care', action, payload)
    if (!res.ok) return void Taro.showModal({ title: res.error.message, showCancel: false })
    then()
  }

  return (
    <PageShell className='elder-care'>
      <Text className='section-title'>{copy.openSos}</Text>
      {sos.error && <Text className='status-line'>{sos.error.message}</Text>}
      {!sos.loading && sos.items.length === 0 && <View className='card'><Text className='text-soft'>{copy.noOpenSos}</Text></View>}
      {sos.items.map(c => <SosCard key={c.id} c={c} act={(a, p) => act(a, p, sos.reload)} />)}

      <Text className='section-title'>{copy.queue}</Text>
      {queue.error && <Text className='status-line'>{queue.error.message}</Text>}
      {!queue.loading && queue.items.length === 0 && <View className='card'><Text className='text-soft'>{copy.empty}</Text></View>}
      {queue.items.map(r => (
        <View key={r.id} className='card care-request' data-testid='queue-item'>
          <View className='care-request__head'>
            <Text className='care-request__name'>{r.elderName} · {r.serviceName}</Text>
            <Text className={`state state--${r.state}`}>{r.stateLabel}</Text>
          </View>
          <Text className='status-line'>{shanghaiDateTime(r.window.start)} · {r.address}</Text>
          {r.history.some(h => h.proxy) && <Text className='tag-proxy'>{copy.proxyTag}</Text>}
          {r.note && <Text className='status-line'>{r.note}</Text>}
          {r.actions.includes('triage') && <Button type='primary' block onClick={() => void act('triage', { id: r.id }, queue.reload)}>{copy.triage}</Button>}
          {r.actions.includes('assign') && (
            <View className='assign'>
              <Text className='status-line'>{copy.assignTo}</Text>
              {(helpers.data ?? []).map(h => (
                <Button key={h.userId} size='small' onClick={() => void act('assign', { id: r.id, assignee: { kind: h.kind, userId: h.userId } }, queue.reload)}>{h.name}</Button>
              ))}
            </View>
          )}
          {r.assignee && <Text className='status-line'>服务人员：{r.assignee.name}</Text>}
        </View>
      ))}
      {queue.hasMore && <Button block onClick={queue.more}>{copy.more}</Button>}

      <Text className='section-title'>{copy.meals}</Text>
      {meals.data && (
        <View className='card' data-testid='day-meals'>
          <Text className='elder-text'>{copy.dineInCount(meals.data.dineIn)} · {copy.deliveryCount(meals.data.delivery)}</Text>
          <Text className='status-line'>{copy.round}</Text>
          {meals.data.round.map(r => <Text key={r.address + r.elderName} className='meals__stop'>{r.address}　{r.elderName}　{r.phone}</Text>)}
        </View>
      )}
    </PageShell>
  )
}

function SosCard ({ c, act }: { c: SosItem, act: (action: string, payload: Record<string, unknown>) => Promise<void> }) {
  const [note, setNote] = useState('')
  return (
    <View className={`card sos-card sos-card--${c.state}`} data-testid='open-sos'>
      <Text className='sos-card__title'>{c.elderName} · {c.stateLabel}</Text>
      <Text className='status-line'>{shanghaiDateTime(c.pressedAt)}</Text>
      {c.responder && (
        <View>
          <Text className='sos-card__line'>{c.responder.address}</Text>
          <Text className='sos-card__line'>{c.responder.phone}</Text>
          {c.responder.careNotes && <Text className='sos-card__line'>{c.responder.careNotes}</Text>}
          {c.responder.familyContacts.map(f => <Text key={f.phone} className='status-line'>{f.relation} {f.name} {f.phone}</Text>)}
        </View>
      )}
      {c.steps.map((s, i) => <Text key={i} className='status-line'>{shanghaiDateTime(s.at)} {s.label}</Text>)}
      {c.state === 'open' && <Button type='primary' block onClick={() => void act('sosAck', { id: c.id })}>{copy.ack}</Button>}
      {c.ackBy && <Text className='status-line'>{copy.acked(c.ackBy.name)}</Text>}
      <Input className='note-input' placeholder={copy.resolveNote} value={note} onInput={e => setNote(e.detail.value)} />
      <Button block disabled={!note.trim()} onClick={() => void act('sosResolve', { id: c.id, note })}>{copy.resolve}</Button>
    </View>
  )
}
