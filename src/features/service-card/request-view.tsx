import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { callFunction } from '@/api'
import { useCloudQuery } from '@/api/use-cloud-query.hook'
import { requestView, type RequestView as Req } from '@/core/service-card/service-card.views'
import { PageShell } from '@/components/theme/page-shell'
import { shanghaiDateTime } from '@/components/format/time'
import Button from '@/components/ui/button'
import { useRefusal } from '@/components/form/use-refusal.hook'
import { FormProblem } from '@/components/form/form-field'
import { serviceCardCopy as copy } from './copy'
import './service-card.css'

/** One 上门/代办 request: status, who owns it, its history, the buttons the caller may press, rating. */
export function RequestView ({ id }: { id: string }) {
  const q = useCloudQuery({ fn: 'service-card', action: 'getRequest', payload: { requestId: id }, schema: requestView, badResponse: copy.badResponse })
  const [busy, setBusy] = useState(false)
  const [stars, setStars] = useState(5)
  const refusal = useRefusal()
  if (!q.data) {
    return (
      <PageShell className='service-card'>
        <View className='card'><Text className='status-line'>{q.error ? q.error.message : copy.loading}</Text></View>
      </PageShell>
    )
  }
  const r: Req = q.data

  const act = async (action: string, payload: Record<string, unknown>): Promise<void> => {
    setBusy(true)
    await refusal.tap(action, () => callFunction('service-card', action, { requestId: r.id, ...payload }))
    setBusy(false)
    q.reload()
  }

  return (
    <PageShell className='service-card'>
      <Text className='sc-title'>{r.itemName}</Text>
      <View className='card'>
        <Text className={`sc-status sc-status--${r.status}`} data-testid='request-status'>{r.statusLabel}{r.overdue ? ` · ${copy.overdue}` : ''}</Text>
        <Text className='sc-row__value'>{r.residentName} · {copy.modes[r.mode]}{r.byStaff ? copy.onBehalf : ''}</Text>
        <Text className='sc-row__value'>{copy.handler(r.handlerName)}</Text>
        {r.dueAt && <Text className='status-line'>{copy.dueBy(shanghaiDateTime(r.dueAt))}</Text>}
        {r.rating && <Text className='sc-stars'>{copy.stars(r.rating.stars)} {r.rating.comment}</Text>}
      </View>

      <FormProblem problem={refusal.at('actOnRequest')} />
      {r.actions.filter(a => a.event !== 'rate').map(a => (
        <Button key={a.event} className='sc-gap' type={a.event === 'cancel' ? 'default' : 'primary'} size='large' block disabled={busy}
          onClick={() => void act('actOnRequest', { event: a.event })}>{a.label}</Button>
      ))}
      {r.actions.some(a => a.event === 'rate') && (
        <View className='card'>
          <Text className='sc-row__label'>{copy.rateTitle}</Text>
          <View className='sc-star-row'>
            {[1, 2, 3, 4, 5].map(n => (
              <Text key={n} className={`sc-star${n <= stars ? ' sc-star--on' : ''}`} onClick={() => setStars(n)}>{n <= stars ? '★' : '☆'}</Text>
            ))}
          </View>
          <FormProblem problem={refusal.at('rateRequest')} />
          <Button type='primary' size='large' block disabled={busy} onClick={() => void act('rateRequest', { stars })}>{copy.rate}</Button>
        </View>
      )}

      <Text className='section-title'>{copy.history}</Text>
      <View className='card'>
        {r.history.map((h, i) => (
          <View key={i} className='sc-history'>
            <Text className='sc-row__value'>{h.toLabel}{h.onBehalf ? copy.onBehalf : ''}</Text>
            <Text className='status-line'>{shanghaiDateTime(h.at)} · {h.byName}{h.note ? ` · ${h.note}` : ''}</Text>
          </View>
        ))}
      </View>
    </PageShell>
  )
}
