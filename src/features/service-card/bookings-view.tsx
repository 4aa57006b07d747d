import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useAction, usePagedQuery } from '@/api'
import { serviceCardContract } from '@/core/service-card/service-card.contract'
import type { BookingView } from '@/core/service-card/service-card.views'
import { PageShell } from '@/components/theme/page-shell'
import { shanghaiDateTime } from '@/components/format/time'
import Button from '@/components/ui/button'
import { FormProblem } from '@/components/form/form-field'
import { confirm } from '@/components/ui/confirm'
import { serviceCardCopy as copy } from './copy'
import './service-card.css'

/** 我的预约: newest first, with what to bring; cancel up to 2 hours before. */
export function BookingsView() {
  const list = usePagedQuery(serviceCardContract.myBookings, {})
  // The refusal (不到2小时, 已取消) is said on that booking's card.
  const cancelling = useAction(serviceCardContract.cancelBooking)

  const cancel = async (b: BookingView): Promise<void> => {
    if (
      !(await confirm({
        title: copy.cancelAsk,
        content: copy.cancelAskDetail(b.itemName, shanghaiDateTime(b.startAt))
      }))
    )
      return
    const res = await cancelling.run({ bookingId: b.id }, { key: b.id })
    if (!res.ok) return
    void Taro.showToast({ title: copy.cancelled, icon: 'none', duration: 3000 })
    list.reload()
  }

  return (
    <PageShell className='service-card'>
      {list.error && (
        <View className='card'>
          <Text className='status-line'>{list.error.message}</Text>
          <Button block onClick={list.reload}>
            {copy.retry}
          </Button>
        </View>
      )}
      {!list.loading && !list.error && list.items.length === 0 && (
        <View className='card'>
          <Text className='text-soft'>{copy.noBookingsYet}</Text>
          <Button
            className='sc-gap'
            block
            onClick={() => {
              void Taro.navigateTo({ url: '/pages/service-card/index' })
            }}
          >
            {copy.toCatalog}
          </Button>
        </View>
      )}
      {list.items.map(b => (
        <View key={b.id} className='card' data-testid='my-booking'>
          <Text className='sc-item__name'>{b.itemName}</Text>
          <Text className='sc-row__value'>
            {shanghaiDateTime(b.startAt)} · {b.window}
          </Text>
          <Text className={`sc-status sc-status--${b.status}`}>
            {copy.bookingStatus[b.status]}
            {b.byStaff ? ` · ${copy.byStaff}` : ''}
          </Text>
          {b.status === 'booked' && (b.materials ?? []).length > 0 && (
            <Text className='status-line'>
              {copy.bring}
              {(b.materials ?? []).join('、')}
            </Text>
          )}
          <FormProblem problem={cancelling.refused(b.id)} />
          {b.status === 'booked' && (
            <Button className='sc-gap' block disabled={cancelling.busy !== null} onClick={() => void cancel(b)}>
              {copy.cancel}
            </Button>
          )}
        </View>
      ))}
      {list.hasMore && (
        <Button block disabled={list.loading} onClick={list.more}>
          {copy.more}
        </Button>
      )}
    </PageShell>
  )
}
