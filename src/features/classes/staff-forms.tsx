import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { callAction, useAction, usePagedQuery } from '@/api'
import { classesContract as classes } from '@/core/classes/classes.contract'
import type { SessionView } from '@/core/classes/classes.views'
import { shanghaiDate, shanghaiHHmm } from '@/components/format/time'
import { addDays, shanghaiInstant } from '@/core/shared/shanghai-time'
import Button from '@/components/ui/button'
import { FormProblem, PickerField, SubmitButton, TextField } from '@/components/form/form-field'
import { useFormProblems } from '@/components/form/use-form-problems.hook'
import type { GradeName } from '@/core/classes/class.schemas'
import { gradeNames } from '@/core/classes/class.schemas'
import { classesCopy as copy } from './copy'

/**
 * 新建一期: a term of sessions on chosen weekdays (16:30–18:00 by default), for chosen grades,
 * with an optional enrolment window, or a one-evening parent-school lecture (19:00–20:30).
 */
export function NewTermForm({ onDone }: { onDone: () => void }) {
  const { busy, run } = useAction(classes.createTerm)
  const [open, setOpen] = useState(false)
  const [kind, setKind] = useState<'class' | 'lecture'>('class')
  const blank = {
    title: '',
    room: '',
    startDate: '',
    endDate: '',
    capacity: '',
    dropIn: '',
    startTime: '',
    endTime: '',
    opens: '',
    closes: '',
    minTutors: ''
  }
  const [f, setF] = useState(blank)
  const [holidays, setHolidays] = useState<string[]>([])
  const [weekdays, setWeekdays] = useState<number[]>([1, 2, 3, 4, 5])
  const [grades, setGrades] = useState<GradeName[]>([])
  const problems = useFormProblems(termLabels)
  const set =
    (k: keyof typeof f, field: string = k) =>
    (v: string) => {
      setF(prev => ({ ...prev, [k]: v }))
      problems.clear(field)
    }
  const toggle = <T,>(list: T[], v: T): T[] => (list.includes(v) ? list.filter(x => x !== v) : [...list, v])
  const defaults = kind === 'class' ? { start: '16:30', end: '18:00' } : { start: '19:00', end: '20:30' }
  const why = !f.title.trim()
    ? copy.needTermTitle
    : !f.room.trim()
      ? copy.needTermRoom
      : kind === 'class' && (!f.startDate || !f.endDate)
        ? copy.needTermDates
        : !f.startDate
          ? copy.needLectureDate
          : !f.capacity.trim()
            ? copy.needCapacity
            : null

  const submit = async (): Promise<void> => {
    problems.clear()
    // Dates are Beijing days: the window opens at 00:00 of its first day and closes when its last day ends.
    const window = {
      ...(f.opens ? { enrolOpensAt: shanghaiInstant(f.opens, '00:00').toISOString() } : {}),
      ...(f.closes ? { enrolClosesAt: shanghaiInstant(addDays(f.closes, 1), '00:00').toISOString() } : {})
    }
    const res = await run(
      {
        kind,
        title: f.title.trim(),
        room: f.room.trim(),
        startDate: f.startDate,
        capacity: Number(f.capacity),
        startTime: f.startTime || defaults.start,
        endTime: f.endTime || defaults.end,
        ...window,
        ...(kind === 'class'
          ? {
              endDate: f.endDate,
              weekdays: [...weekdays].sort(),
              grades,
              holidays: [...holidays].sort(),
              dropInSeats: Number(f.dropIn || 0),
              ...(f.minTutors.trim() ? { minTutors: Number(f.minTutors) } : {})
            }
          : {})
      },
      { onError: problems.show }
    )
    if (!res.ok) return
    void Taro.showToast({ title: copy.termCreated(res.data.sessions), icon: 'none', duration: 3000 })
    setOpen(false)
    setF(blank)
    setHolidays([])
    setWeekdays([1, 2, 3, 4, 5])
    setGrades([])
    onDone()
  }

  if (!open)
    return (
      <Button className='cl-gap' block onClick={() => setOpen(true)}>
        {copy.newTerm}
      </Button>
    )
  return (
    <View className='card cl-form' data-testid='new-term'>
      <View className='cl-chips'>
        <Button type={kind === 'class' ? 'primary' : 'default'} onClick={() => setKind('class')}>
          {copy.kindClass}
        </Button>
        <Button type={kind === 'lecture' ? 'primary' : 'default'} onClick={() => setKind('lecture')}>
          {copy.kindLecture}
        </Button>
      </View>
      <TextField
        name='term-title'
        label={copy.termTitle}
        placeholder={copy.termTitleHint}
        value={f.title}
        maxLength={30}
        error={problems.field('title')}
        onChange={set('title')}
      />
      <TextField
        name='term-room'
        label={copy.room}
        value={f.room}
        maxLength={30}
        error={problems.field('room')}
        onChange={set('room')}
      />
      <PickerField
        name='term-start'
        mode='date'
        label={kind === 'class' ? copy.startDate : copy.lectureDate}
        value={f.startDate}
        error={problems.field('startDate')}
        onChange={set('startDate')}
      />
      {kind === 'class' && (
        <PickerField
          name='term-end'
          mode='date'
          label={copy.endDate}
          value={f.endDate}
          start={f.startDate || undefined}
          error={problems.field('endDate')}
          onChange={set('endDate')}
        />
      )}
      {kind === 'class' && (
        <View>
          <Text className='cl-sub'>{copy.weekdaysLabel}</Text>
          <View className='cl-chips' data-testid='weekdays'>
            {copy.weekdayNames.map((name, i) => (
              <Button
                key={name}
                type={weekdays.includes(i + 1) ? 'primary' : 'default'}
                onClick={() => setWeekdays(w => toggle(w, i + 1))}
              >
                {name}
              </Button>
            ))}
          </View>
        </View>
      )}
      <View className='form-field__pair'>
        <PickerField
          name='term-start-time'
          mode='time'
          label={copy.startTime}
          placeholder={copy.defaultTime(defaults.start)}
          value={f.startTime}
          error={problems.field('startTime')}
          onChange={set('startTime')}
        />
        <PickerField
          name='term-end-time'
          mode='time'
          label={copy.endTime}
          placeholder={copy.defaultTime(defaults.end)}
          value={f.endTime}
          error={problems.field('endTime')}
          onChange={set('endTime')}
        />
      </View>
      <TextField
        name='term-capacity'
        label={copy.capacity}
        type='number'
        value={f.capacity}
        maxLength={3}
        error={problems.field('capacity')}
        onChange={set('capacity')}
      />
      {kind === 'class' && (
        <View>
          <Text className='cl-sub'>{copy.gradesLabel}</Text>
          <View className='cl-chips' data-testid='grades'>
            {gradeNames.map(g => (
              <Button
                key={g}
                type={grades.includes(g) ? 'primary' : 'default'}
                onClick={() => setGrades(list => toggle(list, g))}
              >
                {g}
              </Button>
            ))}
          </View>
        </View>
      )}
      <PickerField
        name='term-opens'
        mode='date'
        label={copy.enrolOpens}
        placeholder={copy.enrolOpensDefault}
        value={f.opens}
        error={problems.field('enrolOpensAt')}
        onChange={set('opens', 'enrolOpensAt')}
      />
      <PickerField
        name='term-closes'
        mode='date'
        label={copy.enrolCloses}
        placeholder={copy.enrolClosesDefault}
        value={f.closes}
        error={problems.field('enrolClosesAt')}
        onChange={set('closes', 'enrolClosesAt')}
      />
      {kind === 'class' && (
        <View>
          <PickerField
            name='term-holiday'
            mode='date'
            label={copy.holidays}
            placeholder={copy.addHoliday}
            value=''
            start={f.startDate || undefined}
            end={f.endDate || undefined}
            error={problems.field('holidays')}
            onChange={d => setHolidays(list => (list.includes(d) ? list : [...list, d]))}
          />
          <View className='cl-chips' data-testid='holidays'>
            {holidays.map(d => (
              <Button
                key={d}
                aria-label={copy.removeHoliday(d)}
                onClick={() => setHolidays(list => list.filter(x => x !== d))}
              >{`${d} ✕`}</Button>
            ))}
          </View>
        </View>
      )}
      {kind === 'class' && (
        <TextField
          name='term-drop-in'
          label={copy.dropInSeats}
          type='number'
          value={f.dropIn}
          maxLength={2}
          error={problems.field('dropInSeats')}
          onChange={set('dropIn', 'dropInSeats')}
        />
      )}
      {kind === 'class' && (
        <TextField
          name='term-min-tutors'
          label={copy.minTutors}
          type='number'
          value={f.minTutors}
          maxLength={2}
          error={problems.field('minTutors')}
          onChange={set('minTutors')}
        />
      )}
      <SubmitButton busy={busy !== null} disabledReason={why} problem={problems.form} onClick={() => void submit()}>
        {copy.createTerm}
      </SubmitButton>
    </View>
  )
}

