import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { callFunction } from '@/api'
import { useCloudQuery } from '@/api/use-cloud-query.hook'
import { usePagedQuery } from '@/api/use-paged-query.hook'
import { whereAmI } from '@/components/location/where-am-i'
import { PageShell } from '@/components/theme/page-shell'
import { shanghaiDateTime } from '@/components/format/time'
import Button from '@/components/ui/button'
import { useRefusal } from '@/components/form/use-refusal.hook'
import { FormProblem } from '@/components/form/form-field'
import { elderCareCopy as copy } from './copy'
import { hasAnyRole } from '@/core/community/caller'
import { mealRoundReaders } from '@/core/elder-care/elder-care.model'
import { useWhoami } from '@/features/me/use-whoami.hook'
import { careRequestPage, dayMealsView, type CareRequestItem } from './elder-care.views'
import './elder-care.css'

/** 我的上门服务 (volunteer, staff or provider): accept or decline, check in on arrival, check out when done. */
export function HelperView () {
  const list = usePagedQuery<CareRequestItem>({ fn: 'elder-care', action: 'myVisits', schema: careRequestPage, badResponse: copy.badResponse })
  const { me } = useWhoami()
  // Per visit: checked in/out without a location, and why (the visit counts all the same).
  const [noLocation, setNoLocation] = useState<Record<string, string>>({})
  const refusal = useRefusal()
  const act = async (action: string, id: string, withLocation = false): Promise<void> => {
    const payload: Record<string, unknown> = { id }
    // Location only at check-in and check-out; when there is none the visit is recorded without it.
    const here = withLocation ? await whereAmI() : null
    if (here) payload.location = here.location
    const res = await refusal.tap(id, () => callFunction('elder-care', action, payload))
    if (!res.ok) return
    if (here) setNoLocation(n => ({ ...n, [id]: here.why ? copy.recordedWithoutLocation(action === 'checkIn', here.why) : '' }))
    list.reload()
  }
  return (
    <PageShell className='elder-care'>
      <Text className='section-title'>{copy.myVisits}</Text>
      {list.error && <Text className='status-line'>{list.error.message}</Text>}
      {!list.loading && list.items.length === 0 && <View className='card'><Text className='text-soft'>{copy.empty}</Text></View>}
      {list.items.map(r => (
        <View key={r.id} className='card care-request' data-testid='visit'>
          <View className='care-request__head'>
            <Text className='care-request__name'>{r.elderName} · {r.serviceName}</Text>
            <Text className={`state state--${r.state}`}>{r.stateLabel}</Text>
          </View>
          <Text className='status-line'>{shanghaiDateTime(r.window.start)}</Text>
          <Text className='elder-text' data-testid='visit-address'>{r.address}　{r.phone}</Text>
          {!r.addressVisible && r.state === 'assigned' && <Text className='status-line'>{copy.masked}</Text>}
          {r.note && <Text className='status-line'>{r.note}</Text>}
          {noLocation[r.id] && <Text className='status-line' data-testid='no-location'>{noLocation[r.id]}</Text>}
          <FormProblem problem={refusal.at(r.id)} />
          {r.actions.includes('accept') && <Button type='primary' block onClick={() => void act('accept', r.id)}>{copy.accept}</Button>}
          {r.actions.includes('decline') && <Button block onClick={() => void act('decline', r.id)}>{copy.decline}</Button>}
          {r.actions.includes('check_in') && <Button type='primary' block onClick={() => void act('checkIn', r.id, true)}>{copy.checkIn}</Button>}
          {r.actions.includes('check_out') && <Button type='primary' block onClick={() => void act('checkOut', r.id, true)}>{copy.checkOut}</Button>}
        </View>
      ))}
      {list.hasMore && <Button block onClick={list.more}>{copy.more}</Button>}
      {me && hasAnyRole(me, mealRoundReaders) && <DeliveryRound />}
    </PageShell>
  )
}

/** Volunteers deliver lunch too: today's delivery round, door by door (not for a provider's staff). */
function DeliveryRound () {
  const round = useCloudQuery({ fn: 'elder-care', action: 'dayMeals', schema: dayMealsView, badResponse: copy.badResponse })
  return (
    <>
      <Text className='section-title'>{copy.roundToday}</Text>
      {round.data && (
        <View className='card' data-testid='round'>
          <Text className='elder-text'>{copy.deliveryCount(round.data.delivery)}</Text>
          {round.data.round.map(r => <Text key={r.address + r.elderName} className='meals__stop'>{r.address}　{r.elderName}　{r.phone}</Text>)}
        </View>
      )}
    </>
  )
}
