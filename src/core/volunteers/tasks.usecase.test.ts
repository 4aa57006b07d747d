/**
 * Claiming a volunteer task (认领志愿岗位) in process: the real volunteers repository (slot
 * counters, the person's ledger of held times), notifier and audit writer on the local cloud's
 * database engine in memory, at a frozen Shanghai clock (test/support/in-memory-deps.ts).
 */
import { aCaller } from '../../../test/factories/caller.factory'
import { addApprovedVolunteers, type TestVolunteer } from '../../../test/factories/volunteers.factory'
import { minutes, rows, useWorld, volunteersDeps } from '../../../test/support/in-memory-deps'
import { claim, listTasks, myClaims, publishTask, withdraw } from './tasks.usecase'
import { publishTaskInput } from './volunteers.schemas'

// Thursday 4 September 2025, 09:00 in Shanghai.
const world = useWorld('2025-09-04 09:00')
const deps = () => volunteersDeps(world())
const staff = aCaller({ openId: 'o-staff', name: '李社工', roles: ['staff'] })
const callerOf = (v: TestVolunteer) => aCaller({ openId: v.openId, name: v.openId, roles: ['resident', 'volunteer'] })

let rid = 0
const call = () => ({ requestId: `spec-${++rid}` })

/** A task on Saturday 6 September (or `date`), `from`–`to` Shanghai time. */
async function aTask(
  title: string,
  from: string,
  to: string,
  roles = [{ key: 'guide', name: '引导员', slots: 2, skills: [] as string[] }],
  { teamId = null, date = '2025-09-06' }: { teamId?: string | null; date?: string } = {}
): Promise<string> {
  const input = publishTaskInput.parse({
    title,
    teamId,
    place: '社区广场',
    detail: '',
    startAt: `${date}T${from}:00+08:00`,
    endAt: `${date}T${to}:00+08:00`,
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

describe('the task board and one’s own shifts', () => {
  const GUIDE = [{ key: 'guide', name: '引导员', slots: 2, skills: [] as string[] }]
  /** A resident with an account and no volunteer registration. */
  async function aResident(openId: string) {
    await world()
      .db.collection('users')
      .add({ _id: openId, name: '居民', roles: ['resident'] })
    return aCaller({ openId, roles: ['resident'] })
  }
  const mineOn = (page: any) =>
    Object.fromEntries(page.value.items.map((t: any) => [t.title, t.mine ? t.mine.status : null]))

  it('shows each person the places left, the team, and only their own claims', async () => {
    await world()
      .db.collection('vol_teams')
      .add({ _id: 'team-green', name: '环保卫士', intro: '', leaderUserId: null, order: 1 })
    const [v, w] = await addApprovedVolunteers(world().db, 'board', 2)
    const cut = await aTask('敬老院义剪', '09:00', '11:00', GUIDE, { teamId: 'team-green' })
    const sweep = await aTask('社区清扫', '14:00', '16:00')
    const gone = await aTask('图书角值守', '19:00', '20:00')
    await claim(deps(), { taskId: cut, roleKey: 'guide' }, callerOf(v), call())
    await claim(deps(), { taskId: sweep, roleKey: 'guide' }, callerOf(w), call())
    await claim(deps(), { taskId: gone, roleKey: 'guide' }, callerOf(v), call())
    await withdraw(deps(), { taskId: gone }, callerOf(v))

    const ofV = await listTasks(deps(), {}, callerOf(v))
    expect(mineOn(ofV)).toEqual({ 敬老院义剪: 'claimed', 社区清扫: null, 图书角值守: null })
    expect(ofV).toMatchObject({
      ok: true,
      value: {
        items: [
          { id: cut, team: '环保卫士', roles: [{ key: 'guide', slots: 2, left: 1 }], mine: { roleKey: 'guide' } },
          { id: sweep, team: null, roles: [{ left: 1 }] },
          { id: gone, roles: [{ left: 2 }] }
        ],
        cursor: null
      }
    })
    expect(mineOn(await listTasks(deps(), {}, callerOf(w)))).toEqual({
      敬老院义剪: null,
      社区清扫: 'claimed',
      图书角值守: null
    })
    expect(mineOn(await listTasks(deps(), {}, await aResident('o-board-resident')))).toEqual({
      敬老院义剪: null,
      社区清扫: null,
      图书角值守: null
    })
  })

  it('pages the board 20 at a time, soonest first, and filters by team', async () => {
    await world()
      .db.collection('vol_teams')
      .add({ _id: 'team-green', name: '环保卫士', intro: '', leaderUserId: null, order: 1 })
    const ids: string[] = []
    for (let i = 0; i < 21; i++) {
      const date = `2025-09-${String(6 + Math.floor(i / 3)).padStart(2, '0')}`
      const from = `${String(9 + (i % 3) * 2).padStart(2, '0')}:00`
      const to = `${String(10 + (i % 3) * 2).padStart(2, '0')}:00`
      ids.push(await aTask(`活动${i}`, from, to, GUIDE, { date, teamId: i % 2 === 0 ? 'team-green' : null }))
    }
    const caller = await aResident('o-board-pager')
    const first = await listTasks(deps(), {}, caller)
    if (!first.ok) throw new Error(first.code)
    expect(first.value.items.map(t => t.id)).toEqual(ids.slice(0, 20))
    expect(first.value.cursor).toBe('20')
    const second = await listTasks(deps(), { cursor: '20' }, caller)
    expect(second).toMatchObject({ ok: true, value: { items: [{ id: ids[20] }], cursor: null } })
    const green = await listTasks(deps(), { teamId: 'team-green' }, caller)
    if (!green.ok) throw new Error(green.code)
    expect(green.value.items.map(t => t.id)).toEqual(ids.filter((_, i) => i % 2 === 0))
  })

  it('lists one’s own shifts from yesterday on, and nothing for someone not registered', async () => {
    const [v, w] = await addApprovedVolunteers(world().db, 'shifts', 2)
    const saturday = await aTask('敬老院义剪', '09:00', '11:00')
    const monday = await aTask('社区清扫', '09:00', '11:00', GUIDE, { date: '2025-09-08' })
    const left = await aTask('图书角值守', '14:00', '16:00', GUIDE, { date: '2025-09-08' })
    for (const taskId of [saturday, monday, left])
      await claim(deps(), { taskId, roleKey: 'guide' }, callerOf(v), call())
    await claim(deps(), { taskId: monday, roleKey: 'guide' }, callerOf(w), call())
    await withdraw(deps(), { taskId: left }, callerOf(v))
    const shifts = async () => {
      const res = await myClaims(deps(), {}, callerOf(v))
      return res.ok ? res.value.map(c => [c.title, c.date, c.status]) : res
    }
    expect(await shifts()).toEqual([
      ['敬老院义剪', '2025-09-06', 'claimed'],
      ['社区清扫', '2025-09-08', 'claimed']
    ])
    // Sunday 10:00: Saturday's shift ended 23 hours ago and still waits for its check-out.
    world().clock.advance(minutes((3 * 24 + 1) * 60))
    expect(await shifts()).toHaveLength(2)
    // Sunday 12:00: more than a day since it ended.
    world().clock.advance(minutes(2 * 60))
    expect(await shifts()).toEqual([['社区清扫', '2025-09-08', 'claimed']])
    expect(await myClaims(deps(), {}, await aResident('o-shifts-resident'))).toEqual({ ok: true, value: [] })
  })
})
