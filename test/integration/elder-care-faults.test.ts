/**
 * An SOS press that stops between taking the elder's one-open-call lock and recording the call
 * (design.md, "Data": any request can fail). Before: the lock pointed at no call, every later
 * press answered "呼叫正在发出" and nothing rang, for good. Now the next press, or the ladder timer,
 * finishes that call under its id: it rings, and nobody is alerted twice.
 */
import { assign } from '../../src/core/elder-care/care-request.usecase'
import { cancelSos, pressSos, runSosLadder } from '../../src/core/elder-care/sos.usecase'
import { HALF_DONE_AFTER_MS } from '../../src/core/shared/half-done'
import type { ElderCareDeps } from '../../src/core/elder-care/elder-care.ports'
import { userRepository } from '../../src/server/community/user.repository'
import { elderCareActions, elderCareDeps } from '../../src/server/elder-care/elder-care.actions'
import { failingOnce } from '../factories/faults.fake'
import { lostAnswerRouter } from '../factories/lost-answer.fake'
import { useSeededCloud, communityDb } from './local-cloud.helper'

jest.setTimeout(60_000)

const cloud = useSeededCloud('elder-care')

/** The deps with recording the call failing once, as a failed database request does. */
function createFails(): ElderCareDeps {
  const deps = elderCareDeps()
  return { ...deps, sos: failingOnce(deps.sos, 'create') }
}

const gridWorkerAlerts = async (callId: string): Promise<number> =>
  (await cloud.docs('inbox', { to: 'demo-grid-worker', kind: 'elder-care.sos' })).filter((i: any) =>
    i._id.includes(callId)
  ).length

describe('an SOS press that stops before recording its call', () => {
  it("is finished by the elder's next press: the same call rings, alerted once", async () => {
    const elder = await userRepository(communityDb()).loadCaller('demo-elder')
    await expect(pressSos(createFails(), {}, elder)).rejects.toThrow('database request failed')
    const lock = (await cloud.docs('sos_open', {}))[0]
    expect(await cloud.count('sos_calls', { _id: lock.callId })).toBe(0)

    const again = await cloud.call('demo-elder', 'sosPress', {}, 'sos-press-after-fault')
    expect(again).toMatchObject({ ok: true, data: { id: lock.callId, state: 'open' } })
    expect(await cloud.count('sos_calls', { _id: lock.callId, state: 'open' })).toBe(1)
    expect(await gridWorkerAlerts(lock.callId)).toBe(1)
    expect((await cloud.call('demo-elder', 'sosCancel', { id: lock.callId })).ok).toBe(true)
  })

  it('is finished by the ladder timer when nobody presses again', async () => {
    const elder = await userRepository(communityDb()).loadCaller('demo-elder')
    await expect(pressSos(createFails(), {}, elder)).rejects.toThrow()
    const lock = (await cloud.docs('sos_open', {}))[0]
    // Not while the press may still be running.
    expect((await runSosLadder(elderCareDeps(), new Date())).finished).toBe(0)

    expect((await runSosLadder(elderCareDeps(), new Date(Date.now() + 11_000))).finished).toBe(1)
    expect(await cloud.count('sos_calls', { _id: lock.callId, state: 'open' })).toBe(1)
    expect(await gridWorkerAlerts(lock.callId)).toBe(1)
    expect((await runSosLadder(elderCareDeps(), new Date(Date.now() + 12_000))).finished).toBe(0)
  })

  it('is not swallowed by a call whose cancel stopped before freeing the lock', async () => {
    const elder = await userRepository(communityDb()).loadCaller('demo-elder')
    const first = await cloud.data('demo-elder', 'sosPress', {}, 'sos-press-before-cancel')
    const deps = elderCareDeps()
    const unlockFails = { ...deps, sos: failingOnce(deps.sos, 'unlock') }
    await expect(cancelSos(unlockFails, { id: first.id }, elder)).rejects.toThrow()
    expect(await cloud.count('sos_open', { callId: first.id })).toBe(1)

    const next = await cloud.data('demo-elder', 'sosPress', {}, 'sos-press-after-cancel')
    expect(next.id).not.toBe(first.id)
    expect(next.state).toBe('open')
    expect(await gridWorkerAlerts(next.id)).toBe(1)
  })
})

/**
 * A dispatch (派单) that stops after its move, before its audit entry and the helper's notice
 * (新的上门服务任务, 30 minutes to accept). Before: both were lost for good, and the dispatcher's
 * retry met an assigned request and was refused, so the helper never heard of the visit.
 */
