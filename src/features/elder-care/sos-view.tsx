import { useEffect, useState, type ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { callAction, useAction } from '@/api'
import { PageShell } from '@/components/theme/page-shell'
import { shanghaiDateTime, shanghaiHHmm } from '@/components/format/time'
import { FormProblem } from '@/components/form/form-field'
import { elderCareContract } from '@/core/elder-care/elder-care.contract'
import type { SosItem } from '@/core/elder-care/elder-care.views'
import { elderCareCopy as copy } from './copy'
import { ActingGate } from './acting-gate'
import { EmergencyPhones } from './emergency-phones'
import type { ActingElder } from './use-acting-elder.hook'
import './elder-care.css'

/**
 * How long the confirm button ignores taps after it appears: the second tap of a quick double
 * tap on the big button (a trembling hand) must not confirm. It also appears lower on the screen
 * than the big button was, so nothing tappable lies under the first tap.
 */
export const CONFIRM_ARM_MS = 800
const POLL_MS = 5000

const isLive = (call: SosItem | null): boolean =>
  call !== null && (call.state === 'open' || call.state === 'acknowledged')

/**
 * 一键呼叫: one big button, one confirmation, then what is happening (who was told, who answered,
 * when), a 10 s cancel for a mistake, the duty line and 120 always at hand, and a new call after
 * one ends. With `callId` (opened from an SOS notice) it shows that call to whoever reads it, in
 * their words: the family's view, or staff wording with the way to the staff desk.
 */
export function SosView({ callId }: { callId?: string }) {
  return (
    <PageShell className='elder-care elder-care--large'>
      {callId ? (
        <CallById id={callId} />
      ) : (
        // No elder record here (a resident in 长辈版): no SOS to send, but the phones still are.
        <ActingGate
          none={
            <>
              <View className='card'>
                <Text className='elder-text'>{copy.noElder}</Text>
              </View>
              <EmergencyPhones />
            </>
          }
        >
          {acting => <SosPanel acting={acting} />}
        </ActingGate>
      )}
    </PageShell>
  )
}

/** Loads a call (sosCall or mySos) once, and again every 5 s while it is live. */
function usePolledCall(load: () => Promise<{ call: SosItem | null; error: string | null }>): {
  call: SosItem | null
  error: string | null
  setCall: (c: SosItem | null) => void
} {
  const [call, setCall] = useState<SosItem | null>(null)
  const [error, setError] = useState<string | null>(null)
  const live = isLive(call)
  useEffect(() => {
    let alive = true
    const run = (): void => {
      void load().then(r => {
        if (!alive) return
        setError(r.error)
        if (r.call) setCall(r.call)
      })
    }
    run()
    if (!live)
      return () => {
        alive = false
      }
    const poll = setInterval(run, POLL_MS)
    return () => {
      alive = false
      clearInterval(poll)
    }
  }, [live])
  return { call, error, setCall }
}

/** One read of a call: its answer, or the refusal's words. */
type Loaded = { call: SosItem | null; error: string | null }
const asLoaded = (res: { ok: true; data: SosItem | null } | { ok: false; error: { message: string } }): Loaded =>
  res.ok ? { call: res.data, error: null } : { call: null, error: res.error.message }

/** Opened from a notice: the family's view, the staff wording, or (the elder) her own SOS page. */
function CallById({ id }: { id: string }) {
  const { call, error } = usePolledCall(async () => asLoaded(await callAction(elderCareContract.sosCall, { id })))
  if (error && !call) {
    return (
      <>
        <View className='card'>
          <Text className='elder-text' data-testid='sos-call-error'>
            {error}
          </Text>
        </View>
        <EmergencyPhones />
      </>
    )
  }
  if (!call)
    return (
      <View className='card'>
        <Text className='status-line'>{copy.loading}</Text>
      </View>
    )
  if (call.audience === 'elder') return <ActingGate>{acting => <SosPanel acting={acting} />}</ActingGate>
  return (
    <>
      <CallStatus call={call} />
      {call.audience === 'staff' ? (
        <View
          className='big-action big-action--primary'
          onClick={() => void Taro.navigateTo({ url: '/pages/elder-care/staff' })}
          data-testid='to-staff-desk'
        >
          {copy.toStaffDesk}
        </View>
      ) : (
        <EmergencyPhones elderPhone={call.elderPhone} />
      )}
    </>
  )
}

/** Where a call stands: the headline, who answered and when (each once), who was told at each step. */
function CallStatus({ call, children }: { call: SosItem; children?: ReactNode }) {
  return (
    <View className={`card sos-status sos-status--${call.state}`} data-testid='sos-status'>
      {call.title && (
        <Text className='sos-status__headline' data-testid='sos-title'>
          {call.title}
        </Text>
      )}
      <Text className='sos-status__title' data-testid='sos-state'>
        {call.state === 'cancelled' ? copy.sosCancelled : (call.statusLine ?? call.stateLabel)}
      </Text>
      {call.responders.map(r => (
        <Text key={r.name} className='sos-status__responder' data-testid='sos-responder'>
          {copy.sosResponded(r.name, shanghaiHHmm(Date.parse(r.at)))}
        </Text>
      ))}
      {call.steps.map((s, i) => (
        <View key={i} className='history__row'>
          <Text className='history__label'>{copy.sosTold(s.label, s.told)}</Text>
          <Text className='history__time'>{shanghaiDateTime(s.at)}</Text>
        </View>
      ))}
      {children}
    </View>
  )
}

function SosPanel({ acting }: { acting: ActingElder }) {
  const [confirming, setConfirming] = useState(false)
  const [armed, setArmed] = useState(false)
  const [now, setNow] = useState(Date.now())
  // A refused press or cancel is said above its button, in words, until the next tap. The press
  // keeps its requestId until it has an answer: a retry after a lost answer joins the same call.
  const pressSos = useAction(elderCareContract.sosPress)
  const cancelSos = useAction(elderCareContract.sosCancel)
  const busy = pressSos.busy !== null
  const payload = acting.elderId ? { elderId: acting.elderId } : {}
  // Coming back to the page: a call still going on is shown, not a fresh button.
  const { call, setCall } = usePolledCall(async () => {
    const r = asLoaded(await callAction(elderCareContract.mySos, payload))
    return { call: isLive(r.call) ? r.call : null, error: r.error }
  })
  const live = isLive(call)

  // The cancel countdown ticks every second while a call is live.
  useEffect(() => {
    if (!live) return
    const tick = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(tick)
  }, [live])

  useEffect(() => {
    if (!confirming) return
    setArmed(false)
    const t = setTimeout(() => setArmed(true), CONFIRM_ARM_MS)
    return () => clearTimeout(t)
  }, [confirming])

  const press = async (): Promise<void> => {
    const res = await pressSos.run(payload)
    setConfirming(false)
    if (res.ok) {
      setCall(res.data)
      setNow(Date.now())
    }
  }
  const cancel = async (): Promise<void> => {
    if (!call) return
    const res = await cancelSos.run({ id: call.id })
    if (res.ok) setCall(res.data)
  }

  if (call) {
    const left = Math.ceil((Date.parse(call.cancelUntil) - now) / 1000)
    return (
      <>
        <CallStatus call={call}>
          <FormProblem problem={cancelSos.refused()} />
          {call.state === 'open' && left > 0 && (
            <View className='big-action big-action--plain' onClick={() => void cancel()} data-testid='sos-cancel'>
              {copy.sosCancel(left)}
            </View>
          )}
        </CallStatus>
        {!live && (
          <View
            className='big-action sos-again'
            onClick={() => {
              setCall(null)
              setConfirming(false)
            }}
            data-testid='sos-again'
          >
            {copy.sosAgain}
          </View>
        )}
        <EmergencyPhones />
      </>
    )
  }
  if (confirming) {
    return (
      <View className='sos-confirm'>
        {/* Only words where the big button was: a second tap there touches nothing. */}
        <View className='sos-confirm__ask'>
          <Text className='sos-confirm__title'>{copy.sosConfirmTitle}</Text>
          <Text className='elder-text'>{copy.sosHint}</Text>
          <Text className='elder-text'>{copy.sosConfirmHint}</Text>
        </View>
        <View
          className={`sos-button sos-button--confirm${armed ? '' : ' sos-button--arming'}`}
          data-armed={String(armed)}
          onClick={() => {
            if (armed && !busy) void press()
          }}
          data-testid='sos-confirm'
        >
          {busy ? copy.loading : copy.sosConfirm}
        </View>
        <View className='big-action big-action--plain' onClick={() => setConfirming(false)} data-testid='sos-back'>
          {copy.sosBack}
        </View>
        <EmergencyPhones />
      </View>
    )
  }
  return (
    <View className='sos-confirm'>
      <FormProblem problem={pressSos.refused()} />
      <View className='sos-button' onClick={() => setConfirming(true)} data-testid='sos-button'>
        {copy.sosBig}
      </View>
      <Text className='elder-text'>{copy.sosHint}</Text>
      <EmergencyPhones />
    </View>
  )
}
