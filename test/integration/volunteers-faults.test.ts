/**
 * A failure between two writes of a task claim (design.md, "Data": any request can fail). The use
 * case runs in this process on the real repositories with ONE step failing as a database request
 * does; the no-show timer then finishes or undoes it: no slot leaked, no time held by nobody,
 * nobody left pending, told once.
 */
import { sweepNoShows } from '../../src/core/volunteers/attendance.usecase'
import { claim, takeOver, withdraw } from '../../src/core/volunteers/tasks.usecase'
import type { VolunteersDeps, VolunteersStore } from '../../src/core/volunteers/volunteers.ports'
import { HALF_DONE_AFTER_MS } from '../../src/core/shared/half-done'
import type { CallInfo } from '../../src/core/shared/wire'
import { volunteersActions, volunteersDeps } from '../../src/server/volunteers/volunteers.actions'
import { aCaller } from '../factories/caller.factory'
import { failingOnce as failOnce } from '../factories/faults.fake'
import { lostAnswerRouter } from '../factories/lost-answer.fake'
import { addApprovedVolunteers, type TestVolunteer } from '../factories/volunteers.factory'
import { useSeededCloud, communityDb } from './local-cloud.helper'

jest.setTimeout(60_000)

const cloud = useSeededCloud('volunteers')
const HOUR = 3_600_000
let vols: TestVolunteer[] = []
let n = 0

beforeAll(async () => {
  vols = await addApprovedVolunteers(communityDb(), 'faults', 6)
})

async function publish(slots: number): Promise<string> {
  const start = new Date(Date.now() + (72 + 5 * n++) * HOUR)
  return (
    await cloud.data('demo-staff', 'publishTask', {
      title: '容错活动',
      teamId: null,
      place: '3栋前广场',
      detail: '清理楼道杂物',
      startAt: start.toISOString(),
      endAt: new Date(start.getTime() + 2 * HOUR).toISOString(),
      roles: [{ key: 'clean', name: '清洁', slots, skills: [] }],
      withdrawCutoffHours: 24
    })
  ).id
}

const volunteer = (v: TestVolunteer) => aCaller({ openId: v.openId, roles: ['resident', 'volunteer'] })
/** A use case called here as the app's first tap (the router's requestId plays no part in these). */
const firstTap: CallInfo = { requestId: null }

/** The repositories with `method` failing once; `after`: its write lands and its answer is lost. */
function failingOnce<K extends keyof VolunteersStore>(method: K, after = false): VolunteersDeps {
  const deps = volunteersDeps()
  return { ...deps, store: failOnce(deps.store, method, () => true, after) }
}

const laterNoShows = async (): Promise<any> => {
  const later = new Date(Date.now() + HALF_DONE_AFTER_MS + 1000)
  return await sweepNoShows({ ...volunteersDeps(), clock: { now: () => later } })
}
const taskOf = async (id: string): Promise<any> => (await cloud.docs('vol_tasks', { _id: id }))[0]
const claimOf = async (taskId: string, v: TestVolunteer): Promise<any> =>
  (await cloud.docs('vol_claims', { _id: `${taskId}:${v.volunteerId}` }))[0]

