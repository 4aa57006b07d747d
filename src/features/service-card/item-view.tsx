import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useAction, usePagedQuery, useQuery } from '@/api'
import { useSubscribeGrants } from '@/api/subscribe'
import { serviceCardContract } from '@/core/service-card/service-card.contract'
import type { BookingView, ItemView, ResidentView, SlotView } from '@/core/service-card/service-card.views'
import { PageShell } from '@/components/theme/page-shell'
import { shanghaiDateTime } from '@/components/format/time'
import Button from '@/components/ui/button'
import { confirm } from '@/components/ui/confirm'
import { FormProblem, TextField } from '@/components/form/form-field'
import { useFormProblems } from '@/components/form/use-form-problems.hook'
import { hasAnyRole } from '@/core/community/caller'
import { policies } from '@/core/community/roles'
import { useWhoami } from '@/features/me/use-whoami.hook'
import { serviceCardCopy as copy } from './copy'
import { ItemAdmin } from './item-admin'
import './service-card.css'

/** One service item: what, who, what to bring, where and when; book a hall slot or ask for 上门/代办. */
export function ItemView({ id }: { id: string }) {
  const item = useQuery(serviceCardContract.getItem, { itemId: id })
  const { me } = useWhoami()
  const staff = !!me && hasAnyRole(me, policies.staff)
  if (!item.data) {
    return (
      <PageShell className='service-card'>
        <View className='card'>
          <Text className='status-line'>{item.error ? item.error.message : copy.loading}</Text>
          {item.error && (
            <Button type='primary' block onClick={item.reload}>
              {copy.retry}
            </Button>
          )}
        </View>
      </PageShell>
    )
  }
  const it = item.data
  return (
    <PageShell className='service-card'>
      <Text className='sc-title'>{it.name}</Text>
      {it.stale && <Text className='status-line sc-stale'>{copy.stale}</Text>}
      <View className='card'>
        <Row label={copy.what} value={it.summary} />
        <Row label={copy.who} value={it.eligibility} />
        <Text className='sc-row__label'>{copy.materials}</Text>
        {it.materials.length === 0 ? (
          <Text className='sc-row__value'>{copy.noMaterials}</Text>
        ) : (
          it.materials.map(m => (
            <Text key={m} className='sc-material'>
              · {m}
            </Text>
          ))
        )}
        <Row label={copy.place} value={it.place} />
        <Row label={copy.hours} value={it.hours} />
        <Text className='status-line'>
          {copy.timeLimit(it.timeLimitDays)} · {copy.owner(it.ownerName)}
        </Text>
      </View>
      {it.modes.includes('appointment') && <BookSection item={it} />}
      {(it.modes.includes('home') || it.modes.includes('proxy')) && <RequestSection item={it} />}
      {staff && <ItemAdmin item={it} onChanged={item.reload} />}
    </PageShell>
  )
}

function Row({ label, value }: { label: string; value: string }) {
  return (
    <View className='sc-row'>
      <Text className='sc-row__label'>{label}</Text>
      <Text className='sc-row__value'>{value}</Text>
    </View>
  )
}

/** `forResident`: staff booking for someone (帮办); the server records who booked. */
export function BookSection({ item, forResident }: { item: ItemView; forResident?: ResidentView }) {
  const slots = usePagedQuery(serviceCardContract.listSlots, { itemId: item.id })
  // One requestId per tap on one slot, kept across a retry, so a double tap books once (useAction).
  const booking = useAction(serviceCardContract.book)
  // A refused booking (约满了, 不在预约时间) is said on that slot's card, not in a toast over its button.
  const [refused, setRefused] = useState<{ slotId: string; message: string } | null>(null)
  const [done, setDone] = useState<BookingView | null>(null)
  // Booking for oneself is when to ask for the confirmation and the 2-hours-before reminder
  // (staff booking for a resident would only collect grants for themselves).
  const askForGrants = useSubscribeGrants(['booking', 'reminder'])

  const book = async (slot: SlotView, another = false): Promise<void> => {
    if (!forResident && !another) await askForGrants()
    setRefused(null)
    // A confirmed second booking is a new request (its input carries `another`).
    const res = await booking.run(
      {
        slotId: slot.id,
        itemId: item.id,
        ...(forResident ? { onBehalfOf: forResident.userId } : {}),
        ...(another ? { another: true } : {})
      },
      {
        key: slot.id,
        // Already holding this service is a question (below), not a refusal.
        onError: e => {
          if (e.code !== 'ALREADY_BOOKED_ITEM' || another) setRefused({ slotId: slot.id, message: e.message })
        }
      }
    )
    if (!res.ok && res.error.code === 'ALREADY_BOOKED_ITEM' && !another) {
      const sure = await confirm({
        title: copy.alreadyBookedAsk,
        content: `${res.error.message}。${copy.alreadyBookedDetail}`,
        confirmText: copy.bookAnother
      })
      if (sure) await book(slot, true)
      return
    }
    if (!res.ok) return slots.reload()
    setDone(res.data)
  }

  if (done) {
    return (
      <View className='card sc-confirm' data-testid='booking-confirmation'>
        <Text className='sc-confirm__title'>{copy.booked}</Text>
        <Text className='sc-row__value'>
          {shanghaiDateTime(done.startAt)} · {done.window}
        </Text>
        <Text className='sc-row__label'>{copy.bring}</Text>
        {(done.materials ?? []).map(m => (
          <Text key={m} className='sc-material'>
            · {m}
          </Text>
        ))}
        <Button
          block
          onClick={() => {
            void Taro.navigateTo({ url: '/pages/service-card/bookings' })
          }}
        >
          {copy.myBookings}
        </Button>
      </View>
    )
  }
  return (
    <View>
      {!forResident && <MyBookingsOf itemId={item.id} />}
      <Text className='section-title'>{copy.bookTitle}</Text>
      {slots.error && <Text className='status-line'>{slots.error.message}</Text>}
      {!slots.loading && slots.items.length === 0 && (
        <View className='card'>
          <Text className='text-soft'>{copy.noSlots}</Text>
        </View>
      )}
      {slots.items.map(s => (
        <View key={s.id} className='card' data-testid='slot'>
          <View className='sc-slot'>
            <View>
              <Text className='sc-slot__when'>{shanghaiDateTime(s.startAt)}</Text>
              <Text className='status-line'>
                {s.window} · {copy.seatsLeft(s.seatsLeft)}
              </Text>
            </View>
            <Button type='primary' disabled={s.seatsLeft === 0 || booking.busy !== null} onClick={() => void book(s)}>
              {booking.busy === s.id ? copy.booking : copy.book}
            </Button>
          </View>
          {refused?.slotId === s.id && <FormProblem problem={refused.message} />}
        </View>
      ))}
      {slots.hasMore && (
        <Button block disabled={slots.loading} onClick={slots.more}>
          {copy.more}
        </Button>
      )}
    </View>
  )
}

