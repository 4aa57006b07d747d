import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { useAction, useQuery } from '@/api'
import { serviceCardContract } from '@/core/service-card/service-card.contract'
import type { RequestView as Req } from '@/core/service-card/service-card.views'
import { PageShell } from '@/components/theme/page-shell'
import { shanghaiDateTime } from '@/components/format/time'
import Button from '@/components/ui/button'
import { FormProblem } from '@/components/form/form-field'
import { serviceCardCopy as copy } from './copy'
import './service-card.css'

/** One 上门/代办 request: status, who owns it, its history, the buttons the caller may press, rating. */
export function RequestView({ id }: { id: string }) {
  const q = useQuery(serviceCardContract.getRequest, { requestId: id })
  // Each tap keeps its requestId until answered: a retry after a lost answer is that transition, not a second one.
  const acting = useAction(serviceCardContract.actOnRequest)
  const rating = useAction(serviceCardContract.rateRequest)
  const busy = acting.busy !== null || rating.busy !== null
  const [stars, setStars] = useState(5)
  if (!q.data) {
    return (
      <PageShell className='service-card'>
        <View className='card'>
          <Text className='status-line'>{q.error ? q.error.message : copy.loading}</Text>
        </View>
      </PageShell>
    )
  }
  const r: Req = q.data

  const act = async (event: Req['actions'][number]['event']): Promise<void> => {
    if (event === 'rate') return
    await acting.run({ requestId: r.id, event })
    q.reload()
  }
  const rate = async (): Promise<void> => {
    await rating.run({ requestId: r.id, stars })
    q.reload()
  }

  return (
    <PageShell className='service-card'>
      <Text className='sc-title'>{r.itemName}</Text>
      <View className='card'>
        <Text className={`sc-status sc-status--${r.status}`} data-testid='request-status'>
          {r.statusLabel}
          {r.overdue ? ` · ${copy.overdue}` : ''}
        </Text>
        <Text className='sc-row__value'>
          {r.residentName} · {copy.modes[r.mode]}
          {r.byStaff ? copy.onBehalf : ''}
        </Text>
        <Text className='sc-row__value'>{copy.handler(r.handlerName)}</Text>
        {r.dueAt && <Text className='status-line'>{copy.dueBy(shanghaiDateTime(r.dueAt))}</Text>}
        {r.rating && (
          <Text className='sc-stars'>
            {copy.stars(r.rating.stars)} {r.rating.comment}
          </Text>
        )}
      </View>

      <FormProblem problem={acting.refused()} />
      {r.actions
        .filter(a => a.event !== 'rate')
        .map(a => (
          <Button
            key={a.event}
            className='sc-gap'
            type={a.event === 'cancel' ? 'default' : 'primary'}
            size='large'
            block
            disabled={busy}
            onClick={() => void act(a.event)}
          >
            {a.label}
          </Button>
        ))}
      {r.actions.some(a => a.event === 'rate') && (
        <View className='card'>
          <Text className='sc-row__label'>{copy.rateTitle}</Text>
          <View className='sc-star-row'>
            {[1, 2, 3, 4, 5].map(n => (
              <Text key={n} className={`sc-star${n <= stars ? ' sc-star--on' : ''}`} onClick={() => setStars(n)}>
                {n <= stars ? '★' : '☆'}
              </Text>
            ))}
          </View>
          <FormProblem problem={rating.refused()} />
          <Button type='primary' size='large' block disabled={busy} onClick={() => void rate()}>
            {copy.rate}
          </Button>
        </View>
      )}

      <Text className='section-title'>{copy.history}</Text>
      <View className='card'>
        {r.history.map((h, i) => (
          <View key={i} className='sc-history'>
            <Text className='sc-row__value'>
              {h.toLabel}
              {h.onBehalf ? copy.onBehalf : ''}
            </Text>
            <Text className='status-line'>
              {shanghaiDateTime(h.at)} · {h.byName}
              {h.note ? ` · ${h.note}` : ''}
            </Text>
          </View>
        ))}
      </View>
    </PageShell>
  )
}
