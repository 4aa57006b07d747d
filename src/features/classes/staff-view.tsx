import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { saveText } from '@/components/files/save-file'
import { useAction, usePagedQuery, useQuery } from '@/api'
import { classesContract as classes } from '@/core/classes/classes.contract'
import { PageShell } from '@/components/theme/page-shell'
import Button from '@/components/ui/button'
import { FormProblem } from '@/components/form/form-field'
import { classesCopy as copy } from './copy'
import { NewTermForm, TermSessions } from './staff-forms'
import './classes.css'

/** 课堂管理 for staff: terms, then a term's live figures, roster, waitlist and the CSV export. */
export function StaffView() {
  const terms = usePagedQuery(classes.listTerms, {})
  const [termId, setTermId] = useState<string | null>(null)
  return (
    <PageShell className='classes'>
      <NewTermForm onDone={terms.reload} />
      <Text className='section-title'>{copy.termsAdmin}</Text>
      {terms.error && (
        <View className='card'>
          <Text className='status-line'>{terms.error.message}</Text>
          <Button block onClick={terms.reload}>
            {copy.retry}
          </Button>
        </View>
      )}
      <View className='cl-chips'>
        {terms.items.map(t => (
          <Button key={t.termId} type={t.termId === termId ? 'primary' : 'default'} onClick={() => setTermId(t.termId)}>
            {t.title}
          </Button>
        ))}
      </View>
      {terms.hasMore && (
        <Button block disabled={terms.loading} onClick={terms.more}>
          {copy.more}
        </Button>
      )}
      {termId && <TermPanel key={termId} termId={termId} />}
    </PageShell>
  )
}

const shownFigures = [
  'childAttendances',
  'familiesServed',
  'tutorHours',
  'enrolled',
  'waiting',
  'sessionsHeld'
] as const

function TermPanel({ termId }: { termId: string }) {
  const figures = useQuery(classes.figures, { termId })
  const roster = usePagedQuery(classes.roster, { termId })
  const line = usePagedQuery(classes.waitlist, { termId })
  const { busy, run, refused } = useAction(classes.exportCsv)

  const exportCsv = async (): Promise<void> => {
    const res = await run({ termId }, { key: termId })
    if (!res.ok) return
    const how = await saveText(res.data.filename, res.data.csv, 'text/csv;charset=utf-8')
    if (how !== 'not-copied')
      void Taro.showToast({ title: how === 'copied' ? copy.copied : copy.exported, icon: 'none' })
  }

  return (
    <View>
      <Text className='section-title'>{copy.figuresTitle}</Text>
      <View className='card cl-figures' data-testid='term-figures'>
        {figures.data &&
          shownFigures.map(k => (
            <View key={k} className='cl-figure'>
              <Text className='cl-figure__value'>{figures.data?.[k]}</Text>
              <Text className='cl-figure__label'>{copy.figures[k]}</Text>
            </View>
          ))}
        {!figures.data && <Text className='status-line'>{figures.error?.message ?? copy.loading}</Text>}
      </View>
      <FormProblem problem={refused(termId)} />
      <Button block disabled={busy !== null} onClick={() => void exportCsv()}>
        {copy.exportCsv}
      </Button>

      <Text className='section-title'>{copy.rosterTitle}</Text>
      <View className='card'>
        {roster.items.length === 0 && !roster.loading && <Text className='text-soft'>{copy.emptyList}</Text>}
        {roster.items.map(e => (
          <Text key={e.childName + e.termId + (e.childId ?? '')} className='cl-line cl-listrow'>
            {e.childName} · {e.statusLabel}
          </Text>
        ))}
      </View>
      {roster.hasMore && (
        <Button block disabled={roster.loading} onClick={roster.more}>
          {copy.more}
        </Button>
      )}

      <Text className='section-title'>{copy.waitlistTitle}</Text>
      <View className='card'>
        {line.items.length === 0 && !line.loading && <Text className='text-soft'>{copy.emptyList}</Text>}
        {line.items.map(e => (
          <Text key={e.childName + (e.childId ?? '')} className='cl-line cl-listrow'>
            {copy.waitNo(e.waitNumber)} · {e.childName} · {e.statusLabel}
          </Text>
        ))}
      </View>
      {line.hasMore && (
        <Button block disabled={line.loading} onClick={line.more}>
          {copy.more}
        </Button>
      )}
      <TermSessions termId={termId} />
    </View>
  )
}
