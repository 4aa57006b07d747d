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
import type { Notice, PhoneContact } from '../notifications/notify.ports'
import type { Result } from '../shared/wire'
import { fail, ok } from '../shared/wire'
import { hasAnyRole } from '../community/caller'
import { policies } from '../community/roles'
import { actingFor, actingWith, readsAsOwn } from './acting.rule'
import type { ElderProfile, ProxyLink, SosCall, SosState, SosStep } from './elder-care.model'
import type { ElderCareDeps, ElderCase } from './elder-care.ports'
import type { SosView } from './elder-care.views'
import type { Page } from '../shared/page'
import { dutyStaff } from './on-duty.rule'
import {
  SOS_CANCEL_WINDOW_MS,
  canCancel,
  dueAt,
  dueLevel,
  familyLevelLabel,
  ladderLevel,
  type SosLevel
} from './sos-ladder.rule'
import { familyAlertWords, kinName, progressWords, sosStatusLine, sosTitle } from './sos-words.rule'

export const sosStateLabels: Record<SosState, string> = {
  open: '正在呼叫，等待工作人员响应',
  acknowledged: '工作人员已响应，正在赶来',
  resolved: '已处理完毕',
  cancelled: '已取消（误按）'
}

interface ElderFacts {
  elder: ElderProfile
  address: string
  phone: string | null
  gridWorker: string | null
  gender: 'F' | 'M' | null
}

async function factsOf(deps: ElderCareDeps, elder: ElderProfile): Promise<ElderFacts> {
  const [household, member, grid] = await Promise.all([
    deps.people.household(elder.householdId),
    deps.people.member(elder.memberId),
    deps.people.grid(elder.gridId)
  ])
  return {
    elder,
    address: household?.door ?? '',
    phone: member?.phone ?? null,
    gridWorker: grid?.workerUserId ?? null,
    gender: member?.gender ?? null
  }
}

/** All of one call's notices share this cause: settling it clears the phone follow-up list. */
const causeOf = (callId: string): string => `elder-care.sos:${callId}`
const familyLink = (callId: string): string => `/pages/elder-care/sos?id=${callId}`

interface Kin {
  userId: string
  name: string
  relation: string
}

/**
 * The elder's family who use Linli: consented proxies (家属代办) and family contacts the elder
 * named with their account. They are told of a call at once, in their own words.
 */
async function familyOf(deps: ElderCareDeps, elder: ElderProfile): Promise<Kin[]> {
  const kin = new Map<string, Kin>()
  for (const p of await deps.elders.proxiesOfElder(elder._id)) {
    if (p.active) kin.set(p.userId, { userId: p.userId, name: p.name, relation: p.relation })
  }
  for (const c of elder.familyContacts) {
    if (c.userId && !kin.has(c.userId)) kin.set(c.userId, { userId: c.userId, name: c.name, relation: c.relation })
  }
  return [...kin.values()]
}

function familyAlertOf(
  call: SosCall,
  facts: ElderFacts,
  level: number,
  to: string | PhoneContact,
  relation: string,
  now: Date
): Notice {
  const who = typeof to === 'string' ? to : to.phone
  const words = familyAlertWords(kinName(facts.elder.name, relation, facts.gender), facts.gender, level)
  return {
    to,
    kind: level <= 1 ? 'elder-care.sos-family' : 'elder-care.sos',
    key: `elder-care.sos:${call._id}:L${level}:${who}`,
    ...words,
    link: familyLink(call._id),
    template: 'alert',
    urgent: true,
    when: call.pressedAt,
    status: '待响应',
    cause: causeOf(call._id),
    // At the press the family is told, not yet asked to act: staff are. From level 2 they must be reached.
    ...(level > 1 ? { mustReachBy: new Date(now.getTime() + 2 * 60_000) } : {})
  }
}

/** The press's family line; level 2 reads it to say whether the family hears for the first time. */
const FAMILY_TOLD_AT_PRESS = '已通知家属'

/** At the press: the family hears at once (the home card promises 通知网格员和家属), not only after 2 minutes. */
async function tellFamilyPressed(
  deps: ElderCareDeps,
  call: SosCall,
  facts: ElderFacts,
  now: Date
): Promise<SosStep | null> {
  // The proxy who pressed it knows already.
  const kin = (await familyOf(deps, facts.elder)).filter(k => k.userId !== call.pressedBy)
  if (kin.length === 0) return null
  await Promise.all(
    kin.map(async k => await deps.notify.notify(familyAlertOf(call, facts, 1, k.userId, k.relation, now)))
  )
  return { level: 1, label: FAMILY_TOLD_AT_PRESS, at: now, told: kin.map(k => `${k.relation}${k.name}`) }
}

