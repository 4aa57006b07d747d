/**
 * SOS (紧急呼叫): press → duty staff and the grid worker are alerted at once; nobody acknowledges
 * in 2 minutes → family contacts; then the admin. Acknowledging stops the ladder, resolving
 * closes the call with a note, a cancel within 10 s stops a mistaken press. Every step is
 * timed and logged in the call's `steps` and the audit.
 *
 * The ladder runs from a one-minute timer and is also checked whenever staff look at or answer
 * SOS calls; each level is sent, then claimed by one conditional update, so racing runners send
 * once (notices are deduped by key) and advance once.
 */
import type { Caller } from '../community/caller'
import { maskPhone } from '../community/mask-phone'
import type { Notice, PhoneContact } from '../notifications/notify.port'
import type { Result } from '../shared/wire'
import { fail, ok } from '../shared/wire'
import { actingFor } from './acting'
import type { ElderProfile, SosCall, SosState, SosStep } from './elder-care.model'
import type { ElderCareDeps, Page } from './elder-care.ports'
import { dutyStaff } from './on-duty'
import { SOS_CANCEL_WINDOW_MS, canCancel, dueAt, dueLevel, ladderLevel, type SosLevel } from './sos-ladder'

export const sosStateLabels: Record<SosState, string> = {
  open: '正在呼叫，等待工作人员响应',
  acknowledged: '工作人员已响应，正在赶来',
  resolved: '已处理完毕',
  cancelled: '已取消（误按）'
}

export interface SosView {
  id: string
  elderId: string
  elderName: string
  state: SosState
  stateLabel: string
  pressedAt: Date
  proxy: boolean
  cancelUntil: Date
  steps: Array<{ label: string, at: Date, told: string[] }>
  ackBy: { name: string, at: Date } | null
  resolved: { name: string, at: Date, note: string } | null
  /** Staff only: what a responder needs. */
  responder?: { address: string, phone: string, careNotes: string, familyContacts: Array<{ name: string, relation: string, phone: string }> }
}

interface ElderFacts { elder: ElderProfile, address: string, phone: string | null, gridWorker: string | null }

async function factsOf (deps: ElderCareDeps, elder: ElderProfile): Promise<ElderFacts> {
  const [household, member, grid] = await Promise.all([
    deps.people.household(elder.householdId), deps.people.member(elder.memberId), deps.people.grid(elder.gridId)
  ])
  return { elder, address: household?.door ?? '', phone: member?.phone ?? null, gridWorker: grid?.workerUserId ?? null }
}

function alertOf (call: SosCall, facts: ElderFacts, level: SosLevel, to: string | PhoneContact, now: Date): Notice {
  const who = typeof to === 'string' ? to : to.phone
  const notes = facts.elder.careNotes ? `；照护提示：${facts.elder.careNotes}` : ''
  return {
    to,
    kind: 'elder-care.sos',
    key: `elder-care.sos:${call._id}:L${level.level}:${who}`,
    title: `紧急呼叫：${facts.elder.name}`,
    body: `${facts.elder.name}（${facts.address}，电话${maskPhone(facts.phone)}）按下了紧急呼叫${level.level > 1 ? '，已超过2分钟无人响应' : ''}${notes}。请立即联系并在小程序中点“我来处理”。`,
    link: '/pages/elder-care/staff',
    template: 'alert',
    urgent: true,
    when: call.pressedAt,
    place: facts.address,
    status: '待响应',
    mustReachBy: new Date(now.getTime() + 2 * 60_000)
  }
}

