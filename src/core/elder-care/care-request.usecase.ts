/**
 * Care requests (服务工单): submit, move through the machine, read with the right masking.
 * Every move is one conditional update on (state, version), so two racing moves can't both apply.
 *
 * A move is followed by its audit entry and its notices (the helper's 新的上门服务任务, the
 * family's progress). A stop in between must lose neither, and the move can't simply be made
 * again (the state has changed), so the move's own update marks the request `untold` with the
 * audit entry to write, and the history entry names who moved it and the call's requestId. Then
 * audit (keyed) and notices (keyed), then a conditional write clears `untold`. Whatever stopped
 * is finished by the mover's retry with the same requestId (answered with the request, not
 * CONFLICT), by the next move of the request (before its own), or by the `follow-through` timer
 * after HALF_DONE_AFTER_MS; the keys make a repeat tell and audit nobody twice.
 */
import type { Caller } from '../community/caller'
import { NO_GRID, gridScope, hasAnyRole, inGridScope } from '../community/caller'
import { maskPhone } from '../community/mask-phone'
import type { AuditEntry } from '../shared/audit'
import { halfDoneBefore, type Untold } from '../shared/half-done'
import type { CallInfo, Result } from '../shared/wire'
import { fail, isRetryOf, ok } from '../shared/wire'
import { actingFor, actingWith, maskDoor, ownElder, readsAsOwn, seesFullAddress } from './acting.rule'
import { policies } from '../community/roles'
import type { FollowUpOutcome } from './care-kpi.rule'
import { careKpis, type CareKpis } from './care-kpi.rule'
import {
  ACCEPT_TIMEOUT_MS,
  eventsFor,
  expectedBy,
  nextStep,
  openStates,
  stateLabels,
  type CareActor,
  type CareRequestEvent,
  type CareTransition,
  type MachineError
} from './care-request.machine'
import type { Assignee, CareRequest, ElderProfile, GeoPoint, HistoryEntry, ProxyLink } from './elder-care.model'
import { contentRejected } from '../notifications/content-check.ports'
import type { ElderCareDeps, ElderCase } from './elder-care.ports'
import type { CareRequestView } from './elder-care.views'
import type { Page } from '../shared/page'
import type { SubmitCareRequestInput } from './elder-care.schemas'
import { dutyStaff } from './on-duty.rule'
import { shanghaiTime } from '../shared/shanghai-time'

export async function submitCareRequest(
  deps: ElderCareDeps,
  input: SubmitCareRequestInput,
  caller: Caller
): Promise<Result<CareRequestView, 'NOT_FOUND' | 'FORBIDDEN' | 'INVALID_INPUT' | 'CONTENT_REJECTED'>> {
  const actingRes = await actingFor(deps, caller, input.elderId)
  if (!actingRes.ok) return actingRes
  const acting = actingRes.value
  const type = await deps.elders.serviceType(input.serviceTypeId)
  if (!type?.active) return fail('NOT_FOUND', '没有这项服务，请重新选择')
  const now = deps.clock.now()
  if (input.window.end <= now) return fail('INVALID_INPUT', '服务时间已经过去，请重新选择')
  if (input.note && !(await deps.contentCheck.check(input.note, caller.openId)).pass)
    return fail('CONTENT_REJECTED', contentRejected)
  const { elder } = acting
  const request: CareRequest = {
    _id: deps.newId('care'),
    elderId: elder._id,
    elderName: elder.name,
    gridId: elder.gridId,
    serviceTypeId: type._id,
    serviceName: type.name,
    window: input.window,
    note: input.note,
    state: 'submitted',
    version: 0,
    assignee: null,
    acceptBy: null,
    history: [
      {
        at: now,
        event: 'submit',
        state: 'submitted',
        label: acting.proxy ? '家属代为提交申请' : '已提交申请',
        by: acting.actor,
        byName: acting.name,
        proxy: acting.proxy,
        expectedBy: new Date(now.getTime() + 30 * 60_000)
      }
    ],
    rating: null,
    ratingComment: '',
    checkIn: null,
    checkOut: null,
    createdBy: caller.openId,
    createdAt: now,
    updatedAt: now,
    reopenCount: 0
  }
  await deps.requests.create(request)
  await deps.audit.record({
    actor: caller.openId,
    action: 'elder-care.submit-request',
    target: `care_requests/${request._id}`,
    reason: acting.proxy ? '家属代办' : undefined,
    data: { elderId: elder._id, serviceTypeId: type._id, by: acting.actor }
  })
  // Duty staff and the grid worker of the elder's grid, who sees and dispatches it on 养老服务台.
  const [duty, grid] = await Promise.all([dutyStaff(deps, now), deps.people.grid(request.gridId)])
  const told = [...new Set([...duty, ...(grid?.workerUserId ? [grid.workerUserId] : [])])]
  await Promise.all(
    told.map(
      async to =>
        await deps.notify.notify({
          to,
          kind: 'elder-care.request-new',
          key: `elder-care.request-new:${request._id}:${to}`,
          title: '新的居家养老服务申请',
          body: `${elder.name}申请「${type.name}」，${shanghaiTime(input.window.start)}`,
          link: '/pages/elder-care/staff',
          template: 'status',
          status: '待受理'
        })
    )
  )
  return ok(await viewFor(deps, request, acting.actor))
}