function alertOf(call: SosCall, facts: ElderFacts, level: SosLevel, to: string | PhoneContact, now: Date): Notice {
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
    mustReachBy: new Date(now.getTime() + 2 * 60_000),
    cause: causeOf(call._id)
  }
}

/** Who a ladder level reaches: OPENIDs and phone-only contacts. */
async function audienceOf(
  deps: ElderCareDeps,
  level: SosLevel,
  facts: ElderFacts,
  now: Date,
  duty?: string[]
): Promise<{ users: string[]; phones: PhoneContact[]; names: string[] | null; relations?: Map<string, string> }> {
  if (level.audience === 'duty_and_grid') {
    const users = [
      ...new Set([...(duty ?? (await dutyStaff(deps, now))), ...(facts.gridWorker ? [facts.gridWorker] : [])])
    ]
    return { users, phones: [], names: null }
  }
  if (level.audience === 'family') {
    const kin = await familyOf(deps, facts.elder)
    // Keyed by OPENID or phone: the family is addressed by what the elder is to them (您的母亲…).
    const relations = new Map(kin.map(k => [k.userId, k.relation]))
    const phones: PhoneContact[] = []
    for (const c of facts.elder.familyContacts) {
      // Family contacts are always phoned as well: an inbox item may go unread in an emergency.
      phones.push({ name: c.name, phone: c.phone })
      relations.set(c.phone, c.relation)
    }
    // Everyone told, once: the family in the app and the contacts phoned (a contact with an account is both).
    const names = [
      ...new Set([
        ...kin.map(k => `${k.relation}${k.name}`),
        ...facts.elder.familyContacts.map(c => `${c.relation}${c.name}`)
      ])
    ]
    return { users: kin.map(k => k.userId), phones, names, relations }
  }
  const admins = await deps.people.usersWithRole('admin')
  return { users: admins.map(u => u._id), phones: [], names: admins.map(u => u.name) }
}

async function namesOf(deps: ElderCareDeps, ids: string[]): Promise<string[]> {
  return await Promise.all(ids.map(async id => (await deps.people.user(id))?.name ?? id))
}

async function sendLevel(
  deps: ElderCareDeps,
  call: SosCall,
  facts: ElderFacts,
  level: SosLevel,
  now: Date,
  duty?: string[]
): Promise<{ step: SosStep; users: string[] }> {
  const { users, phones, names, relations } = await audienceOf(deps, level, facts, now, duty)
  const noticeTo = (to: string | PhoneContact): Notice =>
    relations
      ? familyAlertOf(call, facts, level.level, to, relations.get(typeof to === 'string' ? to : to.phone) ?? '', now)
      : alertOf(call, facts, level, to, now)
  // The names for the log are looked up while the alerts go out: they must not delay an SOS.
  const [told] = await Promise.all([
    names ?? namesOf(deps, users),
    ...[...users, ...phones].map(async to => await deps.notify.notify(noticeTo(to)))
  ])
  const label =
    level.audience === 'family'
      ? familyLevelLabel({
          toldAtPress: call.steps.some(s => s.level === 1 && s.label === FAMILY_TOLD_AT_PRESS),
          told,
          phoned: phones.length
        })
      : level.label
  return { step: { level: level.level, label, at: now, told }, users }
}

export async function pressSos(
  deps: ElderCareDeps,
  input: { elderId?: string },
  caller: Caller
): Promise<Result<SosView, 'NOT_FOUND' | 'FORBIDDEN' | 'CONFLICT'>> {
  const actingRes = await actingFor(deps, caller, input.elderId)
  if (!actingRes.ok) return actingRes
  const acting = actingRes.value
  const { elder } = acting
  const now = deps.clock.now()
  const id = deps.newId('sos')
  // One open call per elder: a second press (or a double tap) joins the call already ringing
  // instead of starting a second ladder. The lock's deterministic _id makes this hold under races.
  // The facts and the duty list are read while the lock is taken: every round trip saved is
  // time before someone hears the call.
  const by = { pressedBy: caller.openId, proxy: acting.proxy }
  const [lockedFirst, facts, duty] = await Promise.all([
    deps.sos.lockOpen(elder._id, id, now, by),
    factsOf(deps, elder),
    dutyStaff(deps, now)
  ])
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
    return ok(
      viewOf(
        await startCall(
          deps,
          elder,
          lock.callId,
          { pressedBy: lock.pressedBy ?? caller.openId, proxy: lock.proxy ?? acting.proxy },
          new Date(lock.at),
          facts,
          duty,
          caller.openId
        ),
        null
      )
    )
  }
  return ok(viewOf(await startCall(deps, elder, id, by, now, facts, duty, caller.openId), null))
}

