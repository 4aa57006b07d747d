/** What the report pages share: a report's row in a list, a paged list of rows, the loading/error card. */
import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { PagedQuery } from '@/api'
import Button from '@/components/ui/button'
import { shanghaiDateTime } from '@/components/format/time'
import type { WireError } from '@/core/shared/wire'
import type { ReportRowView } from './report-types'
import { reportCopy as copy } from './report-copy'
import './report.css'

/** Opens a report's page (the same link a notice about it carries). */
export const reportLink = (id: string): string => `/pages/grid/report-detail?id=${encodeURIComponent(id)}`

export function LoadState({
  error,
  loading,
  reload
}: {
  error: WireError | null
  loading: boolean
  reload: () => void
}) {
  return (
    <View className='card report-status' role='status'>
      <Text className='report-text'>{error ? error.message : copy.loading}</Text>
      {error && (
        <Button type='primary' size='large' block disabled={loading} onClick={reload}>
          {copy.retry}
        </Button>
      )}
    </View>
  )
}

/** The state as a coloured tag: done ones calm, waiting ones warm, overdue ones red. */
export function StateTag({ state, label, overdue }: { state: string; label: string; overdue: boolean }) {
  return (
    <View className='report-tags'>
      <Text className={`report-state report-state--${state}`}>{label}</Text>
      {overdue && <Text className='report-state report-state--overdue'>{copy.overdue}</Text>}
    </View>
  )
}

/** One report in a list: what, where, when, its state; a tap opens it. */
export function ReportRow({ row, mine = false }: { row: ReportRowView; mine?: boolean }) {
  return (
    <View
      className='card report-row'
      role='link'
      data-testid='report-row'
      onClick={() => void Taro.navigateTo({ url: reportLink(row.id) })}
    >
      {row.thumbUrl && <Image className='report-row__thumb' src={row.thumbUrl} mode='aspectFill' />}
      <View className='report-row__body'>
        <View className='report-row__head'>
          <Text className='report-row__category'>{row.categoryLabel}</Text>
          <StateTag state={row.state} label={row.stateLabel} overdue={row.overdue} />
        </View>
        <Text className='report-text'>{row.summary}</Text>
        <Text className='status-line'>
          {[row.placeLabel, shanghaiDateTime(row.createdAt), row.photoCount > 0 ? copy.photoCount(row.photoCount) : '']
            .filter(Boolean)
            .join(' · ')}
        </Text>
        {/* The reporter's turn: it waits for her answer (已解决 / 没解决) on its page. */}
        {mine && row.state === 'resolved' && <Text className='report-your-turn'>{copy.yourTurn}</Text>}
      </View>
    </View>
  )
}

/** A paged list of reports (20 a page, 加载更多 for the next), with its empty words. */
export function ReportList({
  list,
  empty,
  testId,
  mine = false
}: {
  list: PagedQuery<ReportRowView>
  empty: string
  testId: string
  /** The caller's own reports: a resolved one asks for her answer. */
  mine?: boolean
}) {
  return (
    <View data-testid={testId}>
      {list.error && list.items.length === 0 && (
        <LoadState error={list.error} loading={list.loading} reload={list.reload} />
      )}
      {!list.error && list.loading && list.items.length === 0 && <Text className='status-line'>{copy.loading}</Text>}
      {!list.loading && !list.error && list.items.length === 0 && <Text className='report-empty'>{empty}</Text>}
      {list.items.map(r => (
        <ReportRow key={r.id} row={r} mine={mine} />
      ))}
      {list.hasMore && (
        <Button block disabled={list.loading} onClick={list.more}>
          {copy.more}
        </Button>
      )}
    </View>
  )
}
