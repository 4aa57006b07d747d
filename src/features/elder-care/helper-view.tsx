import { useRef, useState } from 'react'
import { View, Text } from '@tarojs/components'
import { useAction, usePagedQuery, useQuery } from '@/api'
import { whereAmI, type Here } from '@/components/location/where-am-i'
import { PageShell } from '@/components/theme/page-shell'
import { shanghaiDateTime } from '@/components/format/time'
import Button from '@/components/ui/button'
import { FormProblem } from '@/components/form/form-field'
import { elderCareCopy as copy } from './copy'
import { hasAnyRole } from '@/core/community/caller'
import { elderCareContract } from '@/core/elder-care/elder-care.contract'
import { mealRoundReaders } from '@/core/elder-care/elder-care.model'
import { useWhoami } from '@/features/me/use-whoami.hook'
import './elder-care.css'

/** 我的上门服务 (volunteer, staff or provider): accept or decline, check in on arrival, check out when done. */
export function HelperView() {
  const list = usePagedQuery(elderCareContract.myVisits, {})
  const { me } = useWhoami()
  // Per visit: checked in/out without a location, and why (the visit counts all the same).
  const [noLocation, setNoLocation] = useState<Record<string, string>>({})
  // A refusal is said on the visit tapped, for the last button tapped there, until the next tap.
  const moves = {
    accept: useAction(elderCareContract.accept),
    decline: useAction(elderCareContract.decline),
    checkIn: useAction(elderCareContract.checkIn),
    checkOut: useAction(elderCareContract.checkOut)
  }
  const [last, setLast] = useState<keyof typeof moves>('accept')
  const answer = async (move: 'accept' | 'decline', id: string): Promise<void> => {
    setLast(move)
    if ((await moves[move].run({ id }, { key: id })).ok) list.reload()
  }
  // Where the helper was at a check not yet answered: the retry after a lost answer sends the same
  // place, so it is the same request (useAction keeps its requestId) and is not refused as a second move.
  const unanswered = useRef(new Map<string, Here>())
  const check = async (move: 'checkIn' | 'checkOut', id: string): Promise<void> => {
    setLast(move)
    // Location only at check-in and check-out; when there is none the visit is recorded without it.
    const key = `${move}:${id}`
    const here = unanswered.current.get(key) ?? (await whereAmI())
    unanswered.current.set(key, here)
    const res = await moves[move].run({ id, location: here.location }, { key: id })
    if (res.ok || res.error.code !== 'NETWORK') unanswered.current.delete(key)
    if (!res.ok) return
    setNoLocation(n => ({ ...n, [id]: here.why ? copy.recordedWithoutLocation(move === 'checkIn', here.why) : '' }))
    list.reload()
  }
  return (
    <PageShell className='elder-care'>
      <Text className='section-title'>{copy.myVisits}</Text>
      {list.error && <Text className='status-line'>{list.error.message}</Text>}
      {!list.loading && list.items.length === 0 && (
        <View className='card'>
          <Text className='text-soft'>{copy.empty}</Text>
        </View>
      )}
      {list.items.map(r => (
        <View key={r.id} className='card care-request' data-testid='visit'>
          <View className='care-request__head'>
            <Text className='care-request__name'>
              {r.elderName} · {r.serviceName}
            </Text>
            <Text className={`state state--${r.state}`}>{r.stateLabel}</Text>
          </View>
          <Text className='status-line'>{shanghaiDateTime(r.window.start)}</Text>
          <Text className='elder-text' data-testid='visit-address'>
            {r.address}　{r.phone}
          </Text>
          {!r.addressVisible && r.state === 'assigned' && <Text className='status-line'>{copy.masked}</Text>}
          {r.note && <Text className='status-line'>{r.note}</Text>}
          {noLocation[r.id] && (
            <Text className='status-line' data-testid='no-location'>
              {noLocation[r.id]}
            </Text>
          )}
          <FormProblem problem={moves[last].refused(r.id)} />
          {r.actions.includes('accept') && (
            <Button type='primary' block onClick={() => void answer('accept', r.id)}>
              {copy.accept}
            </Button>
          )}
          {r.actions.includes('decline') && (
            <Button block onClick={() => void answer('decline', r.id)}>
              {copy.decline}
            </Button>
          )}
          {r.actions.includes('check_in') && (
            <Button type='primary' block onClick={() => void check('checkIn', r.id)}>
              {copy.checkIn}
            </Button>
          )}
          {r.actions.includes('check_out') && (
            <Button type='primary' block onClick={() => void check('checkOut', r.id)}>
              {copy.checkOut}
            </Button>
          )}
        </View>
      ))}
      {list.hasMore && (
        <Button block onClick={list.more}>
          {copy.more}
        </Button>
      )}
      {me && hasAnyRole(me, mealRoundReaders) && <DeliveryRound />}
    </PageShell>
  )
}

/** Volunteers deliver lunch too: today's delivery round, door by door (not for a provider's staff). */
function DeliveryRound() {
  const round = useQuery(elderCareContract.dayMeals, {})
  return (
    <>
      <Text className='section-title'>{copy.roundToday}</Text>
      {round.data && (
        <View className='card' data-testid='round'>
          <Text className='elder-text'>{copy.deliveryCount(round.data.delivery)}</Text>
          {round.data.round.map(r => (
            <Text key={r.address + r.elderName} className='meals__stop'>
              {r.address}　{r.elderName}　{r.phone}
            </Text>
          ))}
        </View>
      )}
    </>
  )
}
