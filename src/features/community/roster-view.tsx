import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { callAction, useQuery } from '@/api'
import { hasAnyRole } from '@/core/community/caller'
import { communityContract } from '@/core/community/community.contract'
import type { DutyView as Shift } from '@/core/community/directory.views'
import { policies } from '@/core/community/roles'
import { shanghaiDate as shanghaiToday } from '@/core/shared/shanghai-time'
import { PageShell } from '@/components/theme/page-shell'
import { shanghaiDate } from '@/components/format/time'
import Button from '@/components/ui/button'
import { FormProblem, PickerField, SubmitButton, TextField } from '@/components/form/form-field'
import { useFormProblems } from '@/components/form/use-form-problems.hook'
import { useWhoami } from '@/features/me/use-whoami.hook'
import { communityCopy as copy } from './copy'
import { parseHotlineLines } from './hotline-lines'
import './community.css'

/** 值班表: this week's shifts (evenings and weekends too); staff add and remove shifts and close the hall for a day. */
export function RosterView() {
  const week = useQuery(communityContract.roster, {})
  const { me } = useWhoami()
  const staff = !!me && hasAnyRole(me, policies.staff)
  const byDate = new Map<string, Shift[]>()
  for (const s of week.data ?? []) byDate.set(s.date, [...(byDate.get(s.date) ?? []), s])

  // What a tap answered, said beside what was tapped (a day's card, the close button), not in a toast.
  const [answer, setAnswer] = useState<{ where: string; text: string; ok: boolean } | null>(null)
  const remove = async (s: Shift): Promise<void> => {
    setAnswer(null)
    const res = await callAction(communityContract.removeDuty, { id: s.id })
    if (!res.ok) setAnswer({ where: s.date, text: res.error.message, ok: false })
    week.reload()
  }
  const closeToday = async (): Promise<void> => {
    setAnswer(null)
    const res = await callAction(communityContract.setHallDay, {
      date: shanghaiToday(new Date()),
      ranges: [],
      note: copy.closeReason
    })
    setAnswer({ where: 'close', text: res.ok ? copy.closedToday : res.error.message, ok: res.ok })
  }
  const said = (where: string) =>
    answer?.where === where ? (
      answer.ok ? (
        <View role='status'>
          <Text className='status-line'>{answer.text}</Text>
        </View>
      ) : (
        <FormProblem problem={answer.text} />
      )
    ) : null

  return (
    <PageShell className='community'>
      <Text className='community__name'>{copy.rosterTitle}</Text>
      {week.data?.length === 0 && (
        <View className='card'>
          <Text className='text-soft'>{copy.noShifts}</Text>
        </View>
      )}
      {[...byDate].map(([date, shifts]) => (
        <View key={date} className='card'>
          <Text className='community-row__name'>{shanghaiDate(date)}</Text>
          {shifts.map(s => (
            <View key={s.id} className='community-shift' data-testid='shift'>
              <Text>
                {s.start}–{s.end} {s.personName} · {s.place}
              </Text>
              {staff && (
                <Text className='community-shift__remove' onClick={() => void remove(s)}>
                  {copy.remove}
                </Text>
              )}
            </View>
          ))}
          {said(date)}
        </View>
      ))}
      {staff && <AddShift onDone={week.reload} />}
      {staff && said('close')}
      {staff && (
        <Button className='community-gap' block onClick={() => void closeToday()}>
          {copy.closeToday}
        </Button>
      )}
      {staff && <HallWeek />}
    </PageShell>
  )
}

const shiftLabels = {
  date: copy.dateLabel,
  start: copy.startLabel,
  end: copy.endLabel,
  personName: copy.personLabel,
  place: copy.placeLabel
}

function AddShift({ onDone }: { onDone: () => void }) {
  const [f, setF] = useState({ date: '', start: '17:30', end: '20:30', personName: '', place: '社区值班室' })
  const [done, setDone] = useState(false)
  const problems = useFormProblems(shiftLabels)
  const set = (k: keyof typeof f) => (v: string) => {
    setF(prev => ({ ...prev, [k]: v }))
    problems.clear(k)
    setDone(false)
  }
  const save = async (): Promise<void> => {
    problems.clear()
    const res = await callAction(communityContract.saveDuty, f)
    if (!res.ok) return problems.show(res.error)
    setDone(true)
    onDone()
  }
  const why = !f.date ? copy.needShiftDate : !f.personName.trim() ? copy.needShiftPerson : null
  return (
    <View className='card'>
      <Text className='community-row__name'>{copy.addShift}</Text>
      <PickerField
        name='duty-date'
        mode='date'
        label={copy.dateLabel}
        value={f.date}
        error={problems.field('date')}
        onChange={set('date')}
      />
      <View className='form-field__pair'>
        <PickerField
          name='duty-start'
          mode='time'
          label={copy.startLabel}
          value={f.start}
          error={problems.field('start')}
          onChange={set('start')}
        />
        <PickerField
          name='duty-end'
          mode='time'
          label={copy.endLabel}
          value={f.end}
          error={problems.field('end')}
          onChange={set('end')}
        />
      </View>
      <TextField
        name='duty-person'
        label={copy.personLabel}
        value={f.personName}
        maxLength={20}
        error={problems.field('personName')}
        onChange={set('personName')}
      />
      <TextField
        name='duty-place'
        label={copy.placeLabel}
        value={f.place}
        maxLength={30}
        error={problems.field('place')}
        onChange={set('place')}
      />
      <SubmitButton disabledReason={why} problem={problems.form} onClick={() => void save()}>
        {copy.save}
      </SubmitButton>
      {done && (
        <View role='status'>
          <Text className='status-line'>{copy.saved}</Text>
        </View>
      )}
    </View>
  )
}

