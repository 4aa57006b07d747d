import { useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import { useAction, usePagedQuery } from '@/api'
import { serviceCardContract } from '@/core/service-card/service-card.contract'
import { residentTags, type ResidentTag } from '@/core/service-card/service-card.model'
import type { ItemView, ResidentView } from '@/core/service-card/service-card.views'
import { PageShell } from '@/components/theme/page-shell'
import Button from '@/components/ui/button'
import { FormProblem } from '@/components/form/form-field'
import { serviceCardCopy as copy } from './copy'
import { BookSection, RequestSection } from './item-view'
import './service-card.css'

/**
 * 帮办: staff find a resident by name, confirm their eligibility tags, and book a hall slot or
 * ask for 上门/代办 for them. The server records every such action as done by staff for them.
 */
export function AssistView() {
  const [name, setName] = useState('')
  const [found, setFound] = useState<ResidentView[] | null>(null)
  const [who, setWho] = useState<ResidentView | null>(null)
  const finding = useAction(serviceCardContract.findResidents)

  const find = async (): Promise<void> => {
    const res = await finding.run({ name: name.trim() })
    if (res.ok) setFound(res.data)
  }

  if (who) {
    return (
      <PageShell className='service-card'>
        <Text className='sc-title' data-testid='helping'>
          {copy.helping(who.name)}
        </Text>
        <Button block onClick={() => setWho(null)}>
          {copy.another}
        </Button>
        <Tags who={who} onChange={setWho} />
        <Text className='section-title'>{copy.pickItem}</Text>
        <ItemPicker who={who} />
      </PageShell>
    )
  }
  return (
    <PageShell className='service-card'>
      <View className='sc-search'>
        <Input
          className='sc-input sc-search__input'
          name='resident-name'
          value={name}
          maxlength={20}
          placeholder={copy.findPlaceholder}
          onInput={e => setName(e.detail.value)}
        />
        <Button type='primary' disabled={name.trim() === ''} onClick={() => void find()}>
          {copy.find}
        </Button>
      </View>
      <FormProblem problem={finding.refused()} />
      {found?.length === 0 && (
        <View className='card'>
          <Text className='text-soft'>{copy.noResidents}</Text>
        </View>
      )}
      {(found ?? []).map(r => (
        <View key={r.userId} className='card sc-link' data-testid='resident' onClick={() => setWho(r)}>
          <Text>
            {r.name}
            {r.tags.length > 0 ? `（${r.tags.map(t => copy.tagLabels[t]).join('、')}）` : ''}
          </Text>
          <Text className='text-soft'>›</Text>
        </View>
      ))}
    </PageShell>
  )
}

function Tags({ who, onChange }: { who: ResidentView; onChange: (r: ResidentView) => void }) {
  const tagging = useAction(serviceCardContract.setTags)
  const toggle = async (tag: ResidentTag): Promise<void> => {
    const tags = who.tags.includes(tag) ? who.tags.filter(t => t !== tag) : [...who.tags, tag]
    const res = await tagging.run({ userId: who.userId, tags, reason: copy.tagReason })
    if (res.ok) onChange({ ...who, tags: res.data.tags, eligible: res.data.eligible })
  }
  return (
    <View className='card'>
      <Text className='sc-row__label'>{copy.tagsTitle}</Text>
      <FormProblem problem={tagging.refused()} />
      <View className='sc-chips'>
        {residentTags.map(t => (
          <Text
            key={t}
            className={`sc-chip${who.tags.includes(t) ? ' sc-chip--on' : ''}`}
            onClick={() => void toggle(t)}
          >
            {copy.tagLabels[t]}
          </Text>
        ))}
      </View>
    </View>
  )
}

function ItemPicker({ who }: { who: ResidentView }) {
  const list = usePagedQuery(serviceCardContract.listItems, {})
  const [item, setItem] = useState<ItemView | null>(null)
  if (item) {
    return (
      <View>
        <View className='card sc-link' onClick={() => setItem(null)}>
          <Text className='sc-item__name'>{item.name}</Text>
          <Text className='text-soft'>‹</Text>
        </View>
        {item.modes.includes('appointment') && <BookSection item={item} forResident={who} />}
        {(item.modes.includes('home') || item.modes.includes('proxy')) && (
          <RequestSection item={item} forResident={who} />
        )}
      </View>
    )
  }
  return (
    <View>
      {list.items.map(i => (
        <View key={i.id} className='card sc-link' data-testid='assist-item' onClick={() => setItem(i)}>
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
