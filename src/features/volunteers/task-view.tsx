import { useEffect, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useAction, useQuery } from '@/api'
import { useSubscribeGrants } from '@/api/subscribe'
import type { ReplyOf } from '@/core/shared/contract'
import type { WireError } from '@/core/shared/wire'
import { volunteersContract as volunteers } from '@/core/volunteers/volunteers.contract'
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
const toast = (title: string): void => {
  void Taro.showToast({ title, icon: 'none', duration: 3000 })
}

type TaskView = ReplyOf<typeof volunteers.task>
type RosterLine = ReplyOf<typeof volunteers.roster>['rows'][number]

/**
 * One activity: claim a role; withdraw or find a substitute; check in and out by the code. Organisers see the code and
 * the roster.
 */
export function TaskDetailView({ id }: { id: string }) {
  const task = useQuery(volunteers.task, { taskId: id })
  if (!task.data) {
    return (
      <PageShell className='volunteers'>
        <View className='card'>
          <Text className='status-line'>{task.error ? task.error.message : copy.loading}</Text>
        </View>
      </PageShell>
    )
  }
  const t = task.data
  return (
    <PageShell className='volunteers'>
      <View className='card'>
        <Text className='vol-title'>{t.title}</Text>
        <Text className='vol-line'>
          {shanghaiDateTime(t.startAt)} – {shanghaiDateTime(t.endAt).slice(-5)}
        </Text>
        {t.community && (
          <Text className='vol-line vol-ok' data-testid='task-community'>
            {copy.shiftPlace(t.community)}
          </Text>
        )}
        <Text className='vol-line'>{t.place}</Text>
        {t.detail && <Text className='status-line'>{t.detail}</Text>}
        {t.team && (
          <Text className='status-line'>
            {t.team}
            {t.recurring ? ` · ${copy.recurring}` : ''}
          </Text>
        )}
      </View>
      {t.status === 'cancelled' ? (
        <View className='card' data-testid='task-cancelled'>
          <Text className='vol-title'>{copy.cancelledTitle}</Text>
          {t.cancelReason && <Text className='status-line'>{t.cancelReason}</Text>}
        </View>
      ) : (
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

function Roles({ task, reload }: { task: TaskView; reload: () => void }) {
  // One intent per role: a tap again after no answer is the same claim (useAction keeps its
  // requestId), so the server answers it with the first one's result rather than TASK_FULL or
  // ALREADY_CLAIMED; the refusal is shown beside the role tapped.
  const claiming = useAction(volunteers.claim)
  // Claiming is when a volunteer wants the confirmation and the day-before reminder.
  const askForGrants = useSubscribeGrants(['booking', 'reminder', 'status'])
  const claim = async (roleKey: string): Promise<void> => {
    await askForGrants()
    const res = await claiming.run({ taskId: task.id, roleKey }, { key: roleKey })
    if (res.ok) toast(copy.claimed)
    reload()
  }
  return (
    <>
      {task.roles.map(r => (
        <View key={r.key} className='card' data-testid='role'>
          <Text className='vol-title'>{r.name}</Text>
          <Text className='status-line'>
            {copy.slotsLeft(r.left, r.slots)}
            {r.skills.length > 0 ? ` · ${copy.needSkills(r.skills)}` : ''}
          </Text>
          <SubmitButton
            busy={claiming.busy !== null}
            disabledReason={r.left === 0 ? copy.full : null}
            problem={claiming.refused(r.key)}
            onClick={() => void claim(r.key)}
          >
            {copy.claim(r.name)}
          </SubmitButton>
        </View>
      ))}
    </>
  )
}

function MyShift({ task, reload }: { task: TaskView; reload: () => void }) {
  const [code, setCode] = useState('')
  const withdrawing = useAction(volunteers.withdraw)
  const seeking = useAction(volunteers.seekSubstitute)
  const checkingIn = useAction(volunteers.checkIn)
  const checkingOut = useAction(volunteers.checkOut)
  const busy = [withdrawing, seeking, checkingIn, checkingOut].some(a => a.busy !== null)
  // A wrong or stale code (CODE_INVALID) is about the code field; other refusals sit by the buttons.
  const problems = useFormProblems(codeLabels, codeRefusals)
  // Withdrawing or seeking a substitute is refused beside those buttons, not by the code.
  const [shiftRefused, setShiftRefused] = useState<string | null>(null)
  const refuseShift = (e: WireError): void => setShiftRefused(e.message)
  /** One press of this shift's buttons: the last refusal goes, a success is said and the page reloads. */
  const act = async <R,>(
    press: (onError: (e: WireError) => void) => Promise<{ ok: true; data: R } | { ok: false }>,
    done: (data: R) => string,
    onError: (e: WireError) => void = problems.show
  ): Promise<void> => {
    problems.clear()
    setShiftRefused(null)
    const res = await press(onError)
    if (!res.ok) return
    toast(done(res.data))
    setCode('')
    reload()
  }
  const checkIn = (): void => {
    void act(
      onError => checkingIn.run({ taskId: task.id, code: code.trim() }, { onError }),
      () => copy.checkedIn
    )
  }
  const checkOut = (): void => {
    void act(
      onError => checkingOut.run({ taskId: task.id, code: code.trim() }, { onError }),
      d => copy.checkedOut(d.hours)
    )
  }
  const typed = (v: string): void => {
    setCode(v)
    problems.clear('code')
  }
  const scan = async (): Promise<void> => {
    try {
      const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
      typed(res.result)
    } catch {
      /* cancelled: the typed code stays */
    }
  }
  // The camera may fill in the whole QR text (up to 200 characters); a person types the 6 digits.
  const codeField = (
    <TextField
      name='checkin-code'
      label={copy.codeLabel}
      placeholder={copy.codePlaceholder}
      value={code}
      maxLength={200}
      counter={false}
      error={problems.field('code')}
      onChange={typed}
    />
  )
  const needCode = code.trim().length < 6 ? copy.needCode : null
  const role = task.roles.find(r => r.key === task.mine?.roleKey)
  const attendance = task.mine!.attendance
  const withdraw = async (): Promise<void> => {
    const late = Date.parse(task.startAt) - Date.now() < task.withdrawCutoffHours * 3_600_000
    if (
      !(await confirm({
        title: copy.withdrawAsk(task.title),
        content: copy.withdrawAskDetail(late, task.withdrawCutoffHours)
      }))
    )
      return
    await act(
      onError => withdrawing.run({ taskId: task.id }, { onError }),
      () => copy.withdrawn,
      refuseShift
    )
  }
  const seek = async (): Promise<void> => {
    if (!(await confirm({ title: copy.seekAsk, content: copy.seekAskDetail }))) return
    await act(
      onError => seeking.run({ taskId: task.id }, { onError }),
      d => copy.askedSubstitute(d.asked),
      refuseShift
    )
  }
  // Once checked in, the shift is being done: no withdraw, no substitute; only checking out is left.
  if (attendance) {
    return (
      <View className='card' data-testid='my-shift'>
        <Text className='vol-title' data-testid='my-attendance'>
          {copy.myDay[attendance]}：{role?.name}
        </Text>
        <Text className='status-line'>{copy.myDayHint}</Text>
        {attendance === 'checked_in' && (
          <View data-testid='check'>
            <Text className='status-line'>{copy.myDayCheckOutHint}</Text>
            {process.env.TARO_ENV !== 'h5' && (
              <Button className='vol-gap' block onClick={() => void scan()}>
                {copy.scan}
              </Button>
            )}
            {codeField}
            <SubmitButton busy={busy} disabledReason={needCode} problem={problems.form} onClick={checkOut}>
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
        <Text className='vol-title'>
          {copy.claimStatus[task.mine!.status]}：{role?.name}
        </Text>
        <Text className='status-line'>{copy.withdrawLate(task.withdrawCutoffHours)}</Text>
        <FormProblem problem={shiftRefused} />
        <Button className='vol-gap' block disabled={busy} onClick={() => void withdraw()}>
          {copy.withdraw}
        </Button>
        {task.mine!.status === 'claimed' && task.team && (
          <Button className='vol-gap' block disabled={busy} onClick={() => void seek()}>
            {copy.seekSubstitute}
          </Button>
        )}
      </View>
      <View className='card' data-testid='check'>
        <Text className='vol-title'>{copy.checkTitle}</Text>
        <Text className='status-line'>{copy.checkHint}</Text>
        {process.env.TARO_ENV !== 'h5' && (
          <Button className='vol-gap' block onClick={() => void scan()}>
            {copy.scan}
          </Button>
        )}
        {codeField}
        <SubmitButton busy={busy} disabledReason={needCode} problem={problems.form} onClick={checkIn}>
          {copy.checkIn}
        </SubmitButton>
        <Button className='vol-gap' size='large' block disabled={busy || needCode !== null} onClick={checkOut}>
          {copy.checkOut}
        </Button>
      </View>
    </>
  )
}

function SubstituteOffers({ task, reload }: { task: TaskView; reload: () => void }) {
  const offers = useQuery(volunteers.substituteOffers, { taskId: task.id })
  // One intent per offer: a tap again after no answer is the same takeover (the first call's
  // answer, or its half-done takeover finished), never a second one (useAction keeps its requestId).
  const taking = useAction(volunteers.takeOver)
  // Shown even when the offer is gone after the reload (someone else took it).
  const [refused, setRefused] = useState<string | null>(null)
  const take = async (volunteerId: string): Promise<void> => {
    setRefused(null)
    const res = await taking.run(
      { taskId: task.id, volunteerId },
      { key: volunteerId, onError: e => setRefused(e.message) }
    )
    if (res.ok) toast(copy.tookOver)
    offers.reload()
    reload()
  }
  if (!offers.data || offers.data.length === 0) return <FormProblem problem={refused} />
  return (
    <View className='card'>
      <FormProblem problem={refused} />
      {offers.data.map(o => (
        <Button
          key={o.volunteerId}
          className='vol-gap'
          type='primary'
          size='large'
          block
          onClick={() => void take(o.volunteerId)}
        >
          {copy.takeOver}（{task.roles.find(r => r.key === o.roleKey)?.name ?? o.roleKey}）
        </Button>
      ))}
    </View>
  )
}

/** The organiser's screen: the rotating code (refreshed before it changes) and the roster to verify. */
function Organiser({ task }: { task: TaskView }) {
  const code = useQuery(volunteers.checkinCode, { taskId: task.id })
  const roster = useQuery(volunteers.roster, { taskId: task.id })
  useEffect(() => {
    const tick = setInterval(() => {
      code.reload()
      roster.reload()
    }, 10_000)
    return () => clearInterval(tick)
  }, [code.reload, roster.reload])
  return (
    <>
      <Text className='section-title'>{copy.organiserTitle}</Text>
      <View className='card' data-testid='checkin-code'>
        <Text className='vol-title'>{copy.codeTitle}</Text>
        <Text className='status-line'>{copy.codeHint}</Text>
        {code.data && <QrImage text={code.data.qrText} />}
        <Text className='vol-code vol-gap' data-testid='code-digits'>
          {code.data?.code ?? '······'}
        </Text>
      </View>
      <Text className='section-title'>{copy.rosterTitle}</Text>
      {roster.data && roster.data.rows.length === 0 && (
        <View className='card'>
          <Text className='text-soft'>{copy.noRoster}</Text>
        </View>
      )}
      {roster.data?.rows.map(r => (
        <RosterRow key={r.volunteerId} taskId={task.id} row={r} reload={roster.reload} />
      ))}
    </>
  )
}

function RosterRow({ taskId, row, reload }: { taskId: string; row: RosterLine; reload: () => void }) {
  const checking = useAction(volunteers.organiserCheck)
  const marking = useAction(volunteers.markNoShow)
  const verifying = useAction(volunteers.verify)
  const busy = [checking, marking, verifying].some(a => a.busy !== null)
  // The organiser may correct the minutes (a forgotten check-out) before verifying.
  const [minutes, setMinutes] = useState(String(row.minutes))
  const problems = useFormProblems(verifyLabels)
  const who = { taskId, volunteerId: row.volunteerId }
  const act = async (press: Promise<{ ok: boolean }>, done: string): Promise<void> => {
    const res = await press
    if (res.ok) toast(done)
    reload()
  }
  const onError = problems.show
  const check = (kind: 'in' | 'out', done: string): void => {
    problems.clear()
    void act(checking.run({ ...who, kind }, { onError }), done)
  }
  const noShow = (): void => {
    problems.clear()
    void act(marking.run(who, { onError }), copy.attendance.none)
  }
  const verify = (approve: boolean): void => {
    problems.clear()
    const input = approve
      ? { ...who, approve, minutes: Math.max(0, Math.floor(Number(minutes) || 0)) }
      : { ...who, approve }
    void act(verifying.run(input, { onError }), approve ? copy.verified : copy.attendance.rejected)
  }
  return (
    <View className='card' data-testid='roster-row'>
      <Text className='vol-title'>{row.name}</Text>
      <Text className='status-line'>
        {row.phoneMasked ?? ''} · {copy.attendance[row.attendance ?? 'none']}
        {row.attendance && row.attendance !== 'checked_in' ? ` · ${copy.minutes(row.minutes, row.hours)}` : ''}
      </Text>
      <FormProblem problem={problems.form} />
      {row.attendance === null && (
        <View className='vol-actions vol-gap'>
          <Button disabled={busy} onClick={() => check('in', copy.checkedIn)}>
            {copy.checkInFor}
          </Button>
          <Button disabled={busy} onClick={noShow}>
            {copy.noShow}
          </Button>
        </View>
      )}
      {row.attendance === 'checked_in' && (
        <Button className='vol-gap' block disabled={busy} onClick={() => check('out', copy.checkOutFor)}>
          {copy.checkOutFor}
        </Button>
      )}
      {row.attendance === 'checked_out' && (
        <TextField
          name='verify-minutes'
          type='number'
          label={copy.minutesLabel}
          value={minutes}
          maxLength={4}
          error={problems.field('minutes')}
          onChange={v => {
            setMinutes(v)
            problems.clear('minutes')
          }}
        />
      )}
      {row.attendance === 'checked_out' && (
        <View className='vol-actions vol-gap'>
          <Button type='primary' disabled={busy} onClick={() => verify(true)}>
            {copy.verify}
          </Button>
          <Button disabled={busy} onClick={() => verify(false)}>
            {copy.reject}
          </Button>
        </View>
      )}
    </View>
  )
}

/** The organiser calls the activity off with a reason; every volunteer who claimed it is told at once. */
function CancelTask({ task, reload }: { task: TaskView; reload: () => void }) {
  const [reason, setReason] = useState('')
  // Confirmed again after no answer, the same reason is the same request (useAction keeps its requestId).
  const cancelling = useAction(volunteers.cancelTask)
  const problems = useFormProblems(cancelLabels)
  const cancel = async (): Promise<void> => {
    if (!(await confirm({ title: copy.cancelTaskAsk(task.title), content: copy.cancelTaskAskDetail(reason.trim()) })))
      return
    problems.clear()
    const res = await cancelling.run({ taskId: task.id, reason: reason.trim() }, { onError: problems.show })
    if (!res.ok) return
    toast(copy.taskCancelled(res.data.notified))
    reload()
  }
  return (
    <View className='card' data-testid='cancel-task'>
      <Text className='vol-title'>{copy.cancelTitle}</Text>
      <Text className='status-line'>{copy.cancelHint}</Text>
      <TextField
        name='cancel-reason'
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
        busy={cancelling.busy !== null}
        disabledReason={reason.trim() === '' ? copy.needCancelReason : null}
        problem={problems.form}
        onClick={() => void cancel()}
      >
        {copy.cancelTask}
      </SubmitButton>
    </View>
  )
}

const codeLabels = { code: copy.codeLabel }
const codeRefusals = { CODE_INVALID: 'code' }
const verifyLabels = { minutes: copy.minutesLabel }
const cancelLabels = { reason: copy.cancelReasonLabel }