/**
 * Sends level 1 and records the call. A press that stops between the two leaves the elder's lock
 * pointing at a call that does not exist; the next press, or the ladder timer, runs this again
 * with the lock's call id: alerts are keyed, the call is created once.
 */
async function startCall(
  deps: ElderCareDeps,
  elder: ElderProfile,
  id: string,
  by: { pressedBy: string; proxy: boolean },
  pressedAt: Date,
  facts: ElderFacts,
  duty: string[] | undefined,
  actor: string
): Promise<SosCall> {
  const now = deps.clock.now()
  const first = ladderLevel(1)!
  const call: SosCall = {
    _id: id,
    elderId: elder._id,
    elderName: elder.name,
    gridId: elder.gridId,
    state: 'open',
    pressedBy: by.pressedBy,
    proxy: by.proxy,
    pressedAt,
    level: 2,
    nextStepAt: dueAt(pressedAt, 2),
    steps: [],
    told: [],
    ackBy: null,
    resolved: null,
    cancelledAt: null
  }
  // Family alerts are keyed by call like the level's, so a press finished twice tells them once.
  const [{ step, users }, familyStep] = await Promise.all([
    sendLevel(deps, call, facts, first, now, duty),
    tellFamilyPressed(deps, call, facts, now)
  ])
  call.steps = [
    { level: 0, label: by.proxy ? '家属代为发出紧急呼叫' : '按下紧急呼叫', at: pressedAt, told: [] },
    step,
    ...(familyStep ? [familyStep] : [])
  ]
  call.told = users
  const [created] = await Promise.all([
    deps.sos.create(call),
    deps.audit.record({
      actor,
      action: 'elder-care.sos-press',
      target: `sos_calls/${id}`,
      reason: by.proxy ? '家属代办' : undefined,
      data: { elderId: elder._id, told: users.length }
    })
  ])
  return created ? call : ((await deps.sos.get(id)) ?? call)
}

/**
 * A press that stopped before recording its call is finished after this long (any earlier and it is most likely still
 * running; finishing it twice is harmless, alerts are keyed).
 */
const PRESS_HALF_DONE_MS = 10_000

/** Sends every level that is due on every open call; the timer calls it, and so do staff reads. */
export async function runSosLadder(deps: ElderCareDeps, now: Date): Promise<{ escalated: number; finished: number }> {
  let finished = 0
  for (const lock of await deps.sos.locksBefore(new Date(now.getTime() - PRESS_HALF_DONE_MS))) {
    if (await deps.sos.get(lock.callId)) continue
    const elder = await deps.elders.elder(lock._id)
    if (!elder) continue
    await startCall(
      deps,
      elder,
      lock.callId,
      { pressedBy: lock.pressedBy ?? 'system:sos-ladder', proxy: lock.proxy ?? false },
      new Date(lock.at),
      await factsOf(deps, elder),
      undefined,
      'system:sos-ladder'
    )
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
      await deps.audit.record({
        actor: 'system:sos-ladder',
        action: 'elder-care.sos-escalate',
        target: `sos_calls/${call._id}`,
        reason: level.label,
        data: { level: level.level, told: step.told.length }
      })
    }
  }
  return { escalated, finished }
}

async function callFor(deps: ElderCareDeps, id: string): Promise<Result<SosCall, 'NOT_FOUND'>> {
  const call = await deps.sos.get(id)
  return call ? ok(call) : fail('NOT_FOUND', callMissing)
}

const callMissing = '没有找到这次呼叫'

