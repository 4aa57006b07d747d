import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useAction, usePagedQuery, useQuery } from '@/api'
import { useSubscribeGrants } from '@/api/subscribe'
import { hasAnyRole } from '@/core/community/caller'
import { policies } from '@/core/community/roles'
import { classesContract as classes } from '@/core/classes/classes.contract'
import type { ChildView, MyEnrolment, TermView } from '@/core/classes/classes.views'
import { useWhoami } from '@/features/me/use-whoami.hook'
import { PageShell } from '@/components/theme/page-shell'
import { shanghaiDate, shanghaiDateTime, shanghaiHHmm } from '@/components/format/time'
import { confirm } from '@/components/ui/confirm'
import Button from '@/components/ui/button'
import { FormProblem } from '@/components/form/form-field'
import { classesCopy as copy } from './copy'
import { AddAdultForm, DropInPicker, RegisterChildForm } from './child-forms'
import { CoGuardians, JoinFamilyForm } from './co-guardian-forms'
import './classes.css'

/** 四点半课堂 for a family: my children and their pickup codes, terms to enrol in, my enrolments and offers. */
export function GuardianView() {
  const me = useWhoami()
  const who = { roles: me.me?.roles ?? [] }
  const guardian = hasAnyRole(who, policies.guardians)
  // A resident may sign up for a parent-school lecture (policies.families); a child needs a guardian.
  const family = hasAnyRole(who, policies.families)
  return (
    <PageShell className='classes'>
      <Text className='cl-title'>{copy.navTitle}</Text>
      {who.roles.includes('tutor') && (
        <Button className='cl-gap' block onClick={() => void Taro.navigateTo({ url: '/pages/classes/tutor' })}>
          {copy.tutorLink}
        </Button>
      )}
      {hasAnyRole(who, policies.staff) && (
        <Button className='cl-gap' block onClick={() => void Taro.navigateTo({ url: '/pages/classes/staff' })}>
          {copy.staffLink}
        </Button>
      )}
      {me.me && family && <Family guardian={guardian} onJoined={me.reload} />}
      {me.me?.registered === true && !family && <JoinFamilyForm onJoined={me.reload} />}
    </PageShell>
  )
}

/** The enrol button's own key: a refusal to enrol is shown at it, not at the same child's enrolment card. */
const enrolKey = (t: TermView, child: ChildView | null): string => `enrol:${t.termId}:${child?.childId ?? 'me'}`

const enrolmentKey = (e: MyEnrolment): string => `${e.termId}:${e.childId ?? 'me'}`
const absenceKey = (e: MyEnrolment): string => `${e.nextSession?.sessionId ?? ''}:${e.childId ?? ''}`