const weekdayNames = ['周日', '周一', '周二', '周三', '周四', '周五', '周六']

type Range = { open: string; close: string }
/** At most four opening ranges a day (setHallWeekInput). */
const maxRanges = 4

/**
 * The hall's week, each day's opening hours chosen on time pickers (no "08:30-12:00" to type):
 * a day with no range is closed. What is wrong is said under that day, before saving.
 */
function HallWeek() {
  const [days, setDays] = useState<Range[][]>(() => Array.from({ length: 7 }, () => []))
  const [hotlines, setHotlines] = useState('')
  const [saved, setSaved] = useState<'week' | 'hotlines' | null>(null)
  const week = useFormProblems(weekLabels)
  const lines = useFormProblems(hotlineLabels)
  // The editor starts from what is saved, so saving one day never blanks the others.
  useQuery(
    communityContract.hallSettings,
    {},
    {
      onData: h => {
        setDays(Array.from({ length: 7 }, (_, i) => h.weekly[i] ?? []))
        setHotlines(h.hotlines.map(x => `${x.name} ${x.number}`).join('\n'))
      }
    }
  )
  const change = (day: number, to: (ranges: Range[]) => Range[]): void => {
    setDays(prev => prev.map((r, j) => (j === day ? to(r) : r)))
    week.clear(`weekly.${day}`)
    setSaved(null)
  }
  // 'HH:mm' strings compare as times.
  const badDay = days.findIndex(d => d.some(r => r.open >= r.close))
  const saveWeek = async (): Promise<void> => {
    week.clear()
    const res = await callAction(communityContract.setHallWeek, { weekly: days })
    if (!res.ok) return week.show(res.error)
    setSaved('week')
  }
  // Saving waits for every line to read (badLine), so nothing is dropped here.
  const { hotlines: readLines, badLine } = parseHotlineLines(hotlines)
  const saveHotlines = async (): Promise<void> => {
    lines.clear()
    const res = await callAction(communityContract.setHotlines, { hotlines: readLines })
    if (!res.ok) return lines.show(res.error)
    setSaved('hotlines')
  }
  return (
    <View className='card' data-testid='hall-week'>
      <Text className='community-row__name'>{copy.hallWeekTitle}</Text>
      {weekdayNames.map((d, i) => (
        <View key={d} className='community-day' data-testid='hall-day'>
          <Text className='community-field__label'>{d}</Text>
          {days[i].length === 0 && <Text className='status-line'>{copy.closedDay}</Text>}
          {days[i].map((r, k) => (
            <View key={k} className='community-day__range'>
              <View className='form-field__pair'>
                <PickerField
                  name={`hall-${i}-${k}-open`}
                  mode='time'
                  label={copy.opensLabel(d)}
                  value={r.open}
                  onChange={v => change(i, list => list.map((x, j) => (j === k ? { ...x, open: v } : x)))}
                />
                <PickerField
                  name={`hall-${i}-${k}-close`}
                  mode='time'
                  label={copy.closesLabel(d)}
                  value={r.close}
                  onChange={v => change(i, list => list.map((x, j) => (j === k ? { ...x, close: v } : x)))}
                />
              </View>
              <Button size='small' onClick={() => change(i, list => list.filter((_, j) => j !== k))}>
                {copy.removeRange}
              </Button>
            </View>
          ))}
          {days[i].length < maxRanges && (
            <Button
              size='small'
              onClick={() =>
                change(i, list => [
                  ...list,
                  list.length === 0 ? { open: '08:30', close: '12:00' } : { open: '13:30', close: '17:30' }
                ])
              }
            >
              {copy.addRange}
            </Button>
          )}
          {week.field(`weekly.${i}`) && (
            <View className='form-field__error' role='alert'>
              <Text>{week.field(`weekly.${i}`)}</Text>
            </View>
          )}
        </View>
      ))}
      <SubmitButton
        disabledReason={badDay >= 0 ? copy.badHours(weekdayNames[badDay]) : null}
        problem={week.form}
        onClick={() => void saveWeek()}
      >
        {copy.save}
      </SubmitButton>
      {saved === 'week' && (
        <View role='status'>
          <Text className='status-line'>{copy.saved}</Text>
        </View>
      )}
      <View className='community-gap' />
      <TextField
        name='hotlines'
        multiline
        label={copy.hotlinesLabel}
        placeholder='法律援助热线 021-0000-8011'
        value={hotlines}
        maxLength={400}
        error={lines.field('hotlines')}
        onChange={v => {
          setHotlines(v)
          lines.clear('hotlines')
          setSaved(null)
        }}
      />
      <SubmitButton
        type='default'
        disabledReason={badLine >= 0 ? copy.badHotline(badLine + 1) : null}
        problem={lines.form}
        onClick={() => void saveHotlines()}
      >
        {copy.save}
      </SubmitButton>
      {saved === 'hotlines' && (
        <View role='status'>
          <Text className='status-line'>{copy.saved}</Text>
        </View>
      )}
    </View>
  )
}

const weekLabels = Object.fromEntries(weekdayNames.map((d, i) => [`weekly.${i}`, d]))
const hotlineLabels = { hotlines: copy.hotlinesLabel }
