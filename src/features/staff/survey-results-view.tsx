import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { PageShell } from '@/components/theme/page-shell'
import Button from '@/components/ui/button'
import { staffCopy } from './copy'
import { staffCall } from './staff-api'
import { Bars, Field, LoadState, Notice } from './staff-ui'
import type { MenuAnswer, SurveyResultsAnswer } from './staff.types'
import { useStaffQuery } from './use-staff-query.hook'

/** 满意度结果: averages per aspect and per grid; staff also publish the next survey here. */
export function SurveyResultsView () {
  const results = useStaffQuery<SurveyResultsAnswer>('surveyResults')
  const menu = useStaffQuery<MenuAnswer>('menu')
  const canPublish = menu.data?.items.some(i => i.key === 'erasures') ?? false // staff and admins

  if (!results.data) return <PageShell className='staff'><LoadState error={results.error} loading={results.loading} reload={results.reload} /></PageShell>
  const { survey, grids, overall, total } = results.data
  return (
    <PageShell className='staff'>
      {!survey
        ? <Notice>{staffCopy.resultsNone}</Notice>
        : (
          <>
            <Text className='section-title'>{survey.title}</Text>
            <Text className='status-line'>{survey.opensOn} ~ {survey.closesOn} · {staffCopy.answers(total)}</Text>
            <View className='card'>
              <Bars title='各方面平均分（5分制）' bars={survey.aspects.map((a, i) => ({ label: a, value: overall[i] ?? 0 }))} />
            </View>
            <View className='card'>
              <Bars title='各网格答卷数' bars={grids.map(g => ({ label: g.gridName, value: g.answers }))} />
            </View>
          </>
          )}
      {canPublish && <PublishForm onDone={results.reload} />}
    </PageShell>
  )
}

function PublishForm ({ onDone }: { onDone: () => void }) {
  const [title, setTitle] = useState('')
  const [aspects, setAspects] = useState<string>(staffCopy.defaultAspects)
  const [opensOn, setOpensOn] = useState('')
  const [closesOn, setClosesOn] = useState('')
  const [note, setNote] = useState<{ text: string, tone: 'calm' | 'danger' } | null>(null)
  const publish = async () => {
    const list = aspects.split(/[,，、]/).map(s => s.trim()).filter(Boolean)
    const res = await staffCall<unknown>('publishSurvey', { title, aspects: list, opensOn, closesOn }, { create: true })
    setNote(res.ok ? { text: staffCopy.published, tone: 'calm' } : { text: res.error.message, tone: 'danger' })
    if (res.ok) onDone()
  }
  return (
    <>
      <Text className='section-title'>{staffCopy.publishTitle}</Text>
      <View className='card'>
        <Field name='survey-title' label={staffCopy.publishName} value={title} onInput={setTitle} />
        <Field name='survey-aspects' label={staffCopy.publishAspects} value={aspects} onInput={setAspects} />
        <Field name='survey-opens' label={staffCopy.publishOpens} value={opensOn} onInput={setOpensOn} />
        <Field name='survey-closes' label={staffCopy.publishCloses} value={closesOn} onInput={setClosesOn} />
        <Button type='primary' size='large' block onClick={() => { void publish() }}>{staffCopy.publish}</Button>
      </View>
      {note && <Notice tone={note.tone}>{note.text}</Notice>}
    </>
  )
}
