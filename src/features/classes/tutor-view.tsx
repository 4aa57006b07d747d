import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useAction, usePagedQuery, useQuery } from '@/api'
import { classesContract as classes } from '@/core/classes/classes.contract'
import type { RosterChild, SessionSheet, SessionView } from '@/core/classes/classes.views'
import { PageShell } from '@/components/theme/page-shell'
import { shanghaiDate, shanghaiHHmm } from '@/components/format/time'
import Button from '@/components/ui/button'
import { FormProblem, SubmitButton, TextField } from '@/components/form/form-field'
import { useFormProblems } from '@/components/form/use-form-problems.hook'
import { classesCopy as copy } from './copy'
import './classes.css'

/** 今天的课 for a tutor: take attendance, hand children over by pickup code; sign up for coming sessions. */
export function TutorView() {
  const today = useQuery(classes.todaySessions, {})
  const upcoming = usePagedQuery(classes.upcomingSessions, {})
  const { busy, run, refused } = useAction(classes.signUpTutor)

  const signUp = async (s: SessionView): Promise<void> => {
    const res = await run({ sessionId: s.sessionId }, { key: s.sessionId })
    if (res.ok) {
      upcoming.reload()
      today.reload()
    }
  }

  return (
    <PageShell className='classes'>
      {today.error && (
        <View className='card'>
          <Text className='status-line'>{today.error.message}</Text>
          <Button block onClick={today.reload}>
            {copy.retry}
          </Button>
        </View>
      )}
      {!today.data && !today.error && <Text className='status-line'>{copy.loading}</Text>}
      {today.data && <Text className='cl-title'>{copy.todayTitle(shanghaiDate(today.data.date))}</Text>}
      {today.data?.sessions.length === 0 && (
        <View className='card'>
          <Text className='text-soft'>{copy.noSessionToday}</Text>
        </View>
      )}
      {today.data?.sessions.map(sheet => (
        <Sheet key={sheet.session.sessionId} sheet={sheet} onChange={today.reload} />
      ))}

      <Text className='section-title'>{copy.upcomingTitle}</Text>
      {upcoming.items.map(s => (
        <View key={s.sessionId} className='card' data-testid='upcoming-session'>
          <Text className='cl-name'>
            {shanghaiDate(s.date)} · {s.title}
          </Text>
          <Text className='cl-line'>
            {shanghaiHHmm(Date.parse(s.startsAt))}–{shanghaiHHmm(Date.parse(s.endsAt))} · {s.room} ·{' '}
            {copy.tutorsOf(s.tutors, s.minTutors)}
          </Text>
          <FormProblem problem={refused(s.sessionId)} />
          {s.iAmTutor ? (
            <Text className='cl-status cl-status--enrolled'>{copy.signedUp}</Text>
          ) : (
            <Button type='primary' block disabled={busy !== null} onClick={() => void signUp(s)}>
              {copy.signUp}
            </Button>
          )}
        </View>
      ))}
      {upcoming.hasMore && (
        <Button block disabled={upcoming.loading} onClick={upcoming.more}>
          {copy.more}
        </Button>
      )}
    </PageShell>
  )
}

function Sheet({ sheet, onChange }: { sheet: SessionSheet; onChange: () => void }) {
  const s = sheet.session
  return (
    <View className='card' data-testid='today-session'>
      <Text className='cl-name'>
        {s.title} · {s.room}
      </Text>
      <Text className='cl-line'>
        {shanghaiHHmm(Date.parse(s.startsAt))}–{shanghaiHHmm(Date.parse(s.endsAt))}
      </Text>
      {sheet.children.map(c => (
        <ChildRow key={c.childId} sessionId={s.sessionId} child={c} onChange={onChange} />
      ))}
    </View>
  )
}

function ChildRow({ sessionId, child, onChange }: { sessionId: string; child: RosterChild; onChange: () => void }) {
  const marking = useAction(classes.markAttendance)
  const handing = useAction(classes.handOver)
  const busy = marking.busy ?? handing.busy
  const [code, setCode] = useState('')
  // A code not on the child's list (PICKUP_REFUSED) is said at the code, where the tutor looks.
  const problems = useFormProblems(pickupLabels, pickupRefusals)

  const mark = async (status: 'present' | 'late' | 'absent'): Promise<void> => {
    const res = await marking.run({ sessionId, childId: child.childId, status }, { key: child.childId })
    if (res.ok) onChange()
  }
  const handOver = async (): Promise<void> => {
    problems.clear()
    const res = await handing.run({ sessionId, childId: child.childId, code: code.trim() }, { onError: problems.show })
    if (!res.ok) return
    setCode('')
    void Taro.showToast({ title: `${res.data.name}（${res.data.relation}）`, icon: 'none', duration: 3000 })
    onChange()
  }
  const here = child.status === 'present' || child.status === 'late'

  return (
    <View className='cl-child' data-testid='roster-child'>
      <Text className='cl-name'>
        {child.name} <Text className='cl-line'>{child.grade}</Text>
      </Text>
      {child.allergies !== '' && <Text className='cl-warn'>{copy.allergies(child.allergies)}</Text>}
      {child.reportedByGuardian && <Text className='cl-line'>{copy.reportedAbsent}</Text>}
      {child.status && <Text className={`cl-status cl-status--${child.status}`}>{copy.marked[child.status]}</Text>}
      {child.pickup === null && <FormProblem problem={marking.refused(child.childId)} />}
      {child.pickup === null && (
        <View className='cl-buttons'>
          <Button
            size='large'
            type={child.status === 'present' ? 'primary' : 'default'}
            disabled={busy !== null}
            onClick={() => void mark('present')}
          >
            {copy.present}
          </Button>
          <Button
            size='large'
            type={child.status === 'late' ? 'primary' : 'default'}
            disabled={busy !== null}
            onClick={() => void mark('late')}
          >
            {copy.late}
          </Button>
          <Button
            size='large'
            type={child.status === 'absent' ? 'primary' : 'default'}
            disabled={busy !== null}
            onClick={() => void mark('absent')}
          >
            {copy.absent}
          </Button>
        </View>
      )}
      {child.pickup && (
        <Text className='cl-done'>
          {copy.pickedUp(child.pickup.name, child.pickup.relation, shanghaiHHmm(Date.parse(child.pickup.at)))}
        </Text>
      )}
      {here && child.pickup === null && (
        <View>
          <Text className='cl-line'>
            {copy.mayCollect(child.pickupAdults.map(a => `${a.name}（${a.relation}）`).join('、'))}
          </Text>
          <TextField
            name={`pickup-code-${child.childId}`}
            type='number'
            label={copy.pickupCodeLabel}
            placeholder={copy.codePlaceholder}
            value={code}
            maxLength={6}
            error={problems.field('code')}
            onChange={v => {
              setCode(v)
              problems.clear('code')
            }}
          />
          <SubmitButton
            busy={busy !== null}
            disabledReason={code.trim().length === 6 ? null : copy.needPickupCode}
            problem={problems.form}
            onClick={() => void handOver()}
          >
            {copy.handOver}
          </SubmitButton>
        </View>
      )}
    </View>
  )
}

const pickupLabels = { code: copy.pickupCodeLabel }
const pickupRefusals = { PICKUP_REFUSED: 'code' }