describe('a claim that stops between taking the slot and recording it', () => {
  it("is finished by the volunteer's retry: claimed, one slot, told once", async () => {
    const taskId = await publish(2)
    const v = vols[0]
    const deps = failingOnce('transitionClaim')
    await expect(claim(deps, { taskId, roleKey: 'clean' }, volunteer(v), firstTap)).rejects.toThrow(
      'database request failed'
    )
    expect(await claimOf(taskId, v)).toMatchObject({ status: 'pending' })
    expect(await cloud.call(v.openId, 'claim', { taskId, roleKey: 'clean' }, `retry-${taskId}`)).toMatchObject({
      ok: true
    })

    expect(await laterNoShows()).toMatchObject({ finished: 0 })
    expect(await claimOf(taskId, v)).toMatchObject({ status: 'claimed' })
    expect(await taskOf(taskId)).toMatchObject({
      slotsLeft: { clean: 1 },
      slotHolders: { clean: [`${taskId}:${v.volunteerId}`] }
    })
    expect(await cloud.count('inbox', { to: v.openId, kind: 'volunteers.claim' })).toBe(1)
  })

  it('takes no second slot when the slot was taken but its answer was lost', async () => {
    const taskId = await publish(2)
    const v = vols[1]
    await expect(
      claim(failingOnce('takeSlot', true), { taskId, roleKey: 'clean' }, volunteer(v), firstTap)
    ).rejects.toThrow()
    await laterNoShows()
    expect(await claimOf(taskId, v)).toMatchObject({ status: 'claimed' })
    expect(await taskOf(taskId)).toMatchObject({ slotsLeft: { clean: 1 } })
  })

  it('is undone by the timer when the task filled meanwhile: slot and time given back, nothing pending', async () => {
    const taskId = await publish(1)
    const [v, other] = [vols[2], vols[3]]
    // Stops after holding the time, before the slot.
    await expect(claim(failingOnce('takeSlot'), { taskId, roleKey: 'clean' }, volunteer(v), firstTap)).rejects.toThrow()
    expect((await cloud.call(other.openId, 'claim', { taskId, roleKey: 'clean' })).ok).toBe(true)
    await laterNoShows()
    expect(await claimOf(taskId, v)).toBeUndefined()
    expect(
      (await cloud.docs('vol_ledgers', { _id: v.volunteerId }))[0].holds.filter((h: any) => h.taskId === taskId)
    ).toEqual([])
    expect(await taskOf(taskId)).toMatchObject({ slotsLeft: { clean: 0 } })
  })
})

describe('a withdrawal that stops before giving the slot back', () => {
  it('has the slot given back by the timer', async () => {
    const taskId = await publish(1)
    const v = vols[0]
    expect((await cloud.call(v.openId, 'claim', { taskId, roleKey: 'clean' })).ok).toBe(true)
    await expect(withdraw(failingOnce('returnSlot'), { taskId }, volunteer(v))).rejects.toThrow()
    expect(await taskOf(taskId)).toMatchObject({ slotsLeft: { clean: 0 } })
    expect(await laterNoShows()).toMatchObject({ slotsReturned: 1 })
    expect(await taskOf(taskId)).toMatchObject({ slotsLeft: { clean: 1 }, slotHolders: { clean: [] } })
  })
})

describe('a claim whose writes all landed but whose answer was lost', () => {
  it("answers the volunteer's retry (same requestId) with the claim it made; another tap is ALREADY_CLAIMED", async () => {
    const taskId = await publish(1)
    const [v, other] = [vols[4], vols[5]]
    const router = lostAnswerRouter('volunteers', volunteersActions, volunteersDeps)
    const r = `lost-${taskId}`
    expect(await router.first(v.openId, 'claim', { taskId, roleKey: 'clean' }, r)).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' }
    })
    expect(await claimOf(taskId, v)).toMatchObject({ status: 'claimed' })

    expect(await router.retry(v.openId, 'claim', { taskId, roleKey: 'clean' }, r)).toEqual({
      ok: true,
      data: { claimId: `${taskId}:${v.volunteerId}`, taskId, roleKey: 'clean' }
    })
    expect(await taskOf(taskId)).toMatchObject({
      slotsLeft: { clean: 0 },
      slotHolders: { clean: [`${taskId}:${v.volunteerId}`] }
    })
    expect(await cloud.count('inbox', { to: v.openId, kind: 'volunteers.claim' })).toBe(1)
    // A new tap is a second attempt; the place is not someone else's to take either.
    expect((await cloud.call(v.openId, 'claim', { taskId, roleKey: 'clean' }, `again-${taskId}`)).error.code).toBe(
      'ALREADY_CLAIMED'
    )
    expect((await cloud.call(other.openId, 'claim', { taskId, roleKey: 'clean' }, r)).error.code).toBe('TASK_FULL')
  })
})

