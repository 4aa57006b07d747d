import { useEffect, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { callFunction } from '@/api'
import { usePagedQuery } from '@/api/use-paged-query.hook'
import { PageShell } from '@/components/theme/page-shell'
import { shanghaiDateTime } from '@/components/format/time'
import Button from '@/components/ui/button'
import { useRefusal } from '@/components/form/use-refusal.hook'
import { FormProblem } from '@/components/form/form-field'
import { elderCareCopy as copy } from './copy'
import { careRequestPage, sosView, type CareRequestItem, type SosItem } from './elder-care.views'
import { ActingGate } from './acting-gate'
import { WorkLinks } from './work-links'
import type { ActingElder } from './use-acting-elder.hook'
import './elder-care.css'

/** 居家养老 for the elder (or their proxy): the SOS entry, request a service, meals, my requests with history. */
export function ElderHomeView () {
  return (
    <PageShell className='elder-care elder-care--large'>
      <ActingGate none={<WorkLinks orElse={<View className='card'><Text className='elder-text'>{copy.noElder}</Text></View>} />}>{acting => <><ElderHome acting={acting} /><WorkLinks /></>}</ActingGate>
    </PageShell>
  )
}

function ElderHome ({ acting }: { acting: ActingElder }) {
  const list = usePagedQuery<CareRequestItem>({
    fn: 'elder-care', action: 'myCareRequests', payload: acting.elderId ? { elderId: acting.elderId } : {},
    schema: careRequestPage, badResponse: copy.badResponse
  })
  // A refused rating or follow-up is said on that request's card, until the next tap.
  const refusal = useRefusal()
  const act = async (action: string, payload: Record<string, unknown>): Promise<void> => {
    const res = await refusal.tap(String(payload.id), () => callFunction('elder-care', action, payload))
    if (res.ok) list.reload()
  }
  return (
    <>
      <OpenCall acting={acting} />
      <View className='sos-entry' onClick={() => void Taro.navigateTo({ url: '/pages/elder-care/sos' })} data-testid='sos-entry'>
        <Text className='sos-entry__title'>{copy.sosEntry}</Text>
        <Text className='sos-entry__hint'>{copy.sosEntryHint}</Text>
      </View>
      <View className='elder-actions'>
        <View className='big-action big-action--primary' onClick={() => void Taro.navigateTo({ url: '/pages/elder-care/request' })}>{copy.toRequest}</View>
        <View className='big-action big-action--calm' onClick={() => void Taro.navigateTo({ url: '/pages/elder-care/meals' })}>{copy.toMeals}</View>
      </View>
      <Text className='section-title'>{copy.myRequests}</Text>
      {list.error && <View className='card'><Text className='status-line'>{list.error.message}</Text><Button block onClick={list.reload}>{copy.retry}</Button></View>}
      {!list.loading && list.items.length === 0 && !list.error && <View className='card'><Text className='text-soft'>{copy.empty}</Text></View>}
      {list.items.map(r => <RequestCard key={r.id} r={r} act={act} refused={refusal.at(r.id)} />)}
      {list.hasMore && <Button block onClick={list.more}>{copy.more}</Button>}
    </>
  )
}

/** A call still going on, on top for the elder and her family: where it stands, a tap to follow it. */
function OpenCall ({ acting }: { acting: ActingElder }) {
  const [call, setCall] = useState<SosItem | null>(null)
  useEffect(() => {
    void callFunction<unknown>('elder-care', 'mySos', acting.elderId ? { elderId: acting.elderId } : {}).then(res => {
      const parsed = res.ok ? sosView.nullable().safeParse(res.data) : null
      if (parsed?.success) setCall(parsed.data)
    })
  }, [acting.elderId])
  if (!call || (call.state !== 'open' && call.state !== 'acknowledged')) return null
  return (
    <View className='card open-call' role='alert' data-testid='open-call' onClick={() => void Taro.navigateTo({ url: `/pages/elder-care/sos?id=${call.id}` })}>
      <Text className='open-call__title'>{call.title ?? copy.openCallTitle}</Text>
      <Text className='elder-text'>{call.statusLine ?? call.stateLabel}</Text>
      <Text className='text-soft'>{copy.openCallGo} ›</Text>
    </View>
  )
}

function RequestCard ({ r, act, refused }: { r: CareRequestItem, act: (action: string, payload: Record<string, unknown>) => Promise<void>, refused: string | null }) {
  return (
    <View className='card care-request' data-testid='care-request'>
      <View className='care-request__head'>
        <Text className='care-request__name'>{r.serviceName}</Text>
        <Text className={`state state--${r.state}`}>{r.stateLabel}</Text>
      </View>
      <Text className='status-line'>{shanghaiDateTime(r.window.start)}</Text>
      {r.assignee && <Text className='care-request__who'>服务人员：{r.assignee.orgName ? `${r.assignee.orgName} ` : ''}{r.assignee.name}</Text>}
      <View className='history'>
        {r.history.map((h, i) => (
          <View key={i} className='history__row'>
            <Text className='history__label'>{h.label}{h.proxy ? `（${copy.proxyTag}）` : ''}</Text>
            <Text className='history__time'>{shanghaiDateTime(h.at)}{h.expectedBy && i === r.history.length - 1 ? ` · ${copy.expected(shanghaiDateTime(h.expectedBy))}` : ''}</Text>
          </View>
        ))}
      </View>
      <FormProblem problem={refused} />
      {r.actions.includes('rate') && (
        <View className='rate'>
          <Text className='rate__title'>{copy.rate}</Text>
          <View className='rate__stars'>
            {copy.stars.map((label, i) => <Button key={label} size='large' onClick={() => void act('rate', { id: r.id, stars: i + 1 })}>{label}</Button>)}
          </View>
        </View>
      )}
      {r.actions.includes('follow_up') && (
        <View className='rate'>
          <Text className='rate__title'>{copy.followUpTitle}</Text>
          <View className='rate__stars'>
            {(['solved', 'partly', 'not_solved'] as const).map(o => <Button key={o} size='large' onClick={() => void act('followUp', { id: r.id, outcome: o })}>{copy.followUp[o]}</Button>)}
          </View>
        </View>
      )}
      {r.actions.includes('cancel') && <Button block onClick={() => void act('cancelCareRequest', { id: r.id })}>{copy.cancel}</Button>}
    </View>
  )
}