const termLabels = {
  title: copy.termTitle,
  room: copy.room,
  startDate: copy.startDate,
  endDate: copy.endDate,
  weekdays: copy.weekdaysLabel,
  startTime: copy.startTime,
  endTime: copy.endTime,
  capacity: copy.capacity,
  grades: copy.gradesLabel,
  enrolOpensAt: copy.enrolOpens,
  enrolClosesAt: copy.enrolCloses,
  holidays: copy.holidays,
  minTutors: copy.minTutors,
  dropInSeats: copy.dropInSeats
}

/** A term's coming sessions: cancel one (holiday, families told) or open its attendance sheet. */
export function TermSessions({ termId }: { termId: string }) {
  const sessions = usePagedQuery(classes.termSessions, { termId })
  return (
    <View>
      <Text className='section-title'>{copy.sessionsTitle}</Text>
      {sessions.items.length === 0 && !sessions.loading && (
        <View className='card'>
          <Text className='text-soft'>{copy.emptyList}</Text>
        </View>
      )}
      {sessions.items.map(s => (
        <SessionRow key={s.sessionId} s={s} onChange={sessions.reload} />
      ))}
      {sessions.hasMore && (
        <Button block disabled={sessions.loading} onClick={sessions.more}>
          {copy.more}
        </Button>
      )}
    </View>
  )
}

