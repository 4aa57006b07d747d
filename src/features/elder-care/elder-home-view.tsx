import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useAction, usePagedQuery, useQuery } from '@/api'
import { PageShell } from '@/components/theme/page-shell'
import { shanghaiDateTime } from '@/components/format/time'
import Button from '@/components/ui/button'
import { FormProblem } from '@/components/form/form-field'
import { elderCareContract } from '@/core/elder-care/elder-care.contract'
import type { FollowUpOutcome } from '@/core/elder-care/care-kpi.rule'
import type { CareRequestItem } from '@/core/elder-care/elder-care.views'
import { elderCareCopy as copy } from './copy'
import { ActingGate } from './acting-gate'
import { WorkLinks } from './work-links'
import type { ActingElder } from './use-acting-elder.hook'
import './elder-care.css'

/** 居家养老 for the elder (or their proxy): the SOS entry, request a service, meals, my requests with history. */
export function ElderHomeView() {
  return (
    <PageShell className='elder-care elder-care--large'>
      <ActingGate
        none={
          <WorkLinks
            orElse={
              <View className='card'>
                <Text className='elder-text'>{copy.noElder}</Text>
              </View>
            }
          />
        }
      >
        {acting => (
          <>
            <ElderHome acting={acting} />
            <WorkLinks />
          </>
        )}
      </ActingGate>
    </PageShell>
  )
}

function ElderHome({ acting }: { acting: ActingElder }) {
  const list = usePagedQuery(elderCareContract.myCareRequests, acting.elderId ? { elderId: acting.elderId } : {})
  const moves = useCardMoves(list.reload)
  return (
    <>
      <OpenCall acting={acting} />
      <View
        className='sos-entry'
        onClick={() => void Taro.navigateTo({ url: '/pages/elder-care/sos' })}
        data-testid='sos-entry'
      >
        <Text className='sos-entry__title'>{copy.sosEntry}</Text>
        <Text className='sos-entry__hint'>{copy.sosEntryHint}</Text>
      </View>
      <View className='elder-actions'>
        <View
          className='big-action big-action--primary'
          onClick={() => void Taro.navigateTo({ url: '/pages/elder-care/request' })}
        >
          {copy.toRequest}
        </View>
        <View
          className='big-action big-action--calm'
          onClick={() => void Taro.navigateTo({ url: '/pages/elder-care/meals' })}
        >
          {copy.toMeals}
        </View>
      </View>
      <Text className='section-title'>{copy.myRequests}</Text>
      {list.error && (
        <View className='card'>
          <Text className='status-line'>{list.error.message}</Text>
          <Button block onClick={list.reload}>
            {copy.retry}
          </Button>
        </View>
      )}
      {!list.loading && list.items.length === 0 && !list.error && (
        <View className='card'>
          <Text className='text-soft'>{copy.empty}</Text>
        </View>
      )}
      {list.items.map(r => (
        <RequestCard key={r.id} r={r} moves={moves} />
      ))}
      {list.hasMore && (
        <Button block onClick={list.more}>
          {copy.more}
        </Button>
      )}
    </>
  )
}

/** A call still going on, on top for the elder and her family: where it stands, a tap to follow it. */
function OpenCall({ acting }: { acting: ActingElder }) {
  const { data: call } = useQuery(elderCareContract.mySos, acting.elderId ? { elderId: acting.elderId } : {})
  if (!call || (call.state !== 'open' && call.state !== 'acknowledged')) return null
  return (
    <View
      className='card open-call'
      role='alert'
      data-testid='open-call'
      onClick={() => void Taro.navigateTo({ url: `/pages/elder-care/sos?id=${call.id}` })}
    >
      <Text className='open-call__title'>{call.title ?? copy.openCallTitle}</Text>
      <Text className='elder-text'>{call.statusLine ?? call.stateLabel}</Text>
      <Text className='text-soft'>{copy.openCallGo} ›</Text>
    </View>
  )
}

/**
 * What the elder does to her requests from their cards: rate, answer the follow-up (回访), cancel.
 * A refusal is said on the card tapped, for the last button tapped, until the next tap.
 */
function useCardMoves(reload: () => void) {
  const rate = useAction(elderCareContract.rate)
  const followUp = useAction(elderCareContract.followUp)
  const cancel = useAction(elderCareContract.cancelCareRequest)
  const actions = { rate, followUp, cancel }
  const [last, setLast] = useState<keyof typeof actions>('rate')
  const done = (res: { ok: boolean }): void => {
    if (res.ok) reload()
  }
  return {
    rate: (id: string, stars: number) => {
      setLast('rate')
      void rate.run({ id, stars }, { key: id }).then(done)
    },
    followUp: (id: string, outcome: FollowUpOutcome) => {
      setLast('followUp')
      void followUp.run({ id, outcome }, { key: id }).then(done)
    },
    cancel: (id: string) => {
      setLast('cancel')
      void cancel.run({ id }, { key: id }).then(done)
    },
    refused: (id: string) => actions[last].refused(id)
  }
}

function RequestCard({ r, moves }: { r: CareRequestItem; moves: ReturnType<typeof useCardMoves> }) {
  return (
    <View className='card care-request' data-testid='care-request'>
      <View className='care-request__head'>
        <Text className='care-request__name'>{r.serviceName}</Text>
        <Text className={`state state--${r.state}`}>{r.stateLabel}</Text>
      </View>
      <Text className='status-line'>{shanghaiDateTime(r.window.start)}</Text>
      {r.assignee && (
        <Text className='care-request__who'>
          服务人员：{r.assignee.orgName ? `${r.assignee.orgName} ` : ''}
          {r.assignee.name}
        </Text>
      )}
      <View className='history'>
        {r.history.map((h, i) => (
          <View key={i} className='history__row'>
            <Text className='history__label'>
              {h.label}
              {h.proxy ? `（${copy.proxyTag}）` : ''}
            </Text>
            <Text className='history__time'>
              {shanghaiDateTime(h.at)}
              {h.expectedBy && i === r.history.length - 1 ? ` · ${copy.expected(shanghaiDateTime(h.expectedBy))}` : ''}
            </Text>
          </View>
        ))}
      </View>
      <FormProblem problem={moves.refused(r.id)} />
      {r.actions.includes('rate') && (
        <View className='rate'>
          <Text className='rate__title'>{copy.rate}</Text>
          <View className='rate__stars'>
            {copy.stars.map((label, i) => (
              <Button key={label} size='large' onClick={() => moves.rate(r.id, i + 1)}>
                {label}
              </Button>
            ))}
          </View>
        </View>
      )}
      {r.actions.includes('follow_up') && (
        <View className='rate'>
          <Text className='rate__title'>{copy.followUpTitle}</Text>
          <View className='rate__stars'>
            {(['solved', 'partly', 'not_solved'] as const).map(o => (
              <Button key={o} size='large' onClick={() => moves.followUp(r.id, o)}>
                {copy.followUp[o]}
              </Button>
            ))}
          </View>
        </View>
      )}
      {r.actions.includes('cancel') && (
        <Button block onClick={() => moves.cancel(r.id)}>
          {copy.cancel}
        </Button>
      )}
    </View>
  )
}
