import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { CallCommunity, usePagedQuery, useQuery } from '@/api'
import { volunteersContract as volunteers } from '@/core/volunteers/volunteers.contract'
import { PageShell } from '@/components/theme/page-shell'
import { shanghaiDateTime } from '@/components/format/time'
import Button from '@/components/ui/button'
import { RegisterForm } from './register-form'
import { volunteersCopy as copy } from './copy'
import './volunteers.css'

const go = (url: string): void => {
  void Taro.navigateTo({ url })
}

/** 志愿服务: register (or wait for approval), my totals and quarter, my activities, what to join. */
export function VolunteersView() {
  const me = useQuery(volunteers.me, {})
  const teams = useQuery(volunteers.teams, {})
  if (!me.data) {
    return (
      <PageShell className='volunteers'>
        <View className='card'>
          <Text className='status-line'>{me.error ? me.error.message : copy.loading}</Text>
          {me.error && (
            <Button block onClick={me.reload}>
              {copy.retry}
            </Button>
          )}
        </View>
      </PageShell>
    )
  }
  const { profile, totals, quarter, staff } = me.data
  const reload = (): void => {
    me.reload()
    teams.reload()
  }
  return (
    <PageShell className='volunteers'>
      {(!profile || profile.status === 'rejected') && (
        <>
          {profile?.status === 'rejected' && (
            <View className='card'>
              <Text className='vol-warn'>{copy.rejected}</Text>
            </View>
          )}
          <RegisterForm teams={(teams.data ?? []).map(t => ({ id: t.id, name: t.name }))} onDone={reload} />
        </>
      )}
      {profile?.status === 'pending' && (
        <View className='card' data-testid='pending'>
          <Text className='vol-line'>{copy.pending}</Text>
        </View>
      )}
      {profile?.status === 'approved' && (
        <>
          <View className='card vol-figures' data-testid='my-totals'>
            <View className='vol-figure'>
              <Text className='vol-figure__value'>{totals.hours}</Text>
              <Text className='vol-figure__label'>
                {copy.myHours}（{copy.hoursUnit}）
              </Text>
            </View>
            <View className='vol-figure'>
              <Text className='vol-figure__value'>{totals.activities}</Text>
              <Text className='vol-figure__label'>
                {copy.myActivities}（{copy.timesUnit}）
              </Text>
            </View>
          </View>
          {quarter && (
            <View className='card'>
              <Text className='vol-title'>{copy.quarterTitle(quarter.label)}</Text>
              <Text className={`vol-line ${quarter.met ? 'vol-ok' : 'vol-warn'}`}>
                {quarter.met ? copy.quarterMet : copy.quarterShort(quarter.short.posts, quarter.short.activities)}
              </Text>
            </View>
          )}
          <MyClaims />
          <Tasks />
          <OtherCommunities />
        </>
      )}
      <Text className='section-title'>{copy.teamsTitle}</Text>
      {(teams.data ?? []).map(t => (
        <View key={t.id} className='card' data-testid='team'>
          <Text className='vol-title'>{t.name}</Text>
          <Text className='status-line'>{copy.teamLine(t.hours, t.activities, t.people)}</Text>
        </View>
      ))}
      <View className='card'>
        {profile?.party && (
          <View className='link-row' onClick={() => go('/pages/volunteers/posts')}>
            <Text>{copy.links.posts}</Text>
            <Text>›</Text>
          </View>
        )}
        {profile?.status === 'approved' && (
          <View className='link-row' onClick={() => go('/pages/volunteers/certificate')}>
            <Text>{copy.links.certificate}</Text>
            <Text>›</Text>
          </View>
        )}
        <View className='link-row' onClick={() => go('/pages/volunteers/certificate?verify=1')}>
          <Text>{copy.links.verify}</Text>
          <Text>›</Text>
        </View>
        {staff && (
          <View className='link-row' onClick={() => go('/pages/volunteers/staff')}>
            <Text>{copy.links.staff}</Text>
            <Text>›</Text>
          </View>
        )}
      </View>
    </PageShell>
  )
}