function SessionRow({ s, onChange }: { s: SessionView; onChange: () => void }) {
  const { busy, run } = useAction(classes.cancelSession)
  const [reason, setReason] = useState('')
  const [sheet, setSheet] = useState<string[] | null>(null)
  const [picking, setPicking] = useState(false)
  const problems = useFormProblems(cancelLabels)
  const cancel = async (): Promise<void> => {
    problems.clear()
    const res = await run({ sessionId: s.sessionId, reason: reason.trim() }, { onError: problems.show })
    if (!res.ok) return
    void Taro.showToast({ title: copy.sessionCancelled(res.data.notified), icon: 'none', duration: 3000 })
    onChange()
  }
  const openSheet = async (): Promise<void> => {
    // A read: no requestId, and a refusal is shown in the sheet's place.
    const res = await callAction(classes.attendanceSheet, { sessionId: s.sessionId })
    setSheet(
      res.ok
        ? res.data.children.map(
            c =>
              `${c.name} · ${c.status ? copy.marked[c.status] : '—'}${c.pickup ? ` · ${copy.pickedUp(c.pickup.name, c.pickup.relation, shanghaiHHmm(Date.parse(c.pickup.at)))}` : ''}`
          )
        : [res.error.message]
    )
  }
  return (
    <View className='card' data-testid='term-session'>
      <Text className='cl-name'>
        {shanghaiDate(s.date)} {shanghaiHHmm(Date.parse(s.startsAt))}–{shanghaiHHmm(Date.parse(s.endsAt))}
      </Text>
      <Text className='cl-line'>
        {s.room} · {copy.tutorsOf(s.tutors, s.minTutors)}
      </Text>
      {s.status === 'cancelled' ? (
        <Text className='cl-status cl-status--absent'>{copy.cancelledLabel}</Text>
      ) : (
        <View>
          <TextField
            name={`cancel-reason-${s.sessionId}`}
            label={copy.cancelReasonLabel}
            placeholder={copy.cancelReason}
            value={reason}
            maxLength={60}
            error={problems.field('reason')}
            onChange={v => {
              setReason(v)
              problems.clear('reason')
            }}
          />
          <SubmitButton
            type='default'
            busy={busy !== null}
            disabledReason={reason.trim() === '' ? copy.needCancelReason : null}
            problem={problems.form}
            onClick={() => void cancel()}
          >
            {copy.cancelSession}
          </SubmitButton>
          {picking ? (
            <TutorPicker sessionId={s.sessionId} onAssigned={onChange} />
          ) : (
            <Button
              className='cl-gap'
              block
              type={s.tutors < s.minTutors ? 'primary' : 'default'}
              onClick={() => setPicking(true)}
            >
              {copy.assignTutor}
            </Button>
          )}
        </View>
      )}
      <Button className='cl-gap' block onClick={() => void openSheet()}>
        {copy.sheet}
      </Button>
      {sheet?.map(line => (
        <Text key={line} className='cl-line cl-listrow'>
          {line}
        </Text>
      ))}
    </View>
  )
}

const cancelLabels = { reason: copy.cancelReasonLabel }

/** 安排辅导老师: the community's tutors, one tap puts one on the session (they are told). */
function TutorPicker({ sessionId, onAssigned }: { sessionId: string; onAssigned: () => void }) {
  const pool = usePagedQuery(classes.tutorPool, {})
  const { busy, run, refused } = useAction(classes.assignTutor)
  const assign = async (t: { userId: string; name: string }): Promise<void> => {
    const res = await run({ sessionId, userId: t.userId }, { key: `${sessionId}:${t.userId}` })
    if (!res.ok) return
    void Taro.showToast({ title: copy.tutorAssigned(t.name), icon: 'none', duration: 3000 })
    onAssigned()
  }
  return (
    <View data-testid='tutor-picker'>
      <Text className='cl-sub'>{copy.pickTutor}</Text>
      {!pool.loading && pool.items.length === 0 && (
        <Text className='text-soft'>{pool.error?.message ?? copy.noTutors}</Text>
      )}
      {/* One refusal at a time, above the row of names it is about. */}
      <FormProblem problem={pool.items.map(t => refused(`${sessionId}:${t.userId}`)).find(Boolean)} />
      <View className='cl-chips'>
        {pool.items.map(t => (
          <Button key={t.userId} disabled={busy !== null} onClick={() => void assign(t)}>
            {t.name}
          </Button>
        ))}
      </View>
      {pool.hasMore && (
        <Button block disabled={pool.loading} onClick={pool.more}>
          {copy.more}
        </Button>
      )}
    </View>
  )
}
