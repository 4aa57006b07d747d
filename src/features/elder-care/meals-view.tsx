import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { callFunction } from '@/api'
import { useCloudQuery } from '@/api/use-cloud-query.hook'
import { PageShell } from '@/components/theme/page-shell'
import { FormProblem } from '@/components/form/form-field'
import { useRefusal } from '@/components/form/use-refusal.hook'
import { elderCareCopy as copy } from './copy'
import { myMealsView, type MyMealsData } from './elder-care.views'
import { ActingGate } from './acting-gate'
import type { ActingElder } from './use-acting-elder.hook'
import './elder-care.css'

/** 助餐: today's or tomorrow's lunch, eat at the canteen or have it delivered, or every day. */
export function MealsView () {
  return (
    <PageShell className='elder-care elder-care--large'>
      <ActingGate>{acting => <Meals acting={acting} />}</ActingGate>
    </PageShell>
  )
}

function shanghaiDay (offset: number): string {
  return new Date(Date.now() + 8 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10)
}

function Meals ({ acting }: { acting: ActingElder }) {
  const [offset, setOffset] = useState(0)
  return (
    <>
      <View className='choices choices--row'>
        {[copy.today, copy.tomorrow].map((label, i) => (
          <View key={label} className={`choice${offset === i ? ' choice--on' : ''}`} onClick={() => setOffset(i)}><Text className='choice__title'>{label}</Text></View>
        ))}
      </View>
      <Day key={offset} acting={acting} date={shanghaiDay(offset)} label={offset === 0 ? copy.today : copy.tomorrow} />
    </>
  )
}

function Day ({ acting, date, label }: { acting: ActingElder, date: string, label: string }) {
  const base = acting.elderId ? { elderId: acting.elderId } : {}
  const q = useCloudQuery<MyMealsData>({ fn: 'elder-care', action: 'myMeals', payload: { ...base, date }, schema: myMealsView, badResponse: copy.badResponse })
  // One day's card, one refusal: said above its buttons until the next tap (never a modal over them).
  const refusal = useRefusal()
  const act = async (action: string, payload: Record<string, unknown>): Promise<void> => {
    const res = await refusal.tap(date, () => callFunction('elder-care', action, { ...base, ...payload }))
    if (res.ok) q.reload()
  }
  const m = q.data
  if (!m) return <View className='card'><Text className='status-line'>{q.error?.message ?? copy.loading}</Text></View>
  if (!m.menu) return <View className='card'><Text className='elder-text'>{copy.noMenu}</Text></View>
  return (
    <View className='card meals' data-testid='meals'>
      <Text className='section-title'>{copy.menuTitle(label)}</Text>
      {m.menu.lunch.map(d => <Text key={d.name} className='elder-text meals__dish'>{d.name}　{d.price}元</Text>)}
      <Text className='status-line'>{m.open ? copy.cutoff(m.menu.cutoff) : copy.closed}</Text>
      {m.order && <Text className='meals__ordered' data-testid='meal-ordered'>{copy.ordered(m.order.modeLabel)}</Text>}
      <FormProblem problem={refusal.at(date)} />
      {m.open && (
        <View className='elder-actions'>
          <View className='big-action big-action--primary' onClick={() => void act('orderMeal', { date, mode: 'delivery' })} data-testid='order-delivery'>{copy.delivery}</View>
          <View className='big-action big-action--calm' onClick={() => void act('orderMeal', { date, mode: 'dine_in' })}>{copy.dineIn}</View>
          {m.order && <View className='big-action big-action--plain' onClick={() => void act('cancelMeal', { date })}>{copy.cancelMeal}</View>}
        </View>
      )}
      {m.standing
        ? <View className='big-action big-action--plain' onClick={() => void act('standingOrder', { weekdays: [], mode: 'delivery' })}>{copy.standingOff}</View>
        : <View className='big-action big-action--plain' onClick={() => void act('standingOrder', { weekdays: [1, 2, 3, 4, 5, 6, 7], mode: 'delivery' })}>{copy.standingAll}</View>}
    </View>
  )
}