export async function cancelSos(
  deps: ElderCareDeps,
  input: { id: string },
  caller: Caller
): Promise<Result<SosView, 'NOT_FOUND' | 'FORBIDDEN' | 'SOS_CANCEL_TOO_LATE' | 'CONFLICT'>> {
  const found = await callFor(deps, input.id)
  if (!found.ok) return found
  const call = found.value
  const acting = await actingFor(deps, caller, call.elderId)
  if (!acting.ok) return acting
  // Cancelled already: this is the retry of a cancel whose answer was lost, or that stopped after
  // closing the call. It is cancelled, so say so, and finish what may not have happened.
  if (call.state === 'cancelled') return ok(viewOf(await followThroughCancel(deps, call, caller), null))
  const now = deps.clock.now()
  if (!canCancel(call, now)) {
    return fail(
      'SOS_CANCEL_TOO_LATE',
      call.state === 'open' ? '已超过10秒，工作人员已收到呼叫；如是误按，请接电话时告诉他们' : '这次呼叫已经有人处理了'
    )
  }
  const step: SosStep = { level: call.level, label: '误按，已取消呼叫', at: now, told: [] }
  if (!(await deps.sos.close(call._id, 'open', { state: 'cancelled', cancelledAt: now, nextStepAt: null }, step))) {
    const current = await deps.sos.get(call._id)
    // Two taps of 取消 at once (the elder's and a family member's): both mean the same.
    if (current?.state === 'cancelled') return ok(viewOf(await followThroughCancel(deps, current, caller), null))
    return fail('CONFLICT', '这次呼叫已经有人处理了')
  }
  const cancelled: SosCall = {
    ...call,
    state: 'cancelled',
    cancelledAt: now,
    nextStepAt: null,
    steps: [...call.steps, step]
  }
  return ok(viewOf(await followThroughCancel(deps, cancelled, caller), null))
}

/**
 * What follows a cancel, each step safe to run again (a retry after a stop half-way): free the
 * elder's lock, one audit entry (keyed), settle the follow-ups, stand everyone down (keyed notices).
 */
async function followThroughCancel(deps: ElderCareDeps, cancelled: SosCall, caller: Caller): Promise<SosCall> {
  await deps.sos.unlock(cancelled.elderId, cancelled._id)
  await deps.audit.record({
    actor: caller.openId,
    action: 'elder-care.sos-cancel',
    target: `sos_calls/${cancelled._id}`,
    reason: '误按取消',
    key: `elder-care.sos-cancel:${cancelled._id}`
  })
  const family = await tellFamily(deps, cancelled, caller.openId)
  await Promise.all([
    deps.notify.settle(causeOf(cancelled._id), '误按已取消，无需回访'),
    ...cancelled.told
      .filter(to => !family.has(to))
      .map(
        async to =>
          await deps.notify.notify({
            to,
            kind: 'elder-care.sos-cancelled',
            key: `elder-care.sos-cancelled:${cancelled._id}:${to}`,
            title: `紧急呼叫已取消：${cancelled.elderName}`,
            body: `${cancelled.elderName}在10秒内取消了呼叫（误按），无需出动。`,
            link: '/pages/elder-care/staff',
            template: 'alert',
            urgent: true
          })
      )
  ])
  return cancelled
}

export async function ackSos(
  deps: ElderCareDeps,
  input: { id: string },
  caller: Caller
): Promise<Result<SosView, 'NOT_FOUND' | 'CONFLICT'>> {
  const found = await callFor(deps, input.id)
  if (!found.ok) return found
  const call = found.value
  const now = deps.clock.now()
  const ackBy = { userId: caller.openId, name: caller.name ?? '', at: now }
  const step: SosStep = {
    level: call.level,
    label: `${ackBy.name}已响应`,
    at: now,
    told: [],
    by: { userId: ackBy.userId, name: ackBy.name }
  }
  // Only from open: two responders pressing at once → one acknowledgement, the other sees who.
  if (!(await deps.sos.close(call._id, 'open', { state: 'acknowledged', ackBy, nextStepAt: null }, step))) {
    const now2 = await deps.sos.get(call._id)
    if (now2?.state !== 'acknowledged') return fail('CONFLICT', '这次呼叫已结束')
    // Their own acknowledgement, retried (the answer was lost, or it stopped after the close):
    // finish what may not have happened. Someone else's: they see who answered.
    if (now2.ackBy?.userId === caller.openId) await followThroughAck(deps, now2, caller, now)
    return ok(viewOf(now2, await responderOf(deps, now2, caller)))
  }
  const acked: SosCall = { ...call, state: 'acknowledged', ackBy, nextStepAt: null, steps: [...call.steps, step] }
  await followThroughAck(deps, acked, caller, now)
  return ok(viewOf(acked, await responderOf(deps, acked, caller)))
}

