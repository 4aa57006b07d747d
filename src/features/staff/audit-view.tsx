import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { PageShell } from '@/components/theme/page-shell'
import { shanghaiDateTime } from '@/components/format/time'
import Button from '@/components/ui/button'
import { staffCopy } from './copy'
import { staffCall } from './staff-api'
import { Field, Notice } from './staff-ui'
import type { AuditItem, Paged } from './staff.types'

/** 审计日志 (admins): who did what to which record, when, on whose behalf. */
export function AuditView () {
  const [filters, setFilters] = useState({ actor: '', action: '', target: '', from: '', to: '' })
  const [items, setItems] = useState<AuditItem[] | null>(null)
  const [next, setNext] = useState<string | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const set = (k: keyof typeof filters) => (v: string) => setFilters({ ...filters, [k]: v })

  const search = async (cursor?: string) => {
    setBusy(true)
    setProblem(null)
    const payload = Object.fromEntries(Object.entries(filters).filter(([, v]) => v.trim() !== '').map(([k, v]) => [k, v.trim()]))
    const res = await staffCall<Paged<AuditItem>>('searchAudit', { ...payload, ...(cursor ? { cursor } : {}) })
    setBusy(false)
    if (!res.ok) return setProblem(res.error.message)
    setItems(cursor ? [...(items ?? []), ...res.data.items] : res.data.items)
    setNext(res.data.cursor)
  }

  return (
    <PageShell className='staff'>
      <View className='card'>
        <Field name='actor' label={staffCopy.auditActor} value={filters.actor} onInput={set('actor')} />
        <Field name='action' label={staffCopy.auditAction} value={filters.action} onInput={set('action')} />
        <Field name='target' label={staffCopy.auditTarget} value={filters.target} onInput={set('target')} />
        <Field name='from' label={staffCopy.auditFrom} value={filters.from} onInput={set('from')} />
        <Field name='to' label={staffCopy.auditTo} value={filters.to} onInput={set('to')} />
        <Button type='primary' size='large' block disabled={busy} onClick={() => { void search() }}>{staffCopy.search}</Button>
      </View>
      {problem && <Notice tone='danger'>{problem}</Notice>}
      {items && (
        <View className='card'>
          {items.length === 0 && <Text className='text-soft'>{staffCopy.nothingHere}</Text>}
          {items.map(e => (
            <View key={e.id} className='staff-row'>
              <View className='staff-row__main'>
                <Text className='staff-row__title'>{e.actorName ?? e.actor} · {staffCopy.actionLabels[e.action] ?? e.action}</Text>
                <Text className='staff-row__sub'>{shanghaiDateTime(e.at)} · {e.target}</Text>
                {e.reason && <Text className='staff-row__sub'>{e.reason}</Text>}
                {e.onBehalfOf && <Text className='staff-row__sub'>{staffCopy.onBehalf(e.onBehalfOf)}</Text>}
              </View>
            </View>
          ))}
          {next && <Button size='large' block disabled={busy} onClick={() => { void search(next) }}>{staffCopy.more}</Button>}
        </View>
      )}
    </PageShell>
  )
}
