/**
 * Home / proxy handling (上门办理 / 委托代办) for eligible residents (tags set by staff: elderly,
 * disabled, 低保). Transitions come from proxy-request.machine.ts; each is one conditional update
 * on (status, version), and `accept` also on "no handler yet", so exactly one staff member becomes
 * the first handler (首问负责) however many press 受理 at once. Staff may act for the resident
 * (帮办): the history entry and the audit entry say so.
 *
 * A transition is followed by its audit entry and the resident's notice. A stop in between must
 * lose neither, and the transition can't simply be made again (the status has changed), so the
 * transition's own update marks the request `untold` with the audit entry to write, and its
 * history entry carries the call's requestId. Then audit (keyed) and notice (keyed), then a
 * conditional write clears `untold`. Whatever stopped is finished by the actor's retry with the
 * same requestId (answered with the request, not CONFLICT), by the next transition (before its
 * own), or by the `followThrough` timer after HALF_DONE_AFTER_MS.
 */
import type { Caller } from '../community/caller'
import { gridScope, hasAnyRole } from '../community/caller'
import { policies } from '../community/roles'
import type { Page } from '../shared/page'
import type { AuditEntry } from '../shared/audit'
import { halfDoneBefore } from '../shared/half-done'
import type { CallInfo, Result } from '../shared/wire'
import { fail, isRetryOf, ok } from '../shared/wire'
import { addWorkingDays } from './hall.rule'
import type { Actor, RequestEvent } from './proxy-request.machine'
import {
  decide,
  eventLabels,
  eventsFor,
  openStatuses,
  proxyRequestMachine,
  statusLabels
} from './proxy-request.machine'
import type { ResidentTag, ServiceRequestRecord } from './service-card.model'
import type { ServiceCardDeps } from './service-card.ports'
import type { ServiceCardContract as C } from './service-card.contract'
import type { CodeOf } from '../shared/contract'
import type {
  ActOnRequestInput,
  FindResidentsInput,
  ListRequestsInput,
  RateRequestInput,
  RequestIdInput,
  SetTagsInput,
  SubmitRequestInput
} from './service-card.schemas'
import { serviceCardMessages as m } from './service-card.errors'
import type { MeView, RequestView, ResidentView } from './service-card.views'
import { toEligibilityView, toRequestView } from './service-card.views'
import { PAGE_SIZE } from './catalog.usecase'

const isRequestStaff = (caller: Caller): boolean => hasAnyRole(caller, policies.workbench)

export const eligible = (tags: readonly ResidentTag[]): boolean => tags.length > 0

function actingAs(caller: Caller, r: ServiceRequestRecord): Actor[] {
  const out: Actor[] = []
  if (r.handlerId === caller.openId) out.push('handler')
  if (isRequestStaff(caller))
    out.push('staff', 'resident') // staff may act for the resident (帮办)
  else if (r.residentId === caller.openId) out.push('resident')
  return out
}

function viewFor(r: ServiceRequestRecord, caller: Caller): RequestView {
  const actions = eventsFor(r.status, actingAs(caller, r))
    .filter(e => !(e === 'rate' && r.residentId !== caller.openId)) // a rating is the resident's own word
    .map(event => ({ event, label: eventLabels[event] }))
  return toRequestView(r, actions)
}

export async function me(deps: ServiceCardDeps, _input: unknown, caller: Caller): Promise<Result<MeView, never>> {
  const { tags, ask } = await deps.eligibility.standing(caller.openId)
  return ok({ tags, eligible: eligible(tags), ask: ask ? toEligibilityView(ask) : null })
}

type SubmitFailure = CodeOf<C['submitRequest']>