describe("a takeover (找人替班) that stops after handing the shift over, before the substitute's claim", () => {
  /** How many times `v` was told `kind` about this task (the notice keys name the claim, so the task). */
  const inboxOf = async (v: TestVolunteer, kind: string, taskId: string): Promise<number> =>
    (await cloud.docs('inbox', { to: v.openId, kind })).filter(d => String(d._id).includes(`${taskId}:`)).length
  /** `orig` claims a 1-place task and asks for a substitute; `sub`'s takeover stops at writing its claim. */
  async function stoppedTakeOver(orig: TestVolunteer, sub: TestVolunteer, slots = 1, after = false): Promise<string> {
    const taskId = await publish(slots)
    expect((await cloud.call(orig.openId, 'claim', { taskId, roleKey: 'clean' })).ok).toBe(true)
    expect((await cloud.call(orig.openId, 'seekSubstitute', { taskId })).ok).toBe(true)
    const input = { taskId, volunteerId: orig.volunteerId }
    await expect(takeOver(failingOnce('startClaim', after), input, volunteer(sub))).rejects.toThrow(
      'database request failed'
    )
    expect(await claimOf(taskId, orig)).toMatchObject({ status: 'handed_over', handingOver: true })
    expect(await inboxOf(orig, 'volunteers.substituted', taskId)).toBe(0)
    return taskId
  }
  const origClaimId = (taskId: string, orig: TestVolunteer): string => `${taskId}:${orig.volunteerId}`

  it("is finished by the substitute's retry: their claim on the original's slot, both told once, the slot never freed", async () => {
    const [orig, sub] = [vols[0], vols[1]]
    const taskId = await stoppedTakeOver(orig, sub)
    // The no-show timer, before the retry: the slot stays with the half-done takeover.
    expect(await laterNoShows()).toMatchObject({ slotsReturned: 0 })
    expect(await taskOf(taskId)).toMatchObject({
      slotsLeft: { clean: 0 },
      slotHolders: { clean: [origClaimId(taskId, orig)] }
    })
    const retried = await cloud.call(
      sub.openId,
      'takeOver',
      { taskId, volunteerId: orig.volunteerId },
      `takeover-${taskId}`
    )
    expect(retried).toMatchObject({ ok: true, data: { claimId: `${taskId}:${sub.volunteerId}` } })
    // Asked again (another tap): the same answer, nothing done twice.
    expect(await cloud.call(sub.openId, 'takeOver', { taskId, volunteerId: orig.volunteerId })).toMatchObject({
      ok: true
    })
    expect(await laterNoShows()).toMatchObject({ takeOversFinished: 0, takeOversUndone: 0, slotsReturned: 0 })

    expect(await claimOf(taskId, orig)).toMatchObject({ status: 'handed_over', handingOver: false })
    expect(await claimOf(taskId, sub)).toMatchObject({ status: 'claimed', slotHolder: origClaimId(taskId, orig) })
    expect(await taskOf(taskId)).toMatchObject({
      slotsLeft: { clean: 0 },
      slotHolders: { clean: [origClaimId(taskId, orig)] }
    })
    const ledger = async (v: TestVolunteer): Promise<string[]> =>
      (await cloud.docs('vol_ledgers', { _id: v.volunteerId }))[0].holds
        .filter((h: any) => h.taskId === taskId)
        .map((h: any) => h.claimId)
    expect(await ledger(orig)).toEqual([])
    expect(await ledger(sub)).toEqual([`${taskId}:${sub.volunteerId}`])
    expect(await inboxOf(orig, 'volunteers.substituted', taskId)).toBe(1)
    expect(await inboxOf(sub, 'volunteers.claim', taskId)).toBe(1)
    expect(
      await cloud.count('audit', { action: 'volunteers.take-over', target: `vol_claims/${origClaimId(taskId, orig)}` })
    ).toBe(1)
  })

  it('is finished by the timer after a minute when nobody retries, even when the claim was written and its answer lost', async () => {
    const [orig, sub] = [vols[2], vols[3]]
    const taskId = await stoppedTakeOver(orig, sub, 1, true)
    // Within the minute the call may still be running: left alone.
    expect(await sweepNoShows(volunteersDeps())).toMatchObject({ takeOversFinished: 0 })
    expect(await laterNoShows()).toMatchObject({ takeOversFinished: 1, slotsReturned: 0 })
    expect(await laterNoShows()).toMatchObject({ takeOversFinished: 0 })
    expect(await claimOf(taskId, orig)).toMatchObject({ status: 'handed_over', handingOver: false })
    expect(await claimOf(taskId, sub)).toMatchObject({ status: 'claimed' })
    expect(await taskOf(taskId)).toMatchObject({ slotsLeft: { clean: 0 } })
    expect(await inboxOf(orig, 'volunteers.substituted', taskId)).toBe(1)
    expect(await inboxOf(sub, 'volunteers.claim', taskId)).toBe(1)
    expect(
      await cloud.count('audit', { action: 'volunteers.take-over', target: `vol_claims/${origClaimId(taskId, orig)}` })
    ).toBe(1)
  })

  it("is undone by the timer when the substitute has since claimed the task themselves: the shift is the original's again, and they are told", async () => {
    const [orig, sub] = [vols[0], vols[2]]
    const taskId = await stoppedTakeOver(orig, sub, 2)
    expect((await cloud.call(sub.openId, 'claim', { taskId, roleKey: 'clean' })).ok).toBe(true)
    expect(await laterNoShows()).toMatchObject({ takeOversUndone: 1, slotsReturned: 0 })
    expect(await laterNoShows()).toMatchObject({ takeOversUndone: 0 })
    expect(await claimOf(taskId, orig)).toMatchObject({
      status: 'seeking_substitute',
      handingOver: false,
      substituteVolunteerId: null
    })
    expect(await claimOf(taskId, sub)).toMatchObject({ status: 'claimed', slotHolder: `${taskId}:${sub.volunteerId}` })
    expect(await taskOf(taskId)).toMatchObject({ slotsLeft: { clean: 0 } })
    expect(await inboxOf(orig, 'volunteers.substitute-failed', taskId)).toBe(1)
    expect(await inboxOf(orig, 'volunteers.substituted', taskId)).toBe(0)
    // The offer is open again: another teammate can take it over.
    expect((await cloud.call(vols[3].openId, 'takeOver', { taskId, volunteerId: orig.volunteerId })).ok).toBe(true)
  })

  it('is ended by the timer when the task was called off meanwhile: nobody goes, the original is told once', async () => {
    const [orig, sub] = [vols[1], vols[2]]
    const taskId = await stoppedTakeOver(orig, sub)
    expect((await cloud.call('demo-staff', 'cancelTask', { taskId, reason: '暴雨' }, `cancel-${taskId}`)).ok).toBe(true)
    // cancelTask passed the original by (handed over) and found no substitute's claim.
    expect(await inboxOf(orig, 'volunteers.task-cancelled', taskId)).toBe(0)
    expect(await laterNoShows()).toMatchObject({ takeOversUndone: 1 })
    expect(await laterNoShows()).toMatchObject({ takeOversUndone: 0 })
    expect(await claimOf(taskId, orig)).toMatchObject({ status: 'handed_over', handingOver: false })
    expect(await claimOf(taskId, sub)).toBeUndefined()
    expect(await inboxOf(orig, 'volunteers.task-cancelled', taskId)).toBe(1)
    expect(await inboxOf(orig, 'volunteers.substitute-failed', taskId)).toBe(0)
    const holds = async (v: TestVolunteer): Promise<unknown[]> =>
      (await cloud.docs('vol_ledgers', { _id: v.volunteerId }))[0].holds.filter((h: any) => h.taskId === taskId)
    expect(await holds(orig)).toEqual([])
    expect(await holds(sub)).toEqual([])
  })
})
