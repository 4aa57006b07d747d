import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { PageShell } from '@/components/theme/page-shell'
import { PickerField, SubmitButton, TextField } from '@/components/form/form-field'
import { useFormProblems } from '@/components/form/use-form-problems.hook'
import { useAction, useQuery } from '@/api'
import { staffContract } from '@/core/staff/staff.contract'
import { staffCopy } from './copy'
import { Bars, LoadState, Notice } from './staff-ui'

/** 满意度结果: averages per aspect and per grid; staff also publish the next survey here. */
export function SurveyResultsView() {
  const results = useQuery(staffContract.surveyResults, {})
  const menu = useQuery(staffContract.menu, {})
  const canPublish = menu.data?.items.some(i => i.key === 'erasures') ?? false // staff and admins

  if (!results.data)
    return (
      <PageShell className='staff'>
        <LoadState error={results.error} loading={results.loading} reload={results.reload} />
      </PageShell>
    )
  const { survey, grids, overall, total } = results.data
  return (
    <PageShell className='staff'>
      {!survey ? (
        <Notice>{staffCopy.resultsNone}</Notice>
      ) : (
        <>
          <Text className='section-title'>{survey.title}</Text>
          <Text className='status-line'>
            {survey.opensOn} ~ {survey.closesOn} · {staffCopy.answers(total)}
          </Text>
          <View className='card'>
            <Bars
              title='各方面平均分（5分制）'
              bars={survey.aspects.map((a, i) => ({ label: a, value: overall[i] ?? 0 }))}
            />
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

const publishLabels = {
  title: staffCopy.publishName,
  aspects: staffCopy.publishAspects,
  opensOn: staffCopy.publishOpens,
  closesOn: staffCopy.publishCloses
}

function PublishForm({ onDone }: { onDone: () => void }) {
  const [title, setTitle] = useState('')
  const [aspects, setAspects] = useState<string>(staffCopy.defaultAspects)
  const [opensOn, setOpensOn] = useState('')
  const [closesOn, setClosesOn] = useState('')
  const [done, setDone] = useState(false)
  const publishing = useAction(staffContract.publishSurvey)
  const problems = useFormProblems(publishLabels)
  const publish = async () => {
    const list = aspects
      .split(/[,，、]/)
      .map(s => s.trim())
      .filter(Boolean)
    problems.clear()
    const res = await publishing.run({ title, aspects: list, opensOn, closesOn }, { onError: problems.show })
    setDone(res.ok)
    if (!res.ok) return
    onDone()
  }
  const why = !title.trim() ? staffCopy.needSurveyTitle : !opensOn || !closesOn ? staffCopy.needSurveyDays : null
  return (
    <>
      <Text className='section-title'>{staffCopy.publishTitle}</Text>
      <View className='card'>
        <TextField
          name='survey-title'
          label={staffCopy.publishName}
          value={title}
          maxLength={40}
          error={problems.field('title')}
          onChange={v => {
            setTitle(v)
            problems.clear('title')
          }}
        />
        <TextField
          name='survey-aspects'
          label={staffCopy.publishAspects}
          value={aspects}
          error={problems.field('aspects')}
          onChange={v => {
            setAspects(v)
            problems.clear('aspects')
          }}
        />
        <PickerField
          name='survey-opens'
          mode='date'
          label={staffCopy.publishOpens}
          value={opensOn}
          error={problems.field('opensOn')}
          onChange={v => {
            setOpensOn(v)
            problems.clear('opensOn')
          }}
        />
        <PickerField
          name='survey-closes'
          mode='date'
          label={staffCopy.publishCloses}
          value={closesOn}
          start={opensOn || undefined}
          error={problems.field('closesOn')}
          onChange={v => {
            setClosesOn(v)
            problems.clear('closesOn')
          }}
        />
        <SubmitButton
          busy={publishing.busy !== null}
          disabledReason={why}
          problem={problems.form}
          onClick={() => {
            void publish()
          }}
        >
          {staffCopy.publish}
        </SubmitButton>
      </View>
      {done && <Notice tone='calm'>{staffCopy.published}</Notice>}
    </>
  )
}