export async function submitRequest(
  deps: ServiceCardDeps,
  input: SubmitRequestInput,
  caller: Caller
): Promise<Result<RequestView, SubmitFailure>> {
  if (input.onBehalfOf && !isRequestStaff(caller)) return fail('FORBIDDEN', m.FORBIDDEN)
  const residentId = input.onBehalfOf ?? caller.openId
  const [resident, item, tags] = await Promise.all([
    input.onBehalfOf
      ? deps.people.person(residentId)
      : Promise.resolve({ _id: caller.openId, name: caller.name ?? '', roles: caller.roles, gridId: caller.gridId }),
    deps.catalog.item(input.itemId),
    deps.people.tags(residentId)
  ])
  if (!resident) return fail('RESIDENT_NOT_FOUND', m.RESIDENT_NOT_FOUND)
  if (!item) return fail('NOT_FOUND', m.NOT_FOUND)
  if (item.status !== 'active') return fail('ITEM_RETIRED', m.ITEM_RETIRED)
  if (!item.modes.includes(input.mode)) return fail('MODE_NOT_OFFERED', m.MODE_NOT_OFFERED)
  if (!eligible(tags)) return fail('NOT_ELIGIBLE', m.NOT_ELIGIBLE)
  if (input.note && !(await deps.contentCheck.check(input.note, caller.openId)).pass)
    return fail('CONTENT_REJECTED', m.CONTENT_REJECTED)
  const now = deps.clock.now()
  const onBehalf = !!input.onBehalfOf
  const r: ServiceRequestRecord = {
    _id: deps.newId('req'),
    itemId: item._id,
    itemName: item.name,
    mode: input.mode,
    residentId,
    residentName: resident.name,
    note: input.note,
    status: 'submitted',
    version: 1,
    handlerId: null,
    handlerName: null,
    dueAt: item.timeLimitDays ? addWorkingDays(now, item.timeLimitDays) : null,
    overdue: false,
    history: [
      {
        at: now,
        by: caller.openId,
        byName: caller.name ?? '',
        event: null,
        from: null,
        to: 'submitted',
        note: input.note,
        onBehalf
      }
    ],
    rating: null,
    submittedBy: onBehalf ? caller.openId : null,
    gridId: resident.gridId ?? null,
    createdAt: now,
    updatedAt: now
  }
  await deps.requests.insert(r)
  await deps.audit.record({
    actor: caller.openId,
    action: 'service-card.submit-request',
    target: `service_requests/${r._id}`,
    ...(onBehalf ? { reason: '帮办：工作人员代居民提交' } : {}),
    data: { itemId: item._id, mode: input.mode, residentId, onBehalf }
  })
  await deps.notify.notify({
    to: item.ownerUserId,
    kind: 'service-card.request-submitted',
    key: `service-card.request-submitted:${r._id}`,
    title: `新的${input.mode === 'home' ? '上门' : '代办'}申请`,
    body: `${resident.name}申请“${item.name}”，请尽快受理。`,
    link: `/pages/service-card/request?id=${r._id}`,
    template: 'status',
    status: '待受理'
  })
  return ok(viewFor(r, caller))
}

export async function getRequest(
  deps: ServiceCardDeps,
  input: RequestIdInput,
  caller: Caller
): Promise<Result<RequestView, 'NOT_FOUND'>> {
  const r = await deps.requests.get(input.requestId)
  if (!r || (r.residentId !== caller.openId && !isRequestStaff(caller))) return fail('NOT_FOUND', m.NOT_FOUND)
  return ok(viewFor(r, caller))
}

export async function listRequests(
  deps: ServiceCardDeps,
  input: ListRequestsInput,
  caller: Caller
): Promise<Result<Page<RequestView>, never>> {
  const staff = isRequestStaff(caller)
  const scope = staff ? input.scope : undefined
  // The queues (待受理, 办理中) are a grid worker's grid's, as her 待办 counts them; 我负责的 are hers anywhere.
  const grid = scope === 'open' || scope === 'unassigned' ? gridScope(caller) : null
  const page = await deps.requests.list({
    residentId: scope ? undefined : caller.openId,
    handlerId: scope === 'mine' ? caller.openId : undefined,
    gridId: grid ?? undefined,
    openOnly: scope === 'open' || scope === 'unassigned',
    unassigned: scope === 'unassigned',
    cursor: input.cursor,
    limit: PAGE_SIZE
  })
  return ok({ items: page.items.map(r => viewFor(r, caller)), cursor: page.cursor })
}

