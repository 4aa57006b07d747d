import { useEffect, useState } from 'react'
import { View, Text, Input, Textarea } from '@tarojs/components'
import Taro from '@tarojs/taro'
import * as z from 'zod'
import { callFunction, newRequestId } from '@/api'
import { useCloudQuery } from '@/api/use-cloud-query.hook'
import type { ServiceMode } from '@/core/service-card/service-card.model'
import { serviceModes } from '@/core/service-card/service-card.model'
import { categoryView, itemView, type ItemView } from '@/core/service-card/service-card.views'
import { PageShell } from '@/components/theme/page-shell'
import Button from '@/components/ui/button'
import { serviceCardCopy as copy } from './copy'
import './service-card.css'

interface Form {
  categoryId: string
  name: string
  summary: string
  eligibility: string
  materials: string
  place: string
  hours: string
  modes: ServiceMode[]
  timeLimitDays: string
  ownerUserId: string
}

const blank: Form = { categoryId: '', name: '', summary: '', eligibility: '', materials: '', place: '', hours: '', modes: ['hall'], timeLimitDays: '', ownerUserId: '' }

/** Staff create an item (no id) or edit one (the version they saw goes along: a stale save is refused). */
export function EditItemView ({ id }: { id: string }) {
  const cats = useCloudQuery({ fn: 'service-card', action: 'categories', schema: z.array(categoryView), badResponse: copy.badResponse })
  const [form, setForm] = useState<Form>(blank)
  const [version, setVersion] = useState<number | null>(null)
  const [ownerName, setOwnerName] = useState('')
  const [busy, setBusy] = useState(false)
  const [requestId] = useState(newRequestId)

  useEffect(() => {
    if (!id) return
    void callFunction<unknown>('service-card', 'getItem', { itemId: id }).then(res => {
      const parsed = res.ok ? itemView.safeParse(res.data) : null
      if (parsed?.success) load(parsed.data)
    })
  }, [id])

  const load = (it: ItemView): void => {
    setVersion(it.version)
    setOwnerName(it.ownerName)
    setForm({ ...blank, categoryId: it.categoryId, name: it.name, summary: it.summary, eligibility: it.eligibility, materials: it.materials.join('\n'), place: it.place, hours: it.hours, modes: it.modes, timeLimitDays: it.timeLimitDays ? String(it.timeLimitDays) : '' })
  }
  const set = (k: keyof Form) => (e: { detail: { value: string } }) => setForm(prev => ({ ...prev, [k]: e.detail.value }))
  const toggle = (m: ServiceMode): void => setForm(prev => ({ ...prev, modes: prev.modes.includes(m) ? prev.modes.filter(x => x !== m) : [...prev.modes, m] }))

  const save = async (): Promise<void> => {
    const fields = {
      categoryId: form.categoryId, name: form.name, summary: form.summary, eligibility: form.eligibility,
      materials: form.materials.split('\n').map(s => s.trim()).filter(Boolean), place: form.place, hours: form.hours, modes: form.modes,
      timeLimitDays: form.timeLimitDays.trim() ? Number(form.timeLimitDays) : null
    }
    setBusy(true)
    const res = id
      // Editing keeps the owner unless a new staff id is typed.
      ? await callFunction<ItemView>('service-card', 'editItem', { itemId: id, version, changes: { ...fields, ...(form.ownerUserId.trim() ? { ownerUserId: form.ownerUserId.trim() } : {}) } })
      : await callFunction<ItemView>('service-card', 'createItem', { ...fields, ownerUserId: form.ownerUserId.trim() }, { requestId })
    setBusy(false)
    if (!res.ok) return void Taro.showToast({ title: res.error.message, icon: 'none', duration: 3000 })
    void Taro.showToast({ title: copy.saved, icon: 'none' })
    void Taro.redirectTo({ url: `/pages/service-card/item?id=${res.data.id}` })
  }

  const f = copy.fields
  return (
    <PageShell className='service-card'>
      <Text className='sc-title'>{copy.editTitle}</Text>
      <View className='card'>
        <Text className='sc-row__label'>{f.categoryId}</Text>
        <View className='sc-chips'>
          {(cats.data ?? []).map(c => (
            <Text key={c.id} className={`sc-chip${form.categoryId === c.id ? ' sc-chip--on' : ''}`} onClick={() => setForm(prev => ({ ...prev, categoryId: c.id }))}>{c.name}</Text>
          ))}
        </View>
        <Text className='sc-row__label'>{f.name}</Text>
        <Input className='sc-input' name='item-name' value={form.name} maxlength={40} onInput={set('name')} />
        <Text className='sc-row__label'>{f.summary}</Text>
        <Textarea className='sc-input sc-textarea' value={form.summary} maxlength={300} onInput={set('summary')} />
        <Text className='sc-row__label'>{f.eligibility}</Text>
        <Input className='sc-input' value={form.eligibility} maxlength={300} onInput={set('eligibility')} />
        <Text className='sc-row__label'>{f.materials}</Text>
        <Textarea className='sc-input sc-textarea' value={form.materials} maxlength={1200} onInput={set('materials')} />
        <Text className='sc-row__label'>{f.place}</Text>
        <Input className='sc-input' value={form.place} maxlength={60} onInput={set('place')} />
        <Text className='sc-row__label'>{f.hours}</Text>
        <Input className='sc-input' value={form.hours} maxlength={60} onInput={set('hours')} />
        <Text className='sc-row__label'>{f.modes}</Text>
        <View className='sc-chips'>
          {serviceModes.map(m => <Text key={m} className={`sc-chip${form.modes.includes(m) ? ' sc-chip--on' : ''}`} onClick={() => toggle(m)}>{copy.modes[m]}</Text>)}
        </View>
        <Text className='sc-row__label'>{f.timeLimitDays}</Text>
        <Input className='sc-input' type='number' value={form.timeLimitDays} onInput={set('timeLimitDays')} />
        <Text className='sc-row__label'>{f.ownerUserId}{ownerName ? `（现为 ${ownerName}）` : ''}</Text>
        <Input className='sc-input' value={form.ownerUserId} maxlength={80} onInput={set('ownerUserId')} />
        <Button type='primary' size='large' block disabled={busy} onClick={() => void save()}>{copy.save}</Button>
      </View>
    </PageShell>
  )
}
