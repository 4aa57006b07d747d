import { useRef } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { usePagedQuery } from '@/api'
import { PageShell } from '@/components/theme/page-shell'
import { gridContract } from '@/core/grid/grid.contract'
import { reportCopy as copy } from './report-copy'
import { ReportList } from './report-ui'

/**
 * 随手拍: the big 我要报事 button first (the one thing most come for), then my own reports with their state, then
 * the community's open reports (小事快办): what neighbours reported and how it is going, never who reported it.
 */
export function ReportHomeView() {
  const mine = usePagedQuery(gridContract.myReports, {})
  const board = usePagedQuery(gridContract.communityReports, {})
  const shown = useRef(false)
  // Back from the form or a report: the lists show the new state (the first show is the mount's load).
  Taro.useDidShow(() => {
    if (shown.current) {
      mine.reload()
      board.reload()
    }
    shown.current = true
  })
  return (
    <PageShell className='report report--large'>
      <View
        className='big-action big-action--primary report-new'
        role='button'
        data-testid='new-report'
        onClick={() => void Taro.navigateTo({ url: '/pages/grid/report' })}
      >
        <Text className='report-new__title'>{copy.newReport}</Text>
        <Text className='report-new__hint'>{copy.newReportHint}</Text>
      </View>
      <Text className='section-title'>{copy.mine}</Text>
      <ReportList list={mine} empty={copy.mineNone} testId='my-reports' mine />
      <Text className='section-title'>{copy.board}</Text>
      <ReportList list={board} empty={copy.boardNone} testId='board-reports' />
    </PageShell>
  )
}
