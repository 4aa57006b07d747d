import { useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useAction, usePagedQuery } from '@/api'
import { FormProblem } from '@/components/form/form-field'
import { PageShell } from '@/components/theme/page-shell'
import Button from '@/components/ui/button'
import { confirm } from '@/components/ui/confirm'
import { hasAnyRole } from '@/core/community/caller'
import { policies } from '@/core/community/roles'
import { gridContract } from '@/core/grid/grid.contract'
import { useWhoami } from '@/features/me/use-whoami.hook'
import { inspectionCopy as copy } from './inspection-copy'
import type { ChecklistRow, DueRow } from './inspection-types'
import { LoadState } from './report-ui'
import './inspection.css'

/** Opens a checklist's form (the link the reminder carries). */
export const inspectionLink = (checklistId: string): string =>
  `/pages/grid/inspection?checklistId=${encodeURIComponent(checklistId)}`

function DueCard({ row }: { row: DueRow }) {
  const tone = row.status === 'done' ? 'done' : row.status === 'soon' || row.missed ? 'warn' : 'due'
  return (
    <View
      className={`card inspection-due inspection-due--${tone}`}
      role='link'
      data-testid='due-row'
      onClick={() => void Taro.navigateTo({ url: inspectionLink(row.checklistId) })}
    >
      <View className='inspection-due__head'>
        <Text className='inspection-due__title'>{row.title}</Text>
        <Text className={`inspection-tag inspection-tag--${tone}`}>{copy.status[row.status]}</Text>
      </View>
      <Text className='inspection-text'>
        {[row.placeLabel, row.gridName, row.cadenceLabel].filter(Boolean).join(' · ')}
      </Text>
      <Text className='status-line'>
        {row.period.label}
        {row.status === 'done' ? '' : ` · ${copy.daysLeft(row.period.daysLeft)}`}
      </Text>
      {row.missed && <Text className='inspection-missed'>{copy.missed(row.missed)}</Text>}
      <Text className='inspection-due__go'>{row.status === 'done' ? copy.view : copy.open} ›</Text>
    </View>
  )
}

/** Staff: the community's checklists, a new one, and retiring one (asked first). */
function Checklists() {
  const list = usePagedQuery(gridContract.checklists, {})
  const retire = useAction(gridContract.retireChecklist)
  const [done, setDone] = useState<string | null>(null)
  const onRetire = async (c: ChecklistRow) => {
    setDone(null)
    if (!(await confirm({ title: copy.retireAsk(c.title), content: copy.retireWhat, confirmText: copy.retire }))) return
    const res = await retire.run({ checklistId: c.id, version: c.version }, { key: c.id })
    if (res.ok) {
      setDone(copy.retireDone(c.title))
      list.reload()
    }
  }
  return (
    <View data-testid='checklists'>
      <Text className='section-title'>{copy.checklistsTitle}</Text>
      <Button type='primary' size='large' block onClick={() => void Taro.navigateTo({ url: '/pages/grid/checklist' })}>
        {copy.newChecklist}
      </Button>
      {done && (
        <View role='status'>
          <Text className='status-line'>{done}</Text>
        </View>
      )}
      {list.error && list.items.length === 0 && (
        <LoadState error={list.error} loading={list.loading} reload={list.reload} />
      )}
      {!list.loading && !list.error && list.items.length === 0 && (
        <Text className='inspection-text'>{copy.checklistsNone}</Text>
      )}
      {list.items.map(c => (
        <View key={c.id} className='card inspection-checklist' data-testid='checklist-row'>
          <View className='inspection-due__head'>
            <Text className='inspection-due__title'>{c.title}</Text>
            {!c.active && <Text className='inspection-tag inspection-tag--done'>{copy.retired}</Text>}
          </View>
          <Text className='inspection-text'>
            {[c.placeLabel, c.gridName, c.cadenceLabel, copy.itemsCount(c.items.length)].filter(Boolean).join(' · ')}
          </Text>
          <FormProblem problem={retire.refused(c.id)} />
          {c.active && (
            <Button
              disabled={retire.busy === c.id}
              onClick={() => void onRetire(c)}
              aria-label={`${copy.retire}${c.title}`}
            >
              {copy.retire}
            </Button>
          )}
        </View>
      ))}
      {list.hasMore && (
        <Button block disabled={list.loading} onClick={list.more}>
          {copy.more}
        </Button>
      )}
    </View>
  )
}

/**
 * 巡检: what the caller has to inspect this period (a grid worker's grid; staff, every grid), the soon-due first to the
 * eye, the last period's misses said plainly; staff also manage the checklists below.
 */
export function InspectionListView() {
  const { me } = useWhoami()
  const due = usePagedQuery(gridContract.dueInspections, {})
  const shown = useRef(false)
  // Back from a form just submitted: the list shows it done.
  Taro.useDidShow(() => {
    if (shown.current) due.reload()
    shown.current = true
  })
  const staff = !!me && hasAnyRole(me, policies.staff)
  return (
    <PageShell className='inspection'>
      <Text className='section-title'>{copy.dueTitle}</Text>
      {due.items.length > 0 && (
        <Text className='inspection-lead'>
          {copy.dueCounts(due.items.filter(r => r.status !== 'done').length, due.items.filter(r => r.missed).length)}
        </Text>
      )}
      {due.error && due.items.length === 0 && <LoadState error={due.error} loading={due.loading} reload={due.reload} />}
      {!due.error && due.loading && due.items.length === 0 && <Text className='status-line'>{copy.loading}</Text>}
      {!due.loading && !due.error && due.items.length === 0 && <Text className='inspection-text'>{copy.dueNone}</Text>}
      <View data-testid='due-list'>
        {due.items.map(r => (
          <DueCard key={r.checklistId} row={r} />
        ))}
      </View>
      {due.hasMore && (
        <Button block disabled={due.loading} onClick={due.more}>
          {copy.more}
        </Button>
      )}
      {staff && <Checklists />}
    </PageShell>
  )
}
