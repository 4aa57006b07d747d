import { useEffect, useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
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
import { QrImage } from './qr-image'
import { volunteersCopy as copy } from './copy'
import './volunteers.css'

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
  const [requestId] = useState(newRequestId)
  // Claiming is when a volunteer wants the confirmation and the day-before reminder.
  const askForGrants = useSubscribeGrants(['booking', 'reminder', 'status'])
  const claim = async (roleKey: string): Promise<void> => {
    await askForGrants()
    setBusy(true)
    const res = await callFunction('volunteers', 'claim', { taskId: task.id, roleKey }, { requestId: `${requestId}-${roleKey}`.slice(0, 64) })
    setBusy(false)
    toast(res.ok ? copy.claimed : res.error.message)
    reload()
  }
  return (
    <>
      {task.roles.map(r => (
        <View key={r.key} className='card' data-testid='role'>
          <Text className='vol-title'>{r.name}</Text>
          <Text className='status-line'>{copy.slotsLeft(r.left, r.slots)}{r.skills.length > 0 ? ` · ${copy.needSkills(r.skills)}` : ''}</Text>
          <Button className='vol-gap' type='primary' size='large' block disabled={busy || r.left === 0} onClick={() => void claim(r.key)}>
            {r.left === 0 ? copy.full : copy.claim(r.name)}
          </Button>
        </View>
      ))}
    </>
  )
}

function MyShift ({ task, reload }: { task: TaskView, reload: () => void }) {
  const [code, setCode] = useState('')
  const [busy, setBusy] = useState(false)
  const act = async (action: string, payload: Record<string, unknown>, done: (data: any) => string): Promise<void> => {
    setBusy(true)
    const res = await callFunction<any>('volunteers', action, { taskId: task.id, ...payload })
    setBusy(false)
    toast(res.ok ? done(res.data) : res.error.message)
    if (res.ok) { setCode(''); reload() }
  }
  const scan = async (): Promise<void> => {
    try {
      const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
      setCode(res.result)
    } catch { /* cancelled: the typed code stays */ }
  }
  const role = task.roles.find(r => r.key === task.mine?.roleKey)
  const attendance = task.mine!.attendance
  const withdraw = async (): Promise<void> => {
    const late = Date.parse(task.startAt) - Date.now() < task.withdrawCutoffHours * 3_600_000
    if (!(await confirm({ title: copy.withdrawAsk(task.title), content: copy.withdrawAskDetail(late, task.withdrawCutoffHours) }))) return
    await act('withdraw', {}, () => copy.withdrawn)
  }
  const seek = async (): Promise<void> => {
    if (!(await confirm({ title: copy.seekAsk, content: copy.seekAskDetail }))) return
    await act('seekSubstitute', {}, d => copy.askedSubstitute(d.asked))
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
            <Input className='field-input vol-gap' name='checkin-code' value={code} maxlength={200} placeholder={copy.codePlaceholder} onInput={e => setCode(e.detail.value)} />
            <Button className='vol-gap' type='primary' size='large' block disabled={busy || code.trim().length < 6} onClick={() => void act('checkOut', { code }, d => copy.checkedOut(d.hours))}>{copy.checkOut}</Button>
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
        <Button className='vol-gap' block disabled={busy} onClick={() => void withdraw()}>{copy.withdraw}</Button>
        {task.mine!.status === 'claimed' && task.team && (
          <Button className='vol-gap' block disabled={busy} onClick={() => void seek()}>{copy.seekSubstitute}</Button>
        )}
      </View>
      <View className='card' data-testid='check'>
        <Text className='vol-title'>{copy.checkTitle}</Text>
        <Text className='status-line'>{copy.checkHint}</Text>
        {process.env.TARO_ENV !== 'h5' && <Button className='vol-gap' block onClick={() => void scan()}>{copy.scan}</Button>}
        <Input className='field-input vol-gap' name='checkin-code' value={code} maxlength={200} placeholder={copy.codePlaceholder} onInput={e => setCode(e.detail.value)} />
        <Button className='vol-gap' type='primary' size='large' block disabled={busy || code.trim().length < 6} onClick={() => void act('checkIn', { code }, () => copy.checkedIn)}>{copy.checkIn}</Button>
        <Button className='vol-gap' size='large' block disabled={busy || code.trim().length < 6} onClick={() => void act('checkOut', { code }, d => copy.checkedOut(d.hours))}>{copy.checkOut}</Button>
      </View>
    </>
  )
}