/** Why a move can't be made: no such request, the machine refuses it, or another move came first. */
type MoveCode = 'NOT_FOUND' | 'CONFLICT' | MachineError
type Extra = (
  r: CareRequest,
  now: Date
) => Result<{ patch: Partial<CareRequest>; note?: string; outcome?: FollowUpOutcome }, never>
const none: Extra = () => ok({ patch: {} })

/** A use case called without the router (a script, a test): no requestId to answer a retry by. */
const direct: CallInfo = { requestId: null }

/** One move of the machine by a caller; `extra` adds the event's own fields. */
async function move(
  deps: ElderCareDeps,
  caller: Caller,
  id: string,
  event: CareRequestEvent,
  call: CallInfo,
  extra: Extra = none
): Promise<Result<CareRequestView, MoveCode>> {
  const r = await deps.requests.get(id)
  if (!r) return fail('NOT_FOUND', '没有找到这条服务申请')
  // The retry of this very move (it stopped before telling, or its answer was lost): finish it and
  // answer what it made. Another tap or another person meets the moved state as usual.
  const made = r.history.find(h => h.event === event && isRetryOf(call, caller.openId, h, h.byId ?? ''))
  if (made) return ok(await viewFor(deps, await followThrough(deps, r), made.by))
  const actors = await actorsOf(deps, caller, r)
  let row: CareTransition | null = null
  let actor: CareActor = actors[0]
  let refusal: { code: MachineError; message: string } = { code: 'FORBIDDEN', message: '您没有权限进行此操作' }
  for (const a of actors) {
    const res = nextStep(r.state, event, a)
    if (res.ok) {
      row = res.value
      actor = a
      break
    }
    refusal = { code: res.code, message: res.message }
  }
  if (!row) return fail(refusal.code, refusal.message)
  const now = deps.clock.now()
  const more = extra(r, now)
  if (!more.ok) return more
  // Someone's earlier move not yet followed through: finish it before this move replaces `untold`.
  await followThrough(deps, r)
  const entry: HistoryEntry = {
    at: now,
    event,
    state: row.to,
    label: row.label,
    by: actor,
    byName: caller.name ?? '',
    proxy: actor === 'proxy',
    expectedBy: expectedBy(row, now, r.window),
    ...(more.value.note ? { note: more.value.note } : {}),
    ...(more.value.outcome ? { outcome: more.value.outcome } : {}),
    byId: caller.openId,
    requestId: call.requestId
  }
  const audit: AuditEntry = {
    actor: caller.openId,
    action: `elder-care.${event.replace('_', '-')}`,
    target: `care_requests/${r._id}`,
    ...(actor === 'proxy' ? { reason: '家属代办' } : {}),
    data: { from: r.state, to: row.to, by: actor }
  }
  const patch: Partial<CareRequest> = {
    ...more.value.patch,
    state: row.to,
    version: r.version + 1,
    updatedAt: now,
    untold: untold(r, audit, now)
  }
  if (!(await deps.requests.move(r._id, r.state, r.version, patch, entry))) {
    return fail('CONFLICT', '这条申请刚刚有了变化，请刷新后再试')
  }
  const moved = await followThrough(deps, { ...r, ...patch, history: [...r.history, entry] })
  return ok(await viewFor(deps, moved, actor))
}