/** The item page says what I already hold for it, so nobody books twice without knowing. */
function MyBookingsOf({ itemId }: { itemId: string }) {
  const mine = useQuery(serviceCardContract.myBookings, { itemId })
  const items = mine.data?.items ?? []
  if (items.length === 0) return null
  return (
    <View className='card sc-confirm' data-testid='my-item-booking'>
      <Text className='sc-confirm__title'>{copy.myItemBooking}</Text>
      {items.map(b => (
        <Text key={b.id} className='sc-row__value'>
          {shanghaiDateTime(b.startAt)} · {b.window}
        </Text>
      ))}
      <Button
        block
        onClick={() => {
          void Taro.navigateTo({ url: '/pages/service-card/bookings' })
        }}
      >
        {copy.myBookingsLink}
      </Button>
    </View>
  )
}

export function RequestSection({ item, forResident }: { item: ItemView; forResident?: ResidentView }) {
  const me = useQuery(serviceCardContract.me, {})
  const [note, setNote] = useState('')
  const submitting = useAction(serviceCardContract.submitRequest)
  const problems = useFormProblems(requestLabels)
  const askForGrants = useSubscribeGrants(['status'])
  const modes = (['home', 'proxy'] as const).filter(m => item.modes.includes(m))
  // Not (yet) eligible: say who decides, and ask for it right here in the app (or see the ask's state).
  if (!forResident && me.data && !me.data.eligible) {
    const pending = me.data.ask?.status === 'pending'
    return (
      <View>
        <Text className='section-title'>{copy.requestTitleOf(modes[0])}</Text>
        <View className='card' data-testid='not-eligible'>
          <Text className='sc-row__value'>{pending ? copy.askPendingShort : copy.notEligible}</Text>
          {!pending && <Text className='status-line'>{copy.notEligibleHow}</Text>}
          <Button
            className='sc-gap'
            type='primary'
            size='large'
            block
            onClick={() => {
              void Taro.navigateTo({ url: '/pages/service-card/requests' })
            }}
          >
            {pending ? copy.seeMyAsk : copy.askEligibility}
          </Button>
          <Button
            className='sc-gap'
            block
            onClick={() => {
              void Taro.navigateTo({ url: '/pages/community/index' })
            }}
          >
            {copy.askGridWorker}
          </Button>
        </View>
      </View>
    )
  }
  if (!(forResident ? forResident.eligible : me.data?.eligible)) return null

  const submit = async (mode: 'home' | 'proxy'): Promise<void> => {
    if (!forResident) await askForGrants()
    problems.clear()
    const res = await submitting.run(
      { itemId: item.id, mode, note: note.trim(), ...(forResident ? { onBehalfOf: forResident.userId } : {}) },
      { onError: problems.show }
    )
    if (!res.ok) return
    void Taro.showToast({ title: copy.submitted, icon: 'none' })
    void Taro.navigateTo({ url: `/pages/service-card/request?id=${res.data.id}` })
  }

  return (
    <View>
      <Text className='section-title'>{copy.requestTitleOf(modes[0])}</Text>
      <View className='card'>
        <Text className='sc-row__value'>{copy.requestHint}</Text>
        <TextField
          name='request-note'
          multiline
          label={copy.noteLabel}
          placeholder={copy.notePlaceholder}
          value={note}
          maxLength={300}
          error={problems.field('note')}
          onChange={v => {
            setNote(v)
            problems.clear('note')
          }}
        />
        <FormProblem problem={problems.form} />
        {modes.map(m => (
          <Button
            key={m}
            className='sc-gap'
            type='primary'
            size='large'
            block
            disabled={submitting.busy !== null}
            onClick={() => void submit(m)}
          >
            {copy.requestTitleOf(m)}
          </Button>
        ))}
      </View>
    </View>
  )
}

const requestLabels = { note: copy.noteLabel }