type ActFailure = CodeOf<C['actOnRequest']>

/** A use case called without the router (a script, a test): no requestId to answer a retry by. */
const direct: CallInfo = { requestId: null }

export async function actOnRequest(
  deps: ServiceCardDeps,
  input: ActOnRequestInput,
  caller: Caller,
  call = direct
): Promise<Result<RequestView, ActFailure>> {
  return await transition(deps, caller, call, input.requestId, input.event, input.note, {})
}

export async function rateRequest(
  deps: ServiceCardDeps,
  input: RateRequestInput,
  caller: Caller,
  call = direct
): Promise<Result<RequestView, ActFailure>> {
  const r = await deps.requests.get(input.requestId)
  if (r && r.residentId !== caller.openId)
    return fail(
      r && isRequestStaff(caller) ? 'FORBIDDEN' : 'NOT_FOUND',
      r && isRequestStaff(caller) ? '评价须由居民本人完成' : m.NOT_FOUND
    )
  const rating = { stars: input.stars, comment: input.comment }
  return await transition(deps, caller, call, input.requestId, 'rate', input.comment, { rating })
}

async function transition(
  deps: ServiceCardDeps,
  caller: Caller,
  call: CallInfo,
  id: string,
  event: RequestEvent,
  note: string,
  extra: Partial<ServiceRequestRecord>
): Promise<Result<RequestView, ActFailure>> {
  const r = await deps.requests.get(id)
  if (!r || (r.residentId !== caller.openId && !isRequestStaff(caller))) return fail('NOT_FOUND', m.NOT_FOUND)
  // The retry of this very transition (it stopped before telling, or its answer was lost): finish
  // it and answer the request. Another tap or another person meets the new status as usual.
  if (r.history.some(h => h.event === event && isRetryOf(call, caller.openId, h, h.by))) {
    return ok(viewFor(await followThrough(deps, r), caller))
  }
  const acting = actingAs(caller, r)
  const decision = decide(r.status, event, acting)
  if (!decision.ok)
    return fail(decision.code, decision.code === 'FORBIDDEN' ? '这一步须由受理人办理' : m.INVALID_TRANSITION)
  // Which hat the caller wears for this event: their own role first; "resident" for staff is 帮办.
  const allowed = proxyRequestMachine[event].by
  const used = (['handler', 'staff', 'resident'] as const).find(a => allowed.includes(a) && acting.includes(a))
  const onBehalf = used === 'resident' && caller.openId !== r.residentId
  // Someone's earlier transition not yet followed through: finish it before this one replaces `untold`.
  await followThrough(deps, r)
  const now = deps.clock.now()
  const claim = event === 'accept'
  const audit: AuditEntry = {
    actor: caller.openId,
    action: `service-card.request-${event}`,
    target: `service_requests/${r._id}`,
    ...(onBehalf ? { reason: '帮办：工作人员代居民操作' } : {}),
    data: { from: r.status, to: decision.to, onBehalf }
  }
  const patch: Partial<ServiceRequestRecord> = {
    ...extra,
    status: decision.to,
    version: r.version + 1,
    updatedAt: now,
    ...(claim ? { handlerId: caller.openId, handlerName: caller.name ?? '' } : {}),
    // A finished or cancelled request is no longer late.
    ...(openStatuses.includes(decision.to) ? {} : { overdue: false }),
    untold: { at: now, audit: { ...audit, key: `service-card.request:${r._id}:v${r.version + 1}` } }
  }
  const entry = {
    at: now,
    by: caller.openId,
    byName: caller.name ?? '',
    event,
    from: r.status,
    to: decision.to,
    note,
    onBehalf,
    requestId: call.requestId
  }
  if (
    !(await deps.requests.transition(
      r._id,
      { status: r.status, version: r.version, claimHandler: claim },
      patch,
      entry
    ))
  ) {
    return fail('CONFLICT', claim ? '已有其他工作人员受理' : m.CONFLICT)
  }
  const next = await followThrough(deps, { ...r, ...patch, history: [...r.history, entry] } as ServiceRequestRecord)
  return ok(viewFor(next, caller))
}