/** What the move about to be made still owes once stored: its audit entry, keyed by the move. */
const untold = (r: CareRequest, audit: AuditEntry, now: Date): Untold => ({
  at: now,
  audit: { ...audit, key: `elder-care.request:${r._id}:${r.history.length + 1}` }
})

/**
 * The audit entry and notices of the request's last move, if still owed, then `untold` cleared
 * (only at that version). Repeatable: the audit entry and the notices are keyed by the move.
 */
async function followThrough(deps: ElderCareDeps, r: CareRequest): Promise<CareRequest> {
  if (!r.untold) return r
  await deps.audit.record(r.untold.audit)
  await tell(deps, r, r.history[r.history.length - 1])
  await deps.requests.markTold(r._id, r.version)
  return { ...r, untold: null }
}

/**
 * Timer: moves stored but not followed through (the call stopped after its move and nobody
 * retried), once that call has surely ended (HALF_DONE_AFTER_MS).
 */
export async function finishUntoldRequests(deps: ElderCareDeps, now: Date): Promise<{ finished: number }> {
  const stale = await deps.requests.untold(halfDoneBefore(now), 100)
  for (const r of stale) await followThrough(deps, r)
  return { finished: stale.length }
}

/** What this caller is to this request (actorsIn), her own profile and her proxy link read one after another. */
async function actorsOf(deps: ElderCareDeps, caller: Caller, r: CareRequest): Promise<CareActor[]> {
  const own = (await ownElder(deps, caller))?._id === r.elderId
  return actorsIn(caller, r, own, own ? null : await deps.elders.proxyLink(r.elderId, caller.openId))
}

/**
 * What this caller is to this request; several can hold (a staff member who is also the helper). `own`: she is its
 * elder; `link`: her proxy link to its elder.
 */
function actorsIn(caller: Caller, r: CareRequest, own: boolean, link: ProxyLink | null): CareActor[] {
  const list: CareActor[] = []
  if (r.assignee?.userId === caller.openId) list.push('helper')
  if (own) list.push('elder')
  else if (link?.active) list.push('proxy')
  // A grid worker looks after her grid's households (design.md, roles): she triages and dispatches
  // their requests as staff do, and only theirs.
  const gridWorkerHere = caller.roles.includes('grid_worker') && inGridScope(caller, r.gridId)
  if (hasAnyRole(caller, policies.staff) || gridWorkerHere) list.push('staff')
  return list.length ? list : ['other']
}

export const triage = async (deps: ElderCareDeps, input: { id: string }, caller: Caller, call = direct) =>
  await move(deps, caller, input.id, 'triage', call)

export async function assign(
  deps: ElderCareDeps,
  input: { id: string; assignee: { kind: Assignee['kind']; userId: string; orgName: string | null } },
  caller: Caller,
  call = direct
): Promise<Result<CareRequestView, MoveCode | 'NOT_A_VOLUNTEER' | 'NOT_STAFF' | 'NOT_A_PROVIDER'>> {
  const user = await deps.people.user(input.assignee.userId)
  if (!user) return fail('NOT_FOUND', '没有找到这位服务人员')
  const { kind } = input.assignee
  if (kind === 'volunteer' && !user.roles.includes('volunteer'))
    return fail('NOT_A_VOLUNTEER', `${user.name}还不是登记志愿者`)
  if (kind === 'staff' && !user.roles.some(r => r === 'staff' || r === 'admin' || r === 'grid_worker'))
    return fail('NOT_STAFF', `${user.name}不是社区工作人员`)
  let orgName: string | null = null
  if (kind === 'provider') {
    const provider = (await deps.elders.providers()).find(p => p.contactUserId === user._id)
    if (!provider) return fail('NOT_A_PROVIDER', `${user.name}不是登记的服务机构联系人`)
    orgName = provider.orgName
  }
  const assignee: Assignee = { kind, userId: user._id, name: user.name, orgName }
  return await move(deps, caller, input.id, 'assign', call, (_r, now) =>
    ok({
      patch: { assignee, acceptBy: new Date(now.getTime() + ACCEPT_TIMEOUT_MS) },
      note: kind === 'provider' ? `${assignee.orgName}·${user.name}` : user.name
    })
  )
}

