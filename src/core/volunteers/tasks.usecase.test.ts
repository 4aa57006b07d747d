/**
 * Claiming a volunteer task (认领志愿岗位) in process: the real volunteers repository (slot
 * counters, the person's ledger of held times), notifier and audit writer on the local cloud's
 * database engine in memory, at a frozen Shanghai clock (test/support/in-memory-deps.ts).
 */
import { aCaller } from '../../../test/factories/caller.factory'
import { addApprovedVolunteers, type TestVolunteer } from '../../../test/factories/volunteers.factory'
import { minutes, rows, useWorld, volunteersDeps } from '../../../test/support/in-memory-deps'
import { claim, publishTask, withdraw } from './tasks.usecase'
import { publishTaskInput } from './volunteers.schemas'

// Thursday 4 September 2025, 09:00 in Shanghai.
const world = useWorld('2025-09-04 09:00')
const deps = () => volunteersDeps(world())
const staff = aCaller({ openId: 'o-staff', name: '李社工', roles: ['staff'] })
const callerOf = (v: TestVolunteer) => aCaller({ openId: v.openId, name: v.openId, roles: ['resident', 'volunteer'] })

let rid = 0
const call = () => ({ requestId: `spec-${++rid}` })

/** A task on Saturday 6 September, `from`–`to` Shanghai time. */
async function aTask(
  title: string,
  from: string,
  to: string,
  roles = [{ key: 'guide', name: '引导员', slots: 2, skills: [] as string[] }]
): Promise<string> {
  const input = publishTaskInput.parse({
    title,
    teamId: null,
    place: '社区广场',
    detail: '',
    startAt: `2025-09-06T${from}:00+08:00`,
    endAt: `2025-09-06T${to}:00+08:00`,
    roles
  })
  const res = await publishTask(deps(), input, staff)
  if (!res.ok) throw new Error(res.code)
  return res.value.id
}

const slotsLeft = async (taskId: string, role = 'guide') =>
  (await rows(world().db, 'vol_tasks', { _id: taskId }))[0].slotsLeft[role]

