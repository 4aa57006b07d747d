import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useAction, usePagedQuery, useQuery } from '@/api'
import { isoWeekday, shanghaiDate, shanghaiHHmm } from '@/core/shared/shanghai-time'
import { volunteersContract as volunteers } from '@/core/volunteers/volunteers.contract'
import { PageShell } from '@/components/theme/page-shell'
import { shanghaiDateTime } from '@/components/format/time'
import Button from '@/components/ui/button'
import { DateTimeField, FormProblem, pickedInstant, SubmitButton, TextField } from '@/components/form/form-field'
import { useFormProblems } from '@/components/form/use-form-problems.hook'
import { saveText } from '@/components/files/save-file'
import { volunteersCopy as copy } from './copy'
import { PostForm, TeamForm } from './setup-forms'
import { Tasks } from './volunteers-view'
import './volunteers.css'

/** Only for what went right: a refusal is shown beside the button tapped (useRefusal). */
const toast = (title: string): void => {
  void Taro.showToast({ title, icon: 'none', duration: 3000 })
}

/**
 * Staff: approve registrations, publish activities, set up teams and 双报到 posts, see the quarterly check, the marks, and
 * export.
 */
export function VolunteersStaffView() {
  // A new team must show in the publish form's team list: remount it.
  const [teamsVersion, setTeamsVersion] = useState(0)
  // A newly published activity shows in the list below at once: remount it.
  const [tasksVersion, setTasksVersion] = useState(0)
  return (
    <PageShell className='volunteers'>
      <Applications />
      <PublishForm key={teamsVersion} onDone={() => setTasksVersion(v => v + 1)} />
      <Tasks key={`tasks-${tasksVersion}`} title={copy.staffTasksTitle} />
      <TeamForm onDone={() => setTeamsVersion(v => v + 1)} />
      <PostForm />
      <QuarterCheck />
      <EmployerExport />
      <Marks />
    </PageShell>
  )
}

function Applications() {
  const list = usePagedQuery(volunteers.applications, {})
  const reviewing = useAction(volunteers.review)
  const busy = reviewing.busy !== null
  const review = async (volunteerId: string, decision: 'approve' | 'reject'): Promise<void> => {
    const res = await reviewing.run({ volunteerId, decision }, { key: volunteerId })
    if (res.ok) toast(copy.reviewed)
    list.reload()
  }
  return (
    <>
      <Text className='section-title'>{copy.applicationsTitle}</Text>
      {!list.loading && list.items.length === 0 && (
        <View className='card'>
          <Text className='text-soft'>{list.error?.message ?? copy.noApplications}</Text>
        </View>
      )}
      {list.items.map(a => (
        <View key={a.id} className='card' data-testid='application'>
          <Text className='vol-title'>{a.name}</Text>
          <Text className='vol-line'>{a.phone}</Text>
          <Text className='status-line'>
            {[...a.teams.map(t => t.name), ...a.skills].join('、')}
            {a.party ? ` · 党员（${a.party.type}）${a.party.employerOrg ?? ''}` : ''}
          </Text>
          <FormProblem problem={reviewing.refused(a.id)} />
          <View className='vol-actions vol-gap'>
            <Button type='primary' disabled={busy} onClick={() => void review(a.id, 'approve')}>
              {copy.approve}
            </Button>
            <Button disabled={busy} onClick={() => void review(a.id, 'reject')}>
              {copy.rejectApp}
            </Button>
          </View>
        </View>
      ))}
      {list.hasMore && (
        <Button block disabled={list.loading} onClick={list.more}>
          {copy.more}
        </Button>
      )}
    </>
  )
}

