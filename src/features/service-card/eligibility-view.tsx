import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useAction, usePagedQuery, useQuery } from '@/api'
import type { InputOf } from '@/core/shared/contract'
import { serviceCardContract } from '@/core/service-card/service-card.contract'
import { residentTags, type ResidentTag } from '@/core/service-card/service-card.model'
import type { EligibilityView } from '@/core/service-card/service-card.views'
import { shanghaiDateTime } from '@/components/format/time'
import { SubmitButton, TextField } from '@/components/form/form-field'
import Button from '@/components/ui/button'
import { confirm } from '@/components/ui/confirm'
import { serviceCardCopy as copy } from './copy'

function LoadFailed({ message, retry }: { message: string; retry: () => void }) {
  return (
    <View className='card'>
      <Text className='status-line'>{message}</Text>
      <Button block onClick={retry}>
        {copy.retry}
      </Button>
    </View>
  )
}

interface TagChipsProps {
  value: ResidentTag[]
  onChange: (tags: ResidentTag[]) => void
  name: string
}

/** Tap-to-toggle chips of the eligibility tags (the reasons a resident gives, the tags staff set). */
function TagChips({ value, onChange, name }: TagChipsProps) {
  const toggle = (t: ResidentTag): void => onChange(value.includes(t) ? value.filter(x => x !== t) : [...value, t])
  return (
    <View className='sc-chips' data-testid={name}>
      {residentTags.map(t => (
        <View
          key={t}
          className={`sc-chip sc-chip--big${value.includes(t) ? ' sc-chip--on' : ''}`}
          role='checkbox'
          aria-checked={value.includes(t)}
          onClick={() => toggle(t)}
        >
          <Text>
            {value.includes(t) ? '✓ ' : ''}
            {copy.tagLabels[t]}
          </Text>
        </View>
      ))}
    </View>
  )
}

/**
 * 我的上门与代办, top card: whether I may ask for 上门/代办, and the one way on from here: ask for
 * the eligibility (a few taps, no medical details), see my ask's state, or start a request.
 */
export function MyEligibility() {
  const me = useQuery(serviceCardContract.me, {})
  const [again, setAgain] = useState(false)
  const [picking, setPicking] = useState(false)
  if (!me.data) {
    return me.error ? <LoadFailed message={me.error.message} retry={me.reload} /> : null
  }
  const { eligible, ask } = me.data
  if (eligible) {
    return (
      <View className='card' data-testid='eligibility'>
        <Text className='sc-row__value'>{copy.eligibleNow}</Text>
        {ask?.status === 'approved' && <Text className='status-line'>{copy.askApprovedBy(ask.decidedByName)}</Text>}
        {picking ? (
          <HelpItems />
        ) : (
          <Button className='sc-gap' type='primary' size='large' block onClick={() => setPicking(true)}>
            {copy.startRequest}
          </Button>
        )}
      </View>
    )
  }
  if (ask?.status === 'pending') {
    return (
      <View className='card' data-testid='eligibility'>
        <Text className='sc-row__label'>{copy.eligibilityTitle}</Text>
        <Text className='sc-row__value'>{copy.askPending(shanghaiDateTime(ask.askedAt))}</Text>
        <Text className='status-line'>{copy.reasonsOf(ask.reasons)}</Text>
      </View>
    )
  }
  if (ask?.status === 'declined' && !again) {
    return (
      <View className='card' data-testid='eligibility'>
        <Text className='sc-row__label'>{copy.eligibilityTitle}</Text>
        <Text className='sc-row__value'>{copy.askDeclined(ask.declineReason ?? '')}</Text>
        <Text className='status-line'>{copy.askDeclinedWhat}</Text>
        <Button className='sc-gap' size='large' block onClick={() => setAgain(true)}>
          {copy.askAgain}
        </Button>
      </View>
    )
  }
  return <AskForm onAsked={me.reload} />
}

function AskForm({ onAsked }: { onAsked: () => void }) {
  const [reasons, setReasons] = useState<ResidentTag[]>([])
  // Kept across retries: a double tap or a retried call is the same ask (the server stores one per person anyway).
  const asking = useAction(serviceCardContract.askEligibility)
  const [problem, setProblem] = useState<string | null>(null)
  const submit = async (): Promise<void> => {
    setProblem(null)
    const res = await asking.run({ reasons }, { onError: e => setProblem(e.message) })
    if (res.ok) onAsked()
  }
  return (
    <View className='card' data-testid='eligibility'>
      <Text className='sc-row__label'>{copy.eligibilityTitle}</Text>
      <Text className='sc-row__value'>{copy.askIntro}</Text>
      <Text className='sc-row__value sc-ask-question'>{copy.askWhich}</Text>
      <TagChips
        name='ask-reasons'
        value={reasons}
        onChange={r => {
          setReasons(r)
          setProblem(null)
        }}
      />
      <Text className='status-line'>{copy.askPrivacy}</Text>
      <SubmitButton
        onClick={() => void submit()}
        busy={asking.busy !== null}
        busyText={copy.asking}
        problem={problem}
        disabledReason={reasons.length === 0 ? copy.askPick : undefined}
      >
        {copy.askSubmit}
      </SubmitButton>
    </View>
  )
}

