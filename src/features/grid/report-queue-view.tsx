import { useRef, useState } from 'react'
import { Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { usePagedQuery } from '@/api'
import { PageShell } from '@/components/theme/page-shell'
import { gridContract } from '@/core/grid/grid.contract'
import { GridTabs } from './grid-tabs'
import { reportCopy as copy } from './report-copy'
import { ReportList } from './report-ui'

const views = ['new', 'mine', 'overdue', 'done'] as const
type QueueView = (typeof views)[number]

/** 报事处理: the grid worker's (staff's) queue by tab: 待受理 in my grid, 我负责, 已超时, 已办结. */
export function ReportQueueView({ initialView }: { initialView?: string }) {
  const [view, setView] = useState<QueueView>(views.find(v => v === initialView) ?? 'new')
  // Another tab is another input: the hook loads it from its first page.
  const list = usePagedQuery(gridContract.reportQueue, { view })
  const shown = useRef(false)
  // Back from a report just accepted or resolved: the tab shows it moved.
  Taro.useDidShow(() => {
    if (shown.current) list.reload()
    shown.current = true
  })
  return (
    <PageShell className='report'>
      <Text className='status-line report-queue__hint'>{copy.queueHint}</Text>
      <GridTabs tabs={views.map(v => ({ key: v, label: copy.tabs[v] }))} on={view} onChange={setView} />
      <ReportList list={list} empty={copy.queueNone} testId='report-queue' />
    </PageShell>
  )
}