describe('claim', () => {
  it('takes a slot, tells the volunteer where and when, reminds them the day before, and is audited', async () => {
    const [v] = await addApprovedVolunteers(world().db, 'spec', 1)
    const taskId = await aTask('敬老院义剪', '09:00', '11:00')
    expect(await claim(deps(), { taskId, roleKey: 'guide' }, callerOf(v), call())).toMatchObject({
      ok: true,
      value: { taskId, roleKey: 'guide' }
    })
    expect(await slotsLeft(taskId)).toBe(1)
    const [told] = await rows(world().db, 'inbox', { to: v.openId, kind: 'volunteers.claim' })
    expect(told.body).toBe('您已报名「敬老院义剪」（引导员），请按时到达社区广场。')
    const [reminder] = await rows(world().db, 'reminders', { _id: `volunteers.reminder:${taskId}:${v.volunteerId}` })
    expect(reminder.at).toEqual(new Date('2025-09-05T01:00:00Z')) // Friday 09:00 Shanghai
    expect(await rows(world().db, 'audit', { action: 'volunteers.claim' })).toEqual([
      expect.objectContaining({ actor: v.openId, data: { role: 'guide' } })
    ])
  })

  it('refuses a full task, and the refused volunteer holds nothing', async () => {
    const [a, b, c] = await addApprovedVolunteers(world().db, 'spec', 3)
    const taskId = await aTask('社区清扫', '09:00', '11:00')
    await claim(deps(), { taskId, roleKey: 'guide' }, callerOf(a), call())
    await claim(deps(), { taskId, roleKey: 'guide' }, callerOf(b), call())
    expect(await claim(deps(), { taskId, roleKey: 'guide' }, callerOf(c), call())).toMatchObject({
      ok: false,
      code: 'TASK_FULL',
      message: '该岗位名额已满'
    })
    expect(await rows(world().db, 'vol_claims', { volunteerId: c.volunteerId })).toEqual([])
    // Not blocked by a phantom hold: the same morning's other task is still open to them.
    const other = await aTask('图书角值守', '10:00', '12:00')
    expect(await claim(deps(), { taskId: other, roleKey: 'guide' }, callerOf(c), call())).toMatchObject({ ok: true })
  })

  it('refuses an overlapping shift: one person is not booked twice at the same time', async () => {
    const [v] = await addApprovedVolunteers(world().db, 'spec', 1)
    const morning = await aTask('敬老院义剪', '09:00', '11:00')
    const overlapping = await aTask('社区清扫', '10:30', '12:00')
    const after = await aTask('图书角值守', '11:00', '12:00')
    const before = await aTask('早锻炼领队', '07:30', '09:00')
    await claim(deps(), { taskId: morning, roleKey: 'guide' }, callerOf(v), call())
    expect(await claim(deps(), { taskId: overlapping, roleKey: 'guide' }, callerOf(v), call())).toMatchObject({
      ok: false,
      code: 'TIME_CONFLICT',
      message: '这个时间您已报名了其他活动',
      details: { taskId: morning }
    })
    expect(await slotsLeft(overlapping)).toBe(2)
    // Back to back is fine, on either side.
    expect(await claim(deps(), { taskId: after, roleKey: 'guide' }, callerOf(v), call())).toMatchObject({ ok: true })
    expect(await claim(deps(), { taskId: before, roleKey: 'guide' }, callerOf(v), call())).toMatchObject({ ok: true })
  })

  it('the same person tapping two overlapping tasks at once gets one of them', async () => {
    const [v] = await addApprovedVolunteers(world().db, 'spec', 1)
    const one = await aTask('敬老院义剪', '09:00', '11:00')
    const two = await aTask('社区清扫', '10:00', '12:00')
    // They volunteered before (an evening task), so both taps find the same ledger of their times.
    const evening = await aTask('夜间巡逻', '19:00', '21:00')
    await claim(deps(), { taskId: evening, roleKey: 'guide' }, callerOf(v), call())
    const results = await Promise.all(
      [one, two].map(async taskId => await claim(deps(), { taskId, roleKey: 'guide' }, callerOf(v), call()))
    )
    expect(results.filter(r => r.ok)).toHaveLength(1)
    expect(results.filter(r => !r.ok)).toEqual([expect.objectContaining({ code: 'TIME_CONFLICT' })])
  })

  it('many volunteers at once for the last slots: exactly as many claims as slots', async () => {
    const people = await addApprovedVolunteers(world().db, 'rush', 8)
    const taskId = await aTask('重阳节活动', '14:00', '16:00', [{ key: 'guide', name: '引导员', slots: 3, skills: [] }])
    const results = await Promise.all(
      people.map(async v => await claim(deps(), { taskId, roleKey: 'guide' }, callerOf(v), call()))
    )
    expect(results.filter(r => r.ok)).toHaveLength(3)
    expect(await slotsLeft(taskId)).toBe(0)
    expect(await rows(world().db, 'inbox', { kind: 'volunteers.claim' })).toHaveLength(3)
  })

  it('refuses a second claim of the same task, and one after the task has started', async () => {
    const [v, w] = await addApprovedVolunteers(world().db, 'spec', 2)
    const taskId = await aTask('敬老院义剪', '09:00', '11:00')
    await claim(deps(), { taskId, roleKey: 'guide' }, callerOf(v), call())
    expect(await claim(deps(), { taskId, roleKey: 'guide' }, callerOf(v), call())).toMatchObject({
      ok: false,
      code: 'ALREADY_CLAIMED'
    })
    world().clock.advance(minutes(48 * 60)) // Saturday 09:00
    expect(await claim(deps(), { taskId, roleKey: 'guide' }, callerOf(w), call())).toMatchObject({
      ok: false,
      code: 'TASK_CLOSED'
    })
  })

  it('refuses a role that needs a skill the volunteer has not, and someone not approved', async () => {
    const [v] = await addApprovedVolunteers(world().db, 'spec', 1)
    const taskId = await aTask('义诊', '09:00', '11:00', [{ key: 'medic', name: '医护', slots: 2, skills: ['医护'] }])
    expect(await claim(deps(), { taskId, roleKey: 'medic' }, callerOf(v), call())).toMatchObject({
      ok: false,
      code: 'SKILL_MISSING',
      details: { missing: ['医护'] }
    })
    const stranger = aCaller({ openId: 'o-not-a-volunteer', roles: ['resident'] })
    expect(await claim(deps(), { taskId, roleKey: 'medic' }, stranger, call())).toMatchObject({
      ok: false,
      code: 'NOT_APPROVED'
    })
  })

  it('a withdrawal frees the slot and the time for someone else', async () => {
    const [v, w] = await addApprovedVolunteers(world().db, 'spec', 2)
    const taskId = await aTask('敬老院义剪', '09:00', '11:00', [{ key: 'guide', name: '引导员', slots: 1, skills: [] }])
    await claim(deps(), { taskId, roleKey: 'guide' }, callerOf(v), call())
    expect(await withdraw(deps(), { taskId }, callerOf(v))).toMatchObject({ ok: true, value: { late: false } })
    expect(await claim(deps(), { taskId, roleKey: 'guide' }, callerOf(w), call())).toMatchObject({ ok: true })
  })
})
