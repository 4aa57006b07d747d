import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useAction, useQuery } from '@/api'
import { serviceCardContract } from '@/core/service-card/service-card.contract'
import type { ServiceMode } from '@/core/service-card/service-card.model'
import { serviceModes } from '@/core/service-card/service-card.model'
import type { ItemView } from '@/core/service-card/service-card.views'
import { PageShell } from '@/components/theme/page-shell'
import { SubmitButton, TextField } from '@/components/form/form-field'
import { useFormProblems } from '@/components/form/use-form-problems.hook'
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

const itemLabels: Record<string, string> = Object.fromEntries(
  Object.entries(copy.fields).flatMap(([k, label]) => [
    [k, label],
    [`changes.${k}`, label]
  ])
)

const blank: Form = {
  categoryId: '',
  name: '',
  summary: '',
  eligibility: '',
  materials: '',
  place: '',
  hours: '',
  modes: ['hall'],
  timeLimitDays: '',
  ownerUserId: ''
}

/** Staff create an item (no id) or edit one (the version they saw goes along: a stale save is refused). */
export function EditItemView({ id }: { id: string }) {
  const cats = useQuery(serviceCardContract.categories, {})
  const [form, setForm] = useState<Form>(blank)
  const [version, setVersion] = useState<number | null>(null)
  const [ownerName, setOwnerName] = useState('')
  const creating = useAction(serviceCardContract.createItem)
  const editing = useAction(serviceCardContract.editItem)
  const busy = creating.busy !== null || editing.busy !== null
  // Editing: the form starts from the item as it is now.
  useQuery(serviceCardContract.getItem, { itemId: id }, { enabled: !!id, onData: it => load(it) })

  const load = (it: ItemView): void => {
    setVersion(it.version)
    setOwnerName(it.ownerName)
    setForm({
      ...blank,
      categoryId: it.categoryId,
      name: it.name,
      summary: it.summary,
      eligibility: it.eligibility,
      materials: it.materials.join('\n'),
      place: it.place,
      hours: it.hours,
      modes: it.modes,
      timeLimitDays: it.timeLimitDays ? String(it.timeLimitDays) : ''
    })
  }
  const problems = useFormProblems(itemLabels)
  // A new item is checked field by field; an edit under `changes`.
  const fieldError = (k: keyof Form): string | null => problems.field(k) ?? problems.field(`changes.${k}`)
  const set = (k: keyof Form) => (v: string) => {
    setForm(prev => ({ ...prev, [k]: v }))
    problems.clear(k)
    problems.clear(`changes.${k}`)
  }
  const toggle = (m: ServiceMode): void =>
    setForm(prev => ({ ...prev, modes: prev.modes.includes(m) ? prev.modes.filter(x => x !== m) : [...prev.modes, m] }))

  const save = async (): Promise<void> => {
    const fields = {
      categoryId: form.categoryId,
      name: form.name,
      summary: form.summary,
      eligibility: form.eligibility,
      materials: form.materials
        .split('\n')
        .map(s => s.trim())
        .filter(Boolean),
      place: form.place,
      hours: form.hours,
      modes: form.modes,
      timeLimitDays: form.timeLimitDays.trim() ? Number(form.timeLimitDays) : null
    }
    const res = id
      ? // Editing keeps the owner unless a new staff id is typed; `version` is the one loaded (0 before: refused).
        await editing.run(
          {
            itemId: id,
            version: version ?? 0,
            changes: { ...fields, ...(form.ownerUserId.trim() ? { ownerUserId: form.ownerUserId.trim() } : {}) }
          },
          { onError: problems.show }
        )
      : await creating.run({ ...fields, ownerUserId: form.ownerUserId.trim() }, { onError: problems.show })
    if (!res.ok) return
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
            <Text
              key={c.id}
              className={`sc-chip${form.categoryId === c.id ? ' sc-chip--on' : ''}`}
              onClick={() => setForm(prev => ({ ...prev, categoryId: c.id }))}
            >
              {c.name}
            </Text>
          ))}
        </View>
        <TextField
          name='item-name'
          label={f.name}
          value={form.name}
          maxLength={40}
          error={fieldError('name')}
          onChange={set('name')}
        />
        <TextField
          name='item-summary'
          label={f.summary}
          value={form.summary}
          maxLength={300}
          multiline
          error={fieldError('summary')}
          onChange={set('summary')}
        />
        <TextField
          name='item-eligibility'
          label={f.eligibility}
          value={form.eligibility}
          maxLength={300}
          error={fieldError('eligibility')}
          onChange={set('eligibility')}
        />
        <TextField
          name='item-materials'
          label={f.materials}
          value={form.materials}
          maxLength={1200}
          multiline
          error={fieldError('materials')}
          onChange={set('materials')}
        />
        <TextField
          name='item-place'
          label={f.place}
          value={form.place}
          maxLength={60}
          error={fieldError('place')}
          onChange={set('place')}
        />
        <TextField
          name='item-hours'
          label={f.hours}
          value={form.hours}
          maxLength={60}
          error={fieldError('hours')}
          onChange={set('hours')}
        />
        <Text className='sc-row__label'>{f.modes}</Text>
        <View className='sc-chips'>
          {serviceModes.map(m => (
            <Text
              key={m}
              className={`sc-chip${form.modes.includes(m) ? ' sc-chip--on' : ''}`}
              onClick={() => toggle(m)}
            >
              {copy.modes[m]}
            </Text>
          ))}
        </View>
        <TextField
          name='item-time-limit'
          label={f.timeLimitDays}
          type='number'
          value={form.timeLimitDays}
          maxLength={3}
          error={fieldError('timeLimitDays')}
          onChange={set('timeLimitDays')}
        />
        <TextField
          name='item-owner'
          label={`${f.ownerUserId}${ownerName ? `（现为 ${ownerName}）` : ''}`}
          value={form.ownerUserId}
          maxLength={80}
          error={fieldError('ownerUserId')}
          onChange={set('ownerUserId')}
        />
        <SubmitButton busy={busy} problem={problems.form} onClick={() => void save()}>
          {copy.save}
        </SubmitButton>
      </View>
    </PageShell>
  )
}