/** Who a ladder level reaches: OPENIDs and phone-only contacts. */
async function audienceOf (deps: ElderCareDeps, level: SosLevel, facts: ElderFacts, now: Date, duty?: string[]): Promise<{ users: string[], phones: PhoneContact[], names: string[] | null }> {
  if (level.audience === 'duty_and_grid') {
    const users = [...new Set([...(duty ?? await dutyStaff(deps, now)), ...(facts.gridWorker ? [facts.gridWorker] : [])])]
    return { users, phones: [], names: null }
  }
  if (level.audience === 'family') {
    const proxies = (await deps.elders.proxiesOfElder(facts.elder._id)).filter(p => p.active)
    const users = new Set(proxies.map(p => p.userId))
    const phones: PhoneContact[] = []
    for (const c of facts.elder.familyContacts) {
      if (c.userId) users.add(c.userId)
      // Family contacts are always phoned as well: an inbox item may go unread in an emergency.
      phones.push({ name: c.name, phone: c.phone })
    }
    return { users: [...users], phones, names: facts.elder.familyContacts.map(c => `${c.relation}${c.name}`) }
  }
  const admins = (await deps.people.usersWithRole('admin'))
  return { users: admins.map(u => u._id), phones: [], names: admins.map(u => u.name) }
}

async function namesOf (deps: ElderCareDeps, ids: string[]): Promise<string[]> {
  return (await Promise.all(ids.map(async id => (await deps.people.user(id))?.name ?? id)))
}

async function sendLevel (deps: ElderCareDeps, call: SosCall, facts: ElderFacts, level: SosLevel, now: Date, duty?: string[]): Promise<{ step: SosStep, users: string[] }> {
  const { users, phones, names } = await audienceOf(deps, level, facts, now, duty)
  // The names for the log are looked up while the alerts go out: they must not delay an SOS.
  const [told] = await Promise.all([
    names ?? namesOf(deps, users),
    ...[...users, ...phones].map(async to => await deps.notify.notify(alertOf(call, facts, level, to, now)))
  ])
  return { step: { level: level.level, label: level.label, at: now, told }, users }
}

export async function pressSos (deps: ElderCareDeps, input: { elderId?: string }, caller: Caller): Promise<Result<SosView, string>> {
  const actingRes = await actingFor(deps, caller, input.elderId)
  if (!actingRes.ok) return actingRes
  const acting = actingRes.value
  const { elder } = acting
  const now = deps.clock.now()
  const id = `sos-${deps.newId()}`
  // One open call per elder: a second press (or a double tap) joins the call already ringing
  // instead of starting a second ladder. The lock's deterministic _id makes this hold under races.
  // The facts and the duty list are read while the lock is taken: every round trip saved is
  // time before someone hears the call.
  const by = { pressedBy: caller.openId, proxy: acting.proxy }
  const [lockedFirst, facts, duty] = await Promise.all([deps.sos.lockOpen(elder._id, id, now, by), factsOf(deps, elder), dutyStaff(deps, now)])
  let locked = lockedFirst
  if (!locked) {
    const held = await deps.sos.lockOf(elder._id)
    const heldCall = held ? await deps.sos.get(held.callId) : null
    // A closed call still holding the lock: its cancel or resolve stopped before unlocking. It
    // must not swallow a new alarm: free the lock (only that call's) and take it again.
    if (held && (heldCall?.state === 'cancelled' || heldCall?.state === 'resolved')) {
      await deps.sos.unlock(elder._id, held.callId)
      locked = await deps.sos.lockOpen(elder._id, id, now, by)
    }
  }
  if (!locked) {
    const lock = await deps.sos.lockOf(elder._id)
    const open = lock ? await deps.sos.get(lock.callId) : null
    if (open) return ok(viewOf(open, null))
    if (!lock) return fail('CONFLICT', '呼叫正在发出，请稍候')
    // The press that took the lock stopped before recording its call (a failed request, cut off
    // at its timeout): this press finishes THAT call, under its id, so whoever it already
    // alerted is not alerted twice (alerts are keyed by call and level).
    return ok(viewOf(await startCall(deps, elder, lock.callId, { pressedBy: lock.pressedBy ?? caller.openId, proxy: lock.proxy ?? acting.proxy }, new Date(lock.at), facts, duty, caller.openId), null))
  }
  return ok(viewOf(await startCall(deps, elder, id, by, now, facts, duty, caller.openId), null))
}