describe('a care-request move that stops before its audit entry and notices', () => {
  const hour = 3600_000
  const assignee = { kind: 'volunteer' as const, userId: 'demo-volunteer', orgName: null }
  /** A request the elder asked for and staff triaged: ready to dispatch. */
  async function submitted(): Promise<string> {
    const at = (h: number): string => new Date(Date.now() + h * hour).toISOString()
    const asked = { serviceTypeId: 'home-care', window: { start: at(30), end: at(32) } }
    const { id } = await cloud.data('demo-elder', 'submitCareRequest', asked)
    await cloud.data('demo-staff', 'triage', { id })
    return id
  }
  /** The dispatcher's tap, in process, with the audit write after the move failing once. */
  async function assignStops(id: string, requestId: string): Promise<void> {
    const deps = elderCareDeps()
    const staff = await userRepository(communityDb()).loadCaller('demo-staff')
    await expect(
      assign({ ...deps, audit: failingOnce(deps.audit, 'record') }, { id, assignee }, staff, { requestId })
    ).rejects.toThrow('database request failed')
    expect(await cloud.count('care_requests', { _id: id, state: 'assigned' })).toBe(1)
  }
  const helperTold = async (id: string): Promise<number> =>
    (await cloud.docs('inbox', { to: 'demo-volunteer', kind: 'elder-care.assigned' })).filter((i: any) =>
      i._id.includes(id)
    ).length
  const audited = async (id: string): Promise<number> =>
    await cloud.count('audit', { action: 'elder-care.assign', target: `care_requests/${id}` })
  const payload = (id: string): Record<string, unknown> => ({
    id,
    assignee: { kind: 'volunteer', userId: 'demo-volunteer' }
  })
  const later = (ms: number): Date => new Date(Date.now() + HALF_DONE_AFTER_MS + ms)

  it("is finished by the dispatcher's retry (same requestId): answered with the request, told once", async () => {
    const id = await submitted()
    await assignStops(id, `assign-${id}`)
    expect(await helperTold(id)).toBe(0)

    const again = await cloud.call('demo-staff', 'assign', payload(id), `assign-${id}`)
    expect(again).toMatchObject({ ok: true, data: { id, state: 'assigned', assignee: { name: expect.any(String) } } })
    expect(await helperTold(id)).toBe(1)
    expect(await audited(id)).toBe(1)
    expect(await cloud.count('care_requests', { _id: id, untold: null })).toBe(1)
  })

  it('audits and tells once when it stopped after both, before marking them done', async () => {
    const id = await submitted()
    const deps = elderCareDeps()
    const staff = await userRepository(communityDb()).loadCaller('demo-staff')
    const markFails = { ...deps, requests: failingOnce(deps.requests, 'markTold') }
    await expect(assign(markFails, { id, assignee }, staff, { requestId: `assign-${id}` })).rejects.toThrow()
    expect([await helperTold(id), await audited(id)]).toEqual([1, 1])

    expect(await cloud.call('demo-staff', 'assign', payload(id), `assign-${id}`)).toMatchObject({ ok: true })
    // The audit entry is keyed by the move: repeating the follow-through adds none.
    expect([await helperTold(id), await audited(id)]).toEqual([1, 1])
    expect(await cloud.count('care_requests', { _id: id, untold: null })).toBe(1)
  })

  it('is finished by the follow-through timer after a minute when nobody retries', async () => {
    const id = await submitted()
    await assignStops(id, `assign-${id}`)
    // Not while the call may still be running.
    expect(await cloud.tick('followThrough')).toMatchObject({ finished: 0 })
    expect(await helperTold(id)).toBe(0)

    expect(await cloud.tick('followThrough', later(1000))).toMatchObject({ finished: 1 })
    expect(await helperTold(id)).toBe(1)
    expect(await audited(id)).toBe(1)
    expect(await cloud.tick('followThrough', later(2000))).toMatchObject({ finished: 0 })
  })

  it('still refuses another tap or another person, and the next move tells what the stopped one owed', async () => {
    const id = await submitted()
    await assignStops(id, `assign-${id}`)
    const refused = await cloud.call('demo-staff', 'assign', payload(id), `assign-${id}-again`)
    expect(refused).toMatchObject({ ok: false })
    expect((await cloud.call('demo-admin', 'assign', payload(id), `assign-${id}`)).ok).toBe(false)
    expect(await helperTold(id)).toBe(0)

    expect(await cloud.data('demo-volunteer', 'accept', { id })).toMatchObject({ state: 'accepted' })
    expect(await helperTold(id)).toBe(1)
    expect(await audited(id)).toBe(1)
    expect(await cloud.count('audit', { action: 'elder-care.accept', target: `care_requests/${id}` })).toBe(1)
  })

  it('answers the retry of a move whose writes landed but whose answer was lost, not "changed"', async () => {
    const id = await submitted()
    const router = lostAnswerRouter('elder-care', elderCareActions, elderCareDeps)
    const first = await router.first('demo-staff', 'assign', payload(id), `lost-${id}`)
    expect(first).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    const retry = await router.retry('demo-staff', 'assign', payload(id), `lost-${id}`)
    expect(retry).toMatchObject({ ok: true, data: { id, state: 'assigned' } })
    expect(await helperTold(id)).toBe(1)
    expect(await audited(id)).toBe(1)
  })
})