export const accept = async (deps: ElderCareDeps, input: { id: string }, caller: Caller, call = direct) =>
  await move(deps, caller, input.id, 'accept', call, () => ok({ patch: { acceptBy: null } }))

export const decline = async (deps: ElderCareDeps, input: { id: string }, caller: Caller, call = direct) =>
  await move(deps, caller, input.id, 'decline', call, () => ok({ patch: { assignee: null, acceptBy: null } }))

type CheckInput = { id: string; location: GeoPoint | null }

export const checkIn = async (deps: ElderCareDeps, input: CheckInput, caller: Caller, call = direct) =>
  await move(deps, caller, input.id, 'check_in', call, (_r, now) =>
    ok({ patch: { checkIn: { at: now, location: input.location } } })
  )

export const checkOut = async (deps: ElderCareDeps, input: CheckInput, caller: Caller, call = direct) =>
  await move(deps, caller, input.id, 'check_out', call, (_r, now) =>
    ok({ patch: { checkOut: { at: now, location: input.location } } })
  )

export const rate = async (
  deps: ElderCareDeps,
  input: { id: string; stars: number; comment: string },
  caller: Caller,
  call = direct
) =>
  await move(deps, caller, input.id, 'rate', call, () =>
    ok({ patch: { rating: input.stars, ratingComment: input.comment }, note: `${input.stars}星` })
  )

export const cancel = async (
  deps: ElderCareDeps,
  input: { id: string; reason: string },
  caller: Caller,
  call = direct
) =>
  await move(deps, caller, input.id, 'cancel', call, () =>
    ok({ patch: { acceptBy: null }, note: input.reason || undefined })
  )

/** 回访: solved / partly solved keep the request closed; not solved reopens it for triage. */
export async function followUp(
  deps: ElderCareDeps,
  input: { id: string; outcome: FollowUpOutcome; note: string },
  caller: Caller,
  call = direct
): Promise<Result<CareRequestView, MoveCode>> {
  const label = { solved: '已解决', partly: '部分解决', not_solved: '未解决' }[input.outcome]
  const note = input.note ? `${label}：${input.note}` : label
  if (input.outcome === 'not_solved') {
    return await move(deps, caller, input.id, 'reopen', call, r =>
      ok({
        patch: { assignee: null, acceptBy: null, checkIn: null, checkOut: null, reopenCount: r.reopenCount + 1 },
        note,
        outcome: 'not_solved'
      })
    )
  }
  return await move(deps, caller, input.id, 'follow_up', call, () => ok({ patch: {}, note, outcome: input.outcome }))
}

/** Timer: assignments nobody accepted in time go back to triage (duty staff are told). */
export async function timeoutAssignments(deps: ElderCareDeps, now: Date): Promise<{ timedOut: number }> {
  let timedOut = 0
  for (const overdue of await deps.requests.acceptOverdue(now)) {
    const r = await followThrough(deps, overdue)
    const res = nextStep(r.state, 'timeout', 'system')
    if (!res.ok) continue
    const row = res.value
    const entry: HistoryEntry = {
      at: now,
      event: 'timeout',
      state: row.to,
      label: row.label,
      by: 'system',
      byName: '系统',
      proxy: false,
      expectedBy: expectedBy(row, now, r.window),
      note: r.assignee?.name
    }
    const audit: AuditEntry = {
      actor: 'system:assign-timeout',
      action: 'elder-care.timeout',
      target: `care_requests/${r._id}`,
      reason: '派单超时未接单',
      data: { helper: r.assignee?.userId ?? null }
    }
    const patch: Partial<CareRequest> = {
      state: row.to,
      version: r.version + 1,
      assignee: null,
      acceptBy: null,
      updatedAt: now,
      untold: untold(r, audit, now)
    }
    // Lost to an accept that landed first: then the helper has it, which is what we want.
    if (!(await deps.requests.move(r._id, r.state, r.version, patch, entry))) continue
    timedOut++
    await followThrough(deps, { ...r, ...patch, history: [...r.history, entry] })
  }
  return { timedOut }
}