/**
 * Sends level 1 and records the call. A press that stops between the two leaves the elder's lock
 * pointing at a call that does not exist; the next press, or the ladder timer, runs this again
 * with the lock's call id: alerts are keyed, the call is created once.
 */
async function startCall (
  deps: ElderCareDeps, elder: ElderProfile, id: string, by: { pressedBy: string, proxy: boolean }, pressedAt: Date,
  facts: ElderFacts, duty: string[] | undefined, actor: string
): Promise<SosCall> {
  const now = deps.clock.now()
  const first = ladderLevel(1)!
  const call: SosCall = {
    _id: id, elderId: elder._id, elderName: elder.name, gridId: elder.gridId, state: 'open',
    pressedBy: by.pressedBy, proxy: by.proxy, pressedAt,
    level: 2, nextStepAt: dueAt(pressedAt, 2), steps: [], told: [], ackBy: null, resolved: null, cancelledAt: null
  }
  const { step, users } = await sendLevel(deps, call, facts, first, now, duty)
  call.steps = [{ level: 0, label: by.proxy ? '家属代为发出紧急呼叫' : '按下紧急呼叫', at: pressedAt, told: [] }, step]
  call.told = users
  const [created] = await Promise.all([
    deps.sos.create(call),
    deps.audit.record({ actor, action: 'elder-care.sos-press', target: `sos_calls/${id}`, reason: by.proxy ? '家属代办' : undefined, data: { elderId: elder._id, told: users.length } })
  ])
  return created ? call : ((await deps.sos.get(id)) ?? call)
}

/** A press that stopped before recording its call is finished after this long (any earlier and it is most likely still running; finishing it twice is harmless, alerts are keyed). */
const PRESS_HALF_DONE_MS = 10_000

/** Sends every level that is due on every open call; the timer calls it, and so do staff reads. */
export async function runSosLadder (deps: ElderCareDeps, now: Date): Promise<{ escalated: number, finished: number }> {
  let finished = 0
  for (const lock of await deps.sos.locksBefore(new Date(now.getTime() - PRESS_HALF_DONE_MS))) {
    if (await deps.sos.get(lock.callId)) continue
    const elder = await deps.elders.elder(lock._id)
    if (!elder) continue
    await startCall(deps, elder, lock.callId, { pressedBy: lock.pressedBy ?? 'system:sos-ladder', proxy: lock.proxy ?? false }, new Date(lock.at), await factsOf(deps, elder), undefined, 'system:sos-ladder')
    finished++
  }
  let escalated = 0
  for (const call of await deps.sos.dueForLadder(now)) {
    const level = dueLevel(call, now)
    if (!level) continue
    const elder = await deps.elders.elder(call.elderId)
    if (!elder) continue
    // Send first, then claim: a crash between the two re-sends on the next tick (deduped by key)
    // rather than losing the level; of two racing runners only one advance applies.
    const { step, users } = await sendLevel(deps, call, await factsOf(deps, elder), level, now)
    if (await deps.sos.advance(call._id, call.level, dueAt(call.pressedAt, call.level + 1), step, users)) {
      escalated++
      await deps.audit.record({ actor: 'system:sos-ladder', action: 'elder-care.sos-escalate', target: `sos_calls/${call._id}`, reason: level.label, data: { level: level.level, told: step.told.length } })
    }
  }
  return { escalated, finished }
}

async function callFor (deps: ElderCareDeps, id: string): Promise<Result<SosCall, string>> {
  const call = await deps.sos.get(id)
  return call ? ok(call) : fail('NOT_FOUND', '没有找到这次呼叫')
}