function MyClaims() {
  const claims = useQuery(volunteers.myClaims, {})
  return (
    <>
      <Text className='section-title'>{copy.myClaimsTitle}</Text>
      {(claims.data ?? []).length === 0 && (
        <View className='card'>
          <Text className='text-soft'>{claims.error?.message ?? copy.noClaims}</Text>
        </View>
      )}
      {(claims.data ?? []).map(c => (
        <View
          key={`${c.communityId}:${c.taskId}`}
          className='card'
          data-testid='my-claim'
          onClick={() => go(taskPage(c.taskId, c.communityId))}
        >
          <Text className='vol-title'>{c.title}</Text>
          <Text className='vol-line'>{shanghaiDateTime(c.startAt)}</Text>
          {/* A volunteer serves anywhere in the street: each shift says where. */}
          <Text className='vol-line' data-testid='my-claim-community'>
            {copy.shiftPlace(c.community)}
          </Text>
          <Text className='status-line'>{copy.claimStatus[c.status]} ›</Text>
        </View>
      ))}
    </>
  )
}

/** A task's page; in another community than the app's choice, the page acts there (CallCommunity). */
const taskPage = (taskId: string, communityId?: string): string =>
  `/pages/volunteers/task?id=${encodeURIComponent(taskId)}` +
  (communityId ? `&community=${encodeURIComponent(communityId)}` : '')

/**
 * 其他社区的任务 (issue 20): a volunteer may serve in any community of the street. One tap on a community shows its
 * activities here, asked in that community; another tap goes back to the list. Nothing when the street has one.
 */
function OtherCommunities() {
  const list = useQuery(volunteers.streetCommunities, {})
  const [picked, setPicked] = useState<{ id: string; name: string } | null>(null)
  const others = (list.data ?? []).filter(c => !c.current)
  if (others.length === 0) return null
  if (picked) {
    return (
      <View data-testid='other-community'>
        <CallCommunity.Provider value={picked.id}>
          <Tasks title={copy.otherTasksTitle(picked.name)} community={picked.id} />
        </CallCommunity.Provider>
        <Button block onClick={() => setPicked(null)}>
          {copy.otherBack}
        </Button>
      </View>
    )
  }
  return (
    <>
      <Text className='section-title'>{copy.otherTitle}</Text>
      <View className='card'>
        <Text className='vol-line'>{copy.otherIntro}</Text>
        {others.map(c => (
          <Button key={c.id} block onClick={() => setPicked({ id: c.id, name: c.name })}>
            {copy.otherPick(c.name)}
          </Button>
        ))}
      </View>
    </>
  )
}

/** Upcoming activities, each opening its page; an organiser's own say so (the check-in code is there). */
export function Tasks({ title = copy.tasksTitle, community }: { title?: string; community?: string }) {
  const list = usePagedQuery(volunteers.tasks, {})
  return (
    <>
      <Text className='section-title'>{title}</Text>
      {list.error && (
        <View className='card'>
          <Text className='status-line'>{list.error.message}</Text>
          <Button block onClick={list.reload}>
            {copy.retry}
          </Button>
        </View>
      )}
      {!list.loading && !list.error && list.items.length === 0 && (
        <View className='card'>
          <Text className='text-soft'>{copy.noTasks}</Text>
        </View>
      )}
      {list.items.map(t => (
        <View key={t.id} className='card' data-testid='task' onClick={() => go(taskPage(t.id, community))}>
          <Text className='vol-title'>{t.title}</Text>
          <Text className='vol-line'>
            {shanghaiDateTime(t.startAt)} · {t.place}
          </Text>
          <Text className='status-line'>
            {t.team ? `${t.team} · ` : ''}
            {t.recurring ? `${copy.recurring} · ` : ''}
            {t.roles.map(r => `${r.name}${copy.slotsLeft(r.left, r.slots)}`).join('；')}
            {t.mine ? ` · ${copy.claimStatus[t.mine.status]}` : ''}
          </Text>
          {t.organiser && (
            <Text className='vol-line vol-ok' data-testid='organiser-entry'>
              {copy.organiserEntry}
            </Text>
          )}
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
