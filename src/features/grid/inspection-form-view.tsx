import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useAction, usePagedQuery, useQuery } from '@/api'
import { SubmitButton, TextField } from '@/components/form/form-field'
import { shanghaiDateTime } from '@/components/format/time'
import { PageShell } from '@/components/theme/page-shell'
import { confirm } from '@/components/ui/confirm'
import { gridContract } from '@/core/grid/grid.contract'
import { inspectionCopy as copy } from './inspection-copy'
import type { InspectionResult } from './inspection-types'
import { LoadState, reportLink } from './report-ui'
import './inspection.css'

type Choice = { passed: boolean; note: string }

/** One inspection as recorded: who, when, each item passed or not, a failed one's report a tap away. */
function Recorded({ result, title }: { result: InspectionResult; title: string }) {
  return (
    <View className='card inspection-result' data-testid='inspection-result'>
      <Text className='inspection-due__title'>{title}</Text>
      <Text className='status-line'>
        {copy.doneBy(result.inspectorLabel, shanghaiDateTime(result.inspectedAt))} ·{' '}
        {result.failed === 0 ? copy.allPassed : copy.failedCount(result.failed)}
      </Text>
      {result.results.map(r => (
        <View key={r.key} className='inspection-result__item'>
          <Text className={`inspection-tag inspection-tag--${r.passed ? 'done' : 'warn'}`}>
            {r.passed ? copy.pass : copy.fail}
          </Text>
          <View className='inspection-result__body'>
            <Text className='inspection-text'>{r.text}</Text>
            {r.note && <Text className='status-line'>{r.note}</Text>}
            {!r.passed &&
              (r.reportId ? (
                <View
                  className='inspection-link'
                  role='link'
                  onClick={() => void Taro.navigateTo({ url: reportLink(r.reportId!) })}
                >
                  <Text>{copy.becameReport} ›</Text>
                </View>
              ) : (
                result.reporting && <Text className='status-line'>{copy.reporting}</Text>
              ))}
          </View>
        </View>
      ))}
    </View>
  )
}

function History({ checklistId, except }: { checklistId: string; except: string | null }) {
  const list = usePagedQuery(gridContract.inspections, { checklistId })
  const past = list.items.filter(i => i.id !== except)
  return (
    <View data-testid='inspection-history'>
      <Text className='section-title'>{copy.history}</Text>
      {!list.loading && past.length === 0 && <Text className='inspection-text'>{copy.historyNone}</Text>}
      {past.map(i => (
        <View key={i.id}>
          <Text className='status-line'>{i.periodLabel}</Text>
          <Recorded result={i} title={i.title} />
        </View>
      ))}
    </View>
  )
}

/**
 * 填写巡检: this period's checklist, each item 合格 or 不合格 (a failure says what was seen); submitting asks first and
 * says that each failure becomes a report for the grid. Once done, the period's record is shown instead.
 */
export function InspectionFormView({ checklistId }: { checklistId: string }) {
  const form = useQuery(gridContract.inspectionForm, { checklistId })
  const record = useAction(gridContract.recordInspection)
  const [choices, setChoices] = useState<Record<string, Choice>>({})
  const [missingNote, setMissingNote] = useState<string[]>([])
  const [recorded, setRecorded] = useState<InspectionResult | null>(null)

  if (!form.data)
    return (
      <PageShell className='inspection'>
        <LoadState error={form.error} loading={form.loading} reload={form.reload} />
      </PageShell>
    )
  const { checklist, period } = form.data
  const done = recorded ?? form.data.done
  const choose = (key: string, passed: boolean) => {
    setChoices(c => ({ ...c, [key]: { passed, note: c[key]?.note ?? '' } }))
    setMissingNote(m => m.filter(k => k !== key))
  }
  const unchosen = checklist.items.filter(i => !choices[i.key]).length
  const failed = checklist.items.filter(i => choices[i.key]?.passed === false)

  const submit = async () => {
    const noNote = failed.filter(i => [...(choices[i.key]?.note.trim() ?? '')].length < 2).map(i => i.key)
    setMissingNote(noNote)
    if (noNote.length > 0) return
    const asked = await confirm(
      failed.length === 0
        ? { title: copy.askAllPass, content: copy.askAllPassWhat, confirmText: copy.askYes }
        : {
            title: copy.askFail(failed.length),
            content: copy.askFailWhat(checklist.gridName ?? '网格'),
            confirmText: copy.askYes
          }
    )
    if (!asked) return
    const res = await record.run({
      checklistId,
      results: checklist.items.map(i => ({
        key: i.key,
        passed: choices[i.key].passed,
        note: choices[i.key].passed ? '' : choices[i.key].note.trim()
      }))
    })
    if (res.ok) setRecorded(res.data)
    // Someone else recorded this period meanwhile: show theirs.
    else if (res.error.code === 'ALREADY_INSPECTED') form.reload()
  }

  return (
    <PageShell className='inspection'>
      <Text className='section-title'>{checklist.title}</Text>
      <Text className='inspection-text'>
        {[checklist.placeLabel, checklist.gridName, checklist.cadenceLabel].filter(Boolean).join(' · ')}
      </Text>
      {done ? (
        <>
          <View role='status'>
            <Text className='inspection-lead'>{copy.doneTitle(period.label)}</Text>
          </View>
          <Recorded result={done} title={checklist.title} />
        </>
      ) : !checklist.active ? (
        <Text className='inspection-lead'>{copy.retiredForm}</Text>
      ) : (
        <View data-testid='inspection-form'>
          <Text className='inspection-lead'>{copy.formPeriod(period.label, copy.daysLeft(period.daysLeft))}</Text>
          <Text className='status-line'>{copy.itemsHint}</Text>
          {checklist.items.map((item, n) => {
            const c = choices[item.key]
            return (
              <View key={item.key} className='card inspection-item' data-testid='inspection-item'>
                <Text className='inspection-item__text'>
                  {n + 1}. {item.text}
                </Text>
                <View className='inspection-choice' role='radiogroup' aria-label={item.text}>
                  {[true, false].map(passed => (
                    <View
                      key={String(passed)}
                      role='radio'
                      aria-checked={c?.passed === passed}
                      aria-label={`${item.text}${passed ? copy.pass : copy.fail}`}
                      className={`inspection-choice__option inspection-choice__option--${passed ? 'pass' : 'fail'}${
                        c?.passed === passed ? ' inspection-choice__option--on' : ''
                      }`}
                      onClick={() => choose(item.key, passed)}
                    >
                      <Text>{passed ? copy.pass : copy.fail}</Text>
                    </View>
                  ))}
                </View>
                {c?.passed === false && (
                  <TextField
                    label={copy.failNote}
                    name={`note-${item.key}`}
                    value={c.note}
                    multiline
                    maxLength={200}
                    hint={copy.failNoteHint}
                    error={missingNote.includes(item.key) ? '不合格的项请写明看到了什么' : null}
                    onChange={note => {
                      setChoices(all => ({ ...all, [item.key]: { passed: false, note } }))
                      setMissingNote(m => m.filter(k => k !== item.key))
                    }}
                  />
                )}
              </View>
            )
          })}
          <SubmitButton
            busy={record.busy !== null}
            busyText={copy.submitting}
            disabledReason={unchosen > 0 ? copy.notChosen(unchosen) : null}
            problem={record.refused()}
            onClick={() => void submit()}
          >
            {copy.submit}
          </SubmitButton>
        </View>
      )}
      <History checklistId={checklistId} except={done?.id ?? null} />
    </PageShell>
  )
}