function SubstituteOffers ({ task, reload }: { task: TaskView, reload: () => void }) {
  const offers = useCloudQuery({ fn: 'volunteers', action: 'substituteOffers', payload: { taskId: task.id }, schema: z.array(z.object({ volunteerId: z.string(), roleKey: z.string() })), badResponse: copy.badResponse })
  // One id per offer on this page: a tap again after no answer is the same takeover (the first
  // call's answer, or its half-done takeover finished), never a second one.
  const [requestId] = useState(newRequestId)
  const take = async (volunteerId: string): Promise<void> => {
    const res = await callFunction('volunteers', 'takeOver', { taskId: task.id, volunteerId }, { requestId: `${requestId}-${volunteerId}`.slice(0, 64) })
    toast(res.ok ? copy.tookOver : res.error.message)
    offers.reload()
    reload()
  }
  if (!offers.data || offers.data.length === 0) return null
  return (
    <View className='card'>
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
  const act = async (action: string, payload: Record<string, unknown>, done: string): Promise<void> => {
    setBusy(true)
    const res = await callFunction('volunteers', action, { taskId, volunteerId: row.volunteerId, ...payload })
    setBusy(false)
    toast(res.ok ? done : res.error.message)
    reload()
  }
  return (
    <View className='card' data-testid='roster-row'>
      <Text className='vol-title'>{row.name}</Text>
      <Text className='status-line'>{row.phoneMasked ?? ''} · {copy.attendance[row.attendance ?? 'none']}{row.attendance && row.attendance !== 'checked_in' ? ` · ${copy.minutes(row.minutes, row.hours)}` : ''}</Text>
      {row.attendance === null && (
        <View className='vol-actions vol-gap'>
          <Button disabled={busy} onClick={() => void act('organiserCheck', { kind: 'in' }, copy.checkedIn)}>{copy.checkInFor}</Button>
          <Button disabled={busy} onClick={() => void act('markNoShow', {}, copy.attendance.none)}>{copy.noShow}</Button>
        </View>
      )}
      {row.attendance === 'checked_in' && <Button className='vol-gap' block disabled={busy} onClick={() => void act('organiserCheck', { kind: 'out' }, copy.checkOutFor)}>{copy.checkOutFor}</Button>}
      {row.attendance === 'checked_out' && <Text className='field-label'>{copy.minutesLabel}</Text>}
      {row.attendance === 'checked_out' && <Input className='field-input' name='verify-minutes' type='number' value={minutes} maxlength={4} onInput={e => setMinutes(e.detail.value)} />}
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
  const cancel = async (): Promise<void> => {
    if (!(await confirm({ title: copy.cancelTaskAsk(task.title), content: copy.cancelTaskAskDetail(reason.trim()) }))) return
    setBusy(true)
    const res = await callFunction<{ notified: number }>('volunteers', 'cancelTask', { taskId: task.id, reason: reason.trim() }, { requestId: newRequestId() })
    setBusy(false)
    toast(res.ok ? copy.taskCancelled(res.data.notified) : res.error.message)
    if (res.ok) reload()
  }
  return (
    <View className='card' data-testid='cancel-task'>
      <Text className='vol-title'>{copy.cancelTitle}</Text>
      <Text className='status-line'>{copy.cancelHint}</Text>
      <Input className='field-input vol-gap' value={reason} maxlength={60} placeholder={copy.cancelReason} onInput={e => setReason(e.detail.value)} />
      <Button className='vol-gap' block disabled={busy || reason.trim() === ''} onClick={() => void cancel()}>{copy.cancelTask}</Button>
    </View>
  )
}
