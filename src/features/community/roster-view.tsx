import { useState } from 'react'
import { View, Text, Input, Textarea } from '@tarojs/components'
import Taro from '@tarojs/taro'
import * as z from 'zod'
import { callFunction } from '@/api'
import { useCloudQuery } from '@/api/use-cloud-query.hook'
import { hasAnyRole } from '@/core/community/caller'
import { PageShell } from '@/components/theme/page-shell'
import { shanghaiDate } from '@/components/format/time'
import Button from '@/components/ui/button'
import { PickerField, SubmitButton, TextField } from '@/components/form/form-field'
import { useFormProblems } from '@/components/form/use-form-problems.hook'
import { useWhoami } from '@/features/me/use-whoami.hook'
import { communityCopy as copy } from './copy'
import './community.css'

const shift = z.object({ id: z.string(), date: z.string(), start: z.string(), end: z.string(), personName: z.string(), place: z.string() })
type Shift = z.infer<typeof shift>

/** 值班表: this week's shifts (evenings and weekends too); staff add and remove shifts and close the hall for a day. */
export function RosterView () {
  const week = useCloudQuery({ fn: 'community', action: 'roster', schema: z.array(shift), badResponse: copy.loading })
  const { me } = useWhoami()
  const staff = !!me && hasAnyRole(me, ['staff', 'admin'])
  const byDate = new Map<string, Shift[]>()
  for (const s of week.data ?? []) byDate.set(s.date, [...(byDate.get(s.date) ?? []), s])

  const remove = async (id: string): Promise<void> => {
    const res = await callFunction('community', 'removeDuty', { id })
    if (!res.ok) void Taro.showToast({ title: res.error.message, icon: 'none' })
    week.reload()
  }
  const closeToday = async (): Promise<void> => {
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
    const res = await callFunction('community', 'setHallDay', { date: today, ranges: [], note: copy.closeReason })
    void Taro.showToast({ title: res.ok ? copy.closedToday : res.error.message, icon: 'none' })
  }

  return (
    <PageShell className='community'>
      <Text className='community__name'>{copy.rosterTitle}</Text>
      {week.data?.length === 0 && <View className='card'><Text className='text-soft'>{copy.noShifts}</Text></View>}
      {[...byDate].map(([date, shifts]) => (
        <View key={date} className='card'>
          <Text className='community-row__name'>{shanghaiDate(date)}</Text>
          {shifts.map(s => (
            <View key={s.id} className='community-shift' data-testid='shift'>
              <Text>{s.start}–{s.end} {s.personName} · {s.place}</Text>
              {staff && <Text className='community-shift__remove' onClick={() => void remove(s.id)}>{copy.remove}</Text>}
            </View>
          ))}
        </View>
      ))}
      {staff && <AddShift onDone={week.reload} />}
      {staff && <Button className='community-gap' block onClick={() => void closeToday()}>{copy.closeToday}</Button>}
      {staff && <HallWeek />}
    </PageShell>
  )
}

const shiftLabels = { date: copy.dateLabel, start: copy.startLabel, end: copy.endLabel, personName: copy.personLabel, place: copy.placeLabel }

function AddShift ({ onDone }: { onDone: () => void }) {
  const [f, setF] = useState({ date: '', start: '17:30', end: '20:30', personName: '', place: '社区值班室' })
  const [done, setDone] = useState(false)
  const problems = useFormProblems(shiftLabels)
  const set = (k: keyof typeof f) => (v: string) => { setF(prev => ({ ...prev, [k]: v })); problems.clear(k); setDone(false) }
  const save = async (): Promise<void> => {
    problems.clear()
    const res = await callFunction('community', 'saveDuty', f)
    if (!res.ok) return problems.show(res.error)
    setDone(true)
    onDone()
  }
  const why = !f.date ? copy.needShiftDate : !f.personName.trim() ? copy.needShiftPerson : null
  return (
    <View className='card'>
      <Text className='community-row__name'>{copy.addShift}</Text>
      <PickerField name='duty-date' mode='date' label={copy.dateLabel} value={f.date} error={problems.field('date')} onChange={set('date')} />
      <View className='form-field__pair'>
        <PickerField name='duty-start' mode='time' label={copy.startLabel} value={f.start} error={problems.field('start')} onChange={set('start')} />
        <PickerField name='duty-end' mode='time' label={copy.endLabel} value={f.end} error={problems.field('end')} onChange={set('end')} />
      </View>
      <TextField name='duty-person' label={copy.personLabel} value={f.personName} maxLength={20} error={problems.field('personName')} onChange={set('personName')} />
      <TextField name='duty-place' label={copy.placeLabel} value={f.place} maxLength={30} error={problems.field('place')} onChange={set('place')} />
      <SubmitButton disabledReason={why} problem={problems.form} onClick={() => void save()}>{copy.save}</SubmitButton>
      {done && <View role='status'><Text className='status-line'>{copy.saved}</Text></View>}
    </View>
  )
}