/** The items an eligible resident can have done at home or by proxy; each opens its page, where the request is made. */
function HelpItems() {
  const list = usePagedQuery(serviceCardContract.listItems, { help: true })
  return (
    <View data-testid='help-items'>
      <Text className='sc-row__label sc-gap'>{copy.pickHelpItem}</Text>
      {list.error && <Text className='status-line'>{list.error.message}</Text>}
      {!list.loading && !list.error && list.items.length === 0 && <Text className='text-soft'>{copy.noHelpItems}</Text>}
      {list.items.map(i => (
        <View
          key={i.id}
          className='sc-link sc-help-item'
          role='link'
          data-testid='help-item'
          onClick={() => {
            void Taro.navigateTo({ url: `/pages/service-card/item?id=${i.id}` })
          }}
        >
          <Text>{i.name}</Text>
          <Text className='text-soft'>›</Text>
        </View>
      ))}
      {list.hasMore && (
        <Button block disabled={list.loading} onClick={list.more}>
          {copy.more}
        </Button>
      )}
    </View>
  )
}

/**
 * Staff (a grid worker: her grid's): the asks waiting to be checked, oldest first; approve or decline
 * each, after a confirmation.
 */
export function EligibilityQueue() {
  const list = usePagedQuery(serviceCardContract.eligibilityQueue, {})
  return (
    <View>
      {list.error && <LoadFailed message={list.error.message} retry={list.reload} />}
      {!list.loading && !list.error && list.items.length === 0 && (
        <View className='card' data-testid='requests-empty'>
          <Text className='text-soft'>{copy.eligibilityQueueEmpty}</Text>
        </View>
      )}
      {list.items.map(a => (
        <AskCard key={`${a.residentId}:${a.round}`} ask={a} />
      ))}
      {list.hasMore && (
        <Button block disabled={list.loading} onClick={list.more}>
          {copy.more}
        </Button>
      )}
    </View>
  )
}

function AskCard({ ask }: { ask: EligibilityView }) {
  const [tags, setTags] = useState<ResidentTag[]>(ask.reasons)
  const [declining, setDeclining] = useState(false)
  const [reason, setReason] = useState('')
  // One id per decision, kept across retries of it (the server finishes a half-done decision).
  const deciding = useAction(serviceCardContract.decideEligibility)
  const busy = deciding.busy !== null
  const [problem, setProblem] = useState<string | null>(null)
  const [done, setDone] = useState<string | null>(null)
  const name = ask.residentName

  const decide = async (
    decision: InputOf<typeof serviceCardContract.decideEligibility>,
    doneText: string
  ): Promise<void> => {
    setProblem(null)
    const res = await deciding.run(decision, { onError: e => setProblem(e.message) })
    if (res.ok) setDone(doneText)
  }
  const approve = async (): Promise<void> => {
    const sure = await confirm({
      title: copy.approveAsk(name),
      content: copy.approveAskDetail(name, copy.reasonsOf(tags)),
      confirmText: copy.approve
    })
    if (sure)
      await decide({ residentId: ask.residentId, round: ask.round, decision: 'approve', tags }, copy.approvedDone(name))
  }
  const decline = async (): Promise<void> => {
    const why = reason.trim()
    if (!why) return setProblem(copy.declinePick)
    const sure = await confirm({
      title: copy.declineAsk(name),
      content: copy.declineAskDetail(why),
      confirmText: copy.decline
    })
    if (sure)
      await decide(
        { residentId: ask.residentId, round: ask.round, decision: 'decline', reason: why },
        copy.declinedDone(name)
      )
  }

  return (
    <View className='card' data-testid='eligibility-ask'>
      <Text className='sc-item__name'>{name}</Text>
      <Text className='sc-row__value'>{copy.reasonsOf(ask.reasons)}</Text>
      <Text className='status-line'>{copy.askedAt(shanghaiDateTime(ask.askedAt))}</Text>
      {done ? (
        <Text className='sc-confirm__title' data-testid='eligibility-done'>
          {done}
        </Text>
      ) : (
        <View>
          <Text className='sc-row__label sc-gap'>{copy.approveAs}</Text>
          <TagChips name='approve-tags' value={tags} onChange={setTags} />
          {tags.length === 0 && <Text className='form-submit__why'>{copy.askPick}</Text>}
          {declining && (
            <View>
              <Text className='sc-row__label'>{copy.declineWhy}</Text>
              <View className='sc-chips'>
                {copy.declineReasons.map(r => (
                  <View
                    key={r}
                    className={`sc-chip${reason === r ? ' sc-chip--on' : ''}`}
                    role='radio'
                    aria-checked={reason === r}
                    onClick={() => {
                      setReason(r)
                      setProblem(null)
                    }}
                  >
                    <Text>{r}</Text>
                  </View>
                ))}
              </View>
              <TextField
                label={copy.declineOwn}
                name='decline-reason'
                value={reason}
                maxLength={100}
                onChange={v => {
                  setReason(v)
                  setProblem(null)
                }}
              />
            </View>
          )}
          {problem && (
            <View className='form-submit__problem' role='alert'>
              <Text>{problem}</Text>
            </View>
          )}
          {declining ? (
            <Button className='sc-gap' size='large' block disabled={busy} onClick={() => void decline()}>
              {copy.declineConfirm}
            </Button>
          ) : (
            <View className='sc-decide'>
              <Button type='primary' size='large' disabled={busy || tags.length === 0} onClick={() => void approve()}>
                {copy.approve}
              </Button>
              <Button size='large' disabled={busy} onClick={() => setDeclining(true)}>
                {copy.decline}
              </Button>
            </View>
          )}
        </View>
      )}
    </View>
  )
}