export async function cancelSos (deps: ElderCareDeps, input: { id: string }, caller: Caller): Promise<Result<SosView, string>> {
  const found = await callFor(deps, input.id)
  if (!found.ok) return found
  const call = found.value
  const acting = await actingFor(deps, caller, call.elderId)
  if (!acting.ok) return acting
  const now = deps.clock.now()
  if (!canCancel(call, now)) {
    return fail('SOS_CANCEL_TOO_LATE', call.state === 'open' ? '已超过10秒，工作人员已收到呼叫；如是误按，请接电话时告诉他们' : '这次呼叫已经有人处理了')
  }
  const step: SosStep = { level: call.level, label: '误按，已取消呼叫', at: now, told: [] }
  if (!await deps.sos.close(call._id, 'open', { state: 'cancelled', cancelledAt: now, nextStepAt: null }, step)) {
    return fail('CONFLICT', '这次呼叫已经有人处理了')
  }
  await deps.sos.unlock(call.elderId, call._id)
  await deps.audit.record({ actor: caller.openId, action: 'elder-care.sos-cancel', target: `sos_calls/${call._id}`, reason: '误按取消' })
  await Promise.all(call.told.map(async to => await deps.notify.notify({
    to, kind: 'elder-care.sos-cancelled', key: `elder-care.sos-cancelled:${call._id}:${to}`,
    title: `紧急呼叫已取消：${call.elderName}`, body: `${call.elderName}在10秒内取消了呼叫（误按），无需出动。`,
    link: '/pages/elder-care/staff', template: 'alert', urgent: true
  })))
  return ok(viewOf({ ...call, state: 'cancelled', cancelledAt: now, nextStepAt: null, steps: [...call.steps, step] }, null))
}

export async function ackSos (deps: ElderCareDeps, input: { id: string }, caller: Caller): Promise<Result<SosView, string>> {
  const found = await callFor(deps, input.id)
  if (!found.ok) return found
  const call = found.value
  const now = deps.clock.now()
  const ackBy = { userId: caller.openId, name: caller.name ?? '', at: now }
  const step: SosStep = { level: call.level, label: `${ackBy.name}已响应`, at: now, told: [] }
  // Only from open: two responders pressing at once → one acknowledgement, the other sees who.
  if (!await deps.sos.close(call._id, 'open', { state: 'acknowledged', ackBy, nextStepAt: null }, step)) {
    const now2 = await deps.sos.get(call._id)
    if (now2?.state === 'acknowledged') return ok(viewOf(now2, await responderOf(deps, now2, caller)))
    return fail('CONFLICT', '这次呼叫已结束')
  }
  const acked: SosCall = { ...call, state: 'acknowledged', ackBy, nextStepAt: null, steps: [...call.steps, step] }
  await deps.audit.record({ actor: caller.openId, action: 'elder-care.sos-ack', target: `sos_calls/${call._id}`, data: { afterMs: now.getTime() - new Date(call.pressedAt).getTime() } })
  await tellFamily(deps, acked, `${ackBy.name}已响应您的紧急呼叫，正在赶来`)
  await runSosLadder(deps, now)
  return ok(viewOf(acked, await responderOf(deps, acked, caller)))
}

export async function resolveSos (deps: ElderCareDeps, input: { id: string, note: string }, caller: Caller): Promise<Result<SosView, string>> {
  const found = await callFor(deps, input.id)
  if (!found.ok) return found
  const call = found.value
  const now = deps.clock.now()
  const resolved = { userId: caller.openId, name: caller.name ?? '', at: now, note: input.note }
  const step: SosStep = { level: call.level, label: `已处理：${input.note}`, at: now, told: [] }
  const patch = { state: 'resolved' as const, resolved, nextStepAt: null, ackBy: call.ackBy ?? { userId: caller.openId, name: caller.name ?? '', at: now } }
  const applied = await deps.sos.close(call._id, 'acknowledged', patch, step) || await deps.sos.close(call._id, 'open', patch, step)
  if (!applied) return fail('CONFLICT', '这次呼叫已经结束')
  await deps.sos.unlock(call.elderId, call._id)
  await deps.audit.record({ actor: caller.openId, action: 'elder-care.sos-resolve', target: `sos_calls/${call._id}`, reason: input.note })
  const done: SosCall = { ...call, ...patch, steps: [...call.steps, step] }
  await tellFamily(deps, done, `紧急呼叫已处理：${input.note}`)
  return ok(viewOf(done, await responderOf(deps, done, caller)))
}

