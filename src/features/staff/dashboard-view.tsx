import { useState } from 'react'
import { Text } from '@tarojs/components'
import { PageShell } from '@/components/theme/page-shell'
import { useQuery } from '@/api'
import { gridContract } from '@/core/grid/grid.contract'
import { staffContract } from '@/core/staff/staff.contract'
import { staffCopy } from './copy'
import { PatrolMonthCard } from '@/features/grid/patrol-month-card'
import { DashboardSection } from './dashboard-section'
import { Choice, LoadState } from './staff-ui'
import { streetCopy } from './street-copy'

/**
 * 数据看板: this week or month, one grid or all; a context not running yet reads 暂无数据. `communityName`: opened by
 * the street office for one of its communities, said at the top (it reads, it changes nothing).
 */
export function DashboardView({ communityName = null }: { communityName?: string | null } = {}) {
  const [period, setPeriod] = useState<'week' | 'month'>('week')
  const [gridId, setGridId] = useState('')
  const grids = useQuery(staffContract.grids, {})
  // Asked again whenever the period or the grid changes; the last figures stay until the new ones come.
  const { data, error, loading, reload } = useQuery(staffContract.dashboard, { period, ...(gridId ? { gridId } : {}) })
  // The whole community's view (staff, the street; a grid worker's is their grid): each worker's patrol time.
  const patrols = useQuery(gridContract.patrolBoard, { month: null }, { enabled: data?.gridId === null })

  // A grid worker's answer is always their own grid: no grid picker for them.
  const showGrids = grids.data && data && (data.gridId === null || gridId !== '')
  return (
    <PageShell className='staff'>
      {communityName && <Text className='section-title'>{streetCopy.readingCommunity(communityName)}</Text>}
      <Choice
        label='统计周期'
        options={[
          { value: 'week', label: staffCopy.week },
          { value: 'month', label: staffCopy.month }
        ]}
        value={period}
        onChange={setPeriod}
      />
      {showGrids && (
        <Choice
          label='网格'
          options={[
            { value: '', label: staffCopy.allGrids },
            ...grids.data!.map(g => ({ value: g.gridId, label: g.name }))
          ]}
          value={gridId}
          onChange={setGridId}
        />
      )}
      {!data ? (
        <LoadState error={error} loading={loading} reload={reload} />
      ) : (
        <>
          <Text className='status-line'>
            {data.period.label} · {data.gridName ?? staffCopy.allGrids}
          </Text>
          {data.sections.map(s => (
            <DashboardSection key={s.key} s={s} />
          ))}
          {data.gridId === null && patrols.data && <PatrolMonthCard board={patrols.data} />}
        </>
      )}
    </PageShell>
  )
}
