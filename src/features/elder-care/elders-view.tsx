import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useAction, usePagedQuery } from '@/api'
import { PageShell } from '@/components/theme/page-shell'
import Button from '@/components/ui/button'
import { SubmitButton, TextField } from '@/components/form/form-field'
import { useFormProblems } from '@/components/form/use-form-problems.hook'
import { hasAnyRole } from '@/core/community/caller'
import { policies } from '@/core/community/roles'
import { useWhoami } from '@/features/me/use-whoami.hook'
import { elderCareContract } from '@/core/elder-care/elder-care.contract'
import {
  careLevelLabels,
  careLevels,
  elderTags,
  type CareLevel,
  type ElderTag
} from '@/core/elder-care/elder-care.model'
import type { ElderItem } from '@/core/elder-care/elder-care.views'
import { elderCareCopy as copy } from './copy'
import './elder-care.css'

/** 老人档案 (staff; grid workers see their grid): care level, tags and care notes, phones masked in the list. */
export function EldersView() {
  const list = usePagedQuery(elderCareContract.listElders, {})
  const [editing, setEditing] = useState<string | null>(null)
  const { me } = useWhoami()
  const canEdit = !!me && hasAnyRole(me, policies.staff)
  return (
    <PageShell className='elder-care'>
      <Text className='section-title'>{copy.eldersTitle}</Text>
      {list.error && <Text className='status-line'>{list.error.message}</Text>}
      {list.items.map(e => (
        <View key={e.id} className='card' data-testid='elder'>
          <View className='care-request__head'>
            <Text className='care-request__name'>
              {e.name}（{e.age}岁）
            </Text>
            <Text className='state'>{e.careLevelLabel}</Text>
          </View>
          <Text className='status-line'>
            {e.address} · {e.phone}
            {e.livesAlone ? ' · 独居' : ''}
          </Text>
          {e.tags.length > 0 && <Text className='status-line'>{e.tags.join('、')}</Text>}
          {e.careNotes && <Text className='status-line'>{e.careNotes}</Text>}
          {e.proxies.length > 0 && (
            <Text className='status-line'>{copy.proxies(e.proxies.map(p => `${p.relation}${p.name}`).join('、'))}</Text>
          )}
          {canEdit &&
            (editing === e.id ? (
              <ElderEditor
                e={e}
                done={() => {
                  setEditing(null)
                  list.reload()
                }}
              />
            ) : (
              <Button size='small' onClick={() => setEditing(e.id)}>
                {copy.edit}
              </Button>
            ))}
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

function ElderEditor({ e, done }: { e: ElderItem; done: () => void }) {
  const [level, setLevel] = useState<CareLevel | null>(e.careLevel)
  const [tags, setTags] = useState<ElderTag[]>(e.tags)
  const [notes, setNotes] = useState(e.careNotes)
  const update = useAction(elderCareContract.updateElder)
  const problems = useFormProblems(elderLabels)
  const toggle = (t: ElderTag): void => setTags(prev => (prev.includes(t) ? prev.filter(x => x !== t) : [...prev, t]))
  const save = async (): Promise<void> => {
    problems.clear()
    const res = await update.run(
      { elderId: e.id, ...(level ? { careLevel: level } : {}), tags, careNotes: notes.trim() },
      { onError: problems.show }
    )
    if (res.ok) done()
  }
  return (
    <View className='editor'>
      <View className='rate__stars'>
        {careLevels.map(l => (
          <Button key={l} size='small' type={level === l ? 'primary' : 'default'} onClick={() => setLevel(l)}>
            {careLevelLabels[l]}
          </Button>
        ))}
      </View>
      <View className='rate__stars'>
        {elderTags.map(t => (
          <Button key={t} size='small' type={tags.includes(t) ? 'primary' : 'default'} onClick={() => toggle(t)}>
            {t}
          </Button>
        ))}
      </View>
      <TextField
        name='care-notes'
        multiline
        label={copy.careNotesLabel}
        placeholder={copy.careNotesHint}
        value={notes}
        maxLength={200}
        error={problems.field('careNotes')}
        onChange={v => {
          setNotes(v)
          problems.clear('careNotes')
        }}
      />
      <SubmitButton
        busy={update.busy !== null}
        problem={
          [problems.field('careLevel'), problems.field('tags'), problems.form].filter(Boolean).join('；') || null
        }
        onClick={() => void save()}
      >
        {copy.save}
      </SubmitButton>
      <ProxyLinker elderId={e.id} done={done} />
    </View>
  )
}

/** Staff record the elder's consent, given in person, for a family member to act for them (家属代办). */
function ProxyLinker({ elderId, done }: { elderId: string; done: () => void }) {
  const [phone, setPhone] = useState('')
  const [relation, setRelation] = useState('')
  const [statement, setStatement] = useState<string>(copy.defaultStatement)
  const linkProxy = useAction(elderCareContract.linkProxy)
  // An unknown phone (NOT_FOUND: 这位家属还没有登录过小程序) is about the phone field.
  const problems = useFormProblems(proxyLabels, proxyRefusals)
  const why = !/^1\d{10}$/.test(phone.trim())
    ? copy.needProxyPhone
    : relation.trim() === ''
      ? copy.needProxyRelation
      : Array.from(statement.trim()).length < 2
        ? copy.needProxyStatement
        : null
  const link = async (): Promise<void> => {
    problems.clear()
    const res = await linkProxy.run(
      { elderId, phone: phone.trim(), relation: relation.trim(), statement: statement.trim() },
      { onError: problems.show }
    )
    if (!res.ok) return
    void Taro.showToast({ title: copy.proxyLinked(res.data.name), icon: 'none' })
    done()
  }
  const set =
    (field: string, to: (v: string) => void) =>
    (v: string): void => {
      to(v)
      problems.clear(field)
    }
  return (
    <View className='editor' data-testid='proxy-linker'>
      <Text className='section-title'>{copy.linkProxyTitle}</Text>
      <Text className='status-line'>{copy.linkProxyHint}</Text>
      <TextField
        name='proxy-phone'
        type='number'
        label={copy.proxyPhoneLabel}
        hint={copy.proxyPhoneHint}
        value={phone}
        maxLength={11}
        error={problems.field('phone')}
        onChange={set('phone', setPhone)}
      />
      <TextField
        name='proxy-relation'
        label={copy.proxyRelationLabel}
        placeholder={copy.proxyRelationHint}
        value={relation}
        maxLength={10}
        error={problems.field('relation')}
        onChange={set('relation', setRelation)}
      />
      <TextField
        name='proxy-statement'
        multiline
        label={copy.proxyStatementLabel}
        value={statement}
        maxLength={200}
        error={problems.field('statement')}
        onChange={set('statement', setStatement)}
      />
      <SubmitButton
        type='default'
        busy={linkProxy.busy !== null}
        disabledReason={why}
        problem={problems.form}
        onClick={() => void link()}
      >
        {copy.linkProxy}
      </SubmitButton>
    </View>
  )
}

const elderLabels = { careNotes: copy.careNotesLabel, careLevel: copy.careLevelLabel, tags: copy.tagsLabel }
const proxyLabels = {
  phone: copy.proxyPhoneLabel,
  relation: copy.proxyRelationLabel,
  statement: copy.proxyStatementLabel
}
const proxyRefusals = { NOT_FOUND: 'phone' }