/** What follows an acknowledgement, each step safe to run again: audit (keyed), follow-ups, family, ladder. */
async function followThroughAck(deps: ElderCareDeps, acked: SosCall, caller: Caller, now: Date): Promise<void> {
  const ackBy = acked.ackBy ?? { userId: caller.openId, name: caller.name ?? '', at: now }
  await deps.audit.record({
    actor: caller.openId,
    action: 'elder-care.sos-ack',
    target: `sos_calls/${acked._id}`,
    data: { afterMs: new Date(ackBy.at).getTime() - new Date(acked.pressedAt).getTime() },
    key: `elder-care.sos-ack:${acked._id}`
  })
  await Promise.all([
    deps.notify.settle(causeOf(acked._id), `${ackBy.name}已响应，无需回访`),
    tellFamily(deps, acked, caller.openId)
  ])
  await runSosLadder(deps, now)
}

export async function resolveSos(
  deps: ElderCareDeps,
  input: { id: string; note: string },
  caller: Caller
): Promise<Result<SosView, 'NOT_FOUND' | 'CONFLICT'>> {
  const found = await callFor(deps, input.id)
  if (!found.ok) return found
  const call = found.value
  const now = deps.clock.now()
  const resolved = { userId: caller.openId, name: caller.name ?? '', at: now, note: input.note }
  const step: SosStep = { level: call.level, label: `已处理：${input.note}`, at: now, told: [] }
  const patch = {
    state: 'resolved' as const,
    resolved,
    nextStepAt: null,
    ackBy: call.ackBy ?? { userId: caller.openId, name: caller.name ?? '', at: now }
  }
  const applied =
    (await deps.sos.close(call._id, 'acknowledged', patch, step)) ||
    (await deps.sos.close(call._id, 'open', patch, step))
  let done: SosCall = { ...call, ...patch, steps: [...call.steps, step] }
  if (!applied) {
    // Their own resolve, retried (the answer was lost, or it stopped after the close): finish it.
    const current = call.state === 'resolved' ? call : await deps.sos.get(call._id)
    if (current?.state !== 'resolved' || current.resolved?.userId !== caller.openId) {
      return fail('CONFLICT', '这次呼叫已经结束')
    }
    done = current
  }
  await deps.sos.unlock(done.elderId, done._id)
  await deps.audit.record({
    actor: caller.openId,
    action: 'elder-care.sos-resolve',
    target: `sos_calls/${done._id}`,
    reason: done.resolved?.note ?? input.note,
    key: `elder-care.sos-resolve:${done._id}`
  })
  await Promise.all([
    deps.notify.settle(causeOf(done._id), `已处理：${done.resolved?.note ?? input.note}`),
    tellFamily(deps, done, caller.openId)
  ])
  return ok(viewOf(done, await responderOf(deps, done, caller)))
}

/**
 * The elder's account and the family hear progress, each in their own words (the elder: 您的紧急
 * 呼叫; the family: 您的母亲张桂芳…), with a link to the call. Not the one who just acted.
 * Answers the family's OPENIDs (so staff-worded notices skip them).
 */
async function tellFamily(deps: ElderCareDeps, call: SosCall, actor: string): Promise<Set<string>> {
  const elder = await deps.elders.elder(call.elderId)
  if (!elder) return new Set()
  const [own, kin, member] = await Promise.all([
    deps.people.userOfMember(elder.memberId),
    familyOf(deps, elder),
    deps.people.member(elder.memberId)
  ])
  const gender = member?.gender ?? null
  const to: Array<{ id: string; audience: 'elder' | 'family'; relation: string }> = [
    ...(own ? [{ id: own._id, audience: 'elder' as const, relation: '' }] : []),
    ...kin.map(k => ({ id: k.userId, audience: 'family' as const, relation: k.relation }))
  ]
  await Promise.all(
    to
      .filter(t => t.id !== actor)
      .map(async t => {
        const words = progressWords(t.audience, call, kinName(call.elderName, t.relation, gender), gender)
        if (!words) return
        await deps.notify.notify({
          to: t.id,
          kind: 'elder-care.sos-progress',
          key: `elder-care.sos-progress:${call._id}:${call.state}:${t.id}`,
          ...words,
          link: familyLink(call._id),
          template: 'alert',
          urgent: true,
          status: sosStateLabels[call.state]
        })
      })
  )
  return new Set(kin.map(k => k.userId))
}

