import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { useAction, useQuery } from '@/api'
import { PageShell } from '@/components/theme/page-shell'
import { FormProblem } from '@/components/form/form-field'
import { elderCareContract } from '@/core/elder-care/elder-care.contract'
import { addDays, shanghaiDate } from '@/core/shared/shanghai-time'
import { elderCareCopy as copy } from './copy'
import { ActingGate } from './acting-gate'
import type { ActingElder } from './use-acting-elder.hook'
import './elder-care.css'

/** 助餐: today's or tomorrow's lunch, eat at the canteen or have it delivered, or every day. */
export function MealsView() {
  return (
    <PageShell className='elder-care elder-care--large'>
      <ActingGate>{acting => <Meals acting={acting} />}</ActingGate>
    </PageShell>
  )
}

function Meals({ acting }: { acting: ActingElder }) {
  const [offset, setOffset] = useState(0)
  return (
    <>
      <View className='choices choices--row'>
        {[copy.today, copy.tomorrow].map((label, i) => (
          <View key={label} className={`choice${offset === i ? ' choice--on' : ''}`} onClick={() => setOffset(i)}>
            <Text className='choice__title'>{label}</Text>
          </View>
        ))}
      </View>
      <Day
        key={offset}
        acting={acting}
        date={addDays(shanghaiDate(new Date()), offset)}
        label={offset === 0 ? copy.today : copy.tomorrow}
      />
    </>
  )
}

function Day({ acting, date, label }: { acting: ActingElder; date: string; label: string }) {
  const base = acting.elderId ? { elderId: acting.elderId } : {}
  const q = useQuery(elderCareContract.myMeals, { ...base, date })
  // One day's card, one refusal: said above its buttons until the next tap (never a modal over them).
  const moves = {
    order: useAction(elderCareContract.orderMeal),
    cancel: useAction(elderCareContract.cancelMeal),
    standing: useAction(elderCareContract.standingOrder)
  }
  const [last, setLast] = useState<keyof typeof moves>('order')
  const done = (res: { ok: boolean }): void => {
    if (res.ok) q.reload()
  }
  const order = (mode: 'dine_in' | 'delivery'): void => {
    setLast('order')
    void moves.order.run({ ...base, date, mode }).then(done)
  }
  const cancel = (): void => {
    setLast('cancel')
    void moves.cancel.run({ ...base, date }).then(done)
  }
  const standing = (weekdays: number[]): void => {
    setLast('standing')
    void moves.standing.run({ ...base, weekdays, mode: 'delivery' }).then(done)
  }
  const m = q.data
  if (!m)
    return (
      <View className='card'>
        <Text className='status-line'>{q.error?.message ?? copy.loading}</Text>
      </View>
    )
  if (!m.menu)
    return (
      <View className='card'>
        <Text className='elder-text'>{copy.noMenu}</Text>
      </View>
    )
  return (
    <View className='card meals' data-testid='meals'>
      <Text className='section-title'>{copy.menuTitle(label)}</Text>
      {m.menu.lunch.map(d => (
        <Text key={d.name} className='elder-text meals__dish'>
          {d.name}　{d.price}元
        </Text>
      ))}
      <Text className='status-line'>{m.open ? copy.cutoff(m.menu.cutoff) : copy.closed}</Text>
      {m.order && (
        <Text className='meals__ordered' data-testid='meal-ordered'>
          {copy.ordered(m.order.modeLabel)}
        </Text>
      )}
      <FormProblem problem={moves[last].refused()} />
      {m.open && (
        <View className='elder-actions'>
          <View
            className='big-action big-action--primary'
            onClick={() => order('delivery')}
            data-testid='order-delivery'
          >
            {copy.delivery}
          </View>
          <View className='big-action big-action--calm' onClick={() => order('dine_in')}>
            {copy.dineIn}
          </View>
          {m.order && (
            <View className='big-action big-action--plain' onClick={() => cancel()}>
              {copy.cancelMeal}
            </View>
          )}
        </View>
      )}
      {m.standing ? (
        <View className='big-action big-action--plain' onClick={() => standing([])}>
          {copy.standingOff}
        </View>
      ) : (
        <View className='big-action big-action--plain' onClick={() => standing([1, 2, 3, 4, 5, 6, 7])}>
          {copy.standingAll}
        </View>
      )}
    </View>
  )
}