function Family({ guardian, onJoined }: { guardian: boolean; onJoined: () => void }) {
  const children = useQuery(classes.myChildren, {})
  const terms = usePagedQuery(classes.listTerms, {})
  const mine = usePagedQuery(classes.myEnrolments, {})
  const enrolling = useAction(classes.enrol)
  const accepting = useAction(classes.acceptOffer)
  const cancelling = useAction(classes.cancelEnrolment)
  const absence = useAction(classes.reportAbsence)
  // One tap at a time on this page: every button waits while any of them runs.
  const busy = enrolling.busy ?? accepting.busy ?? cancelling.busy ?? absence.busy
  const kids = guardian ? (children.data?.items ?? []) : []

  const refresh = (): void => {
    terms.reload()
    mine.reload()
  }
  // Enrolling is when a family wants to hear back: the result or a waitlist offer, a cancelled
  // session, the day-before reminder.
  const askForGrants = useSubscribeGrants(['booking', 'status', 'reminder'])
  const enrol = async (t: TermView, child: ChildView | null): Promise<void> => {
    await askForGrants()
    const which = { termId: t.termId, ...(child ? { childId: child.childId } : {}) }
    const res = await enrolling.run(which, { key: enrolKey(t, child) })
    if (!res.ok) return
    void Taro.showToast({
      title: res.data.status === 'enrolled' ? copy.enrolledToast : copy.waitlistedToast(res.data.waitNumber),
      icon: 'none',
      duration: 3000
    })
    refresh()
  }
  const decide = async (e: MyEnrolment, action: 'acceptOffer' | 'cancelEnrolment'): Promise<void> => {
    // Giving up a seat can't be undone (it goes to the next family in line): asked first.
    if (
      action === 'cancelEnrolment' &&
      !(await confirm({ title: copy.cancelAsk(e.childName, e.termTitle), content: copy.cancelAskDetail(e.status) }))
    )
      return
    const which = { termId: e.termId, ...(e.childId ? { childId: e.childId } : {}) }
    const press = { key: enrolmentKey(e) }
    const res = action === 'acceptOffer' ? await accepting.run(which, press) : await cancelling.run(which, press)
    if (!res.ok) return
    void Taro.showToast({
      title: action === 'acceptOffer' ? copy.accepted : copy.cancelled,
      icon: 'none',
      duration: 3000
    })
    refresh()
  }

  const reportAbsence = async (e: MyEnrolment): Promise<void> => {
    if (!e.nextSession || !e.childId) return
    const res = await absence.run({ sessionId: e.nextSession.sessionId, childId: e.childId }, { key: absenceKey(e) })
    if (res.ok) mine.reload()
  }
  /** The refusal to show on an enrolment's card, whichever of its buttons was refused. */
  const refusedAt = (e: MyEnrolment): string | null =>
    accepting.refused(enrolmentKey(e)) ?? cancelling.refused(enrolmentKey(e)) ?? absence.refused(absenceKey(e))

  return (
    <View>
      {guardian && <Text className='section-title'>{copy.myChildren}</Text>}
      {guardian && children.error && (
        <View className='card'>
          <Text className='status-line'>{children.error.message}</Text>
          <Button block onClick={children.reload}>
            {copy.retry}
          </Button>
        </View>
      )}
      {guardian && children.data && kids.length === 0 && (
        <View className='card'>
          <Text className='text-soft'>{copy.noChildren}</Text>
        </View>
      )}
      {kids.map(c => (
        <View key={c.childId} className='card' data-testid='my-child'>
          <Text className='cl-name'>{c.name}</Text>
          <Text className='cl-line'>
            {c.school} · {c.grade}
          </Text>
          {c.allergies !== '' && <Text className='cl-warn'>{copy.allergies(c.allergies)}</Text>}
          <Text className='cl-sub'>{copy.pickupTitle}</Text>
          {c.pickupAdults.map(a => (
            <View key={a.adultId} className='cl-row'>
              <Text className='cl-line'>
                {a.name}（{a.relation}）
              </Text>
              {a.code && <Text className='cl-code'>{copy.codeOf(a.code)}</Text>}
            </View>
          ))}
          <AddAdultForm childId={c.childId} onDone={children.reload} />
          <CoGuardians
            child={c}
            onChange={() => {
              children.reload()
              mine.reload()
            }}
          />
        </View>
      ))}
      {guardian && <RegisterChildForm onDone={children.reload} />}
      <JoinFamilyForm
        onJoined={() => {
          onJoined()
          children.reload()
          mine.reload()
        }}
      />

      <Text className='section-title'>{copy.myEnrolments}</Text>
      {!mine.loading && mine.items.length === 0 && (
        <View className='card'>
          <Text className='text-soft'>{copy.noEnrolments}</Text>
        </View>
      )}
      {mine.items.map(e => (
        <View key={`${e.termId}:${e.childId ?? ''}`} className='card' data-testid='my-enrolment'>
          <Text className='cl-name'>
            {e.childName} · {e.termTitle}
          </Text>
          <Text className={`cl-status cl-status--${e.status}`}>{e.statusLabel}</Text>
          {e.status === 'waitlisted' && e.ahead !== null && (
            <Text className='cl-line'>
              {copy.waitNo(e.waitNumber)} · {copy.ahead(e.ahead)}
            </Text>
          )}
          {e.status === 'offered' && e.offerExpiresAt && (
            <Text className='cl-warn'>{copy.offer(shanghaiDateTime(e.offerExpiresAt))}</Text>
          )}
          <FormProblem problem={refusedAt(e)} />
          {e.status === 'offered' && (
            <Button
              type='primary'
              size='large'
              block
              disabled={busy !== null}
              onClick={() => void decide(e, 'acceptOffer')}
            >
              {copy.accept}
            </Button>
          )}
          {e.nextSession && (
            <Text className='cl-line'>
              {copy.nextSession(shanghaiDate(e.nextSession.date), shanghaiHHmm(Date.parse(e.nextSession.startsAt)))}
            </Text>
          )}
          {e.nextSession &&
            (e.nextSession.reportedAbsent ? (
              <Text className='cl-status cl-status--absent'>{copy.absenceReported}</Text>
            ) : (
              <Button className='cl-gap' block disabled={busy !== null} onClick={() => void reportAbsence(e)}>
                {copy.reportAbsence}
              </Button>
            ))}
          {['enrolled', 'waitlisted', 'offered'].includes(e.status) && (
            <Button className='cl-gap' block disabled={busy !== null} onClick={() => void decide(e, 'cancelEnrolment')}>
              {copy.cancel}
            </Button>
          )}
        </View>
      ))}
      {mine.hasMore && (
        <Button block disabled={mine.loading} onClick={mine.more}>
          {copy.more}
        </Button>
      )}

      <Text className='section-title'>{copy.termsTitle}</Text>
      {terms.error && (
        <View className='card'>
          <Text className='status-line'>{terms.error.message}</Text>
          <Button block onClick={terms.reload}>
            {copy.retry}
          </Button>
        </View>
      )}
      {!terms.loading && terms.items.filter(t => t.enrolOpen).length === 0 && (
        <View className='card'>
          <Text className='text-soft'>{copy.noTerms}</Text>
        </View>
      )}
      {terms.items
        .filter(t => t.enrolOpen)
        .map(t => (
          <View key={t.termId} className='card' data-testid='open-term'>
            <Text className='cl-name'>
              {t.kind === 'lecture' ? `${copy.lecture} · ` : ''}
              {t.title}
            </Text>
            <Text className='cl-line'>
              {copy.time(
                t.startTime,
                t.endTime,
                shanghaiDate(t.startDate),
                shanghaiDate(t.endDate),
                copy.meetsOn(t.weekdays)
              )}
            </Text>
            <Text className='cl-line'>{t.room}</Text>
            <Text className='status-line'>
              {t.seatsLeft > 0 && t.waiting === 0 ? copy.seats(t.seatsLeft, t.capacity) : copy.full(t.waiting)}
            </Text>
            {t.kind === 'lecture' ? (
              <>
                <FormProblem problem={enrolling.refused(enrolKey(t, null))} />
                <Button type='primary' size='large' block disabled={busy !== null} onClick={() => void enrol(t, null)}>
                  {copy.enrolSelf}
                </Button>
              </>
            ) : (
              kids.map(c => (
                <View key={c.childId} className='cl-gap'>
                  <FormProblem problem={enrolling.refused(enrolKey(t, c))} />
                  <Button type='primary' size='large' block disabled={busy !== null} onClick={() => void enrol(t, c)}>
                    {copy.enrolChild(c.name)}
                  </Button>
                </View>
              ))
            )}
            {t.kind === 'class' && t.dropInSeats > 0 && kids.length > 0 && (
              <DropInPicker termId={t.termId} kids={kids} />
            )}
          </View>
        ))}
      {terms.hasMore && (
        <Button block disabled={terms.loading} onClick={terms.more}>
          {copy.more}
        </Button>
      )}
    </View>
  )
}