async function responderOf(deps: ElderCareDeps, call: SosCall, _caller: Caller): Promise<SosView['responder']> {
  const elder = await deps.elders.elder(call.elderId)
  if (!elder) return undefined
  const facts = await factsOf(deps, elder)
  return responderIn({ elder, home: { door: facts.address, room: '', phone: facts.phone, gender: facts.gender } })
}

/** What a responder needs of the elder, from her case as read with her home; none where her profile is gone. */
function responderIn(hers: ElderCase | null): SosView['responder'] {
  if (!hers) return undefined
  const { elder, home } = hers
  return {
    address: home?.door ?? '',
    phone: home?.phone ?? '',
    careNotes: elder.careNotes ?? '',
    familyContacts: elder.familyContacts.map(c => ({ name: c.name, relation: c.relation, phone: c.phone }))
  }
}

/**
 * The call's steps and its responders, each responder once: an acknowledgement is a step, and the
 * call's `ackBy` records it again (or records whoever closed the call unacknowledged). Older
 * steps carry no `by`: a step reading "<ackBy>已响应" is that response.
 */
export function timelineOf(call: Pick<SosCall, 'steps' | 'ackBy'>): Pick<SosView, 'steps' | 'responders'> {
  const isResponse = (s: SosStep): boolean =>
    s.by !== undefined || (call.ackBy !== null && s.label === `${call.ackBy.name}已响应`)
  const responders: SosView['responders'] = []
  const seen = new Set<string>()
  const add = (who: { userId?: string; name: string }, at: Date): void => {
    const key = who.userId ?? who.name
    if (seen.has(key) || seen.has(who.name)) return
    seen.add(key)
    seen.add(who.name)
    responders.push({ name: who.name, at })
  }
  for (const s of call.steps)
    if (isResponse(s)) add(s.by ?? { userId: call.ackBy?.userId, name: call.ackBy?.name ?? '' }, s.at)
  if (call.ackBy) add(call.ackBy, call.ackBy.at)
  return {
    steps: call.steps.filter(s => !isResponse(s)).map(s => ({ label: s.label, at: s.at, told: s.told })),
    responders
  }
}

function viewOf(call: SosCall, responder: SosView['responder'] | null): SosView {
  return {
    id: call._id,
    elderId: call.elderId,
    elderName: call.elderName,
    state: call.state,
    stateLabel: sosStateLabels[call.state],
    pressedAt: call.pressedAt,
    proxy: call.proxy,
    cancelUntil: new Date(new Date(call.pressedAt).getTime() + SOS_CANCEL_WINDOW_MS),
    ...timelineOf(call),
    ackBy: call.ackBy ? { name: call.ackBy.name, at: call.ackBy.at } : null,
    resolved: call.resolved ? { name: call.resolved.name, at: call.resolved.at, note: call.resolved.note } : null,
    ...(responder ? { responder } : {})
  }
}

/** Staff: open and acknowledged calls, oldest first, with what a responder needs. Checks the ladder first. */
export async function openSos(
  deps: ElderCareDeps,
  input: { cursor: string | null },
  caller: Caller
): Promise<Result<Page<SosView>, never>> {
  // The page with each elder's door and phone, and whether the ladder has work, in one read; the ladder runs (then
  // the page is read again, after it) only when it has something to do, as for sosSummary.
  const now = deps.clock.now()
  const before = new Date(now.getTime() - PRESS_HALF_DONE_MS)
  let desk = await deps.sos.openDesk(caller.openId, input.cursor, now, before)
  if (!desk || desk.ladderDue) {
    await runSosLadder(deps, now)
    desk = await deps.sos.openDesk(caller.openId, input.cursor, now, before)
  }
  const page = desk?.page ?? { items: [], cursor: null }
  const items = page.items.map(({ record, elder }) => viewOf(record, responderIn(elder)))
  if (items.length) {
    await deps.audit.record({
      actor: caller.openId,
      action: 'elder-care.read-sos',
      target: 'sos_calls',
      reason: '查看待处理紧急呼叫（含地址电话）',
      data: { calls: items.length }
    })
  }
  return ok({ items, cursor: page.cursor })
}

/**
 * For the top of a responder's home page: only how many calls wait, never who or where (the
 * details are on the staff desk, where reading them is audited).
 */
