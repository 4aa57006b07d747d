import { useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { callFunction } from '@/api'
import { usePagedQuery } from '@/api/use-paged-query.hook'
import { PageShell } from '@/components/theme/page-shell'
import Button from '@/components/ui/button'
import { hasAnyRole } from '@/core/community/caller'
import { useWhoami } from '@/features/me/use-whoami.hook'
import { careLevelLabels, careLevels, elderTags, type CareLevel, type ElderTag } from '@/core/elder-care/elder-care.model'
import { elderCareCopy as copy } from './copy'
import { elderPage, type ElderItem } from './elder-care.views'
import './elder-care.css'

/** 老人档案 (staff; grid workers see their grid): care level, tags and care notes, phones masked in the list. */
export function EldersView () {
  const list = usePagedQuery<ElderItem>({ fn: 'elder-care', action: 'listElders', schema: elderPage, badResponse: copy.badResponse })
  const [editing, setEditing] = useState<string | null>(null)
  const { me } = useWhoami()
  const canEdit = !!me && hasAnyRole(me, ['staff', 'admin'])
  return (
    <PageShell className='elder-care'>
      <Text className='section-title'>{copy.eldersTitle}</Text>
      {list.error && <Text className='status-line'>{list.error.message}</Text>}
      {list.items.map(e => (
        <View key={e.id} className='card' data-testid='elder'>
          <View className='care-request__head'>
            <Text className='care-request__name'>{e.name}（{e.age}岁）</Text>
            <Text className='state'>{e.careLevelLabel}</Text>
          </View>
          <Text className='status-line'>{e.address} · {e.phone}{e.livesAlone ? ' · 独居' : ''}</Text>
          {e.tags.length > 0 && <Text className='status-line'>{e.tags.join('、')}</Text>}
          {e.careNotes && <Text className='status-line'>{e.careNotes}</Text>}
          {e.proxies.length > 0 && <Text className='status-line'>{copy.proxies(e.proxies.map(p => `${p.relation}${p.name}`).join('、'))}</Text>}
          {canEdit && (editing === e.id
            ? <ElderEditor e={e} done={() => { setEditing(null); list.reload() }} />
            : <Button size='small' onClick={() => setEditing(e.id)}>{copy.edit}</Button>)}
        </View>
      ))}
      {list.hasMore && <Button block disabled={list.loading} onClick={list.more}>{copy.more}</Button>}
    </PageShell>
  )
}

function ElderEditor ({ e, done }: { e: ElderItem, done: () => void }) {
  const [level, setLevel] = useState<CareLevel | null>(e.careLevel as CareLevel | null)
  const [tags, setTags] = useState<ElderTag[]>(e.tags as ElderTag[])
  const [notes, setNotes] = useState(e.careNotes)
  const toggle = (t: ElderTag): void => setTags(prev => prev.includes(t) ? prev.filter(x => x !== t) : [...prev, t])
  const save = async (): Promise<void> => {
    const res = await callFunction('elder-care', 'updateElder', { elderId: e.id, ...(level ? { careLevel: level } : {}), tags, careNotes: notes })
    if (!res.ok) return void Taro.showModal({ title: res.error.message, showCancel: false })
    done()
  }
  return (
    <View className='editor'>
      <View className='rate__stars'>
        {careLevels.map(l => <Button key={l} size='small' type={level === l ? 'primary' : 'default'} onClick={() => setLevel(l)}>{careLevelLabels[l]}</Button>)}
      </View>
      <View className='rate__stars'>
        {elderTags.map(t => <Button key={t} size='small' type={tags.includes(t) ? 'primary' : 'default'} onClick={() => toggle(t)}>{t}</Button>)}
      </View>
      <Input className='note-input' name='care-notes' placeholder={copy.careNotes} value={notes} onInput={ev => setNotes(ev.detail.value)} />
      <Button type='primary' block onClick={() => void save()}>{copy.save}</Button>
      <ProxyLinker elderId={e.id} done={done} />
    </View>
  )
}

/** Staff record the elder's consent, given in person, for a family member to act for them (家属代办). */
function ProxyLinker ({ elderId, done }: { elderId: string, done: () => void }) {
  const [phone, setPhone] = useState('')
  const [relation, setRelation] = useState('')
  const [statement, setStatement] = useState<string>(copy.defaultStatement)
  const link = async (): Promise<void> => {
    const res = await callFunction<{ name: string }>('elder-care', 'linkProxy', { elderId, phone: phone.trim(), relation: relation.trim(), statement: statement.trim() })
    if (!res.ok) return void Taro.showModal({ title: res.error.message, showCancel: false })
    void Taro.showToast({ title: copy.proxyLinked(res.data.name), icon: 'none' })
    done()
  }
  return (
    <View className='editor' data-testid='proxy-linker'>
      <Text className='section-title'>{copy.linkProxyTitle}</Text>
      <Text className='status-line'>{copy.linkProxyHint}</Text>
      <Input className='note-input' name='proxy-phone' type='number' maxlength={11} placeholder={copy.proxyPhone} value={phone} onInput={ev => setPhone(ev.detail.value)} />
      <Input className='note-input' name='proxy-relation' maxlength={10} placeholder={copy.proxyRelation} value={relation} onInput={ev => setRelation(ev.detail.value)} />
      <Input className='note-input' name='proxy-statement' maxlength={200} placeholder={copy.proxyStatement} value={statement} onInput={ev => setStatement(ev.detail.value)} />
      <Button block disabled={phone.trim().length !== 11 || relation.trim().length === 0} onClick={() => void link()}>{copy.linkProxy}</Button>
    </View>
  )
}
