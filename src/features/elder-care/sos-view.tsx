import { useEffect, useMemo, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { callFunction, newRequestId } from '@/api'
import { PageShell } from '@/components/theme/page-shell'
import { shanghaiDateTime } from '@/components/format/time'
import { elderCareCopy as copy } from './copy'
import { sosView, type SosItem } from './elder-care.views'
import { ActingGate } from './acting-gate'
import type { ActingElder } from './use-acting-elder.hook'
import './elder-care.css'

/** 一键呼叫: one big button, one confirmation, then what is happening — with 10 s to cancel a mistake. */
export function SosView () {
  return (
    <PageShell className='elder-care elder-care--large'>
      <ActingGate>{acting => <SosPanel acting={acting} />}</ActingGate>
    </PageShell>
  )
}

function SosPanel ({ acting }: { acting: ActingElder }) {
  const [confirming, setConfirming] = useState(false)
  const [call, setCall] = useState<SosItem | null>(null)
  const [now, setNow] = useState(Date.now())
  const [busy, setBusy] = useState(false)
  const requestId = useMemo(() => newRequestId(), [confirming])
  const payload = acting.elderId ? { elderId: acting.elderId } : {}

  // Coming back to the page: a call still going on is shown, not a fresh button.
  useEffect(() => {
    void callFunction<unknown>('elder-care', 'mySos', payload).then(res => {
      const parsed = res.ok ? sosView.nullable().safeParse(res.data) : null
      if (parsed?.success && parsed.data && (parsed.data.state === 'open' || parsed.data.state === 'acknowledged')) setCall(parsed.data)
    })
  }, [])

  // While a call is live: tick the cancel countdown every second and refresh its state every 5 s.
  const live = call !== null && (call.state === 'open' || call.state === 'acknowledged')
  useEffect(() => {
    if (!live) return
    const tick = setInterval(() => setNow(Date.now()), 1000)
    const poll = setInterval(() => {
      void callFunction<unknown>('elder-care', 'mySos', payload).then(res => {
        const parsed = res.ok ? sosView.nullable().safeParse(res.data) : null
        if (parsed?.success && parsed.data) setCall(parsed.data)
      })
    }, 5000)
    return () => { clearInterval(tick); clearInterval(poll) }
  }, [live])

  const press = async (): Promise<void> => {
    setBusy(true)
    const res = await callFunction<unknown>('elder-care', 'sosPress', payload, { requestId })
    setBusy(false)
    setConfirming(false)
    if (!res.ok) return void Taro.showModal({ title: res.error.message, showCancel: false })
    const parsed = sosView.safeParse(res.data)
    if (parsed.success) { setCall(parsed.data); setNow(Date.now()) }
  }
  const cancel = async (): Promise<void> => {
    if (!call) return
    const res = await callFunction<unknown>('elder-care', 'sosCancel', { id: call.id })
    if (!res.ok) return void Taro.showModal({ title: res.error.message, showCancel: false })
    const parsed = sosView.safeParse(res.data)
    if (parsed.success) setCall(parsed.data)
  }

  if (call) {
    const left = Math.ceil((Date.parse(call.cancelUntil) - now) / 1000)
    return (
      <View className='card sos-status' data-testid='sos-status'>
        <Text className='sos-status__title'>{call.state === 'cancelled' ? copy.sosCancelled : call.stateLabel}</Text>
        {call.steps.map((s, i) => (
          <View key={i} className='history__row'>
            <Text className='history__label'>{s.label}</Text>
            <Text className='history__time'>{shanghaiDateTime(s.at)}</Text>
          </View>
        ))}
        {call.state === 'open' && left > 0 && (
          <View className='big-action big-action--plain' onClick={() => void cancel()} data-testid='sos-cancel'>{copy.sosCancel(left)}</View>
        )}
      </View>
    )
  }
  if (confirming) {
    return (
      <View className='sos-confirm'>
        <Text className='sos-confirm__title'>{copy.sosConfirmTitle}</Text>
        <View className='sos-button sos-button--confirm' onClick={() => { if (!busy) void press() }} data-testid='sos-confirm'>{busy ? copy.loading : copy.sosConfirm}</View>
        <View className='big-action big-action--plain' onClick={() => setConfirming(false)}>{copy.sosBack}</View>
      </View>
    )
  }
  return (
    <View className='sos-confirm'>
      <View className='sos-button' onClick={() => setConfirming(true)} data-testid='sos-button'>{copy.sosBig}</View>
      <Text className='elder-text'>{copy.sosHint}</Text>
    </View>
  )
}
