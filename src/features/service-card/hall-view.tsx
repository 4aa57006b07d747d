import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useAction, usePagedQuery, useQuery } from '@/api'
import { serviceCardContract } from '@/core/service-card/service-card.contract'
import type { BookingView, SlotView } from '@/core/service-card/service-card.views'
import { PageShell } from '@/components/theme/page-shell'
import { shanghaiDateTime } from '@/components/format/time'
import Button from '@/components/ui/button'
import { confirm } from '@/components/ui/confirm'
import { DateTimeField, FormProblem, pickedInstant, SubmitButton, TextField } from '@/components/form/form-field'
import { useFormProblems } from '@/components/form/use-form-problems.hook'
import { serviceCardCopy as copy } from './copy'
import './service-card.css'

/** Staff at the hall: upcoming slots, who booked each, check-in at the window; publish a slot. */
export function HallView() {
  const slots = usePagedQuery(serviceCardContract.listSlots, {})
  const [open, setOpen] = useState<string | null>(null)
  const cancelling = useAction(serviceCardContract.cancelSlot)
  const cancel = async (s: SlotView): Promise<void> => {
    if (!(await confirm({ title: copy.cancelSlot, content: copy.cancelSlotConfirm }))) return
    const res = await cancelling.run({ slotId: s.id, reason: copy.cancelSlotReason }, { key: s.id })
    if (!res.ok) return
    void Taro.showToast({ title: copy.slotCancelled(res.data.cancelled), icon: 'none', duration: 3000 })
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
            <Text className='sc-slot__when'>
              {shanghaiDateTime(s.startAt)} · {s.window}
            </Text>
            <Text className='status-line'>
              {s.capacity - s.seatsLeft}/{s.capacity}
            </Text>
          </View>
          {open === s.id && <SlotBookings slotId={s.id} />}
          {open === s.id && <FormProblem problem={cancelling.refused(s.id)} />}
          {open === s.id && (
            <Button className='sc-gap' block onClick={() => void cancel(s)}>
              {copy.cancelSlot}
            </Button>
          )}
        </View>
      ))}
      {slots.items.length > 0 && open === null && <Text className='status-line'>{copy.pickSlot}</Text>}
      {slots.hasMore && (
        <Button block disabled={slots.loading} onClick={slots.more}>
          {copy.more}
        </Button>
      )}
      <PublishForm onDone={slots.reload} />
    </PageShell>
  )
}

function SlotBookings({ slotId }: { slotId: string }) {
  const list = useQuery(serviceCardContract.slotBookings, { slotId })
  const checking = useAction(serviceCardContract.checkIn)
  if (list.data === null) return <Text className='status-line'>{list.error ? list.error.message : copy.loading}</Text>
  const checkIn = async (b: BookingView): Promise<void> => {
    const res = await checking.run({ bookingId: b.id }, { key: b.id })
    if (res.ok) void Taro.showToast({ title: copy.checkedIn, icon: 'none', duration: 3000 })
    list.reload()
  }
  const live = list.data.bookings.filter(b => b.status !== 'cancelled')
  if (live.length === 0) return <Text className='text-soft'>{copy.noBookings}</Text>
  return (
    <View>
      {live.map(b => (
        <View key={b.id} data-testid='hall-booking'>
          <View className='sc-slot sc-checkin'>
            <View>
              <Text className='sc-row__value'>{b.residentName}</Text>
              <Text className='status-line'>
                {b.itemName} · {copy.bookingStatus[b.status]}
              </Text>
            </View>
            {b.status === 'booked' && (
              <Button type='primary' disabled={checking.busy !== null} onClick={() => void checkIn(b)}>
                {copy.checkIn}
              </Button>
            )}
          </View>
          <FormProblem problem={checking.refused(b.id)} />
        </View>
      ))}
    </View>
  )
}

const slotLabels = {
  window: copy.windowLabel,
  startAt: copy.startLabel,
  minutes: copy.minutesLabel,
  capacity: copy.capacityLabel
}

function PublishForm({ onDone }: { onDone: () => void }) {
  const [window, setWindow] = useState('1号窗口')
  const [start, setStart] = useState('')
  const [minutes, setMinutes] = useState('30')
  const [capacity, setCapacity] = useState('5')
  // A lost answer (NETWORK) is retried under the same requestId; a refused or published slot's
  // next press is a new request (useAction).
  const publishing = useAction(serviceCardContract.publishSlot)
  const [done, setDone] = useState(false)
  const problems = useFormProblems(slotLabels)
  const startAt = pickedInstant(start)
  const publish = async (): Promise<void> => {
    if (!startAt) return
    setDone(false)
    problems.clear()
    const input = { window, startAt: startAt.toISOString(), minutes: Number(minutes), capacity: Number(capacity) }
    const res = await publishing.run(input, { onError: problems.show })
    if (!res.ok) return
    setDone(true)
    onDone()
  }
  const edit = (set: (v: string) => void, field: string) => (v: string) => {
    set(v)
    problems.clear(field)
  }
  return (
    <View>
      <Text className='section-title'>{copy.publishTitle}</Text>
      <View className='card'>
        <TextField
          name='slot-window'
          label={copy.windowLabel}
          value={window}
          maxLength={20}
          error={problems.field('window')}
          onChange={edit(setWindow, 'window')}
        />
        <DateTimeField
          name='slot-start'
          label={copy.startLabel}
          value={start}
          error={problems.field('startAt')}
          onChange={edit(setStart, 'startAt')}
        />
        <TextField
          name='slot-minutes'
          label={copy.minutesLabel}
          type='number'
          value={minutes}
          error={problems.field('minutes')}
          onChange={edit(setMinutes, 'minutes')}
        />
        <TextField
          name='slot-capacity'
          label={copy.capacityLabel}
          type='number'
          value={capacity}
          error={problems.field('capacity')}
          onChange={edit(setCapacity, 'capacity')}
        />
        <Text className='status-line'>{copy.publishRule}</Text>
        <SubmitButton
          busy={publishing.busy !== null}
          disabledReason={startAt ? null : copy.needStart}
          problem={problems.form}
          onClick={() => void publish()}
        >
          {copy.publish}
        </SubmitButton>
        {done && (
          <View role='status'>
            <Text className='status-line'>{copy.published}</Text>
          </View>
        )}
      </View>
    </View>
  )
}
