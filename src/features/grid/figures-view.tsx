import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { callAction, useQuery } from '@/api'
import { saveText } from '@/components/files/save-file'
import { shanghaiDateTime } from '@/components/format/time'
import { PageShell } from '@/components/theme/page-shell'
import Button from '@/components/ui/button'
import { gridContract } from '@/core/grid/grid.contract'
import { shanghaiDate } from '@/core/shared/shanghai-time'
import { Bars, Notice } from '@/features/staff/staff-ui'
import { streetCopy } from '@/features/staff/street-copy'
import { inspectionCopy as copy } from './inspection-copy'
import type { Figures } from './inspection-types'
import { LoadState } from './report-ui'
import './inspection.css'

type Rate = Figures['response']

/** `YYYY-MM` moved by `by` months. */
export function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number)
  const n = y * 12 + (m - 1) + by
  return `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`
}

/** One figure, large: the number, what it means, and what it is out of (暂无 when nothing was due). */
function Big({
  label,
  value,
  what,
  sub,
  testId
}: {
  label: string
  value: string
  what: string
  sub?: string
  testId: string
}) {
  return (
    <View className='card figure' data-testid={testId}>
      <Text className='figure__label'>{label}</Text>
      <Text className='figure__value'>{value}</Text>
      <Text className='figure__what'>{what}</Text>
      {sub && <Text className='status-line'>{sub}</Text>}
    </View>
  )
}

const percent = (r: Rate): string => (r.percent === null ? copy.none : `${r.percent}%`)
const outOf = (r: Rate): string | undefined => (r.den === 0 ? undefined : copy.ofWhat(r.num, r.den))

/** 导出给区平台: the month's reports as Open311 GeoReport v2 JSON, a chunk at a time, then saved (H5) or copied. */
function Open311({ month, reports }: { month: string; reports: number }) {
  const [progress, setProgress] = useState<string | null>(null)
  const [note, setNote] = useState<{ text: string; tone: 'calm' | 'danger' } | null>(null)
  const [busy, setBusy] = useState(false)
  const run = async () => {
    setNote(null)
    setBusy(true)
    const requests: unknown[] = []
    const chunk = async (after: string | null) =>
      await callAction(gridContract.open311Requests, { month, cursor: after })
    let cursor: string | null = null
    // Each chunk is a read: a chunk asked again after a lost answer is the same chunk (no requestId needed).
    do {
      const res = await chunk(cursor)
      if (!res.ok) {
        setBusy(false)
        setProgress(null)
        return setNote({ text: res.error.message, tone: 'danger' })
      }
      requests.push(...res.data.requests)
      cursor = res.data.cursor
      setProgress(copy.open311Progress(requests.length, res.data.total))
    } while (cursor)
    const saved = await saveText(
      `open311-requests-${month}.json`,
      JSON.stringify(requests, null, 2),
      'application/json'
    )
    setBusy(false)
    setProgress(null)
    if (saved === 'downloaded' || saved === 'copied')
      setNote({ text: copy.open311Saved(requests.length, saved), tone: 'calm' })
  }
  return (
    <View className='card' data-testid='open311'>
      <Text className='section-title'>{copy.open311Title}</Text>
      <Text className='inspection-text'>{copy.open311What}</Text>
      {reports === 0 ? (
        <Text className='status-line'>{copy.open311Empty}</Text>
      ) : (
        <Button type='primary' size='large' block disabled={busy} onClick={() => void run()}>
          {copy.open311Start}
        </Button>
      )}
      {progress && (
        <View role='status'>
          <Text className='status-line'>{progress}</Text>
        </View>
      )}
      {note && <Notice tone={note.tone}>{note.text}</Notice>}
    </View>
  )
}

/**
 * 报事数据: a month's honest figures, large and plain — how many, answered in time, solved in time (the reporter's
 * word), sent back, stars — with the reports closed without the reporter's answer called out as their own figure, and
 * what is overdue now. `communityName`: the street office reading one of its communities.
 */
