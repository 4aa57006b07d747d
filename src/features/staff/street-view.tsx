import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { usePagedQuery, useQuery } from '@/api'
import { setCommunityChoice } from '@/api/community-choice'
import { shanghaiDateTime } from '@/components/format/time'
import { PageShell } from '@/components/theme/page-shell'
import Button from '@/components/ui/button'
import { elderCareContract } from '@/core/elder-care/elder-care.contract'
import type { StreetSosItem } from '@/core/elder-care/elder-care.views'
import { staffContract } from '@/core/staff/staff.contract'
import type { CommunityDashboardView } from '@/core/staff/staff.views'
import { staffCopy } from './copy'
import { DashboardSection, Figures } from './dashboard-section'
import { Choice, LoadState } from './staff-ui'
import { streetCopy as copy } from './street-copy'

/** Open calls must show up without a manual refresh; the street's list is a watch, not a desk (15 s). */
const SOS_REFRESH_MS = 15_000

/**
 * 街道工作台 (street roles, issue 20): the open SOS calls of every community first (refreshing), each community's card
 * (tap: that community's own dashboard, read-only), the street's ledgers, then the street's totals for the week or
 * month. Nothing here changes anything: the street reads; each community's staff act.
 */
export function StreetView() {
  const [period, setPeriod] = useState<'week' | 'month'>('week')
  const street = useQuery(staffContract.streetDashboard, { period })
  return (
    <PageShell className='staff'>
      <Text className='status-line'>{copy.intro}</Text>
      {/* What can't wait first: a call for help anywhere in the street. */}
      <OpenSos />
      {street.data && (
        <>
          <Text className='section-title'>
            {copy.communitiesTitle}（{copy.communityCount(street.data.communities.length)}）
          </Text>
          {street.data.communities.map(c => (
            <CommunityCard key={c.communityId} c={c} />
          ))}
        </>
      )}
      <Button
        size='large'
        block
        onClick={() => {
          void Taro.navigateTo({ url: '/pages/staff/street-exports' })
        }}
      >
        {copy.exportsLink}
      </Button>
      <Choice
        label={copy.periodLabel}
        options={[
          { value: 'week', label: staffCopy.week },
          { value: 'month', label: staffCopy.month }
        ]}
        value={period}
        onChange={setPeriod}
      />
      {!street.data ? (
        <LoadState error={street.error} loading={street.loading} reload={street.reload} />
      ) : (
        <>
          <Text className='section-title'>
            {copy.totalsTitle} · {street.data.period.label}
          </Text>
          {street.data.totals.map(s => (
            <DashboardSection key={s.key} s={s} />
          ))}
        </>
      )}
    </PageShell>
  )
}

/**
 * A community at a glance: each section's first figure (what is open or waiting now). The button opens that
 * community's own dashboard, read as its staff read it; the app acts in that community from then on.
 */
function CommunityCard({ c }: { c: CommunityDashboardView }) {
  const headline = c.sections
    .filter(s => s.available && s.metrics.length > 0)
    .map(s => ({ ...s.metrics[0], label: `${s.title} · ${s.metrics[0].label}` }))
  const open = (): void => {
    setCommunityChoice(c.communityId)
    void Taro.navigateTo({ url: `/pages/staff/dashboard?community=${encodeURIComponent(c.name)}` })
  }
  return (
    <View className='card' aria-label={c.name}>
      <Text className='staff-menu__label'>{c.name}</Text>
      <Figures metrics={headline} />
      <Button type='primary' size='large' block onClick={open}>
        {copy.openDashboard(c.name)}
      </Button>
    </View>
  )
}

/** The street's open SOS calls, newest first, refreshing by itself. */
function OpenSos() {
  const sos = usePagedQuery(elderCareContract.streetSos, {})
  useEffect(() => {
    const t = setInterval(sos.reload, SOS_REFRESH_MS)
    return () => clearInterval(t)
  }, [sos.reload])
  return (
    <View data-testid='street-sos'>
      <Text className='section-title'>{copy.sosTitle}</Text>
      <Text className='status-line'>
        {copy.sosRefreshing}。{copy.sosHint}
      </Text>
      {sos.error && <Text className='status-line'>{sos.error.message}</Text>}
      {!sos.loading && !sos.error && sos.items.length === 0 && (
        <View className='card'>
          <Text className='text-soft'>{copy.sosNone}</Text>
        </View>
      )}
      {sos.items.map(c => (
        <SosCard key={c.id} c={c} />
      ))}
      {sos.hasMore && (
        <Button size='large' block disabled={sos.loading} onClick={sos.more}>
          {staffCopy.more}
        </Button>
      )}
    </View>
  )
}

function SosCard({ c }: { c: StreetSosItem }) {
  return (
    <View className={`card${c.ackBy ? '' : ' staff-todo'}`} aria-label={`${c.communityName}紧急呼叫`}>
      <View className='staff-todo__head'>
        <Text className='staff-row__title'>{copy.sosWhere(c.communityName, c.gridName)}</Text>
        <Text className={c.ackBy ? 'staff-row__sub' : 'staff-todo__count'}>{c.stateLabel}</Text>
      </View>
      <Text className='staff-row__title'>
        {c.elderName}
        {c.proxy ? copy.sosProxy : ''}
      </Text>
      <Text className='staff-row__sub'>{copy.sosPressedAt(shanghaiDateTime(c.pressedAt))}</Text>
      {c.lastStep && <Text className='staff-row__sub'>{copy.sosLastStep(c.lastStep)}</Text>}
      <Text className='staff-row__sub'>
        {c.ackBy ? copy.sosAnsweredBy(c.ackBy.name, shanghaiDateTime(c.ackBy.at)) : copy.sosNobody}
      </Text>
    </View>
  )
}