/** Tells the people a move concerns: the elder and proxies of progress, the helper of a new job, staff of a bounce. */
async function tell(deps: ElderCareDeps, r: CareRequest, entry: HistoryEntry): Promise<void> {
  const key = `elder-care.request:${r._id}:${r.history.length}`
  const sends: Array<Promise<void>> = []
  if (entry.event === 'assign' && r.assignee) {
    sends.push(
      deps.notify.notify({
        to: r.assignee.userId,
        kind: 'elder-care.assigned',
        key: `${key}:${r.assignee.userId}`,
        title: '新的上门服务任务',
        body: `${r.serviceName}，${shanghaiTime(r.window.start)}，请在30分钟内确认接单`,
        link: '/pages/elder-care/helper',
        template: 'booking',
        when: r.window.start,
        status: '待接单',
        mustReachBy: r.acceptBy ?? undefined
      })
    )
  }
  if (entry.event === 'decline' || entry.event === 'timeout' || entry.event === 'reopen') {
    const duty = await dutyStaff(deps, entry.at)
    for (const to of duty) {
      sends.push(
        deps.notify.notify({
          to,
          kind: 'elder-care.redispatch',
          key: `${key}:${to}`,
          title: '服务申请需要重新派单',
          body: `${r.elderName}的「${r.serviceName}」：${entry.label}`,
          link: '/pages/elder-care/staff',
          template: 'status',
          status: '待派单'
        })
      )
    }
  }
  for (const to of await familyOf(deps, r.elderId)) {
    sends.push(
      deps.notify.notify({
        to,
        kind: 'elder-care.request-status',
        key: `${key}:${to}`,
        title: `服务进度：${stateLabels[r.state]}`,
        body: `${r.serviceName}：${entry.label}`,
        link: '/pages/elder-care/index',
        template: 'status',
        status: stateLabels[r.state]
      })
    )
  }
  await Promise.all(sends)
}

/** The elder's own account and their active proxies: who follows the elder's requests. */
async function familyOf(deps: ElderCareDeps, elderId: string): Promise<string[]> {
  const elder = await deps.elders.elder(elderId)
  if (!elder) return []
  const [own, proxies] = await Promise.all([
    deps.people.userOfMember(elder.memberId),
    deps.elders.proxiesOfElder(elderId)
  ])
  return [...(own ? [own._id] : []), ...proxies.filter(p => p.active).map(p => p.userId)]
}

/** Where the elder lives and her phone, as a request's view shows them (masked or not, by seesFullAddress). */
type Contact = { door: string; room: string; phone: string | null }

async function viewFor(deps: ElderCareDeps, r: CareRequest, actor: CareActor): Promise<CareRequestView> {
  const elder = await deps.elders.elder(r.elderId)
  return requestView(r, actor, elder ? await contactOf(deps, elder) : { door: '', room: '', phone: null })
}

/** Her door and phone as her case was read with them (`home` along); blank where her profile is gone. */
const contactIn = (hers: ElderCase | null): Contact => ({
  door: hers?.home?.door ?? '',
  room: hers?.home?.room ?? '',
  phone: hers?.home?.phone ?? null
})

function requestView(r: CareRequest, actor: CareActor, contact: Contact): CareRequestView {
  const full = seesFullAddress(actor, r.state)
  return {
    id: r._id,
    elderId: r.elderId,
    elderName: r.elderName,
    serviceName: r.serviceName,
    window: r.window,
    note: r.note,
    state: r.state,
    stateLabel: stateLabels[r.state],
    assignee: r.assignee ? { kind: r.assignee.kind, name: r.assignee.name, orgName: r.assignee.orgName } : null,
    acceptBy: r.acceptBy,
    history: r.history.map(h => ({
      at: h.at,
      label: h.label,
      byName: h.by === 'system' ? '系统' : h.byName,
      proxy: h.proxy,
      expectedBy: h.expectedBy,
      ...(h.note ? { note: h.note } : {})
    })),
    rating: r.rating,
    address: full ? contact.door : maskDoor(contact.door, contact.room),
    phone: full ? (contact.phone ?? '') : maskPhone(contact.phone),
    addressVisible: full,
    actions: eventsFor(r.state, actor).filter(e => e !== 'timeout'),
    checkedInAt: r.checkIn?.at ?? null,
    checkedOutAt: r.checkOut?.at ?? null
  }
}