export function FiguresView({ today, communityName = null }: { today: Date; communityName?: string | null }) {
  const [month, setMonth] = useState(shanghaiDate(today).slice(0, 7))
  const thisMonth = shanghaiDate(today).slice(0, 7)
  const { data, error, loading, reload } = useQuery(gridContract.gridFigures, { month })
  return (
    <PageShell className='inspection'>
      {communityName && <Text className='section-title'>{streetCopy.readingCommunity(communityName)}</Text>}
      <View className='figure-month' role='group' aria-label={copy.month}>
        <Button onClick={() => setMonth(m => shiftMonth(m, -1))}>{copy.prevMonth}</Button>
        <Text className='figure-month__label'>{data?.month === month ? data.monthLabel : month}</Text>
        <Button disabled={month >= thisMonth} onClick={() => setMonth(m => shiftMonth(m, 1))}>
          {copy.nextMonth}
        </Button>
      </View>
      {!data || data.month !== month ? (
        <LoadState error={error} loading={loading} reload={reload} />
      ) : (
        <View data-testid='figures'>
          <Big
            testId='figure-reports'
            label={copy.reports}
            value={`${data.reports} 件`}
            what={copy.notCounted(data.notCounted)}
          />
          <View
            className={`card figure${data.closedUnconfirmed > 0 ? ' figure--alert' : ''}`}
            data-testid='figure-unconfirmed'
          >
            <Text className='figure__label'>{copy.unconfirmed}</Text>
            <Text className='figure__value'>{`${data.closedUnconfirmed} 件`}</Text>
            <Text className='figure__what'>{copy.unconfirmedWhat}</Text>
            <Text className='status-line'>{`${copy.solved} ${data.solved} 件 · ${copy.partly} ${data.partly} 件`}</Text>
          </View>
          <Big
            testId='figure-response'
            label={copy.response}
            value={percent(data.response)}
            what={copy.responseWhat}
            sub={outOf(data.response)}
          />
          <Big
            testId='figure-resolution'
            label={copy.resolution}
            value={percent(data.resolution)}
            what={copy.resolutionWhat}
            sub={outOf(data.resolution)}
          />
          <Big
            testId='figure-reopen'
            label={copy.reopen}
            value={percent(data.reopen)}
            what={copy.reopenWhat}
            sub={outOf(data.reopen)}
          />
          <Big
            testId='figure-satisfaction'
            label={copy.satisfaction}
            value={data.satisfaction.averageStars === null ? copy.none : copy.stars(data.satisfaction.averageStars)}
            what={copy.ratedShare(data.satisfaction.rated.num, data.satisfaction.rated.den)}
          />
          <Big
            testId='figure-overdue'
            label={copy.overdueNow}
            value={`${data.overdueNow} 件`}
            what={copy.overdueWhat}
          />
          <View className='card'>
            <Bars
              title={copy.byCategory}
              bars={data.byCategory.map(c => ({ label: c.label, value: c.count }))}
              unit=' 件'
            />
          </View>
          <View className='card'>
            <Bars title={copy.byState} bars={data.byState.map(s => ({ label: s.label, value: s.count }))} unit=' 件' />
          </View>
          <View className='card' data-testid='figure-grids'>
            <Text className='staff-bars__title'>{copy.byGrid}</Text>
            {data.byGrid.map(g => (
              <View key={g.gridId ?? '-'} className='figure-grid'>
                <Text className='inspection-text'>{g.name}</Text>
                <Text className={g.overdueNow > 0 ? 'figure-grid__late' : 'inspection-text'}>
                  {copy.gridRow(g.count, g.overdueNow)}
                </Text>
              </View>
            ))}
          </View>
          <Text className='status-line'>{copy.countedAt(shanghaiDateTime(data.countedAt))}</Text>
          <Open311 month={month} reports={data.reports} />
        </View>
      )}
    </PageShell>
  )
}
