import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { PageShell } from '@/components/theme/page-shell'
import { shanghaiDateTime } from '@/components/format/time'
import Button from '@/components/ui/button'
import { PickerField, SubmitButton, TextField } from '@/components/form/form-field'
import { useFormProblems } from '@/components/form/use-form-problems.hook'
import { useAction } from '@/api'
import { auditCategories, auditCategoryKeys, type AuditCategory } from '@/core/staff/audit-words.rule'
import { staffContract } from '@/core/staff/staff.contract'
import type { AuditView as AuditItem } from '@/core/staff/staff.views'
import { staffCopy } from './copy'
import { Choice } from './staff-ui'

const categoryOptions: Array<{ value: AuditCategory | ''; label: string }> = [
  { value: '', label: staffCopy.auditAll },
  ...auditCategoryKeys.map(k => ({ value: k, label: auditCategories[k] }))
]
const filterLabels = {
  actorName: staffCopy.auditActor,
  category: staffCopy.auditCategory,
  from: staffCopy.auditFrom,
  to: staffCopy.auditTo
}

/**
 * 审计日志 (admins): who did what to which record, when, on whose behalf — in words: filters by
 * name, category and days picked on a calendar; actions and targets described (audit-words.rule.ts).
 */
export function AuditView() {
  const [filters, setFilters] = useState<{ actorName: string; category: AuditCategory | ''; from: string; to: string }>(
    { actorName: '', category: '', from: '', to: '' }
  )
  const [items, setItems] = useState<AuditItem[] | null>(null)
  const [next, setNext] = useState<string | null>(null)
  const problems = useFormProblems(filterLabels)
  const searching = useAction(staffContract.searchAudit)
  const busy = searching.busy !== null
  const set =
    <K extends keyof typeof filters>(k: K) =>
    (v: (typeof filters)[K]) => {
      setFilters({ ...filters, [k]: v })
      problems.clear(k)
    }

  const search = async (cursor?: string) => {
    problems.clear()
    // Only the filters filled in; the server reads a missing one as "any".
    const given = <K extends string>(k: K, v: string): Partial<Record<K, string>> =>
      v.trim() === '' ? {} : ({ [k]: v.trim() } as Record<K, string>)
    const res = await searching.run(
      {
        ...given('actorName', filters.actorName),
        ...(filters.category ? { category: filters.category } : {}),
        ...given('from', filters.from),
        ...given('to', filters.to),
        ...(cursor ? { cursor } : {})
      },
      { onError: problems.show }
    )
    if (!res.ok) return
    setItems(cursor ? [...(items ?? []), ...res.data.items] : res.data.items)
    setNext(res.data.cursor)
  }

  return (
    <PageShell className='staff'>
      <View className='card'>
        <TextField
          name='actor'
          label={staffCopy.auditActor}
          value={filters.actorName}
          maxLength={30}
          placeholder={staffCopy.auditActorHint}
          error={problems.field('actorName')}
          onChange={set('actorName')}
        />
        <Text className='staff-field__label'>{staffCopy.auditCategory}</Text>
        <Choice
          label={staffCopy.auditCategory}
          options={categoryOptions}
          value={filters.category}
          onChange={set('category')}
        />
        <View className='staff-range'>
          <PickerField
            name='from'
            mode='date'
            label={staffCopy.auditFrom}
            value={filters.from}
            error={problems.field('from')}
            onChange={set('from')}
          />
          <PickerField
            name='to'
            mode='date'
            label={staffCopy.auditTo}
            value={filters.to}
            start={filters.from || undefined}
            error={problems.field('to')}
            onChange={set('to')}
          />
        </View>
        <SubmitButton
          busy={busy}
          problem={problems.form}
          onClick={() => {
            void search()
          }}
        >
          {staffCopy.search}
        </SubmitButton>
      </View>
      {items && (
        <View className='card'>
          {items.length === 0 && <Text className='text-soft'>{staffCopy.nothingHere}</Text>}
          {items.map(e => (
            <View key={e.id} className='staff-row'>
              <View className='staff-row__main'>
                <Text className='staff-row__title'>
                  {e.actorName ?? staffCopy.auditSystem} · {e.actionText}
                </Text>
                <Text className='staff-row__sub'>
                  {shanghaiDateTime(e.at)} · {e.targetText}
                </Text>
                {e.reason && <Text className='staff-row__sub'>{e.reason}</Text>}
                {e.onBehalfOf && (
                  <Text className='staff-row__sub'>
                    {staffCopy.onBehalf(e.onBehalfOfName ?? staffCopy.auditSomeone)}
                  </Text>
                )}
              </View>
            </View>
          ))}
          {next && (
            <Button
              size='large'
              block
              disabled={busy}
              onClick={() => {
                void search(next)
              }}
            >
              {staffCopy.more}
            </Button>
          )}
        </View>
      )}
    </PageShell>
  )
}
