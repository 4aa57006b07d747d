/**
 * The care request (服务工单) as a state machine declared as data: every allowed move is one row
 * of `careRequestTransitions` — from which state, on which event, by which kind of actor, to
 * which state, and by when the elder can expect the next step. Nothing else moves a request.
 *
 *   submitted → triaged → assigned → accepted → in_service → completed → rated
 *   cancel: before the service starts (elder, proxy, staff)
 *   decline / timeout: an assigned helper says no, or doesn't answer in time → back to triage
 *   reopen: the follow-up (回访) says "not solved" → back to triage, counted as reopened
 */
import type { Result } from '../shared/wire'
import { fail, ok } from '../shared/wire'

export const careRequestStates = [
  'submitted',
  'triaged',
  'assigned',
  'accepted',
  'in_service',
  'completed',
  'rated',
  'cancelled'
] as const
export type CareRequestState = (typeof careRequestStates)[number]

export const careRequestEvents = [
  'triage',
  'assign',
  'accept',
  'decline',
  'timeout',
  'check_in',
  'check_out',
  'rate',
  'follow_up',
  'reopen',
  'cancel'
] as const
export type CareRequestEvent = (typeof careRequestEvents)[number]

/**
 * Who acts, relative to one request: the elder it is for, a consented family proxy of that elder,
 * community staff, the helper it is assigned to, or a timer. Everyone else is `other`.
 */
export const careActors = ['elder', 'proxy', 'staff', 'helper', 'system', 'other'] as const
export type CareActor = (typeof careActors)[number]

/** When the next step is expected, for the history line the elder reads (预计…前). */
export type Expectation = { afterMs: number } | 'window_start' | 'window_end' | null

export interface CareTransition {
  from: CareRequestState
  event: CareRequestEvent
  to: CareRequestState
  by: readonly CareActor[]
  /** What the elder reads in the history. */
  label: string
  expect: Expectation
}

const MIN = 60_000
const HOUR = 60 * MIN

/** How long an assigned helper has to accept before the request goes back to triage. */
export const ACCEPT_TIMEOUT_MS = 30 * MIN

const requester = ['elder', 'proxy', 'staff'] as const

export const careRequestTransitions: readonly CareTransition[] = [
  {
    from: 'submitted',
    event: 'triage',
    to: 'triaged',
    by: ['staff'],
    label: '社工已受理',
    expect: { afterMs: 2 * HOUR }
  },
  {
    from: 'triaged',
    event: 'assign',
    to: 'assigned',
    by: ['staff'],
    label: '已派单，等待服务人员确认',
    expect: { afterMs: ACCEPT_TIMEOUT_MS }
  },
  {
    from: 'assigned',
    event: 'accept',
    to: 'accepted',
    by: ['helper'],
    label: '服务人员已接单',
    expect: 'window_start'
  },
  {
    from: 'assigned',
    event: 'decline',
    to: 'triaged',
    by: ['helper'],
    label: '服务人员无法接单，社工重新安排',
    expect: { afterMs: 2 * HOUR }
  },
  {
    from: 'assigned',
    event: 'timeout',
    to: 'triaged',
    by: ['system'],
    label: '服务人员未及时确认，社工重新安排',
    expect: { afterMs: 2 * HOUR }
  },
  {
    from: 'accepted',
    event: 'check_in',
    to: 'in_service',
    by: ['helper'],
    label: '服务人员已到达，开始服务',
    expect: 'window_end'
  },
  {
    from: 'in_service',
    event: 'check_out',
    to: 'completed',
    by: ['helper'],
    label: '服务已完成，请您评价',
    expect: { afterMs: 3 * 24 * HOUR }
  },
  { from: 'completed', event: 'rate', to: 'rated', by: ['elder', 'proxy'], label: '已评价，谢谢您', expect: null },
  { from: 'completed', event: 'follow_up', to: 'completed', by: requester, label: '回访：问题已解决', expect: null },
  { from: 'rated', event: 'follow_up', to: 'rated', by: requester, label: '回访：问题已解决', expect: null },
  {
    from: 'completed',
    event: 'reopen',
    to: 'triaged',
    by: requester,
    label: '回访：问题未解决，重新安排服务',
    expect: { afterMs: 2 * HOUR }
  },
  {
    from: 'rated',
    event: 'reopen',
    to: 'triaged',
    by: requester,
    label: '回访：问题未解决，重新安排服务',
    expect: { afterMs: 2 * HOUR }
  },
  { from: 'submitted', event: 'cancel', to: 'cancelled', by: requester, label: '已取消', expect: null },
  { from: 'triaged', event: 'cancel', to: 'cancelled', by: requester, label: '已取消', expect: null },
  { from: 'assigned', event: 'cancel', to: 'cancelled', by: requester, label: '已取消', expect: null },
  { from: 'accepted', event: 'cancel', to: 'cancelled', by: requester, label: '已取消', expect: null }
]

export const stateLabels: Record<CareRequestState, string> = {
  submitted: '已提交',
  triaged: '待派单',
  assigned: '待接单',
  accepted: '已接单',
  in_service: '服务中',
  completed: '已完成',
  rated: '已评价',
  cancelled: '已取消'
}

export type MachineError = 'INVALID_TRANSITION' | 'FORBIDDEN'

/**
 * The row for (state, event, actor), or why not: INVALID_TRANSITION when the event doesn't apply
 * in this state at all, FORBIDDEN when it does but not for this actor.
 */
export function nextStep(
  state: CareRequestState,
  event: CareRequestEvent,
  actor: CareActor
): Result<CareTransition, MachineError> {
  const row = careRequestTransitions.find(t => t.from === state && t.event === event)
  if (!row) return fail('INVALID_TRANSITION', `当前状态（${stateLabels[state]}）不能进行此操作`)
  if (!row.by.includes(actor)) return fail('FORBIDDEN', '您没有权限进行此操作')
  return ok(row)
}

/** The instant the elder may expect the next step, for a history entry written at `at`. */
export function expectedBy(row: CareTransition, at: Date, window: { start: Date; end: Date }): Date | null {
  if (row.expect === null) return null
  if (row.expect === 'window_start') return window.start
  if (row.expect === 'window_end') return window.end
  return new Date(at.getTime() + row.expect.afterMs)
}

/** States in which the request is still being worked on. */
export const openStates: readonly CareRequestState[] = ['submitted', 'triaged', 'assigned', 'accepted', 'in_service']

/** Events an actor may fire now (drives the buttons a page shows). */
export function eventsFor(state: CareRequestState, actor: CareActor): CareRequestEvent[] {
  return careRequestTransitions.filter(t => t.from === state && t.by.includes(actor)).map(t => t.event)
}
