import { useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useAction, usePagedQuery, type PagedQuery } from '@/api'
import { FormProblem } from '@/components/form/form-field'
import { shanghaiDate } from '@/components/format/time'
import { PageShell } from '@/components/theme/page-shell'
import Button from '@/components/ui/button'
import { confirm } from '@/components/ui/confirm'
import { hasAnyRole } from '@/core/community/caller'
import { policies } from '@/core/community/roles'
import { gridContract } from '@/core/grid/grid.contract'
import type { ReplyOf } from '@/core/shared/contract'
import { quarterOf } from '@/core/shared/shanghai-time'
import { useWhoami } from '@/features/me/use-whoami.hook'
import { visitCopy as copy } from './visit-copy'
import { LoadState } from './report-ui'
import './visit.css'

type Tab = 'priority' | 'unvisited' | 'tasks' | 'all'
type HouseholdRow = ReplyOf<typeof gridContract.gridHouseholds>['items'][number]
type PriorityRow = ReplyOf<typeof gridContract.priorityHouseholds>['items'][number]
type VisitRow = ReplyOf<typeof gridContract.visitFollowUps>['items'][number]

/** Opens a household's visit page. */
export const householdLink = (id: string): string => `/pages/grid/visit?householdId=${encodeURIComponent(id)}`
const open = (id: string): void => void Taro.navigateTo({ url: householdLink(id) })

/** 入户走访: the worker's priority households by cadence, the quarter's unvisited ones, follow-ups; staff: all. */
export function VisitsView({ initialTab }: { initialTab?: string }) {
  const { me, error, loading, reload } = useWhoami()
  const staff = me ? hasAnyRole(me, policies.staff) : false
  const tabs: Tab[] = staff ? ['priority', 'unvisited', 'tasks', 'all'] : ['priority', 'unvisited', 'tasks']
  const [tab, setTab] = useState<Tab>(tabs.find(t => t === initialTab) ?? 'priority')
  if (!me)
    return <PageShell className='visit'>{<LoadState error={error} loading={loading} reload={reload} />}</PageShell>
  return (
    <PageShell className='visit'>
      <View className='tabs' role='tablist'>
        {tabs.map(t => (
          <View
            key={t}
            role='tab'
            aria-selected={t === tab}
            className={`tabs__tab${t === tab ? ' tabs__tab--on' : ''}`}
            onClick={() => setTab(t)}
          >
            {copy.tabs[t]}
          </View>
        ))}
      </View>
      {tab === 'priority' && <PriorityList />}
      {tab === 'unvisited' && <HouseholdList view='unvisited' />}
      {tab === 'all' && <HouseholdList view='all' />}
      {tab === 'tasks' && <FollowUps />}
    </PageShell>
  )
}

/** Back from a household's page: the lists show what the visit changed. */
function useReloadOnShow(reload: () => void): void {
  const shown = useRef(false)
  Taro.useDidShow(() => {
    if (shown.current) reload()
    shown.current = true
  })
}

function Paged<T>({ list, empty, render }: { list: PagedQuery<T>; empty: string; render: (t: T) => JSX.Element }) {
  return (
    <View>
      {list.error && list.items.length === 0 && (
        <LoadState error={list.error} loading={list.loading} reload={list.reload} />
      )}
      {!list.error && list.loading && list.items.length === 0 && <Text className='status-line'>{copy.loading}</Text>}
      {!list.loading && !list.error && list.items.length === 0 && <Text className='visit-empty'>{empty}</Text>}
      {list.items.map(render)}
      {list.hasMore && (
        <Button block disabled={list.loading} onClick={list.more}>
          {copy.more}
        </Button>
      )}
    </View>
  )
}

function Tags({ tags }: { tags: Array<{ key: string; label: string }> }) {
  if (tags.length === 0) return null
  return (
    <View className='visit-tags'>
      {tags.map(t => (
        <Text key={t.key} className='visit-tag'>
          {t.label}
        </Text>
      ))}
    </View>
  )
}

