import { useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { usePagedQuery } from '@/api/use-paged-query.hook'
import type { SessionViewData } from '@/core/classes/classes.views'
import { sessionPageSchema, sessionSheetSchema, tutorPoolSchema } from '@/core/classes/classes.views'
import { shanghaiDate, shanghaiHHmm } from '@/components/format/time'
import Button from '@/components/ui/button'
import { callFunction } from '@/api'
import { gradeNames } from '@/core/classes/class.schemas'
import { classesCopy as copy } from './copy'
import { useAct } from './use-act.hook'

/**
 * 新建一期: a term of sessions on chosen weekdays (16:30–18:00 by default), for chosen grades,
 * with an optional enrolment window, or a one-evening parent-school lecture (19:00–20:30).
 */
export function NewTermForm ({ onDone }: { onDone: () => void }) {
  const { busy, act } = useAct()
  const [open, setOpen] = useState(false)
  const [kind, setKind] = useState<'class' | 'lecture'>('class')
  const blank = { title: '', room: '', startDate: '', endDate: '', capacity: '', holidays: '', dropIn: '', startTime: '', endTime: '', opens: '', closes: '', minTutors: '' }
  const [f, setF] = useState(blank)
  const [weekdays, setWeekdays] = useState<number[]>([1, 2, 3, 4, 5])
  const [grades, setGrades] = useState<string[]>([])
  const set = (k: keyof typeof f) => (e: { detail: { value: string } }) => setF(prev => ({ ...prev, [k]: e.detail.value }))
  const toggle = <T,>(list: T[], v: T): T[] => list.includes(v) ? list.filter(x => x !== v) : [...list, v]
  const defaults = kind === 'class' ? { start: '16:30', end: '18:00' } : { start: '19:00', end: '20:30' }

  const submit = async (): Promise<void> => {
    const holidays = f.holidays.split(/[,，、\s]+/).map(d => d.trim()).filter(Boolean)
    // Dates are Beijing days: the window opens at 00:00 of its first day and closes at the end of its last.
    const window = {
      ...(f.opens.trim() ? { enrolOpensAt: `${f.opens.trim()}T00:00:00+08:00` } : {}),
      ...(f.closes.trim() ? { enrolClosesAt: `${f.closes.trim()}T23:59:59+08:00` } : {})
    }
    const res = await act<{ sessions: number }>('new-term', 'createTerm', {
      kind, title: f.title.trim(), room: f.room.trim(), startDate: f.startDate.trim(), capacity: Number(f.capacity),
      startTime: f.startTime.trim() || defaults.start, endTime: f.endTime.trim() || defaults.end, ...window,
      ...(kind === 'class'
        ? { endDate: f.endDate.trim(), weekdays: [...weekdays].sort(), grades, holidays, dropInSeats: Number(f.dropIn || 0), ...(f.minTutors.trim() ? { minTutors: Number(f.minTutors) } : {}) }
        : {})
    })
    if (!res.ok) return
    void Taro.showToast({ title: copy.termCreated(res.data.sessions), icon: 'none', duration: 3000 })
    setOpen(false)
    setF(blank)
    setWeekdays([1, 2, 3, 4, 5])
    setGrades([])
    onDone()
  }

  if (!open) return <Button className='cl-gap' block onClick={() => setOpen(true)}>{copy.newTerm}</Button>
  return (
    <View className='card cl-form' data-testid='new-term'>
      <View className='cl-chips'>
        <Button type={kind === 'class' ? 'primary' : 'default'} onClick={() => setKind('class')}>{copy.kindClass}</Button>
        <Button type={kind === 'lecture' ? 'primary' : 'default'} onClick={() => setKind('lecture')}>{copy.kindLecture}</Button>
      </View>
      <Input className='cl-input' value={f.title} maxlength={30} placeholder={copy.termTitle} onInput={set('title')} />
      <Input className='cl-input' value={f.room} maxlength={30} placeholder={copy.room} onInput={set('room')} />
      <Input className='cl-input' value={f.startDate} maxlength={10} placeholder={kind === 'class' ? copy.startDate : copy.lectureDate} onInput={set('startDate')} />
      {kind === 'class' && <Input className='cl-input' value={f.endDate} maxlength={10} placeholder={copy.endDate} onInput={set('endDate')} />}
      {kind === 'class' && (
        <View>
          <Text className='cl-sub'>{copy.weekdaysLabel}</Text>
          <View className='cl-chips' data-testid='weekdays'>
            {copy.weekdayNames.map((name, i) => (
              <Button key={name} type={weekdays.includes(i + 1) ? 'primary' : 'default'} onClick={() => setWeekdays(w => toggle(w, i + 1))}>{name}</Button>
            ))}
          </View>
        </View>
      )}
      <Input className='cl-input' value={f.startTime} maxlength={5} placeholder={copy.startTime(defaults.start)} onInput={set('startTime')} />
      <Input className='cl-input' value={f.endTime} maxlength={5} placeholder={copy.endTime(defaults.end)} onInput={set('endTime')} />
      <Input className='cl-input' type='number' value={f.capacity} maxlength={3} placeholder={copy.capacity} onInput={set('capacity')} />
      {kind === 'class' && (
        <View>
          <Text className='cl-sub'>{copy.gradesLabel}</Text>
          <View className='cl-chips' data-testid='grades'>
            {gradeNames.map(g => <Button key={g} type={grades.includes(g) ? 'primary' : 'default'} onClick={() => setGrades(list => toggle(list, g))}>{g}</Button>)}
          </View>
        </View>
      )}
      <Input className='cl-input' value={f.opens} maxlength={10} placeholder={copy.enrolOpens} onInput={set('opens')} />
      <Input className='cl-input' value={f.closes} maxlength={10} placeholder={copy.enrolCloses} onInput={set('closes')} />
      {kind === 'class' && <Input className='cl-input' value={f.holidays} maxlength={300} placeholder={copy.holidays} onInput={set('holidays')} />}
      {kind === 'class' && <Input className='cl-input' type='number' value={f.dropIn} maxlength={2} placeholder={copy.dropInSeats} onInput={set('dropIn')} />}
      {kind === 'class' && <Input className='cl-input' type='number' value={f.minTutors} maxlength={2} placeholder={copy.minTutors} onInput={set('minTutors')} />}
      <Button type='primary' size='large' block disabled={busy !== null} onClick={() => void submit()}>{copy.createTerm}</Button>
    </View>
  )
}

/** A term's coming sessions: cancel one (holiday, families told) or open its attendance sheet. */
export function TermSessions ({ termId }: { termId: string }) {
  const sessions = usePagedQuery<SessionViewData>({ fn: 'classes', action: 'termSessions', payload: { termId }, schema: sessionPageSchema, badResponse: copy.badResponse })
  return (
    <View>
      <Text className='section-title'>{copy.sessionsTitle}</Text>
      {sessions.items.length === 0 && !sessions.loading && <View className='card'><Text className='text-soft'>{copy.emptyList}</Text></View>}
      {sessions.items.map(s => <SessionRow key={s.sessionId} s={s} onChange={sessions.reload} />)}
      {sessions.hasMore && <Button block disabled={sessions.loading} onClick={sessions.more}>{copy.more}</Button>}
    </View>
  )
}

function SessionRow ({ s, onChange }: { s: SessionViewData, onChange: () => void }) {
  const { busy, act } = useAct()
  const [reason, setReason] = useState('')
  const [sheet, setSheet] = useState<string[] | null>(null)
  const [picking, setPicking] = useState(false)
  const cancel = async (): Promise<void> => {
    const res = await act<{ notified: number }>(s.sessionId, 'cancelSession', { sessionId: s.sessionId, reason: reason.trim() })
    if (!res.ok) return
    void Taro.showToast({ title: copy.sessionCancelled(res.data.notified), icon: 'none', duration: 3000 })
    onChange()
  }
  const openSheet = async (): Promise<void> => {
    const res = await callFunction<unknown>('classes', 'attendanceSheet', { sessionId: s.sessionId })
    const parsed = res.ok ? sessionSheetSchema.safeParse(res.data) : null
    setSheet(parsed?.success
      ? parsed.data.children.map(c => `${c.name} · ${c.status ? copy.marked[c.status] : '—'}${c.pickup ? ` · ${copy.pickedUp(c.pickup.name, c.pickup.relation, shanghaiHHmm(Date.parse(c.pickup.at)))}` : ''}`)
      : [res.ok ? copy.badResponse : res.error.message])
  }
  return (
    <View className='card' data-testid='term-session'>
      <Text className='cl-name'>{shanghaiDate(s.date)} {shanghaiHHmm(Date.parse(s.startsAt))}–{shanghaiHHmm(Date.parse(s.endsAt))}</Text>
      <Text className='cl-line'>{s.room} · {copy.tutorsOf(s.tutors, s.minTutors)}</Text>
      {s.status === 'cancelled'
        ? <Text className='cl-status cl-status--absent'>{copy.cancelledLabel}</Text>
        : (
          <View>
            <Input className='cl-input' value={reason} maxlength={60} placeholder={copy.cancelReason} onInput={e => setReason(e.detail.value)} />
            <Button block disabled={busy !== null || reason.trim() === ''} onClick={() => void cancel()}>{copy.cancelSession}</Button>
            {picking
              ? <TutorPicker sessionId={s.sessionId} onAssigned={onChange} />
              : <Button className='cl-gap' block type={s.tutors < s.minTutors ? 'primary' : 'default'} onClick={() => setPicking(true)}>{copy.assignTutor}</Button>}
          </View>
          )}
      <Button className='cl-gap' block onClick={() => void openSheet()}>{copy.sheet}</Button>
      {sheet?.map(line => <Text key={line} className='cl-line cl-listrow'>{line}</Text>)}
    </View>
  )
}

/** 安排辅导老师: the community's tutors, one tap puts one on the session (they are told). */
function TutorPicker ({ sessionId, onAssigned }: { sessionId: string, onAssigned: () => void }) {
  const pool = usePagedQuery<{ userId: string, name: string }>({ fn: 'classes', action: 'tutorPool', schema: tutorPoolSchema, badResponse: copy.badResponse })
  const { busy, act } = useAct()
  const assign = async (t: { userId: string, name: string }): Promise<void> => {
    const res = await act(`${sessionId}:${t.userId}`, 'assignTutor', { sessionId, userId: t.userId })
    if (!res.ok) return
    void Taro.showToast({ title: copy.tutorAssigned(t.name), icon: 'none', duration: 3000 })
    onAssigned()
  }
  return (
    <View data-testid='tutor-picker'>
      <Text className='cl-sub'>{copy.pickTutor}</Text>
      {!pool.loading && pool.items.length === 0 && <Text className='text-soft'>{pool.error?.message ?? copy.noTutors}</Text>}
      <View className='cl-chips'>
        {pool.items.map(t => <Button key={t.userId} disabled={busy !== null} onClick={() => void assign(t)}>{t.name}</Button>)}
      </View>
      {pool.hasMore && <Button block disabled={pool.loading} onClick={pool.more}>{copy.more}</Button>}
    </View>
  )
}
