/**
 * A report's life as data (the shape of care-request.machine.ts): every allowed move is one row of
 * `reportTransitions` — from which state, on which event, by which kind of actor, to which state, and the words of
 * the step the reporter reads. Nothing else moves a report.
 *
 *   submitted → accepted (首问负责: the first handler owns it) → passed (转办, the owner follows it) → resolved
 *   resolved → closed (the reporter confirms solved or partly solved, or 7 days pass unanswered)
 *   resolved → accepted (the reporter says not solved: reopened, back to the same owner)
 *   merge: a duplicate folded into another; withdraw: the reporter takes it back before anyone accepted it
 *   follow (我也遇到), note, escalate and rate leave the state as it is
 */
import type { Result } from '../shared/wire'
import { fail, ok } from '../shared/wire'
import type { ReportState, ReportStep } from './grid.model'
import { reportStateLabels } from './grid.model'

export const reportEvents = [
  'accept',
  'pass',
  'note',
  'resolve',
  'merge',
  'confirm',
  'reopen',
  'rate',
  'withdraw',
  'follow',
  'escalate',
  'close_unconfirmed'
] as const
export type ReportEvent = (typeof reportEvents)[number]

/**
 * Who acts, relative to one report: its reporter, a follower (我也遇到), its owner (who accepted it), a handler (a
 * grid worker whose grid it is in, inGridScope), community staff (社工, admins), another resident, or a timer.
 */
export const reportActors = ['reporter', 'follower', 'owner', 'handler', 'staff', 'resident', 'system'] as const
export type ReportActor = (typeof reportActors)[number]

export interface ReportTransition {
  from: ReportState
  event: ReportEvent
  to: ReportState
  by: readonly ReportActor[]
  /** The step's kind in the timeline. */
  step: ReportStep['kind']
  /** What the reporter reads in the timeline (the use case may add the note). */
  label: string
}

/** States in which someone still works on it. */
export const openReportStates: readonly ReportState[] = ['submitted', 'accepted', 'passed']
/** States in which it is being handled (owned). */
const handled: readonly ReportState[] = ['accepted', 'passed']

const row = (
  from: ReportState,
  event: ReportEvent,
  to: ReportState,
  by: readonly ReportActor[],
  step: ReportStep['kind'],
  label: string
): ReportTransition => ({ from, event, to, by, step, label })

const handlers = ['owner', 'staff'] as const
/** Anyone who handles reports of this grid may accept or fold a duplicate; once owned, the owner and staff act. */
const firstResponders = ['handler', 'owner', 'staff'] as const

export const reportTransitions: readonly ReportTransition[] = [
  row('submitted', 'accept', 'accepted', ['handler', 'staff'], 'accepted', '已受理，由专人负责到底'),
  ...handled.flatMap(from => [
    row(from, 'pass', 'passed', handlers, 'passed', '已转办'),
    row(from, 'note', from, handlers, 'note', '处理进展'),
    row(from, 'resolve', 'resolved', handlers, 'resolved', '已处理，请您确认是否解决')
  ]),
  ...openReportStates.flatMap(from => [
    row(from, 'merge', 'merged', from === 'submitted' ? firstResponders : handlers, 'merged', '与已有报告合并处理'),
    row(from, 'follow', from, ['resident'], 'followed', '又有居民反映同一问题'),
    row(from, 'escalate', from, ['system'], 'escalated', '已超时，已提醒社区督办')
  ]),
  row('resolved', 'confirm', 'closed', ['reporter'], 'confirmed', '居民确认'),
  row('resolved', 'reopen', 'accepted', ['reporter'], 'reopened', '居民反映未解决，重新处理'),
  row('resolved', 'close_unconfirmed', 'closed', ['system'], 'closed', '7 天未确认，自动办结'),
  row('closed', 'rate', 'closed', ['reporter'], 'rated', '居民评价'),
  row('submitted', 'withdraw', 'withdrawn', ['reporter'], 'withdrawn', '报告人已撤回')
]

export type ReportMachineError = 'INVALID_TRANSITION' | 'FORBIDDEN'

/** Why an actor can't: the words a resident or worker reads when the button was stale. */
export function nextReportStep(
  state: ReportState,
  event: ReportEvent,
  actor: ReportActor
): Result<ReportTransition, ReportMachineError> {
  const found = reportTransitions.find(t => t.from === state && t.event === event)
  if (!found) return fail('INVALID_TRANSITION', `这条报告现在「${reportStateLabels[state]}」，不能这样操作，请刷新`)
  if (!found.by.includes(actor)) return fail('FORBIDDEN', '这一步不由您来做')
  return ok(found)
}

/** The first row any of the caller's standings allows (a staff member who also owns it), or the refusal. */
export function firstAllowed(
  state: ReportState,
  event: ReportEvent,
  actors: readonly ReportActor[]
): Result<{ row: ReportTransition; actor: ReportActor }, ReportMachineError> {
  let refusal: Result<never, ReportMachineError> | null = null
  for (const actor of actors) {
    const res = nextReportStep(state, event, actor)
    if (res.ok) return ok({ row: res.value, actor })
    if (!refusal || res.code === 'FORBIDDEN') refusal = res
  }
  return refusal ?? fail('FORBIDDEN', '这一步不由您来做')
}

/** The buttons a report's view offers (reportView.can): what the caller's standings allow now. */
export type ReportCan = 'accept' | 'pass' | 'note' | 'resolve' | 'merge' | 'confirm' | 'rate' | 'withdraw' | 'follow'

/** What the view's `can` lists: the machine's events for these actors, a confirm covering reopen, rate only once. */
export function reportCan(state: ReportState, actors: readonly ReportActor[], rated: boolean): ReportCan[] {
  const events = new Set(
    reportTransitions.filter(t => t.from === state && t.by.some(a => actors.includes(a))).map(t => t.event)
  )
  const order: ReportCan[] = ['accept', 'pass', 'note', 'resolve', 'merge', 'confirm', 'rate', 'withdraw', 'follow']
  return order.filter(c => events.has(c) && !(c === 'rate' && rated))
}
