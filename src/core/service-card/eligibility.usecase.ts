/**
 * Asking for home/proxy eligibility (上门/代办资格). Eligibility is staff-set resident tags
 * (proxy-request.usecase.ts `eligible`); a resident without them asks in the app with the plain
 * reasons that apply, and the grid worker of their grid (or a social worker) approves, which sets
 * the tags, or declines with a reason. Either way the resident is told and the page they land on
 * says what to do next.
 *
 * Concurrency and faults:
 * - One open ask per person: the document's `_id` is the resident's, so a double tap, two phones
 *   or a retry find the same ask (insert-if-absent; asking again after a decision is one
 *   conditional update on the old `round`).
 * - A decision is one conditional update on (pending, round): of two staff deciding at once exactly
 *   one wins; a decision made on an ask the resident has since renewed answers ELIGIBILITY_DECIDED.
 * - The ask and the decision are stored first, with `told: false`; then (an approval) the tags, the
 *   keyed notice and the audit entry; then `told: true` (an audit entry repeats, never goes
 *   missing, only after a stop between it and `told`). Only the one winning decision writes tags,
 *   so a losing approval never leaves any behind. A stop in between is finished by the retry (the
 *   same decider deciding again, the resident asking again once the first call has surely ended) or
 *   by the `eligibility` timer; the notice's key keeps anyone from being told twice.
 */
import type { Caller } from '../community/caller'
import { gridScope, inGridScope } from '../community/caller'
import type { Page } from '../shared/page'
import type { Result } from '../shared/wire'
import { fail, ok } from '../shared/wire'
import { PAGE_SIZE } from './catalog.usecase'
import { eligible } from './proxy-request.usecase'
import { serviceCardMessages as m } from './service-card.errors'
import type { EligibilityRequestRecord } from './service-card.model'
import { halfDoneBefore } from '../shared/half-done'
import type { ServiceCardDeps } from './service-card.ports'
import type { ServiceCardContract as C } from './service-card.contract'
import type { CodeOf } from '../shared/contract'
import type { AskEligibilityInput, DecideEligibilityInput, EligibilityQueueInput } from './service-card.schemas'
import type { EligibilityView } from './service-card.views'
import { toEligibilityView } from './service-card.views'

/** The page where an eligible resident starts a request (我的上门与代办), and where they ask. */
export const MY_REQUESTS_PAGE = '/pages/service-card/requests'
/** The staff queue of asks (上门与代办工作台, tab 资格申请). */
export const ELIGIBILITY_QUEUE_PAGE = '/pages/service-card/requests?staff=1&scope=eligibility'

const target = (residentId: string): string => `eligibility_requests/${residentId}`
const SWEEPER = 'system:eligibility'

type AskFailure = CodeOf<C['askEligibility']>

export async function askEligibility(
  deps: ServiceCardDeps,
  input: AskEligibilityInput,
  caller: Caller
): Promise<Result<EligibilityView, AskFailure>> {
  if (eligible(await deps.people.tags(caller.openId))) return fail('ALREADY_ELIGIBLE', m.ALREADY_ELIGIBLE)
  const now = deps.clock.now()
  const existing = await deps.eligibility.get(caller.openId)
  // Pending already (a double tap, a second phone, a retry): the same ask. Left half-done by a call
  // that has surely ended, this one finishes it; a younger one is still its own call's to finish
  // (ten simultaneous taps must not audit ten times).
  if (existing?.status === 'pending') {
    const ended = new Date(existing.updatedAt).getTime() <= halfDoneBefore(now).getTime()
    return ok(toEligibilityView(ended ? await finishAsk(deps, existing) : existing))
  }
  const fresh = {
    residentName: caller.name ?? '',
    gridId: caller.gridId,
    reasons: input.reasons,
    status: 'pending' as const,
    askedAt: now,
    decidedAt: null,
    decidedBy: null,
    decidedByName: null,
    tags: [],
    declineReason: null,
    told: false,
    updatedAt: now
  }
  const stored = existing
    ? await deps.eligibility.reopen(caller.openId, existing.round, { ...fresh, round: existing.round + 1 })
    : await deps.eligibility.insert({ _id: caller.openId, round: 1, ...fresh })
  const ask = await deps.eligibility.get(caller.openId)
  if (!ask || ask.status !== 'pending') return fail('CONFLICT', m.CONFLICT)
  // Lost to a simultaneous ask of the same person: theirs is the one ask, and that call tells.
  if (!stored) return ok(toEligibilityView(ask))
  return ok(toEligibilityView(await finishAsk(deps, ask)))
}

/** Tell the grid worker (keyed: once per round) and audit; then mark it told. */
async function finishAsk(deps: ServiceCardDeps, r: EligibilityRequestRecord): Promise<EligibilityRequestRecord> {
  if (r.told) return r
  const worker = r.gridId ? await deps.people.gridWorkerOf(r.gridId) : null
  // Without a grid worker the ask still waits in the staff 待办 (core/staff/todo.usecase.ts counts pending asks).
  if (worker) {
    await deps.notify.notify({
      to: worker,
      kind: 'service-card.eligibility-asked',
      key: `service-card.eligibility-asked:${r._id}:r${r.round}`,
      title: '上门/代办资格申请',
      body: `${r.residentName}申请上门/代办资格，请联系核实后在工作台处理。`,
      link: ELIGIBILITY_QUEUE_PAGE,
      template: 'status',
      status: '待核实'
    })
  }
  await deps.audit.record({
    actor: r._id,
    action: 'service-card.eligibility-ask',
    target: target(r._id),
    data: { round: r.round, reasons: r.reasons, gridId: r.gridId }
  })
  await deps.eligibility.markTold(r._id, r.round, 'pending')
  return { ...r, told: true }
}

