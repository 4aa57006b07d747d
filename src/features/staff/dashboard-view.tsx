import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { PageShell } from '@/components/theme/page-shell'
import { staffCopy } from './copy'
import { staffCall } from './staff-api'
import { Bars, Choice, LoadState } from './staff-ui'
import type { DashboardAnswer, GridOption } from './staff.types'
import { useStaffQuery } from './use-staff-query.hook'

/** 数据看板: this week or month, one grid or all; a context not running yet reads 暂无数据. */
export function DashboardView () {
  const [period, setPeriod] = useState<'week' | 'month'>('week')
  const [gridId, setGridId] = useState('')
  const grids = useStaffQuery<GridOption[]>('grids')
  const [data, setData] = useState<DashboardAnswer | null>(null)
  const [error, setError] = useState<{ code: string, message: string } | null>(null)
  const [loading, setLoading] = useState(true)
  const [tick, setTick] = useState(0)

  useEffect(() => {
    let alive = true
    setLoading(true)
    void staffCall<DashboardAnswer>('dashboard', { period, ...(gridId ? { gridId } : {}) }).then(res => {
      if (!alive) return
      setLoading(false)
      if (res.ok) { setData(res.data); setError(null) } else setError(res.error)
    })
    return () => { alive = false }
  }, [period, gridId, tick])

  // A grid worker's answer is always their own grid: no grid picker for them.
  const showGrids = grids.data && data && (data.gridId === null || gridId !== '')
  return (
    <PageShell className='staff'>
      <Choice label='统计周期' options={[{ value: 'week', label: staffCopy.week }, { value: 'month', label: staffCopy.month }]} value={period} onChange={setPeriod} />
      {showGrids && (
        <Choice label='网格' options={[{ value: '', label: staffCopy.allGrids }, ...grids.data!.map(g => ({ value: g.gridId, label: g.name }))]} value={gridId} onChange={setGridId} />
      )}
      {!data
        ? <LoadState error={error} loading={loading} reload={() => setTick(tick + 1)} />
        : (
          <>
            <Text className='status-line'>{data.period.label} · {data.gridName ?? staffCopy.allGrids}</Text>
            {data.sections.map(s => (
              <View key={s.key} className='card'>
                <Text className='staff-row__title'>{s.title}</Text>
                {!s.available
                  ? <Text className='text-soft'>{staffCopy.unavailable}</Text>
                  : (
                    <>
                      <View className='staff-metrics'>
                        {s.metrics.map(m => (
                          <View key={m.label} className='staff-metric'>
                            <Text className='staff-metric__value'>{m.value === null ? staffCopy.unavailable : `${m.value}${m.unit}`}</Text>
                            <Text className='staff-metric__label'>{m.label}</Text>
                          </View>
                        ))}
                      </View>
                      {s.bars.length > 0 && <Bars title={s.barsTitle} bars={s.bars} />}
                    </>
                    )}
              </View>
            ))}
          </>
          )}
    </PageShell>
  )
}
