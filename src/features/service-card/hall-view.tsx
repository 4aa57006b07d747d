import { useCallback, useEffect, useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import Taro from '@tarojs/taro'
import * as z from 'zod'
import { callFunction, newRequestId } from '@/api'
import { usePagedQuery } from '@/api/use-paged-query.hook'
import { bookingView, pageOf, slotView, type BookingView, type SlotView } from '@/core/service-card/service-card.views'
import { PageShell } from '@/components/theme/page-shell'
import { shanghaiDateTime } from '@/components/format/time'
import Button from '@/components/ui/button'
import { confirm } from '@/components/ui/confirm'
import { serviceCardCopy as copy } from './copy'
import './service-card.css'

const slotBookings = z.object({ slot: slotView, bookings: z.array(bookingView) })

/** Staff at the hall: upcoming slots, who booked each, check-in at the window; publish a slot. */
export function HallView () {
  const slots = usePagedQuery<SlotView>({ fn: 'service-card', action: 'listSlots', schema: pageOf(slotView), badResponse: copy.badResponse })
  const [open, setOpen] = useState<string | null>(null)
  const cancel = async (s: SlotView): Promise<void> => {
    if (!(await confirm({ title: copy.cancelSlot, content: copy.cancelSlotConfirm }))) return
    const res = await callFunction<{ cancelled: number }>('service-card', 'cancelSlot', { slotId: s.id, reason: copy.cancelSlotReason })
    void Taro.showToast({ title: res.ok ? copy.slotCancelled(res.data.cancelled) : res.error.message, icon: 'none', duration: 3000 })
    setOpen(null)
    slots.reload()
  }
  return (
    <PageShell className='service-card'>
      <Text className='section-title'>{copy.hallSlots}</Text>
      {slots.error && <Text className='status-line'>{slots.error.message}</Text>}
      {slots.items.map(s => (
        <View key={s.id} className='card' data-testid='hall-slot'>
          <View className='sc-slot' onClick={() => setOpen(open === s.id ? null : s.id)}>
            <Text className='sc-slot__when'>{shanghaiDateTime(s.startAt)} · {s.window}</Text>
            <Text className='status-line'>{s.capacity - s.seatsLeft}/{s.capacity}</Text>
          </View>
          {open === s.id && <SlotBookings slotId={s.id} />}
          {open === s.id && <Button className='sc-gap' block onClick={() => void cancel(s)}>{copy.cancelSlot}</Button>}
        </View>
      ))}
      {slots.items.length > 0 && open === null && <Text className='status-line'>{copy.pickSlot}</Text>}
      {slots.hasMore && <Button block disabled={slots.loading} onClick={slots.more}>{copy.more}</Button>}
      <PublishForm onDone={slots.reload} />
    </PageShell>
  )
}

function SlotBookings ({ slotId }: { slotId: string }) {
  const [data, setData] = useState<BookingView[] | null>(null)
  const [busy, setBusy] = useState(false)
  const load = useCallback(async (): Promise<void> => {
    const res = await callFunction<unknown>('service-card', 'slotBookings', { slotId })
    const parsed = res.ok ? slotBookings.safeParse(res.data) : null
    setData(parsed?.success ? parsed.data.bookings : [])
  }, [slotId])
  useEffect(() => { void load() }, [load])
  if (data === null) return <Text className='status-line'>{copy.loading}</Text>
  const checkIn = async (b: BookingView): Promise<void> => {
    setBusy(true)
    const res = await callFunction('service-card', 'checkIn', { bookingId: b.id })
    setBusy(false)
    void Taro.showToast({ title: res.ok ? copy.checkedIn : res.error.message, icon: 'none', duration: 3000 })
    await load()
  }
  const live = data.filter(b => b.status !== 'cancelled')
  if (live.length === 0) return <Text className='text-soft'>{copy.noBookings}</Text>
  return (
    <View>
      {live.map(b => (
        <View key={b.id} className='sc-slot sc-checkin' data-testid='hall-booking'>
          <View>
            <Text className='sc-row__value'>{b.residentName}</Text>
            <Text className='status-line'>{b.itemName} · {copy.bookingStatus[b.status]}</Text>
          </View>
          {b.status === 'booked' && <Button type='primary' disabled={busy} onClick={() => void checkIn(b)}>{copy.checkIn}</Button>}
        </View>
      ))}
    </View>
  )
}

/** "2026-11-25 09:00" on the community's clock → an instant. */
function parseShanghai (text: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})\s+(\d{2}):(\d{2})$/.exec(text.trim())
  if (!m) return null
  const t = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]) - 8 * 3600_000
  return Number.isNaN(t) ? null : new Date(t)
}

function PublishForm ({ onDone }: { onDone: () => void }) {
  const [window, setWindow] = useState('1号窗口')
  const [start, setStart] = useState('')
  const [minutes, setMinutes] = useState('30')
  const [capacity, setCapacity] = useState('5')
  const [busy, setBusy] = useState(false)
  const [requestId, setRequestId] = useState(newRequestId)
  // A refusal (wrong window, outside the items' hours) is long and must stay readable: shown in the form.
  const [problem, setProblem] = useState<string | null>(null)
  const publish = async (): Promise<void> => {
    const startAt = parseShanghai(start)
    if (!startAt) return setProblem(copy.badStart)
    setBusy(true)
    setProblem(null)
    const res = await callFunction('service-card', 'publishSlot', { window, startAt: startAt.toISOString(), minutes: Number(minutes), capacity: Number(capacity) }, { requestId })
    setBusy(false)
    if (!res.ok) {
      // The server refused (wrong window, outside hours) and stored nothing: the corrected slot is a
      // new request. Only a lost answer (NETWORK) is retried under the same requestId.
      if (res.error.code !== 'NETWORK') setRequestId(newRequestId())
      return setProblem(res.error.message)
    }
    void Taro.showToast({ title: copy.published, icon: 'none', duration: 3000 })
    setRequestId(newRequestId())
    onDone()
  }
  return (
    <View>
      <Text className='section-title'>{copy.publishTitle}</Text>
      <View className='card'>
        <Text className='sc-row__label'>{copy.windowLabel}</Text>
        <Input className='sc-input' name='slot-window' value={window} maxlength={20} onInput={(e) => setWindow(e.detail.value)} />
        <Text className='sc-row__label'>{copy.startLabel}</Text>
        <Input className='sc-input' name='slot-start' value={start} maxlength={16} placeholder='2026-11-25 09:00' onInput={(e) => setStart(e.detail.value)} />
        <Text className='sc-row__label'>{copy.minutesLabel}</Text>
        <Input className='sc-input' name='slot-minutes' type='number' value={minutes} onInput={(e) => setMinutes(e.detail.value)} />
        <Text className='sc-row__label'>{copy.capacityLabel}</Text>
        <Input className='sc-input' name='slot-capacity' type='number' value={capacity} onInput={(e) => setCapacity(e.detail.value)} />
        <Text className='status-line'>{copy.publishRule}</Text>
        {problem && <Text className='status-line sc-stale' data-testid='publish-problem'>{problem}</Text>}
        <Button className='sc-gap' type='primary' size='large' block disabled={busy} onClick={() => void publish()}>{copy.publish}</Button>
      </View>
    </View>
  )
}
