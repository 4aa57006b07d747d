import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useAction, usePagedQuery, useQuery } from '@/api'
import { SubmitButton, TextField } from '@/components/form/form-field'
import { shanghaiDateTime, shanghaiHHmm } from '@/components/format/time'
import { PageShell } from '@/components/theme/page-shell'
import Button from '@/components/ui/button'
import { confirm } from '@/components/ui/confirm'
import { hasAnyRole } from '@/core/community/caller'
import { policies } from '@/core/community/roles'
import { gridContract } from '@/core/grid/grid.contract'
import { minutesLabel } from '@/core/grid/patrol-time.rule'
import { useWhoami } from '@/features/me/use-whoami.hook'
import { elapsedText, patrolCopy as copy } from './patrol-copy'
import { LoadState } from './report-ui'
import './patrol.css'

/** 网格巡查: the grid worker's start / finish with the running time and 发现问题; staff's board of each grid's month. */
export function PatrolView() {
  const { me, error, loading, reload } = useWhoami()
  if (!me)
    return <PageShell className='patrol'>{<LoadState error={error} loading={loading} reload={reload} />}</PageShell>
  const worker = me.roles.includes('grid_worker')
  const staff = hasAnyRole(me, policies.staffOrStreet)
  return (
    <PageShell className='patrol'>
      {worker && <WorkerPatrol />}
      {staff && <PatrolBoard />}
      {!worker && !staff && <Text className='status-line'>{copy.notForYou}</Text>}
    </PageShell>
  )
}

/** The running time, once a second (a timer in the page, cleared when it goes). */
function useNow(running: boolean): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (!running) return
    const t = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(t)
  }, [running])
  return now
}

function WorkerPatrol() {
  const status = useQuery(gridContract.patrolStatus, {})
  const start = useAction(gridContract.startPatrol)
  const finish = useAction(gridContract.finishPatrol)
  const history = usePagedQuery(gridContract.myPatrols, {})
  const [note, setNote] = useState('')
  const [last, setLast] = useState<number | null>(null)
  const open = status.data?.open ?? null
  const now = useNow(open !== null)
  // Back from the report form: the patrol and its time as they are now.
  Taro.useDidShow(() => status.reload())

  if (!status.data) return <LoadState error={status.error} loading={status.loading} reload={status.reload} />
  const s = status.data

  const onStart = async (): Promise<void> => {
    const res = await start.run({})
    if (!res.ok) return
    setLast(null)
    status.reload()
    history.reload()
  }
  const onFinish = async (): Promise<void> => {
    if (!open) return
    const ask = { title: copy.finishAsk, content: copy.finishAskBody(elapsedText(open.startedAt, Date.now())) }
    if (!(await confirm({ ...ask, confirmText: '结束' }))) return
    const res = await finish.run({ patrolId: open.id, note: note.trim() })
    if (!res.ok) return
    setNote('')
    setLast(res.data.minutes)
    status.reload()
    history.reload()
  }
  const found = (): void => {
    if (open) void Taro.navigateTo({ url: `/pages/grid/report?patrolId=${encodeURIComponent(open.id)}` })
  }

  return (
    <View data-testid='patrol-worker'>
      {open ? (
        <View className='card patrol-running' role='timer' aria-live='off'>
          <Text className='patrol-running__label'>{copy.running}</Text>
          <Text className='patrol-running__clock' data-testid='patrol-clock'>
            {elapsedText(open.startedAt, now)}
          </Text>
          <Text className='status-line'>{copy.startedAt(shanghaiHHmm(Date.parse(open.startedAt)))}</Text>
          <Button type='primary' size='large' block onClick={found}>
            {copy.found}
          </Button>
          <Text className='status-line'>{copy.foundHint}</Text>
          <TextField
            label={copy.note}
            name='patrol-note'
            value={note}
            onChange={setNote}
            placeholder={copy.notePlaceholder}
            maxLength={200}
            multiline
          />
          <SubmitButton
            type='danger'
            busy={finish.busy !== null}
            busyText='正在结束…'
            problem={finish.refused()}
            onClick={() => void onFinish()}
          >
            {copy.finish}
          </SubmitButton>
        </View>
      ) : (
        <View className='card patrol-idle'>
          {last !== null && <Text className='patrol-done'>{copy.finished(last)}</Text>}
          <SubmitButton
            busy={start.busy !== null}
            busyText='正在开始…'
            problem={start.refused()}
            onClick={() => void onStart()}
          >
            {copy.start}
          </SubmitButton>
          <Text className='status-line'>{copy.startHint}</Text>
        </View>
      )}
      <View className='patrol-figures'>
        <Figure title={copy.today} done={s.todayMinutes} plan={s.dayPlanMinutes} />
        <Figure title={s.monthLabel} done={s.monthMinutes} plan={s.monthPlanMinutes} />
      </View>
      <Text className='status-line'>{copy.capNote(s.capMinutes / 60)}</Text>
      <Text className='section-title'>{copy.history}</Text>
      {!history.loading && history.items.length === 0 && <Text className='status-line'>{copy.historyNone}</Text>}
      {history.items.map(p => (
        <View key={p.id} className='card patrol-row' data-testid='patrol-row'>
          <Text className='patrol-row__when'>{shanghaiDateTime(p.startedAt)}</Text>
          <Text className='patrol-row__what'>
            {p.open ? copy.open : `${minutesLabel(p.minutes)}${p.closedByCap ? ` · ${copy.capped}` : ''}`}
          </Text>
          {p.note && <Text className='status-line'>{p.note}</Text>}
        </View>
      ))}
      {history.hasMore && (
        <Button block disabled={history.loading} onClick={history.more}>
          {copy.more}
        </Button>
      )}
    </View>
  )
}

