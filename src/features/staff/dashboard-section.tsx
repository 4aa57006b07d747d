import { Text, View } from '@tarojs/components'
import type { DashboardSectionView } from '@/core/staff/staff.views'
import { staffCopy } from './copy'
import { Bars } from './staff-ui'

/** A dashboard's figures: each a big number with its words; 暂无数据 where there is nothing to take it from. */
export function Figures({ metrics }: { metrics: DashboardSectionView['metrics'] }) {
  return (
    <View className='staff-metrics'>
      {metrics.map(m => (
        <View key={m.label} className='staff-metric'>
          <Text className='staff-metric__value'>
            {m.value === null ? staffCopy.unavailable : `${m.value}${m.unit}`}
          </Text>
          <Text className='staff-metric__label'>{m.label}</Text>
        </View>
      ))}
    </View>
  )
}

/** One section of a dashboard (a community's, or the street's totals): its figures and bars, or 暂无数据. */
export function DashboardSection({ s }: { s: DashboardSectionView }) {
  return (
    <View className='card'>
      <Text className='staff-row__title'>{s.title}</Text>
      {!s.available ? (
        <Text className='text-soft'>{staffCopy.unavailable}</Text>
      ) : (
        <>
          <Figures metrics={s.metrics} />
          {s.bars.length > 0 && <Bars title={s.barsTitle} bars={s.bars} />}
        </>
      )}
    </View>
  )
}