const weekdayNames = ['周日', '周一', '周二', '周三', '周四', '周五', '周六']

/** "08:30-12:00,13:30-17:30" → ranges; '' → closed; null when it doesn't read. */
export function parseRanges (text: string): Array<{ open: string, close: string }> | null {
  const parts = text.split(/[,，、\s]+/).map(p => p.trim()).filter(Boolean)
  const out: Array<{ open: string, close: string }> = []
  for (const p of parts) {
    const m = /^(\d{1,2}):(\d{2})[-–~](\d{1,2}):(\d{2})$/.exec(p)
    if (!m) return null
    const hhmm = (h: string, mm: string): string => `${h.padStart(2, '0')}:${mm}`
    out.push({ open: hhmm(m[1], m[2]), close: hhmm(m[3], m[4]) })
  }
  return out
}

/** Staff: the hall's weekly hours and the hotlines the resident's card shows. */
const range = z.object({ open: z.string(), close: z.string() })
const hallSettings = z.object({ weekly: z.array(z.array(range)), hotlines: z.array(z.object({ name: z.string(), number: z.string() })) })

function HallWeek () {
  const [days, setDays] = useState<string[]>(Array(7).fill(''))
  const [hotlines, setHotlines] = useState('')
  // The editor starts from what is saved, so saving one day never blanks the others.
  useCloudQuery({
    fn: 'community', action: 'hallSettings', schema: hallSettings, badResponse: copy.loading,
    onData: (h) => {
      setDays(Array.from({ length: 7 }, (_, i) => (h.weekly[i] ?? []).map(r => `${r.open}-${r.close}`).join(',')))
      setHotlines(h.hotlines.map(x => `${x.name} ${x.number}`).join('\n'))
    }
  })
  const saveWeek = async (): Promise<void> => {
    const weekly = days.map(parseRanges)
    if (weekly.some(d => d === null)) return void Taro.showToast({ title: copy.badHours, icon: 'none', duration: 3000 })
    const res = await callFunction('community', 'setHallWeek', { weekly })
    void Taro.showToast({ title: res.ok ? copy.saved : res.error.message, icon: 'none', duration: 3000 })
  }
  const saveHotlines = async (): Promise<void> => {
    const list = hotlines.split('\n').map(l => l.trim()).filter(Boolean).map(l => {
      const m = /^(.+?)\s+([0-9-]+)$/.exec(l)
      return m ? { name: m[1], number: m[2] } : null
    })
    if (list.some(x => x === null)) return void Taro.showToast({ title: copy.badHotline, icon: 'none', duration: 3000 })
    const res = await callFunction('community', 'setHotlines', { hotlines: list })
    void Taro.showToast({ title: res.ok ? copy.saved : res.error.message, icon: 'none', duration: 3000 })
  }
  return (
    <View className='card'>
      <Text className='community-row__name'>{copy.hallWeekTitle}</Text>
      {weekdayNames.map((d, i) => (
        <View key={d}>
          <Text className='community-field__label'>{d}</Text>
          <Input className='community-field' value={days[i]} maxlength={60} placeholder={copy.closedDay} onInput={(e) => setDays(prev => prev.map((x, j) => j === i ? e.detail.value : x))} />
        </View>
      ))}
      <Button type='primary' size='large' block onClick={() => void saveWeek()}>{copy.save}</Button>
      <Text className='community-field__label'>{copy.hotlinesLabel}</Text>
      <Textarea className='community-field' value={hotlines} maxlength={400} placeholder='法律援助热线 021-0000-8011' onInput={(e) => setHotlines(e.detail.value)} />
      <Button className='community-gap' size='large' block onClick={() => void saveHotlines()}>{copy.save}</Button>
    </View>
  )
}