/**
 * The audit entry and the resident's notice of the request's last transition, if still owed, then
 * `untold` cleared (only at that version). Repeatable: both are keyed by the transition.
 */
async function followThrough(deps: ServiceCardDeps, r: ServiceRequestRecord): Promise<ServiceRequestRecord> {
  if (!r.untold) return r
  const entry = r.history[r.history.length - 1]
  await deps.audit.record(r.untold.audit)
  if (entry.by !== r.residentId) {
    const status = statusLabels[r.status]
    await deps.notify.notify({
      to: r.residentId,
      kind: 'service-card.request-status',
      key: `service-card.request-status:${r._id}:v${r.version}`,
      title: `${r.itemName}：${status}`,
      body: entry.note || `您的申请${status}。`,
      link: `/pages/service-card/request?id=${r._id}`,
      template: 'status',
      status
    })
  }
  await deps.requests.markTold(r._id, r.version)
  return { ...r, untold: null }
}

/**
 * Timer: transitions stored but not followed through (the call stopped after its update and
 * nobody retried), once that call has surely ended (HALF_DONE_AFTER_MS).
 */
export async function finishUntoldRequests(
  deps: ServiceCardDeps,
  now = deps.clock.now()
): Promise<{ finished: number }> {
  const stale = await deps.requests.untold(halfDoneBefore(now), 100)
  for (const r of stale) await followThrough(deps, r)
  return { finished: stale.length }
}

/** Timer: flag open requests past their time limit (限时办结) and remind whoever owns them. */
export async function flagOverdue(deps: ServiceCardDeps): Promise<{ flagged: number }> {
  const now = deps.clock.now()
  const due = await deps.requests.dueUnflagged(now, 1000)
  let flagged = 0
  for (const r of due) {
    // Audit and remind first, both keyed, then flag: a run that stops before the flag is finished
    // by the next run (the request is still unflagged) without auditing or reminding twice, and
    // two runs at once write each once. Flagging first would lose both after a stop.
    const key = `service-card.request-overdue:${r._id}`
    const to = r.handlerId ?? (await deps.catalog.item(r.itemId))?.ownerUserId
    await deps.audit.record({
      key,
      actor: 'system:overdue',
      action: 'service-card.request-overdue',
      target: `service_requests/${r._id}`,
      data: { dueAt: r.dueAt }
    })
    if (to) {
      await deps.notify.notify({
        to,
        kind: 'service-card.request-overdue',
        key,
        title: `已超时：${r.itemName}`,
        body: `${r.residentName}的申请已超过办结时限，请尽快处理。`,
        link: `/pages/service-card/request?id=${r._id}`,
        template: 'status',
        status: '已超时'
      })
    }
    if (await deps.requests.flagOverdue(r._id)) flagged++
  }
  return { flagged }
}

export async function setTags(
  deps: ServiceCardDeps,
  input: SetTagsInput,
  caller: Caller
): Promise<Result<MeView, 'RESIDENT_NOT_FOUND'>> {
  const person = await deps.people.person(input.userId)
  if (!person) return fail('RESIDENT_NOT_FOUND', m.RESIDENT_NOT_FOUND)
  const tags = [...new Set(input.tags)]
  await deps.people.setTags(input.userId, tags, caller.openId, deps.clock.now())
  await deps.audit.record({
    actor: caller.openId,
    action: 'service-card.set-tags',
    target: `resident_tags/${input.userId}`,
    reason: input.reason,
    data: { tags }
  })
  return ok({ tags, eligible: eligible(tags) })
}

/** Staff find a resident by name to act for them (帮办): names and tags only. */
export async function findResidents(
  deps: ServiceCardDeps,
  input: FindResidentsInput
): Promise<Result<ResidentView[], never>> {
  const people = (await deps.people.residentsNamed(input.name, 20)).filter(p => hasAnyRole(p, policies.residents))
  return ok(people.map(p => ({ userId: p._id, name: p.name, tags: p.tags, eligible: eligible(p.tags) })))
}