export async function eligibilityQueue(
  deps: ServiceCardDeps,
  input: EligibilityQueueInput,
  caller: Caller
): Promise<Result<Page<EligibilityView>, never>> {
  const scope = gridScope(caller)
  const page = await deps.eligibility.pending({ gridId: scope ?? undefined, cursor: input.cursor, limit: PAGE_SIZE })
  return ok({ items: page.items.map(toEligibilityView), cursor: page.cursor })
}

type DecideFailure = CodeOf<C['decideEligibility']>

export async function decideEligibility(
  deps: ServiceCardDeps,
  input: DecideEligibilityInput,
  caller: Caller
): Promise<Result<EligibilityView, DecideFailure>> {
  const r = await deps.eligibility.get(input.residentId)
  if (!r) return fail('NOT_FOUND', m.NOT_FOUND)
  if (!inGridScope(caller, r.gridId)) return fail('NOT_IN_YOUR_GRID', m.NOT_IN_YOUR_GRID)
  const status = input.decision === 'approve' ? 'approved' : 'declined'
  const mine = (x: EligibilityRequestRecord): boolean =>
    x.round === input.round && x.status === status && x.decidedBy === caller.openId
  // A retry of my own decision (the first call failed, or its answer was lost): finish what it left.
  if (mine(r)) return ok(toEligibilityView(await finishDecision(deps, r)))
  if (r.status !== 'pending' || r.round !== input.round) return fail('ELIGIBILITY_DECIDED', m.ELIGIBILITY_DECIDED)

  const now = deps.clock.now()
  const patch: Partial<EligibilityRequestRecord> = {
    status,
    decidedAt: now,
    decidedBy: caller.openId,
    decidedByName: caller.name ?? '',
    tags: input.decision === 'approve' ? input.tags : [],
    declineReason: input.decision === 'decline' ? input.reason : null,
    told: false,
    updatedAt: now
  }
  if (!(await deps.eligibility.decide(r._id, r.round, patch))) {
    // Someone decided first, or my own simultaneous attempt did (that call tells).
    const other = await deps.eligibility.get(r._id)
    if (other && mine(other)) return ok(toEligibilityView(other))
    return fail('ELIGIBILITY_DECIDED', m.ELIGIBILITY_DECIDED)
  }
  return ok(toEligibilityView(await finishDecision(deps, { ...r, ...patch })))
}

/**
 * What follows a stored decision, each step repeatable: the approval's tags (added to any the
 * resident has; only the one winning decision gets here), the keyed notice, the audit entry, told.
 */
async function finishDecision(deps: ServiceCardDeps, r: EligibilityRequestRecord): Promise<EligibilityRequestRecord> {
  if (r.told) return r
  const approved = r.status === 'approved'
  if (approved) {
    const had = await deps.people.tags(r._id)
    await deps.people.setTags(r._id, [...new Set([...had, ...r.tags])], r.decidedBy ?? SWEEPER, deps.clock.now())
  }
  await deps.notify.notify({
    to: r._id,
    kind: 'service-card.eligibility-decided',
    key: `service-card.eligibility-decided:${r._id}:r${r.round}`,
    title: approved ? '上门/代办资格已通过' : '上门/代办资格未通过',
    body: approved
      ? '您现在可以申请上门办理或委托代办了：打开“我的上门与代办”，点“申请上门或代办”，选要办的事。'
      : `原因：${r.declineReason ?? ''}。您仍可以到社区大厅办理或预约办理；情况有变化时，可以在“我的上门与代办”里重新申请。`,
    link: MY_REQUESTS_PAGE,
    template: 'status',
    status: approved ? '已通过' : '未通过'
  })
  await deps.audit.record({
    actor: r.decidedBy ?? SWEEPER,
    action: approved ? 'service-card.eligibility-approve' : 'service-card.eligibility-decline',
    target: target(r._id),
    reason: approved ? '核实后登记上门/代办资格' : (r.declineReason ?? ''),
    data: { round: r.round, tags: r.tags, gridId: r.gridId }
  })
  await deps.eligibility.markTold(r._id, r.round, r.status)
  return { ...r, told: true }
}

/**
 * Timer: asks and decisions stored but not followed through (the function stopped before the
 * tags, the audit entry or the notice; nobody retried) are finished once their call has surely
 * ended (HALF_DONE_AFTER_MS). Every step is repeatable and the notices keyed, so meeting a live
 * retry does nothing twice.
 */
export async function finishHalfDoneEligibility(deps: ServiceCardDeps): Promise<{ finished: number }> {
  const stale = await deps.eligibility.untold(halfDoneBefore(deps.clock.now()), 100)
  for (const r of stale) {
    if (r.status === 'pending') await finishAsk(deps, r)
    else await finishDecision(deps, r)
  }
  return { finished: stale.length }
}
