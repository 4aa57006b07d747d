import { useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { callFunction } from '@/api'
import { useCloudQuery } from '@/api/use-cloud-query.hook'
import { usePagedQuery } from '@/api/use-paged-query.hook'
import { applicationView, markView, pageOf, quarterCheckView, type ApplicationView, type MarkView } from '@/core/volunteers/volunteers.views'
import { PageShell } from '@/components/theme/page-shell'
import { shanghaiDateTime } from '@/components/format/time'
import Button from '@/components/ui/button'
import { saveFile } from './save-file'
import { volunteersCopy as copy } from './copy'
import './volunteers.css'

const toast = (title: string): void => { void Taro.showToast({ title, icon: 'none', duration: 3000 }) }

/** Staff: approve registrations, see the quarterly check, the marks, and export for 双报到. */
export function VolunteersStaffView () {
  return (
    <PageShell className='volunteers'>
      <Applications />
      <QuarterCheck />
      <EmployerExport />
      <Marks />
    </PageShell>
  )
}

function Applications () {
  const list = usePagedQuery<ApplicationView>({ fn: 'volunteers', action: 'applications', schema: pageOf(applicationView), badResponse: copy.badResponse })
  const [busy, setBusy] = useState(false)
  const review = async (a: ApplicationView, decision: 'approve' | 'reject'): Promise<void> => {
    setBusy(true)
    const res = await callFunction('volunteers', 'review', { volunteerId: a.id, decision })
    setBusy(false)
    toast(res.ok ? copy.reviewed : res.error.message)
    list.reload()
  }
  return (
    <>
      <Text className='section-title'>{copy.applicationsTitle}</Text>
      {!list.loading && list.items.length === 0 && <View className='card'><Text className='text-soft'>{list.error?.message ?? copy.noApplications}</Text></View>}
      {list.items.map(a => (
        <View key={a.id} className='card' data-testid='application'>
          <Text className='vol-title'>{a.name}</Text>
          <Text className='vol-line'>{a.phone}</Text>
          <Text className='status-line'>{[...a.teams.map(t => t.name), ...a.skills].join('、')}{a.party ? ` · 党员（${a.party.type}）${a.party.employerOrg ?? ''}` : ''}</Text>
          <View className='vol-actions vol-gap'>
            <Button type='primary' disabled={busy} onClick={() => void review(a, 'approve')}>{copy.approve}</Button>
            <Button disabled={busy} onClick={() => void review(a, 'reject')}>{copy.rejectApp}</Button>
          </View>
        </View>
      ))}
      {list.hasMore && <Button block disabled={list.loading} onClick={list.more}>{copy.more}</Button>}
    </>
  )
}

function QuarterCheck () {
  const check = useCloudQuery({ fn: 'volunteers', action: 'quarterCheck', schema: quarterCheckView, badResponse: copy.badResponse })
  return (
    <>
      <Text className='section-title'>{copy.quarterCheckTitle}</Text>
      {check.data && <Text className='status-line'>{copy.quarterSummary(check.data.quarter, check.data.below, check.data.members)}</Text>}
      {check.data?.items.map(r => (
        <View key={r.volunteerId} className='card' data-testid='below-quota'>
          <Text className='vol-title'>{r.name}</Text>
          <Text className='status-line'>{r.partyType}{r.employerOrg ? ` · ${r.employerOrg}` : ''} · {copy.shortLine(r.posts, r.activities)}</Text>
        </View>
      ))}
    </>
  )
}

function EmployerExport () {
  const [org, setOrg] = useState('')
  const [busy, setBusy] = useState(false)
  const run = async (): Promise<void> => {
    setBusy(true)
    const res = await callFunction<{ fileName: string, csv: string, rows: number }>('volunteers', 'exportEmployer', { employerOrg: org.trim() })
    setBusy(false)
    if (!res.ok) return toast(res.error.message)
    await saveFile(res.data.fileName, res.data.csv, 'text/csv;charset=utf-8', 'xlsx')
    toast(copy.exported(res.data.rows))
  }
  return (
    <>
      <Text className='section-title'>{copy.exportTitle}</Text>
      <View className='card'>
        <Input className='field-input' name='employer-org' value={org} maxlength={60} placeholder={copy.employerPlaceholder} onInput={e => setOrg(e.detail.value)} />
        <Button className='vol-gap' block disabled={busy || org.trim().length === 0} onClick={() => void run()}>{copy.exportEmployer}</Button>
      </View>
    </>
  )
}

function Marks () {
  const list = usePagedQuery<MarkView>({ fn: 'volunteers', action: 'marks', schema: pageOf(markView), badResponse: copy.badResponse })
  return (
    <>
      <Text className='section-title'>{copy.marksTitle}</Text>
      {!list.loading && list.items.length === 0 && <View className='card'><Text className='text-soft'>{copy.noMarks}</Text></View>}
      {list.items.map((m, i) => (
        <View key={i} className='card'>
          <Text className='vol-line'>{m.name} · {copy.markKind[m.kind]}</Text>
          <Text className='status-line'>{m.title} · {shanghaiDateTime(m.at)}</Text>
        </View>
      ))}
      {list.hasMore && <Button block disabled={list.loading} onClick={list.more}>{copy.more}</Button>}
    </>
  )
}