export async function sosSummary(
  deps: ElderCareDeps,
  _input: Record<string, never>,
  caller: Caller
): Promise<Result<{ open: number; unacknowledged: number }, never>> {
  // Every responder's home asks this: the counts and whether the ladder has work come in one read,
  // and the ladder runs (then the counts are read again, after it) only when it has something to do.
  const now = deps.clock.now()
  const summary = await deps.sos.summary(caller.openId, now, new Date(now.getTime() - PRESS_HALF_DONE_MS))
  if (summary && !summary.ladderDue) return ok({ open: summary.open, unacknowledged: summary.unacknowledged })
  await runSosLadder(deps, now)
  return ok(await deps.sos.countOpen())
}

type Reader = { audience: 'elder' } | { audience: 'family'; relation: string } | { audience: 'staff' }

/**
 * Who may read an elder's call, and in whose words: the elder, the family (a consented proxy or a contact she named),
 * staff.
 */
function readerIn(elder: ElderProfile, caller: Caller, own: boolean, link: ProxyLink | null): Reader | null {
  if (own) return { audience: 'elder' }
  if (link?.active) return { audience: 'family', relation: link.relation }
  const contact = elder.familyContacts.find(c => c.userId && c.userId === caller.openId)
  if (contact) return { audience: 'family', relation: contact.relation }
  if (hasAnyRole(caller, policies.workbench)) return { audience: 'staff' }
  return null
}

async function readerView(
  deps: ElderCareDeps,
  call: SosCall,
  reader: Reader,
  caller: Caller,
  hers: ElderCase
): Promise<SosView> {
  const facts = { phone: hers.home?.phone ?? null, gender: hers.home?.gender ?? null }
  const kin = reader.audience === 'family' ? kinName(call.elderName, reader.relation, facts.gender) : call.elderName
  const responder = reader.audience === 'staff' ? responderIn(hers) : null
  if (responder) {
    await deps.audit.record({
      actor: caller.openId,
      action: 'elder-care.read-sos',
      target: `sos_calls/${call._id}`,
      reason: '查看紧急呼叫（含地址电话）'
    })
  }
  return {
    ...viewOf(call, responder ?? null),
    audience: reader.audience,
    title: sosTitle(reader.audience, call, kin),
    statusLine: sosStatusLine(reader.audience, call, facts.gender),
    ...(reader.audience === 'family' ? { elderPhone: facts.phone } : {})
  }
}

/**
 * One call, for whoever may read it, in their words: the family's alert opens this (never the
 * staff desk, which would refuse them). Anyone else is told why not and what to do instead.
 */
export async function sosCall(
  deps: ElderCareDeps,
  input: { id: string },
  caller: Caller
): Promise<Result<SosView, 'NOT_FOUND' | 'FORBIDDEN'>> {
  // The call, her door and phone, and who the caller is to her, in one read (ReadersCase).
  const read = await deps.sos.readBy(input.id, caller.openId)
  if (!read) return fail('NOT_FOUND', callMissing)
  const hers = read.elder
  const reader = hers
    ? readerIn(hers.elder, caller, readsAsOwn(caller, read.readerMemberId, hers.elder), read.link)
    : null
  if (!hers || !reader)
    return fail('FORBIDDEN', '只有老人本人、家属和社区工作人员能查看这次呼叫。需要帮助请拨打社区服务热线。')
  return ok(await readerView(deps, read.record, reader, caller, hers))
}

/** The elder (or proxy): my latest call and where it stands, in my words. */
export async function mySos(
  deps: ElderCareDeps,
  input: { elderId?: string },
  caller: Caller
): Promise<Result<SosView | null, 'NOT_FOUND' | 'FORBIDDEN'>> {
  // Who acts, her latest call, her phone and gender (for the words), in one read.
  const actingRes = await actingWith(deps, caller, input.elderId, { latestSos: true, home: true })
  if (!actingRes.ok) return actingRes
  const acting = actingRes.value
  const call = acting.case.latestSos ?? null
  if (!call) return ok(null)
  if (acting.actor === 'staff') return ok(viewOf(call, null))
  // A proxy reads as her family, by the relation of the consented link she acts by (what readerOf finds for her).
  const reader: Reader =
    acting.actor === 'proxy' && acting.link
      ? { audience: 'family', relation: acting.link.relation }
      : { audience: 'elder' }
  return ok(await readerView(deps, call, reader, caller, acting.case))
}
