import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { PageShell } from '@/components/theme/page-shell'
import { shanghaiDateTime } from '@/components/format/time'
import Button from '@/components/ui/button'
import { PickerField, SubmitButton, TextField } from '@/components/form/form-field'
import { useFormProblems } from '@/components/form/use-form-problems.hook'
import { auditCategories, auditCategoryKeys } from '@/core/staff/audit-words'
import { staffCopy } from './copy'
import { staffCall } from './staff-api'
import { Choice } from './staff-ui'
import type { AuditItem, Paged } from './staff.types'

const categoryOptions = [
  { value: '', label: staffCopy.auditAll },
  ...auditCategoryKeys.map(k => ({ value: k, label: auditCategories[k] }))
]
const filterLabels = { actorName: staffCopy.auditActor, category: staffCopy.auditCategory, from: staffCopy.auditFrom, to: staffCopy.auditTo }

/**
 * 审计日志 (admins): who did what to which record, when, on whose behalf — in words: filters by
 * name, category and days picked on a calendar; actions and targets described (audit-words.ts).
 */
export function AuditView () {
  const [filters, setFilters] = useState({ actorName: '', category: '', from: '', to: '' })
  const [items, setItems] = useState<AuditItem[] | null>(null)
  const [next, setNext] = useState<string | null>(null)
  const problems = useFormProblems(filterLabels)
  const [busy, setBusy] = useState(false)
  const set = (k: keyof typeof filters) => (v: string) => { setFilters({ ...filters, [k]: v }); problems.clear(k) }

  const search = async (cursor?: string) => {
    setBusy(true)
    problems.clear()
    const payload = Object.fromEntries(Object.entries(filters).filter(([, v]) => v.trim() !== '').map(([k, v]) => [k, v.trim()]))
    const res = await staffCall<Paged<AuditItem>>('searchAudit', { ...payload, ...(cursor ? { cursor } : {}) })
    setBusy(false)
    if (!res.ok) return problems.show(res.error)
    setItems(cursor ? [...(items ?? []), ...res.data.items] : res.data.items)
    setNext(res.data.cursor)
  }

  return (
    <PageShell className='staff'>
      <View className='card'>
        <TextField
          name='actor' label={staffCopy.auditActor} value={filters.actorName} maxLength={30} placeholder={staffCopy.auditActorHint}
          error={problems.field('actorName')} onChange={set('actorName')}
        />
        <Text className='staff-field__label'>{staffCopy.auditCategory}</Text>
        <Choice label={staffCopy.auditCategory} options={categoryOptions} value={filters.category} onChange={set('category')} />
        <View className='staff-range'>
          <PickerField name='from' mode='date' label={staffCopy.auditFrom} value={filters.from} error={problems.field('from')} onChange={set('from')} />
          <PickerField
            name='to' mode='date' label={staffCopy.auditTo} value={filters.to} start={filters.from || undefined}
            error={problems.field('to')} onChange={set('to')}
          />
        </View>
        <SubmitButton busy={busy} problem={problems.form} onClick={() => { void search() }}>{staffCopy.search}</SubmitButton>
      </View>
      {items && (
        <View className='card'>
          {items.length === 0 && <Text className='text-soft'>{staffCopy.nothingHere}</Text>}
          {items.map(e => (
            <View key={e.id} className='staff-row'>
              <View className='staff-row__main'>
                <Text className='staff-row__title'>{e.actorName ?? staffCopy.auditSystem} · {e.actionText}</Text>
                <Text className='staff-row__sub'>{shanghaiDateTime(e.at)} · {e.targetText}</Text>
                {e.reason && <Text className='staff-row__sub'>{e.reason}</Text>}
                {e.onBehalfOf && <Text className='staff-row__sub'>{staffCopy.onBehalf(e.onBehalfOfName ?? staffCopy.auditSomeone)}</Text>}
              </View>
            </View>
          ))}
          {next && <Button size='large' block disabled={busy} onClick={() => { void search(next) }}>{staffCopy.more}</Button>}
        </View>
      )}
    </PageShell>
  )
}