function PriorityList() {
  const list = usePagedQuery(gridContract.priorityHouseholds, {})
  useReloadOnShow(list.reload)
  return (
    <View data-testid='visit-priority'>
      <Text className='status-line'>{copy.priorityHint}</Text>
      <Paged
        list={list}
        empty={copy.priorityNone}
        render={(r: PriorityRow) => (
          <View
            key={r.householdId}
            className='card visit-row'
            role='link'
            data-testid='visit-row'
            onClick={() => open(r.householdId)}
          >
            <View className='visit-row__head'>
              <Text className='visit-row__door'>{r.door}</Text>
              {r.due !== 'soon' && <Text className={`visit-due visit-due--${r.due}`}>{copy.due[r.due]}</Text>}
            </View>
            <Tags tags={r.tags} />
            <Text className='status-line'>
              {[
                r.cadence,
                copy.dueBy(r.dueLabel),
                r.lastVisitAt ? copy.lastVisit(shanghaiDate(r.lastVisitAt)) : copy.neverVisited
              ]
                .filter(Boolean)
                .join(' · ')}
            </Text>
          </View>
        )}
      />
    </View>
  )
}

function HouseholdList({ view }: { view: 'unvisited' | 'all' }) {
  const list = usePagedQuery(gridContract.gridHouseholds, { view })
  useReloadOnShow(list.reload)
  return (
    <View data-testid={`visit-${view}`}>
      <Text className='status-line'>
        {view === 'all' ? copy.allHint : copy.unvisitedHint(quarterOf(new Date()).label)}
      </Text>
      <Paged
        list={list}
        empty={copy.unvisitedNone}
        render={(h: HouseholdRow) => (
          <View
            key={h.householdId}
            className='card visit-row'
            role='link'
            data-testid='visit-row'
            onClick={() => open(h.householdId)}
          >
            <View className='visit-row__head'>
              <Text className='visit-row__door'>{h.door}</Text>
              <Text className='status-line'>{h.gridName}</Text>
            </View>
            <Tags tags={h.tags} />
            <Text className='status-line'>
              {h.visitedThisQuarter
                ? copy.visited
                : h.lastVisitAt
                  ? copy.lastVisit(shanghaiDate(h.lastVisitAt))
                  : copy.neverVisited}
            </Text>
          </View>
        )}
      />
    </View>
  )
}

function FollowUps() {
  const [done, setDone] = useState(false)
  const list = usePagedQuery(gridContract.visitFollowUps, { done })
  const mark = useAction(gridContract.setFollowUp)
  useReloadOnShow(list.reload)
  const toggle = async (v: VisitRow): Promise<void> => {
    const making = !v.followUp?.done
    const ask = making
      ? { title: copy.doneAsk, content: copy.doneAskBody(v.followUp?.note ?? ''), confirmText: copy.markDone }
      : { title: copy.undoneAsk, content: copy.undoneAskBody }
    if (!(await confirm(ask))) return
    const res = await mark.run({ visitId: v.id, done: making }, { key: v.id })
    if (res.ok) list.reload()
  }
  return (
    <View data-testid='visit-tasks'>
      <Text className='status-line'>{copy.tasksHint}</Text>
      <View className='visit-switch'>
        {[false, true].map(d => (
          <Button key={String(d)} size='small' type={d === done ? 'primary' : 'default'} onClick={() => setDone(d)}>
            {d ? copy.doneTab : copy.openTab}
          </Button>
        ))}
      </View>
      <Paged
        list={list}
        empty={done ? copy.doneNone : copy.tasksNone}
        render={(v: VisitRow) => (
          <View key={v.id} className='card visit-row' data-testid='visit-task'>
            <View className='visit-row__head'>
              <Text className='visit-row__door'>{v.followUp?.note}</Text>
              {v.followUp?.overdue && <Text className='visit-due visit-due--overdue'>{copy.followUpOverdue}</Text>}
            </View>
            <Text className='status-line'>
              {[v.door, v.followUp ? copy.followUpDue(v.followUp.dueLabel) : '', v.workerName]
                .filter(Boolean)
                .join(' · ')}
            </Text>
            <FormProblem problem={mark.refused(v.id)} />
            {v.canFollowUp && (
              <View className='visit-row__actions'>
                <Button size='small' onClick={() => open(v.householdId)}>
                  {copy.history}
                </Button>
                <Button
                  size='small'
                  type={v.followUp?.done ? 'default' : 'primary'}
                  disabled={mark.busy === v.id}
                  onClick={() => void toggle(v)}
                >
                  {v.followUp?.done ? copy.markUndone : copy.markDone}
                </Button>
              </View>
            )}
          </View>
        )}
      />
    </View>
  )
}