/** The elder's account and proxies hear progress in their inbox. */
async function tellFamily (deps: ElderCareDeps, call: SosCall, body: string): Promise<void> {
  const elder = await deps.elders.elder(call.elderId)
  if (!elder) return
  const [own, proxies] = await Promise.all([deps.people.userOfMember(elder.memberId), deps.elders.proxiesOfElder(elder._id)])
  const to = [...(own ? [own._id] : []), ...proxies.filter(p => p.active).map(p => p.userId)]
  await Promise.all(to.map(async t => await deps.notify.notify({
    to: t, kind: 'elder-care.sos-progress', key: `elder-care.sos-progress:${call._id}:${call.state}:${t}`,
    title: '紧急呼叫进展', body, link: '/pages/elder-care/index', template: 'alert', urgent: true, status: sosStateLabels[call.state]
  })))
}

async function responderOf (deps: ElderCareDeps, call: SosCall, _caller: Caller): Promise<SosView['responder']> {
  const elder = await deps.elders.elder(call.elderId)
  if (!elder) return undefined
  const facts = await factsOf(deps, elder)
  return {
    address: facts.address,
    phone: facts.phone ?? '',
    careNotes: elder.careNotes ?? '',
    familyContacts: elder.familyContacts.map(c => ({ name: c.name, relation: c.relation, phone: c.phone }))
  }
}

function viewOf (call: SosCall, responder: SosView['responder'] | null): SosView {
  return {
    id: call._id,
    elderId: call.elderId,
    elderName: call.elderName,
    state: call.state,
    stateLabel: sosStateLabels[call.state],
    pressedAt: call.pressedAt,
    proxy: call.proxy,
    cancelUntil: new Date(new Date(call.pressedAt).getTime() + SOS_CANCEL_WINDOW_MS),
    steps: call.steps.map(s => ({ label: s.label, at: s.at, told: s.told })),
    ackBy: call.ackBy ? { name: call.ackBy.name, at: call.ackBy.at } : null,
    resolved: call.resolved ? { name: call.resolved.name, at: call.resolved.at, note: call.resolved.note } : null,
    ...(responder ? { responder } : {})
  }
}

/** Staff: open and acknowledged calls, oldest first, with what a responder needs. Checks the ladder first. */
export async function openSos (deps: ElderCareDeps, input: { cursor: string | null }, caller: Caller): Promise<Result<Page<SosView>, never>> {
  await runSosLadder(deps, deps.clock.now())
  const page = await deps.sos.open(input.cursor)
  const items = await Promise.all(page.items.map(async c => viewOf(c, await responderOf(deps, c, caller))))
  if (items.length) {
    await deps.audit.record({ actor: caller.openId, action: 'elder-care.read-sos', target: 'sos_calls', reason: '查看待处理紧急呼叫（含地址电话）', data: { calls: items.length } })
  }
  return ok({ items, cursor: page.cursor })
}

/**
 * For the top of a responder's home page: only how many calls wait, never who or where (the
 * details are on the staff desk, where reading them is audited).
 */
export async function sosSummary (deps: ElderCareDeps): Promise<Result<{ open: number, unacknowledged: number }, never>> {
  await runSosLadder(deps, deps.clock.now())
  return ok(await deps.sos.countOpen())
}

/** The elder (or proxy): my latest call and where it stands. */
export async function mySos (deps: ElderCareDeps, input: { elderId?: string }, caller: Caller): Promise<Result<SosView | null, string>> {
  const actingRes = await actingFor(deps, caller, input.elderId)
  if (!actingRes.ok) return actingRes
  const acting = actingRes.value
  const call = await deps.sos.latestOf(acting.elder._id)
  return ok(call ? viewOf(call, null) : null)
}