function QuarterCheck() {
  const check = useQuery(volunteers.quarterCheck, {})
  const exporting = useAction(volunteers.exportMember)
  /** One party member's service record (党员服务档案) for their employer's party organisation. */
  const exportMember = async (volunteerId: string): Promise<void> => {
    const res = await exporting.run({ volunteerId }, { key: volunteerId })
    if (!res.ok) return
    if ((await saveText(res.data.fileName, res.data.csv, 'text/csv;charset=utf-8')) === 'not-copied') return
    toast(copy.exported(res.data.rows))
  }
  return (
    <>
      <Text className='section-title'>{copy.quarterCheckTitle}</Text>
      {check.data && (
        <Text className='status-line'>
          {copy.quarterSummary(check.data.quarter, check.data.below, check.data.members)}
        </Text>
      )}
      {check.data?.items.map(r => (
        <View key={r.volunteerId} className='card' data-testid='below-quota'>
          <Text className='vol-title'>{r.name}</Text>
          <Text className='status-line'>
            {r.partyType}
            {r.employerOrg ? ` · ${r.employerOrg}` : ''} · {copy.shortLine(r.posts, r.activities)}
          </Text>
          <FormProblem problem={exporting.refused(r.volunteerId)} />
          <Button className='vol-gap' block onClick={() => void exportMember(r.volunteerId)}>
            {copy.exportMember}
          </Button>
        </View>
      ))}
    </>
  )
}

function EmployerExport() {
  const [org, setOrg] = useState('')
  const exporting = useAction(volunteers.exportEmployer)
  const problems = useFormProblems(employerLabels)
  const run = async (): Promise<void> => {
    problems.clear()
    const res = await exporting.run({ employerOrg: org.trim() }, { onError: problems.show })
    if (!res.ok) return
    if ((await saveText(res.data.fileName, res.data.csv, 'text/csv;charset=utf-8')) === 'not-copied') return
    toast(copy.exported(res.data.rows))
  }
  return (
    <>
      <Text className='section-title'>{copy.exportTitle}</Text>
      <View className='card'>
        <TextField
          name='employer-org'
          label={copy.employerLabel}
          value={org}
          maxLength={60}
          error={problems.field('employerOrg')}
          onChange={v => {
            setOrg(v)
            problems.clear('employerOrg')
          }}
        />
        <SubmitButton
          type='default'
          busy={exporting.busy !== null}
          disabledReason={org.trim() === '' ? copy.needEmployer : null}
          problem={problems.form}
          onClick={() => void run()}
        >
          {copy.exportEmployer}
        </SubmitButton>
      </View>
    </>
  )
}

function Marks() {
  const list = usePagedQuery(volunteers.marks, {})
  return (
    <>
      <Text className='section-title'>{copy.marksTitle}</Text>
      {!list.loading && list.items.length === 0 && (
        <View className='card'>
          <Text className='text-soft'>{copy.noMarks}</Text>
        </View>
      )}
      {list.items.map((m, i) => (
        <View key={i} className='card'>
          <Text className='vol-line'>
            {m.name} · {copy.markKind[m.kind]}
          </Text>
          <Text className='status-line'>
            {m.title} · {shanghaiDateTime(m.at)}
          </Text>
        </View>
      ))}
      {list.hasMore && (
        <Button block disabled={list.loading} onClick={list.more}>
          {copy.more}
        </Button>
      )}
    </>
  )
}

const publishLabels = {
  title: copy.taskName,
  place: copy.taskPlace,
  startAt: copy.taskStart,
  endAt: copy.taskHours,
  startTime: copy.taskStart,
  endTime: copy.taskHours,
  weekday: copy.taskStart,
  roles: copy.roleName,
  teamId: copy.team
}