function Figure({ title, done, plan }: { title: string; done: number; plan: number }) {
  const met = plan > 0 && done >= plan
  return (
    <View className='card patrol-figure' data-testid='patrol-figure'>
      <Text className='patrol-figure__title'>{title}</Text>
      <Text className={`patrol-figure__value${met ? ' patrol-figure__value--met' : ''}`}>{minutesLabel(done)}</Text>
      <Text className='status-line'>{met ? copy.planMet : `计划 ${minutesLabel(plan)}`}</Text>
    </View>
  )
}

/** `YYYY-MM` of the month before the Shanghai month containing `ms`. */
const previousMonth = (ms: number): string => {
  const d = new Date(ms + 8 * 3600_000)
  const y = d.getUTCFullYear()
  const m = d.getUTCMonth() // 0-based: the previous month's 1-based number
  return m === 0 ? `${y - 1}-12` : `${y}-${String(m).padStart(2, '0')}`
}

function PatrolBoard() {
  const [month, setMonth] = useState<string | null>(null)
  const board = useQuery(gridContract.patrolBoard, { month })
  const [more, setMore] = useState<Array<NonNullable<typeof board.data>['items'][number]>>([])
  const next = useAction(gridContract.patrolBoard)
  const [cursor, setCursor] = useState<string | null>(null)
  useEffect(() => {
    setMore([])
    setCursor(board.data?.cursor ?? null)
  }, [board.data])
  if (!board.data) return <LoadState error={board.error} loading={board.loading} reload={board.reload} />
  const b = board.data
  const rows = [...b.items, ...more]
  const loadMore = async (): Promise<void> => {
    const res = await next.run({ month, cursor })
    if (!res.ok) return
    setMore(m => [...m, ...res.data.items])
    setCursor(res.data.cursor)
  }
  return (
    <View data-testid='patrol-board'>
      <Text className='section-title'>{copy.board(b.monthLabel)}</Text>
      <View className='tabs' role='tablist'>
        {[
          { key: null, label: copy.thisMonth },
          { key: previousMonth(Date.now()), label: copy.prevMonth }
        ].map(t => (
          <View
            key={t.label}
            role='tab'
            aria-selected={t.key === month}
            className={`tabs__tab${t.key === month ? ' tabs__tab--on' : ''}`}
            onClick={() => setMonth(t.key)}
          >
            {t.label}
          </View>
        ))}
      </View>
      <Text className='status-line'>
        {month === null ? copy.boardHint(minutesLabel(b.planMinutes)) : copy.boardPast(minutesLabel(b.planMinutes))}
      </Text>
      {rows.map(r => {
        const short = b.planMinutes > 0 && r.minutes < b.planMinutes
        return (
          <View key={r.gridId} className='card patrol-row' data-testid='patrol-board-row'>
            <Text className='patrol-row__when'>
              {r.gridName} · {r.workerName ?? copy.noWorker}
            </Text>
            <Text className={`patrol-row__what${short ? ' patrol-row__what--short' : ''}`}>
              {minutesLabel(r.minutes)} · {copy.patrols(r.patrols)}
            </Text>
            {r.capped > 0 && <Text className='status-line'>{copy.cappedCount(r.capped)}</Text>}
          </View>
        )
      })}
      {cursor && (
        <Button block disabled={next.busy !== null} onClick={() => void loadMore()}>
          {copy.more}
        </Button>
      )}
    </View>
  )
}
