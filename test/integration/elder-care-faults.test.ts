/**
 * An SOS press that stops between taking the elder's one-open-call lock and recording the call
 * (design.md, "Data": any request can fail). Before: the lock pointed at no call, every later
 * press answered "呼叫正在发出" and nothing rang, for good. Now the next press, or the ladder timer,
 * finishes that call under its id: it rings, and nobody is alerted twice.
 */
import { cancelSos, pressSos, runSosLadder } from '../../src/core/elder-care/sos.usecases'
import type { ElderCareDeps } from '../../src/core/elder-care/elder-care.ports'
import { userRepository } from '../../src/server/community/user.repository'
import { getDb } from '../../src/server/db/client'
import { elderCareDeps } from '../../src/server/elder-care/elder-care.actions'
import { failingOnce } from '../factories/faults.fake'
import { useSeededCloud } from './local-cloud.helper'

jest.setTimeout(60_000)

const cloud = useSeededCloud('elder-care')

/** The deps with recording the call failing once, as a failed database request does. */
function createFails (): ElderCareDeps {
  const deps = elderCareDeps()
  return { ...deps, sos: failingOnce(deps.sos, 'create') }
}

const gridWorkerAlerts = async (callId: string): Promise<number> =>
  (await cloud.docs('inbox', { to: 'demo-grid-worker', kind: 'elder-care.sos' })).filter((i: any) => i._id.includes(callId)).length

describe('an SOS press that stops before recording its call', () => {
  it("is finished by the elder's next press: the same call rings, alerted once", async () => {
    const elder = await userRepository(getDb()).loadCaller('demo-elder')
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
    const elder = await userRepository(getDb()).loadCaller('demo-elder')
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
    const elder = await userRepository(getDb()).loadCaller('demo-elder')
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
