import { useEffect, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import * as z from 'zod'
import { callFunction, newRequestId } from '@/api'
import { useCloudQuery } from '@/api/use-cloud-query.hook'
import { useSubscribeGrants } from '@/api/subscribe'
import { codeView, rosterView, taskView, type RosterView, type TaskView } from '@/core/volunteers/volunteers.views'
import { PageShell } from '@/components/theme/page-shell'
import { shanghaiDateTime } from '@/components/format/time'
import Button from '@/components/ui/button'
import { confirm } from '@/components/ui/confirm'
import { FormProblem, SubmitButton, TextField } from '@/components/form/form-field'
import { useFormProblems } from '@/components/form/use-form-problems.hook'
import { QrImage } from './qr-image'
import { volunteersCopy as copy } from './copy'
import './volunteers.css'

/** Only for what went right: a refusal is shown beside the button tapped or at its field (components/form). */
const toast = (title: string): void => { void Taro.showToast({ title, icon: 'none', duration: 3000 }) }

/** One activity: claim a role; withdraw or find a substitute; check in and out by the code. Organisers see the code and the roster. */
export function TaskDetailView ({ id }: { id: string }) {
  const task = useCloudQuery({ fn: 'volunteers', action: 'task', payload: { taskId: id }, schema: taskView, badResponse: copy.badResponse })
  if (!task.data) {
    return (
      <PageShell className='volunteers'>
        <View className='card'><Text className='status-line'>{task.error ? task.error.message : copy.loading}</Text></View>
      </PageShell>
    )
  }
  const t = task.data
  return (
    <PageShell className='volunteers'>
      <View className='card'>
        <Text className='vol-title'>{t.title}</Text>
        <Text className='vol-line'>{shanghaiDateTime(t.startAt)} – {shanghaiDateTime(t.endAt).slice(-5)}</Text>
        <Text className='vol-line'>{t.place}</Text>
        {t.detail && <Text className='status-line'>{t.detail}</Text>}
        {t.team && <Text className='status-line'>{t.team}{t.recurring ? ` · ${copy.recurring}` : ''}</Text>}
      </View>
      {t.status === 'cancelled'
        ? (
          <View className='card' data-testid='task-cancelled'>
            <Text className='vol-title'>{copy.cancelledTitle}</Text>
            {t.cancelReason && <Text className='status-line'>{t.cancelReason}</Text>}
          </View>
          )
        : (
          <>
            {t.mine ? <MyShift task={t} reload={task.reload} /> : <Roles task={t} reload={task.reload} />}
            {!t.mine && <SubstituteOffers task={t} reload={task.reload} />}
            {t.organiser && <Organiser task={t} />}
            {t.organiser && Date.parse(t.endAt) > Date.now() && <CancelTask task={t} reload={task.reload} />}
          </>
          )}
    </PageShell>
  )
}

function Roles ({ task, reload }: { task: TaskView, reload: () => void }) {
  const [busy, setBusy] = useState(false)
  const [refused, setRefused] = useState<{ roleKey: string, message: string } | null>(null)
  const [requestId] = useState(newRequestId)
  // Claiming is when a volunteer wants the confirmation and the day-before reminder.
  const askForGrants = useSubscribeGrants(['booking', 'reminder', 'status'])
  const claim = async (roleKey: string): Promise<void> => {
    await askForGrants()
    setRefused(null)
    setBusy(true)
    const res = await callFunction('volunteers', 'claim', { taskId: task.id, roleKey }, { requestId: `${requestId}-${roleKey}`.slice(0, 64) })
    setBusy(false)
    if (res.ok) toast(copy.claimed)
    else setRefused({ roleKey, message: res.error.message })
    reload()
  }
  return (
    <>
      {task.roles.map(r => (
        <View key={r.key} className='card' data-testid='role'>
          <Text className='vol-title'>{r.name}</Text>
          <Text className='status-line'>{copy.slotsLeft(r.left, r.slots)}{r.skills.length > 0 ? ` · ${copy.needSkills(r.skills)}` : ''}</Text>
          <SubmitButton busy={busy} disabledReason={r.left === 0 ? copy.full : null} problem={refused?.roleKey === r.key ? refused.message : null} onClick={() => void claim(r.key)}>
            {copy.claim(r.name)}
          </SubmitButton>
        </View>
      ))}
    </>
  )
}

function MyShift ({ task, reload }: { task: TaskView, reload: () => void }) {
  const [code, setCode] = useState('')
  const [busy, setBusy] = useState(false)
  // A wrong or stale code (CODE_INVALID) is about the code field; other refusals sit by the buttons.
  const problems = useFormProblems(codeLabels, codeRefusals)
  // Withdrawing or seeking a substitute is refused beside those buttons, not by the code.
  const [shiftRefused, setShiftRefused] = useState<string | null>(null)
  const act = async (action: string, payload: Record<string, unknown>, done: (data: any) => string, refused = problems.show): Promise<void> => {
    problems.clear()
    setShiftRefused(null)
    setBusy(true)
    const res = await callFunction<any>('volunteers', action, { taskId: task.id, ...payload })
    setBusy(false)
    if (!res.ok) return refused(res.error)
    toast(done(res.data))
    setCode('')
    reload()
  }
  const typed = (v: string): void => { setCode(v); problems.clear('code') }
  const scan = async (): Promise<void> => {
    try {
      const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
      typed(res.result)
    } catch { /* cancelled: the typed code stays */ }
  }
  // The camera may fill in the whole QR text (up to 200 characters); a person types the 6 digits.
  const codeField = (
    <TextField
      name='checkin-code' label={copy.codeLabel} placeholder={copy.codePlaceholder} value={code} maxLength={200} counter={false}
      error={problems.field('code')} onChange={typed}
    />
  )
  const needCode = code.trim().length < 6 ? copy.needCode : null
  const role = task.roles.find(r => r.key === task.mine?.roleKey)
  const attendance = task.mine!.attendance
  const withdraw = async (): Promise<void> => {
    const late = Date.parse(task.startAt) - Date.now() < task.withdrawCutoffHours * 3_600_000
    if (!(await confirm({ title: copy.withdrawAsk(task.title), content: copy.withdrawAskDetail(late, task.withdrawCutoffHours) }))) return
    await act('withdraw', {}, () => copy.withdrawn, e => setShiftRefused(e.message))
  }
  const seek = async (): Promise<void> => {
    if (!(await confirm({ title: copy.seekAsk, content: copy.seekAskDetail }))) return
    await act('seekSubstitute', {}, d => copy.askedSubstitute(d.asked), e => setShiftRefused(e.message))
  }
  // Once checked in, the shift is being done: no withdraw, no substitute; only checking out is left.
  if (attendance) {
    return (
      <View className='card' data-testid='my-shift'>
        <Text className='vol-title' data-testid='my-attendance'>{copy.myDay[attendance]}：{role?.name}</Text>
        <Text className='status-line'>{copy.myDayHint}</Text>
        {attendance === 'checked_in' && (
          <View data-testid='check'>
            <Text className='status-line'>{copy.myDayCheckOutHint}</Text>
            {process.env.TARO_ENV !== 'h5' && <Button className='vol-gap' block onClick={() => void scan()}>{copy.scan}</Button>}
            {codeField}
            <SubmitButton busy={busy} disabledReason={needCode} problem={problems.form} onClick={() => void act('checkOut', { code: code.trim() }, d => copy.checkedOut(d.hours))}>
              {copy.checkOut}
            </SubmitButton>
          </View>
        )}
      </View>
    )
  }
  return (
    <>
      <View className='card' data-testid='my-shift'>
        <Text className='vol-title'>{copy.claimStatus[task.mine!.status]}：{role?.name}</Text>
        <Text className='status-line'>{copy.withdrawLate(task.withdrawCutoffHours)}</Text>
        <FormProblem problem={shiftRefused} />
        <Button className='vol-gap' block disabled={busy} onClick={() => void withdraw()}>{copy.withdraw}</Button>
        {task.mine!.status === 'claimed' && task.team && (
          <Button className='vol-gap' block disabled={busy} onClick={() => void seek()}>{copy.seekSubstitute}</Button>
        )}
      </View>
      <View className='card' data-testid='check'>
        <Text className='vol-title'>{copy.checkTitle}</Text>
        <Text className='status-line'>{copy.checkHint}</Text>
        {process.env.TARO_ENV !== 'h5' && <Button className='vol-gap' block onClick={() => void scan()}>{copy.scan}</Button>}
        {codeField}
        <SubmitButton busy={busy} disabledReason={needCode} problem={problems.form} onClick={() => void act('checkIn', { code: code.trim() }, () => copy.checkedIn)}>
          {copy.checkIn}
        </SubmitButton>
        <Button className='vol-gap' size='large' block disabled={busy || needCode !== null} onClick={() => void act('checkOut', { code: code.trim() }, d => copy.checkedOut(d.hours))}>
          {copy.checkOut}
        </Button>
      </View>
    </>
  )
}

function SubstituteOffers ({ task, reload }: { task: TaskView, reload: () => void }) {
  const offers = useCloudQuery({ fn: 'volunteers', action: 'substituteOffers', payload: { taskId: task.id }, schema: z.array(z.object({ volunteerId: z.string(), roleKey: z.string() })), badResponse: copy.badResponse })
  // One id per offer on this page: a tap again after no answer is the same takeover (the first
  // call's answer, or its half-done takeover finished), never a second one.
  const [requestId] = useState(newRequestId)
  const [refused, setRefused] = useState<string | null>(null)
  const take = async (volunteerId: string): Promise<void> => {
    setRefused(null)
    const res = await callFunction('volunteers', 'takeOver', { taskId: task.id, volunteerId }, { requestId: `${requestId}-${volunteerId}`.slice(0, 64) })
    if (res.ok) toast(copy.tookOver)
    else setRefused(res.error.message)
    offers.reload()
    reload()
  }
  if (!offers.data || offers.data.length === 0) return <FormProblem problem={refused} />
  return (
    <View className='card'>
      <FormProblem problem={refused} />
      {offers.data.map(o => (
        <Button key={o.volunteerId} className='vol-gap' type='primary' size='large' block onClick={() => void take(o.volunteerId)}>
          {copy.takeOver}（{task.roles.find(r => r.key === o.roleKey)?.name ?? o.roleKey}）
        </Button>
      ))}
    </View>
  )
}

/** The organiser's screen: the rotating code (refreshed before it changes) and the roster to verify. */
function Organiser ({ task }: { task: TaskView }) {
  const code = useCloudQuery({ fn: 'volunteers', action: 'checkinCode', payload: { taskId: task.id }, schema: codeView, badResponse: copy.badResponse })
  const roster = useCloudQuery({ fn: 'volunteers', action: 'roster', payload: { taskId: task.id }, schema: rosterView, badResponse: copy.badResponse })
  useEffect(() => {
    const tick = setInterval(() => { code.reload(); roster.reload() }, 10_000)
    return () => clearInterval(tick)
  }, [code.reload, roster.reload])
  return (
    <>
      <Text className='section-title'>{copy.organiserTitle}</Text>
      <View className='card' data-testid='checkin-code'>
        <Text className='vol-title'>{copy.codeTitle}</Text>
        <Text className='status-line'>{copy.codeHint}</Text>
        {code.data && <QrImage text={code.data.qrText} />}
        <Text className='vol-code vol-gap' data-testid='code-digits'>{code.data?.code ?? '······'}</Text>
      </View>
      <Text className='section-title'>{copy.rosterTitle}</Text>
      {roster.data && roster.data.rows.length === 0 && <View className='card'><Text className='text-soft'>{copy.noRoster}</Text></View>}
      {roster.data?.rows.map(r => <RosterRow key={r.volunteerId} taskId={task.id} row={r} reload={roster.reload} />)}
    </>
  )
}

function RosterRow ({ taskId, row, reload }: { taskId: string, row: RosterView['rows'][number], reload: () => void }) {
  const [busy, setBusy] = useState(false)
  // The organiser may correct the minutes (a forgotten check-out) before verifying.
  const [minutes, setMinutes] = useState(String(row.minutes))
  const problems = useFormProblems(verifyLabels)
  const act = async (action: string, payload: Record<string, unknown>, done: string): Promise<void> => {
    problems.clear()
    setBusy(true)
    const res = await callFunction('volunteers', action, { taskId, volunteerId: row.volunteerId, ...payload })
    setBusy(false)
    if (res.ok) toast(done)
    else problems.show(res.error)
    reload()
  }
  return (
    <View className='card' data-testid='roster-row'>
      <Text className='vol-title'>{row.name}</Text>
      <Text className='status-line'>{row.phoneMasked ?? ''} · {copy.attendance[row.attendance ?? 'none']}{row.attendance && row.attendance !== 'checked_in' ? ` · ${copy.minutes(row.minutes, row.hours)}` : ''}</Text>
      <FormProblem problem={problems.form} />
      {row.attendance === null && (
        <View className='vol-actions vol-gap'>
          <Button disabled={busy} onClick={() => void act('organiserCheck', { kind: 'in' }, copy.checkedIn)}>{copy.checkInFor}</Button>
          <Button disabled={busy} onClick={() => void act('markNoShow', {}, copy.attendance.none)}>{copy.noShow}</Button>
        </View>
      )}
      {row.attendance === 'checked_in' && <Button className='vol-gap' block disabled={busy} onClick={() => void act('organiserCheck', { kind: 'out' }, copy.checkOutFor)}>{copy.checkOutFor}</Button>}
      {row.attendance === 'checked_out' && (
        <TextField
          name='verify-minutes' type='number' label={copy.minutesLabel} value={minutes} maxLength={4}
          error={problems.field('minutes')} onChange={v => { setMinutes(v); problems.clear('minutes') }}
        />
      )}
      {row.attendance === 'checked_out' && (
        <View className='vol-actions vol-gap'>
          <Button type='primary' disabled={busy} onClick={() => void act('verify', { approve: true, minutes: Math.max(0, Math.floor(Number(minutes) || 0)) }, copy.verified)}>{copy.verify}</Button>
          <Button disabled={busy} onClick={() => void act('verify', { approve: false }, copy.attendance.rejected)}>{copy.reject}</Button>
        </View>
      )}
    </View>
  )
}

/** The organiser calls the activity off with a reason; every volunteer who claimed it is told at once. */
function CancelTask ({ task, reload }: { task: TaskView, reload: () => void }) {
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const problems = useFormProblems(cancelLabels)
  const cancel = async (): Promise<void> => {
    if (!(await confirm({ title: copy.cancelTaskAsk(task.title), content: copy.cancelTaskAskDetail(reason.trim()) }))) return
    problems.clear()
    setBusy(true)
    const res = await callFunction<{ notified: number }>('volunteers', 'cancelTask', { taskId: task.id, reason: reason.trim() }, { requestId: newRequestId() })
    setBusy(false)
    if (!res.ok) return problems.show(res.error)
    toast(copy.taskCancelled(res.data.notified))
    reload()
  }
  return (
    <View className='card' data-testid='cancel-task'>
      <Text className='vol-title'>{copy.cancelTitle}</Text>
      <Text className='status-line'>{copy.cancelHint}</Text>
      <TextField
        name='cancel-reason' label={copy.cancelReasonLabel} placeholder={copy.cancelReason} value={reason} maxLength={60}
        error={problems.field('reason')} onChange={v => { setReason(v); problems.clear('reason') }}
      />
      <SubmitButton type='default' busy={busy} disabledReason={reason.trim() === '' ? copy.needCancelReason : null} problem={problems.form} onClick={() => void cancel()}>
        {copy.cancelTask}
      </SubmitButton>
    </View>
  )
}

const codeLabels = { code: copy.codeLabel }
const codeRefusals = { CODE_INVALID: 'code' }
const verifyLabels = { minutes: copy.minutesLabel }
const cancelLabels = { reason: copy.cancelReasonLabel }