async function contactOf(deps: ElderCareDeps, elder: ElderProfile): Promise<Contact> {
  const [household, member] = await Promise.all([
    deps.people.household(elder.householdId),
    deps.people.member(elder.memberId)
  ])
  return { door: household?.door ?? '', room: household?.room ?? '', phone: member?.phone ?? null }
}

/** One request, as this caller may see it. */
export async function getCareRequest(
  deps: ElderCareDeps,
  input: { id: string },
  caller: Caller
): Promise<Result<CareRequestView, 'NOT_FOUND' | 'FORBIDDEN'>> {
  // The request, her door and phone, and what the caller is to her, in one read (ReadersCase).
  const read = await deps.requests.readBy(input.id, caller.openId)
  if (!read) return fail('NOT_FOUND', '没有找到这条服务申请')
  const r = read.record
  const actors = actorsIn(caller, r, readsAsOwn(caller, read.readerMemberId, read.elder?.elder ?? null), read.link)
  if (actors[0] === 'other') return fail('FORBIDDEN', '您没有权限查看这条申请')
  // The most revealing role first only where it is allowed (helper after acceptance, elder, proxy).
  const actor = actors.find(a => seesFullAddress(a, r.state)) ?? actors[0]
  if (actor === 'staff' || (actor === 'helper' && seesFullAddress('helper', r.state))) {
    await deps.audit.record({
      actor: caller.openId,
      action: 'elder-care.read-request',
      target: `care_requests/${r._id}`,
      data: { as: actor, full: seesFullAddress(actor, r.state) }
    })
  }
  return ok(requestView(r, actor, contactIn(read.elder)))
}

export async function myCareRequests(
  deps: ElderCareDeps,
  input: { elderId?: string; cursor: string | null },
  caller: Caller
): Promise<Result<Page<CareRequestView>, 'NOT_FOUND' | 'FORBIDDEN'>> {
  // Who acts, a page of her requests, her door and phone, in one read: every request on it is hers.
  const actingRes = await actingWith(deps, caller, input.elderId, { requests: { cursor: input.cursor }, home: true })
  if (!actingRes.ok) return actingRes
  const { actor, case: hers } = actingRes.value
  const page = hers.requests ?? { items: [], cursor: null }
  const contact = contactIn(hers)
  return ok({ items: page.items.map(r => requestView(r, actor, contact)), cursor: page.cursor })
}

/** Staff queue: open requests, oldest first (triage and dispatch). */
export async function careQueue(
  deps: ElderCareDeps,
  input: { cursor: string | null },
  caller: Caller
): Promise<Result<Page<CareRequestView>, never>> {
  // Staff see the community's queue; a grid worker her grid's (none at all without a grid).
  const scope = gridScope(caller)
  if (scope === NO_GRID) return ok({ items: [], cursor: null })
  // Each request with her door and phone (masked for staff by requestView), in one read.
  const page = await deps.requests.inStates(openStates, input.cursor, scope ?? undefined)
  return ok({
    items: page.items.map(({ record, elder }) => requestView(record, 'staff', contactIn(elder))),
    cursor: page.cursor
  })
}

/** A helper's visits: what is assigned to me, newest first. */
export async function myVisits(
  deps: ElderCareDeps,
  input: { cursor: string | null },
  caller: Caller
): Promise<Result<Page<CareRequestView>, never>> {
  // Each visit with her door and phone (shown only while the visit is hers to make), in one read.
  const page = await deps.requests.ofHelper(caller.openId, input.cursor)
  return ok({
    items: page.items.map(({ record, elder }) => requestView(record, 'helper', contactIn(elder))),
    cursor: page.cursor
  })
}

export async function careKpiReport(
  deps: ElderCareDeps,
  input: { from: Date; to: Date },
  _caller: Caller
): Promise<Result<CareKpis, never>> {
  const list = await deps.requests.createdBetween(input.from, input.to)
  return ok(careKpis(list.map(r => ({ state: r.state, createdAt: r.createdAt, rating: r.rating, history: r.history }))))
}
