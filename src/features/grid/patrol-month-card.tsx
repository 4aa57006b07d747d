import { Text, View } from '@tarojs/components'
import type { ReplyOf } from '@/core/shared/contract'
import { LinkRow } from '@/components/nav/link-row'
import type { gridContract } from '@/core/grid/grid.contract'
import { minutesLabel } from '@/core/grid/patrol-time.rule'
import { Bars } from '@/features/staff/staff-ui'
import { patrolCopy } from './patrol-copy'

/**
 * The month's patrol time per grid worker (每天巡查一小时), on the staff dashboard (issue 21): hours per grid against
 * the plan so far, and the way to the patrol board. Shown to those who read the whole community (staff, the street).
 */
export function PatrolMonthCard({ board: data }: { board: ReplyOf<typeof gridContract.patrolBoard> }) {
  const bars = data.items.map(i => ({
    label: i.workerName ? `${i.gridName} ${i.workerName}` : `${i.gridName}（${patrolCopy.noWorker}）`,
    value: Math.round(i.minutes / 6) / 10
  }))
  return (
    <>
      <View className='card'>
        <Text className='staff-row__title'>{patrolCopy.board(data.monthLabel)}</Text>
        <Text className='text-soft'>{patrolCopy.boardHint(minutesLabel(data.planMinutes))}</Text>
        {bars.length > 0 && <Bars title={patrolCopy.boardHours} bars={bars} unit='小时' />}
      </View>
      <LinkRow label={patrolCopy.boardMore} url='/pages/grid/patrol' />
    </>
  )
}
