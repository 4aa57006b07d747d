import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useAction, usePagedQuery, useQuery } from '@/api'
import { PickerField, SubmitButton, TextField } from '@/components/form/form-field'
import { useFormProblems } from '@/components/form/use-form-problems.hook'
import { shanghaiDateTime } from '@/components/format/time'
import { PageShell } from '@/components/theme/page-shell'
import Button from '@/components/ui/button'
import { confirm } from '@/components/ui/confirm'
import Switch from '@/components/ui/switch'
import { gridContract } from '@/core/grid/grid.contract'
import {
  priorityTagRules,
  priorityTags,
  visitPurposeLabels,
  visitPurposes,
  type PriorityTag,
  type VisitPurpose
} from '@/core/grid/grid.model'
import { logVisitInput } from '@/core/grid/grid.schemas'
import type { ReplyOf } from '@/core/shared/contract'
import { shanghaiDate as todayIn } from '@/core/shared/shanghai-time'
import { visitCopy as copy } from './visit-copy'
import { LoadState } from './report-ui'
import { Tags, visitedText } from './visits-view'
import './visit.css'

type Care = ReplyOf<typeof gridContract.householdCare>

/** One household: its door (in full for its own grid worker only), tags (staff edit them), a visit to log, history. */
export function VisitHouseholdView({ householdId }: { householdId: string }) {
  const care = useQuery(gridContract.householdCare, { householdId })
  const history = usePagedQuery(gridContract.householdVisits, { householdId })
  return (
    <PageShell className='visit'>
      {care.data ? (
        <>
          <Header care={care.data} />
          {care.data.canTag && <TagEditor care={care.data} onSaved={care.reload} />}
          {care.data.canVisit && (
            <VisitForm
              care={care.data}
              onLogged={() => {
                care.reload()
                history.reload()
              }}
            />
          )}
          <Text className='section-title'>{copy.history}</Text>
          {!history.loading && history.items.length === 0 && <Text className='visit-empty'>{copy.historyNone}</Text>}
          {history.items.map(v => (
            <View key={v.id} className='card visit-row' data-testid='visit-history'>
              <View className='visit-row__head'>
                <Text className='visit-row__door'>{v.purposeLabel}</Text>
                <Text className='status-line'>{shanghaiDateTime(v.at)}</Text>
              </View>
              {v.notes && <Text className='visit-text'>{v.notes}</Text>}
              {v.followUp && (
                <Text className='status-line'>
                  {`跟进：${v.followUp.note}（${v.followUp.done ? copy.done : copy.followUpDue(v.followUp.dueLabel)}）`}
                </Text>
              )}
              <Text className='status-line'>{v.workerName}</Text>
            </View>
          ))}
          {history.hasMore && (
            <Button block disabled={history.loading} onClick={history.more}>
              {copy.more}
            </Button>
          )}
        </>
      ) : (
        <LoadState error={care.error} loading={care.loading} reload={care.reload} />
      )}
    </PageShell>
  )
}

function Header({ care }: { care: Care }) {
  const h = care.household
  return (
    <View className='card visit-head' data-testid='visit-head'>
      <Text className='visit-head__door'>{h.door}</Text>
      <Text className='status-line'>{h.gridName}</Text>
      <Tags tags={h.tags} />
      {h.tagNote && <Text className='visit-text'>{h.tagNote}</Text>}
      {care.cadence && <Text className='status-line'>{copy.cadence(care.cadence)}</Text>}
      {care.dueLabel && <Text className='status-line'>{copy.dueBy(care.dueLabel)}</Text>}
      <Text className='status-line'>{visitedText(h)}</Text>
    </View>
  )
}

function TagEditor({ care, onSaved }: { care: Care; onSaved: () => void }) {
  const [tags, setTags] = useState<PriorityTag[]>(care.household.tags.map(t => t.key))
  const [note, setNote] = useState(care.household.tagNote)
  const save = useAction(gridContract.setHouseholdTags)
  const toggle = (t: PriorityTag): void => setTags(now => (now.includes(t) ? now.filter(x => x !== t) : [...now, t]))
  const onSave = async (): Promise<void> => {
    const labels = tags.map(t => priorityTagRules[t].label).join('、')
    if (!(await confirm({ title: copy.tagsAsk, content: copy.tagsAskBody(labels), confirmText: '保存' }))) return
    const res = await save.run({ householdId: care.household.householdId, tags, note: note.trim() })
    if (!res.ok) return
    void Taro.showToast({ title: copy.tagsSaved, icon: 'success' })
    onSaved()
  }
  return (
    <View className='card visit-form' data-testid='visit-tag-editor'>
      <Text className='section-title'>{copy.tags}</Text>
      <Text className='status-line'>{copy.tagsHint}</Text>
      <View className='visit-chips'>
        {priorityTags.map(t => (
          <View
            key={t}
            role='checkbox'
            aria-checked={tags.includes(t)}
            className={`visit-chip${tags.includes(t) ? ' visit-chip--on' : ''}`}
            onClick={() => toggle(t)}
          >
            <Text>{`${priorityTagRules[t].label}（${priorityTagRules[t].cadence}）`}</Text>
          </View>
        ))}
      </View>
      <TextField
        label={copy.tagNote}
        name='tag-note'
        value={note}
        onChange={setNote}
        placeholder={copy.tagNotePlaceholder}
        maxLength={100}
      />
      <SubmitButton busy={save.busy !== null} problem={save.refused()} onClick={() => void onSave()}>
        {copy.saveTags}
      </SubmitButton>
    </View>
  )
}