function PublishForm({ onDone }: { onDone: () => void }) {
  const teams = useQuery(volunteers.teams, {})
  // Publishing again after no answer is the same request: one activity, not two (useAction).
  const publishing = useAction(volunteers.publishTask)
  const creatingSeries = useAction(volunteers.createSeries)
  const [title, setTitle] = useState('')
  const [place, setPlace] = useState('')
  const [start, setStart] = useState('')
  const [hours, setHours] = useState('2')
  const [role, setRole] = useState('志愿者')
  const [slots, setSlots] = useState('5')
  const [teamId, setTeamId] = useState<string | null>(null)
  const [weeklyOn, setWeekly] = useState(false)
  const busy = publishing.busy !== null || creatingSeries.busy !== null
  const [done, setDone] = useState(false)
  const problems = useFormProblems(publishLabels)
  const startAt = pickedInstant(start)
  const why = !title.trim()
    ? copy.needTaskName
    : !place.trim()
      ? copy.needTaskPlace
      : !startAt
        ? copy.needTaskStart
        : null
  const publish = async (): Promise<void> => {
    if (!startAt) return
    setDone(false)
    problems.clear()
    const roles = [{ key: 'r1', name: role, slots: Number(slots), skills: [] }]
    const endAt = new Date(startAt.getTime() + Number(hours) * 3_600_000)
    const onError = problems.show
    // A weekly roster repeats the same Shanghai weekday and times (每周固定排班).
    const res = weeklyOn
      ? await creatingSeries.run(
          {
            title,
            teamId,
            place,
            detail: '',
            weekday: isoWeekday(shanghaiDate(startAt)),
            startTime: shanghaiHHmm(startAt),
            endTime: shanghaiHHmm(endAt),
            roles,
            weeksAhead: 4
          },
          { onError }
        )
      : await publishing.run(
          { title, teamId, place, detail: '', startAt: startAt.toISOString(), endAt: endAt.toISOString(), roles },
          { onError }
        )
    if (!res.ok) return
    setDone(true)
    setTitle('')
    setStart('')
    onDone()
  }
  const edit = (set: (v: string) => void, field: string) => (v: string) => {
    set(v)
    problems.clear(field)
  }
  return (
    <>
      <Text className='section-title'>{copy.publishTitle}</Text>
      <View className='card' data-testid='publish-form'>
        <TextField
          name='task-title'
          label={copy.taskName}
          value={title}
          maxLength={40}
          error={problems.field('title')}
          onChange={edit(setTitle, 'title')}
        />
        <TextField
          name='task-place'
          label={copy.taskPlace}
          value={place}
          maxLength={60}
          error={problems.field('place')}
          onChange={edit(setPlace, 'place')}
        />
        <DateTimeField
          name='task-start'
          label={copy.taskStart}
          value={start}
          error={problems.field('startAt') ?? problems.field('startTime')}
          onChange={edit(setStart, 'startAt')}
        />
        <TextField
          name='task-hours'
          label={copy.taskHours}
          type='digit'
          value={hours}
          maxLength={4}
          error={problems.field('endAt') ?? problems.field('endTime')}
          onChange={edit(setHours, 'endAt')}
        />
        <TextField
          name='task-role'
          label={copy.roleName}
          value={role}
          maxLength={20}
          error={problems.field('roles')}
          onChange={edit(setRole, 'roles')}
        />
        <TextField
          name='task-slots'
          label={copy.roleSlots}
          type='number'
          value={slots}
          maxLength={3}
          onChange={edit(setSlots, 'roles')}
        />
        <Text className='field-label'>{copy.team}</Text>
        <View>
          {(teams.data ?? []).map(t => (
            <Text
              key={t.id}
              className={`vol-chip${teamId === t.id ? ' vol-chip--on' : ''}`}
              onClick={() => setTeamId(id => (id === t.id ? null : t.id))}
            >
              {t.name}
            </Text>
          ))}
        </View>
        <View className='vol-check' onClick={() => setWeekly(w => !w)}>
          <Text className={`vol-chip${weeklyOn ? ' vol-chip--on' : ''}`}>{weeklyOn ? '✓' : '　'}</Text>
          <Text>{copy.weekly}</Text>
        </View>
        <SubmitButton busy={busy} disabledReason={why} problem={problems.form} onClick={() => void publish()}>
          {copy.publish}
        </SubmitButton>
        {done && (
          <View role='status'>
            <Text className='status-line'>{copy.published}</Text>
          </View>
        )}
      </View>
    </>
  )
}

const employerLabels = { employerOrg: copy.employerLabel }
