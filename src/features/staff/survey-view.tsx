import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { PageShell } from '@/components/theme/page-shell'
import Button from '@/components/ui/button'
import { useAction, useQuery } from '@/api'
import { staffContract } from '@/core/staff/staff.contract'
import { staffCopy } from './copy'
import { LoadState, Notice } from './staff-ui'

/** 满意度调查: a score of 1–5 for each of the 8 aspects, once. */
export function SurveyView() {
  const { data, error, loading, reload } = useQuery(staffContract.currentSurvey, {})
  const answer = useAction(staffContract.answerSurvey)
  const [scores, setScores] = useState<number[]>([])
  const [note, setNote] = useState<{ text: string; tone: 'calm' | 'danger' } | null>(null)
  const busy = answer.busy !== null
  if (!data)
    return (
      <PageShell className='staff'>
        <LoadState error={error} loading={loading} reload={reload} />
      </PageShell>
    )
  const { survey } = data
  if (!survey)
    return (
      <PageShell className='staff'>
        <Notice>{staffCopy.surveyNone}</Notice>
      </PageShell>
    )
  if (data.answered)
    return (
      <PageShell className='staff'>
        <Notice>{staffCopy.surveyDone}</Notice>
      </PageShell>
    )

  const complete = survey.aspects.every((_, i) => scores[i] >= 1)
  const submit = async () => {
    const res = await answer.run(
      { surveyId: survey.surveyId, scores },
      { onError: e => setNote({ text: e.message, tone: 'danger' }) }
    )
    if (!res.ok) return
    setNote({ text: staffCopy.surveyThanks, tone: 'calm' })
    reload()
  }

  return (
    <PageShell className='staff'>
      <Text className='section-title'>{survey.title}</Text>
      {survey.aspects.map((aspect, i) => (
        <View key={aspect} className='card'>
          <Text className='staff-row__title'>{aspect}</Text>
          <View className='staff-scores' role='radiogroup' aria-label={aspect}>
            {[1, 2, 3, 4, 5].map(n => (
              <View
                key={n}
                role='radio'
                aria-checked={scores[i] === n}
                aria-label={staffCopy.scoreLabels[n - 1]}
                className={`staff-score${scores[i] === n ? ' staff-score--on' : ''}`}
                onClick={() => {
                  const next = [...scores]
                  next[i] = n
                  setScores(next)
                }}
              >
                <Text>{n}</Text>
              </View>
            ))}
          </View>
        </View>
      ))}
      {note && <Notice tone={note.tone}>{note.text}</Notice>}
      <Button
        type='primary'
        size='large'
        block
        disabled={busy || !complete}
        onClick={() => {
          void submit()
        }}
      >
        {complete ? staffCopy.surveySubmit : staffCopy.surveyPick}
      </Button>
    </PageShell>
  )
}