const labels = {
  purpose: copy.purpose,
  purposeText: copy.purposeOther,
  notes: copy.notes,
  'followUp.note': copy.followUpNote,
  'followUp.dueDate': copy.followUpDate
}
const refusals = { DUE_DATE_PAST: 'followUp.dueDate', CONTENT_REJECTED: 'notes' }

function VisitForm({ care, onLogged }: { care: Care; onLogged: () => void }) {
  const [purpose, setPurpose] = useState<VisitPurpose | null>(null)
  const [purposeText, setPurposeText] = useState('')
  const [notes, setNotes] = useState('')
  const [withFollowUp, setWithFollowUp] = useState(false)
  const [followNote, setFollowNote] = useState('')
  const [dueDate, setDueDate] = useState('')
  const problems = useFormProblems(labels, refusals)
  const log = useAction(gridContract.logVisit)
  const today = todayIn(new Date())
  const input = {
    householdId: care.household.householdId,
    purpose: purpose ?? undefined,
    purposeText: purposeText.trim(),
    notes: notes.trim(),
    followUp: withFollowUp ? { note: followNote.trim(), dueDate } : null
  }
  const why = !purpose ? copy.needPurpose : withFollowUp && !dueDate ? copy.needDueDate : null

  const onLog = async (): Promise<void> => {
    if (!purpose) return
    problems.clear()
    const parsed = logVisitInput.safeParse(input)
    if (!parsed.success) {
      const issues = parsed.error.issues.map(i => ({ path: i.path.join('.'), message: i.message }))
      problems.show({ code: 'INVALID_INPUT', message: '请检查填写的内容', details: { issues } })
      return
    }
    const what = purpose === 'other' ? purposeText.trim() : visitPurposeLabels[purpose]
    if (
      !(await confirm({ title: copy.logAsk, content: copy.logAskBody(care.household.door, what), confirmText: '登记' }))
    )
      return
    const res = await log.run({ ...input, purpose }, { onError: problems.show })
    if (!res.ok) return
    void Taro.showToast({ title: copy.logged, icon: 'success' })
    setPurpose(null)
    setPurposeText('')
    setNotes('')
    setWithFollowUp(false)
    setFollowNote('')
    setDueDate('')
    onLogged()
  }

  return (
    <View className='card visit-form' data-testid='visit-form'>
      <Text className='section-title'>{copy.logTitle}</Text>
      <Text className='form-field__label'>{copy.purpose}</Text>
      <View className='visit-chips' role='radiogroup' aria-label={copy.purpose}>
        {visitPurposes.map(p => (
          <View
            key={p}
            role='radio'
            aria-checked={purpose === p}
            className={`visit-chip${purpose === p ? ' visit-chip--on' : ''}`}
            onClick={() => setPurpose(p)}
          >
            <Text>{visitPurposeLabels[p]}</Text>
          </View>
        ))}
      </View>
      {problems.field('purpose') && <Text className='form-field__error'>{problems.field('purpose')}</Text>}
      {purpose === 'other' && (
        <TextField
          label={copy.purposeOther}
          name='visit-purpose-text'
          value={purposeText}
          onChange={setPurposeText}
          maxLength={30}
          error={problems.field('purposeText')}
        />
      )}
      <TextField
        label={copy.notes}
        name='visit-notes'
        value={notes}
        onChange={setNotes}
        placeholder={copy.notesPlaceholder}
        maxLength={500}
        multiline
        error={problems.field('notes')}
      />
      <View className='visit-follow'>
        <Text className='form-field__label'>{copy.followUp}</Text>
        <Switch checked={withFollowUp} onChange={setWithFollowUp} label={copy.followUp} />
      </View>
      {withFollowUp && (
        <>
          <TextField
            label={copy.followUpNote}
            name='visit-follow-note'
            value={followNote}
            onChange={setFollowNote}
            placeholder={copy.followUpNotePlaceholder}
            maxLength={100}
            error={problems.field('followUp.note')}
          />
          <PickerField
            label={copy.followUpDate}
            name='visit-follow-date'
            mode='date'
            value={dueDate}
            start={today}
            onChange={setDueDate}
            error={problems.field('followUp.dueDate')}
          />
        </>
      )}
      <SubmitButton
        busy={log.busy !== null}
        busyText='正在登记…'
        disabledReason={why}
        problem={problems.form}
        onClick={() => void onLog()}
      >
        {copy.log}
      </SubmitButton>
    </View>
  )
}
