/**
 * The BUILT volunteers function (cloudfunctions/volunteers/index.js) through the local cloud with
 * dev login, over the seeded demo community. Needs `npm run build:functions` first.
 * Registration and approval, 100 simultaneous claims at a 3-slot task, one person's simultaneous
 * overlapping claims, withdrawals and marks, substitutes, QR check-in and verification, posts and
 * the quarterly check, certificates, exports, timers, and the role and bad-input tables.
 */
import { addApprovedVolunteers } from '../factories/volunteers.factory'
import { expectEveryLinkOpens } from './deep-links.helper'
import { useSeededCloud, communityDb } from './local-cloud.helper'

jest.setTimeout(90_000)

const cloud = useSeededCloud('volunteers')
const { call, tick, count } = cloud
const HOUR = 3_600_000
const runTimer = async (name: string): Promise<any> => await tick(name)
const doc = async (collection: string, id: string): Promise<any> =>
  ((await communityDb().collection(collection).doc(id).get()) as { data: any[] }).data[0]

let teamId: string
async function team(): Promise<string> {
  if (teamId) return teamId
  const res = await call('demo-staff', 'createTeam', {
    name: '环保卫士',
    intro: '垃圾分类与环境整治',
    leaderUserId: null
  })
  expect(res.ok).toBe(true)
  teamId = res.data.id
  return teamId
}

async function publish(
  opts: {
    startIn?: number
    hours?: number
    slots?: number
    cutoff?: number
    skills?: string[]
    title?: string
    by?: string
  } = {}
): Promise<string> {
  const start = new Date(Date.now() + (opts.startIn ?? 48 * HOUR))
  const res = await call(opts.by ?? 'demo-staff', 'publishTask', {
    title: opts.title ?? '小区环境整治',
    teamId: await team(),
    place: '3栋前广场',
    detail: '清理楼道杂物',
    startAt: start.toISOString(),
    endAt: new Date(start.getTime() + (opts.hours ?? 2) * HOUR).toISOString(),
    roles: [{ key: 'clean', name: '清洁', slots: opts.slots ?? 3, skills: opts.skills ?? [] }],
    withdrawCutoffHours: opts.cutoff ?? 24
  })
  expect(res).toMatchObject({ ok: true })
  return res.data.id
}

describe('the seeded demo', () => {
  it("gives demo-volunteer verified hours, a party standing and this week's activities; teams have totals", async () => {
    const me = await call('demo-volunteer', 'me', {})
    expect(me.data.profile).toMatchObject({
      status: 'approved',
      party: { type: '在职', employerOrg: '区税务局机关党委' }
    })
    expect(me.data.totals).toEqual({ hours: 6.5, activities: 3 })
    expect(me.data.quarter.posts).toBe(1)
    const tasks = await call('demo-volunteer', 'tasks', {})
    expect(tasks.data.items.map((t: { title: string }) => t.title)).toEqual(
      expect.arrayContaining(['社区议事厅布置', '小区环境整治', '义诊活动'])
    )
    const teams = await call('demo-resident', 'teams', {})
    expect(teams.data.map((t: { name: string }) => t.name)).toEqual(
      expect.arrayContaining(['和事佬', '环保卫士', '文化传承'])
    )
    const tutors = teams.data.find((t: { name: string }) => t.name === '四点半课堂辅导队')
    expect(tutors).toMatchObject({ hours: 2, activities: 1, people: 1 })
    expect((await call('demo-volunteer', 'posts', {})).data.length).toBeGreaterThanOrEqual(10)
  })
})

describe('registration and approval', () => {
  it('registers a resident as pending, lets staff approve once, and grants the volunteer role', async () => {
    const teams = await team()
    const reg = await call(
      'demo-resident',
      'register',
      {
        name: '王秀兰',
        phone: '14000001234',
        skills: ['垃圾分类'],
        availability: ['周末上午'],
        teamIds: [teams],
        party: null
      },
      'req-register-1'
    )
    expect(reg).toMatchObject({
      ok: true,
      data: { status: 'pending', phoneMasked: '140****1234', teams: [{ name: '环保卫士' }] }
    })
    expect(
      (
        await call('demo-resident', 'register', {
          name: '王秀兰',
          phone: '14000001234',
          skills: [],
          availability: [],
          teamIds: [],
          party: null
        })
      ).error.code
    ).toBe('ALREADY_REGISTERED')
    // Not approved yet: can't claim.
    const taskId = await publish()
    expect((await call('demo-resident', 'claim', { taskId, roleKey: 'clean' })).error.code).toBe('FORBIDDEN')

    const apps = await call('demo-staff', 'applications', {})
    const mine = apps.data.items.find((a: { name: string }) => a.name === '王秀兰')
    expect(mine).toMatchObject({ status: 'pending', phone: '14000001234' })
    const [a, b] = await Promise.all([
      call('demo-staff', 'review', { volunteerId: mine.id, decision: 'approve' }),
      call('demo-admin', 'review', { volunteerId: mine.id, decision: 'reject', note: '重复' })
    ])
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1)
    expect([a, b].find(r => !r.ok).error.code).toBe('ALREADY_REVIEWED')
    const approved = a.ok
    if (approved) {
      expect((await doc('users', 'demo-resident')).roles).toEqual(['resident', 'volunteer'])
      expect(await count('inbox', { to: 'demo-resident' })).toBeGreaterThan(0)
    }
  })

  it("records a party member's type and employer organisation (双报到)", async () => {
    await communityDb()
      .collection('users')
      .add({
        _id: 'o-party-newcomer',
        name: '周明',
        roles: ['resident'],
        phone: null,
        memberId: null,
        householdId: null,
        gridId: null,
        createdAt: new Date()
      })
    const reg = await call('o-party-newcomer', 'register', {
      name: '周明',
      phone: '14000004321',
      skills: [],
      availability: [],
      teamIds: [],
      party: { type: '在职', employerOrg: '区税务局机关党委' }
    })
    expect(reg.data.party).toEqual({ type: '在职', employerOrg: '区税务局机关党委' })
    expect((await doc('volunteers', reg.data.id)).partyMember).toBe(true)
  })
})

describe('claiming', () => {
  it('100 simultaneous claims at a 3-slot task: exactly 3 win, the rest are told it is full', async () => {
    const people = await addApprovedVolunteers(communityDb(), 'rush', 100)
    const taskId = await publish({ slots: 3 })
    const started = Date.now()
    const results = await Promise.all(
      people.map(async (p, i) => await call(p.openId, 'claim', { taskId, roleKey: 'clean' }, `req-rush-claim-${i}`))
    )
    const ms = Date.now() - started
    const wins = results.filter(r => r.ok)
    expect(wins).toHaveLength(3)
    expect(results.filter(r => !r.ok).every(r => r.error.code === 'TASK_FULL')).toBe(true)
    expect((await doc('vol_tasks', taskId)).slotsLeft.clean).toBe(0)
    expect(await count('vol_claims', { taskId, status: 'claimed' })).toBe(3)
    // Losers hold nothing in their ledgers.
    const holders = (
      (await communityDb()
        .collection('vol_ledgers')
        .where({ _id: communityDb().command.in(people.map(p => p.volunteerId)) })
        .limit(1000)
        .get()) as { data: Array<{ holds: unknown[] }> }
    ).data
    expect(holders.reduce((n, l) => n + l.holds.length, 0)).toBe(3)
    console.log(`100 simultaneous claims at 3 slots: 3 won, 97 TASK_FULL in ${ms} ms`)
  })

  it('one person firing claims at 8 overlapping tasks at once gets exactly one', async () => {
    const [p] = await addApprovedVolunteers(communityDb(), 'overlap', 1)
    const tasks = await Promise.all(
      Array.from(
        { length: 8 },
        async (_, i) =>
          await publish({ startIn: 72 * HOUR + i * 10 * 60_000, hours: 2, slots: 5, title: `重叠活动${i}` })
      )
    )
    const results = await Promise.all(
      tasks.map(async taskId => await call(p.openId, 'claim', { taskId, roleKey: 'clean' }))
    )
    expect(results.filter(r => r.ok)).toHaveLength(1)
    expect(results.filter(r => !r.ok).every(r => r.error.code === 'TIME_CONFLICT')).toBe(true)
    expect((await doc('vol_ledgers', p.volunteerId)).holds).toHaveLength(1)
    // The seven others kept all their slots.
    const left = await Promise.all(tasks.map(async t => (await doc('vol_tasks', t)).slotsLeft.clean))
    expect(left.sort()).toEqual([4, 5, 5, 5, 5, 5, 5, 5])
  })

  it('one person claiming the same task 10 times at once gets it once (different requestIds)', async () => {
    const [p] = await addApprovedVolunteers(communityDb(), 'twice', 1)
    const taskId = await publish({ slots: 5 })
    const results = await Promise.all(
      Array.from(
        { length: 10 },
        async (_, i) => await call(p.openId, 'claim', { taskId, roleKey: 'clean' }, `req-twice-${i}-xx`)
      )
    )
    // A tap that finds the claim still being made finishes the same one (a retry after a failure
    // does the same), so each answer is that one claim or "already claimed": one slot, told once.
    expect(results.filter(r => r.ok).length).toBeGreaterThanOrEqual(1)
    expect(new Set(results.filter(r => r.ok).map(r => r.data.claimId)).size).toBe(1)
    expect(results.filter(r => !r.ok).every(r => r.error.code === 'ALREADY_CLAIMED')).toBe(true)
    expect((await doc('vol_tasks', taskId)).slotsLeft.clean).toBe(4)
    expect(await count('inbox', { to: p.openId, kind: 'volunteers.claim' })).toBe(1)
  })

  it('drops an old hold left by a crash (no claim behind it), but never a fresh one', async () => {
    const [p] = await addApprovedVolunteers(communityDb(), 'orphan', 1)
    const taskId = await publish({ startIn: 300 * HOUR, hours: 2 })
    const task = await doc('vol_tasks', taskId)
    const orphan = (at: Date) => ({
      claimId: `crashed-task:${p.volunteerId}`,
      taskId: 'crashed-task',
      startAt: task.startAt,
      endAt: task.endAt,
      at
    })
    await communityDb()
      .collection('vol_ledgers')
      .add({ _id: p.volunteerId, version: 0, holds: [orphan(new Date())] })
    expect((await call(p.openId, 'claim', { taskId, roleKey: 'clean' })).error.code).toBe('TIME_CONFLICT')
    await communityDb()
      .collection('vol_ledgers')
      .doc(p.volunteerId)
      .update({ holds: communityDb().command.set([orphan(new Date(Date.now() - 10 * 60_000))]) })
    expect((await call(p.openId, 'claim', { taskId, roleKey: 'clean' })).ok).toBe(true)
    expect((await doc('vol_ledgers', p.volunteerId)).holds.map((h: { taskId: string }) => h.taskId)).toEqual([taskId])
  })

  it('lets a team leader publish for their own team only', async () => {
    const start = new Date(Date.now() + 100 * HOUR)
    const task = (teamId: string) => ({
      title: '垃圾分类宣传',
      teamId,
      place: '2号垃圾房',
      detail: '',
      startAt: start.toISOString(),
      endAt: new Date(start.getTime() + HOUR).toISOString(),
      roles: [{ key: 'talk', name: '宣传', slots: 2, skills: [] }]
    })
    expect((await call('demo-volunteer', 'publishTask', task('team-green'))).ok).toBe(true)
    expect((await call('demo-volunteer', 'publishTask', task('team-elder'))).error.code).toBe('FORBIDDEN')
  })

  it('back-to-back tasks are not a conflict; a missing skill is refused', async () => {
    const [p] = await addApprovedVolunteers(communityDb(), 'b2b', 1, { skills: ['急救'] })
    const first = await publish({ startIn: 200 * HOUR, hours: 2 })
    const second = await publish({ startIn: 202 * HOUR, hours: 1, skills: ['急救'] })
    const third = await publish({ startIn: 210 * HOUR, hours: 1, skills: ['心理咨询'] })
    expect((await call(p.openId, 'claim', { taskId: first, roleKey: 'clean' })).ok).toBe(true)
    expect((await call(p.openId, 'claim', { taskId: second, roleKey: 'clean' })).ok).toBe(true)
    expect((await call(p.openId, 'claim', { taskId: third, roleKey: 'clean' })).error).toMatchObject({
      code: 'SKILL_MISSING',
      details: { missing: ['心理咨询'] }
    })
  })

  it('confirms a claim in the inbox and schedules the day-before reminder; withdrawing cancels it', async () => {
    const [p] = await addApprovedVolunteers(communityDb(), 'remind', 1)
    const taskId = await publish({ startIn: 96 * HOUR })
    const claimId = `${taskId}:${p.volunteerId}`
    expect((await call(p.openId, 'claim', { taskId, roleKey: 'clean' })).ok).toBe(true)
    expect(await count('inbox', { to: p.openId })).toBe(1)
    const reminder = await doc('reminders', `volunteers.reminder:${claimId}`)
    expect(reminder.status).toBe('pending')
    expect(new Date(reminder.at).getTime()).toBe((await doc('vol_tasks', taskId)).startAt.getTime() - 24 * HOUR)
    expect(await call(p.openId, 'withdraw', { taskId })).toEqual({ ok: true, data: { late: false } })
    expect((await doc('reminders', `volunteers.reminder:${claimId}`)).status).toBe('cancelled')
  })
})

describe('an organiser calls an activity off', () => {
  it('tells every volunteer at once, frees their time for another task, leaves no mark, and stops claims and check-ins', async () => {
    const [a, b, c] = await addApprovedVolunteers(communityDb(), 'cancel', 3)
    const rainy = await publish({ slots: 3, startIn: 30 * HOUR, cutoff: 24, title: '河道清理' })
    for (const p of [a, b]) expect((await call(p.openId, 'claim', { taskId: rainy, roleKey: 'clean' })).ok).toBe(true)
    // The same hours elsewhere: a's time is taken by the rainy task.
    const indoor = await publish({ slots: 3, startIn: 30 * HOUR, cutoff: 24, title: '室内整理' })
    expect((await call(a.openId, 'claim', { taskId: indoor, roleKey: 'clean' })).ok).toBe(false)

    expect((await call(a.openId, 'cancelTask', { taskId: rainy, reason: '暴雨预警' })).error.code).toBe('FORBIDDEN')
    expect((await call('demo-staff', 'cancelTask', { taskId: rainy, reason: '' })).error.code).toBe('INVALID_INPUT')
    // Two organisers at once: one cancellation, each volunteer told once.
    const both = await Promise.all(
      [1, 2].map(async () => await call('demo-staff', 'cancelTask', { taskId: rainy, reason: '暴雨预警' }))
    )
    expect(both.map(r => r.ok)).toEqual([true, true])
    expect(both[0].data.notified + both[1].data.notified).toBe(2) // each claim released by one of them
    for (const p of [a, b]) {
      expect(await count('inbox', { to: p.openId, kind: 'volunteers.task-cancelled' })).toBe(1)
      expect((await doc('reminders', `volunteers.reminder:${rainy}:${p.volunteerId}`)).status).toBe('cancelled')
    }
    const cancelled = await call(a.openId, 'task', { taskId: rainy })
    expect(cancelled.data).toMatchObject({ status: 'cancelled', cancelReason: '暴雨预警', mine: null })
    expect(await count('audit', { action: 'volunteers.cancel-task', target: `vol_tasks/${rainy}` })).toBe(1)
    expect(await count('vol_marks', { volunteerId: a.volunteerId })).toBe(0)
    // a's time is free again; nobody can claim the cancelled task.
    expect((await call(a.openId, 'claim', { taskId: indoor, roleKey: 'clean' })).ok).toBe(true)
    expect((await call(c.openId, 'claim', { taskId: rainy, roleKey: 'clean' })).error.code).toBe('TASK_CLOSED')
    expect((await call(b.openId, 'checkIn', { taskId: rainy, code: '123456' })).error.code).toBe('NOT_CLAIMED')
  })
})

describe('withdrawals, no-shows and substitutes', () => {
  it('an early withdrawal frees the slot with no record; a late one frees it and is recorded for staff only', async () => {
    const [a, b] = await addApprovedVolunteers(communityDb(), 'wd', 2)
    const early = await publish({ slots: 1, startIn: 72 * HOUR, cutoff: 24 })
    expect((await call(a.openId, 'claim', { taskId: early, roleKey: 'clean' })).ok).toBe(true)
    expect((await call(b.openId, 'claim', { taskId: early, roleKey: 'clean' })).error.code).toBe('TASK_FULL')
    const [w1, w2] = await Promise.all([
      call(a.openId, 'withdraw', { taskId: early }),
      call(a.openId, 'withdraw', { taskId: early })
    ])
    expect([w1.ok, w2.ok].filter(Boolean)).toHaveLength(1)
    expect((await doc('vol_tasks', early)).slotsLeft.clean).toBe(1)
    expect((await call(b.openId, 'claim', { taskId: early, roleKey: 'clean' })).ok).toBe(true)
    expect(await count('vol_marks', { volunteerId: a.volunteerId })).toBe(0)

    const late = await publish({ slots: 1, startIn: 5 * HOUR, cutoff: 24 })
    expect((await call(a.openId, 'claim', { taskId: late, roleKey: 'clean' })).ok).toBe(true)
    expect(await call(a.openId, 'withdraw', { taskId: late })).toEqual({ ok: true, data: { late: true } })
    expect((await doc('vol_tasks', late)).slotsLeft.clean).toBe(1)
    const marks = await call('demo-staff', 'marks', {})
    expect(marks.data.items.find((m: { name: string }) => m.name === '志愿者wd0')).toMatchObject({
      kind: 'late_withdrawal'
    })
    expect((await call(a.openId, 'marks', {})).error.code).toBe('FORBIDDEN')
    expect(JSON.stringify(await call(a.openId, 'me', {}))).not.toMatch(/late_withdrawal/)
  })

  it('forgets marks older than 6 months on the timer', async () => {
    const old = new Date(Date.now() - 200 * 24 * HOUR)
    await communityDb().collection('vol_marks').add({
      _id: 'noshow:old-task:someone',
      volunteerId: 'someone',
      name: '旧记录',
      kind: 'no_show',
      taskId: 'old-task',
      title: '旧活动',
      at: old
    })
    const before = await count('vol_marks')
    const res = await runTimer('forgetMarks')
    expect(res.removed).toBe(1)
    expect(await count('vol_marks')).toBe(before - 1)
  })

  it('records a no-show on the timer for a claim with no check-in after the task ended', async () => {
    const [p] = await addApprovedVolunteers(communityDb(), 'noshow', 1)
    const taskId = await publish({ startIn: 30 * 60_000, hours: 1 })
    expect((await call(p.openId, 'claim', { taskId, roleKey: 'clean' })).ok).toBe(true)
    // The task ended: move its claim's end into the past, as time would.
    await communityDb()
      .collection('vol_claims')
      .doc(`${taskId}:${p.volunteerId}`)
      .update({ endAt: new Date(Date.now() - 60_000) })
    const first = await runTimer('noShows')
    expect(first.marked).toBeGreaterThanOrEqual(1)
    expect((await runTimer('noShows')).marked).toBe(0)
    expect(await count('vol_marks', { volunteerId: p.volunteerId, kind: 'no_show' })).toBe(1)
  })

  it('one tap asks the team for a substitute; of two takers at once exactly one takes the shift over', async () => {
    const tid = await team()
    const [holder, x, y] = await addApprovedVolunteers(communityDb(), 'sub', 3, { teamIds: [tid] })
    const taskId = await publish({ slots: 1 })
    expect((await call(holder.openId, 'claim', { taskId, roleKey: 'clean' })).ok).toBe(true)
    const asked = await call(holder.openId, 'seekSubstitute', { taskId })
    expect(asked.ok).toBe(true)
    expect(asked.data.asked).toBeGreaterThanOrEqual(2)
    expect(await count('inbox', { to: x.openId })).toBe(1)
    // The notice opens the task's page, where the offer to take over is (not the volunteers home).
    expect(
      ((await communityDb().collection('inbox').where({ to: x.openId }).get()) as { data: Array<{ link: string }> })
        .data[0].link
    ).toBe(`/pages/volunteers/task?id=${taskId}&community=community`)
    const [rx, ry] = await Promise.all([
      call(x.openId, 'takeOver', { taskId, volunteerId: holder.volunteerId }),
      call(y.openId, 'takeOver', { taskId, volunteerId: holder.volunteerId })
    ])
    expect([rx.ok, ry.ok].filter(Boolean)).toHaveLength(1)
    expect([rx, ry].find(r => !r.ok).error.code).toBe('NO_SUBSTITUTE_NEEDED')
    expect((await doc('vol_tasks', taskId)).slotsLeft.clean).toBe(0)
    expect((await doc('vol_claims', `${taskId}:${holder.volunteerId}`)).status).toBe('handed_over')
    expect(await count('vol_claims', { taskId, status: 'claimed' })).toBe(1)
    expect((await doc('vol_ledgers', holder.volunteerId)).holds).toHaveLength(0)
  })

  it('a weekly roster generates its next weeks once, however often the timer runs', async () => {
    const res = await call('demo-staff', 'createSeries', {
      title: '周六垃圾分类督导',
      teamId: await team(),
      place: '2号垃圾房',
      detail: '',
      weekday: 6,
      startTime: '08:00',
      endTime: '10:00',
      roles: [{ key: 'guide', name: '督导', slots: 2, skills: [] }],
      weeksAhead: 3
    })
    expect(res.ok).toBe(true)
    expect(res.data.tasks.length).toBeGreaterThanOrEqual(2)
    await runTimer('rosters')
    await runTimer('rosters')
    expect(await count('vol_tasks', { seriesId: res.data.id })).toBe(res.data.tasks.length)
  })
})

describe('check-in by rotating QR code, hours and verification', () => {
  it("checks in with the code on the organiser's screen, checks out, and counts hours once verified", async () => {
    const [p] = await addApprovedVolunteers(communityDb(), 'qr', 1, { partyMember: true })
    const taskId = await publish({ startIn: 10 * 60_000, hours: 2 })
    expect((await call(p.openId, 'claim', { taskId, roleKey: 'clean' })).ok).toBe(true)
    expect((await call(p.openId, 'checkinCode', { taskId })).error.code).toBe('FORBIDDEN')
    const code = await call('demo-staff', 'checkinCode', { taskId })
    expect(code.data).toMatchObject({
      code: expect.stringMatching(/^\d{6}$/),
      windowSeconds: 30,
      qrText: `linli-vol:${taskId}:${code.data.code}`
    })
    const wrong = String((Number(code.data.code) + 1) % 1_000_000).padStart(6, '0')
    expect((await call(p.openId, 'checkIn', { taskId, code: wrong })).error.code).toBe('CODE_INVALID')
    expect(
      (await call(p.openId, 'checkIn', { taskId, code: `linli-vol:other-task:${code.data.code}` })).error.code
    ).toBe('CODE_INVALID')
    expect((await call(p.openId, 'checkIn', { taskId, code: code.data.qrText })).data.status).toBe('checked_in')
    expect((await call(p.openId, 'checkIn', { taskId, code: code.data.code })).error.code).toBe('ALREADY_CHECKED')
    // On the task page: 已签到, and no way to withdraw or hand the shift on any more.
    expect((await call(p.openId, 'task', { taskId })).data.mine).toMatchObject({
      status: 'claimed',
      attendance: 'checked_in'
    })
    expect((await call(p.openId, 'withdraw', { taskId })).error.code).toBe('ALREADY_ATTENDED')
    expect((await call(p.openId, 'seekSubstitute', { taskId })).error.code).toBe('ALREADY_ATTENDED')
    expect(await count('vol_claims', { _id: `${taskId}:${p.volunteerId}`, status: 'claimed' })).toBe(1)
    expect((await call('demo-staff', 'verify', { taskId, volunteerId: p.volunteerId, approve: true })).error.code).toBe(
      'NOT_ENDED'
    )
    const out = await call(p.openId, 'checkOut', {
      taskId,
      code: (await call('demo-staff', 'checkinCode', { taskId })).data.code
    })
    expect(out.data).toMatchObject({ status: 'checked_out', minutes: 0, hours: 0 })
    expect((await call(p.openId, 'task', { taskId })).data.mine.attendance).toBe('checked_out')
    // Not counted before verification.
    expect((await call(p.openId, 'me', {})).data.totals).toEqual({ hours: 0, activities: 0 })
    // The organiser corrects the minutes (100 min → 1.5 h) and verifies; twice at once counts once.
    const [v1, v2] = await Promise.all([
      call('demo-staff', 'verify', { taskId, volunteerId: p.volunteerId, approve: true, minutes: 100 }),
      call('demo-admin', 'verify', { taskId, volunteerId: p.volunteerId, approve: true, minutes: 100 })
    ])
    expect([v1.ok, v2.ok].filter(Boolean)).toHaveLength(1)
    const me = await call(p.openId, 'me', {})
    expect(me.data.totals).toEqual({ hours: 1.5, activities: 1 })
    expect(me.data.quarter).toMatchObject({ activities: 1, met: false })
    const teams = await call(p.openId, 'teams', {})
    expect(teams.data.find((t: { id: string }) => t.id === teamId).hours).toBeGreaterThanOrEqual(1.5)
    expect(JSON.stringify(teams.data)).not.toMatch(/志愿者qr0/)
  })

  it('lets the organiser check someone in and out at given times, with the default rounding', async () => {
    const [p] = await addApprovedVolunteers(communityDb(), 'org', 1)
    const taskId = await publish({ startIn: 20 * 60_000, hours: 3 })
    expect((await call(p.openId, 'claim', { taskId, roleKey: 'clean' })).ok).toBe(true)
    const t0 = new Date(Date.now() + 20 * 60_000)
    expect(
      (
        await call('demo-staff', 'organiserCheck', {
          taskId,
          volunteerId: p.volunteerId,
          kind: 'in',
          at: t0.toISOString()
        })
      ).ok
    ).toBe(true)
    expect(
      (
        await call('demo-staff', 'organiserCheck', {
          taskId,
          volunteerId: p.volunteerId,
          kind: 'out',
          at: new Date(t0.getTime() + 134 * 60_000).toISOString()
        })
      ).ok
    ).toBe(true)
    const roster = await call('demo-staff', 'roster', { taskId })
    expect(roster.data.rows[0]).toMatchObject({
      attendance: 'checked_out',
      minutes: 134,
      hours: 2,
      phoneMasked: expect.stringMatching(/^140\*{4}\d{4}$/)
    })
    expect((await call('demo-staff', 'verify', { taskId, volunteerId: p.volunteerId, approve: true })).data).toEqual({
      status: 'verified',
      hours: 2
    })
  })
})

describe('service posts and the quarterly check', () => {
  it('lets a party member claim a post; staff see who is below ≥ 1 post and ≥ 2 activities', async () => {
    const post = await call('demo-staff', 'createPost', {
      category: '政策宣传',
      name: '政策宣传员',
      duty: '每月入户宣传一次'
    })
    expect(post.ok).toBe(true)
    expect((await call('demo-volunteer', 'claimPost', { postId: post.data.id })).ok).toBe(true)
    expect((await call('demo-volunteer', 'claimPost', { postId: post.data.id })).ok).toBe(true)
    expect(await count('vol_post_claims', { postId: post.data.id })).toBe(1)
    const [plain] = await addApprovedVolunteers(communityDb(), 'notparty', 1)
    expect((await call(plain.openId, 'claimPost', { postId: post.data.id })).error.code).toBe('NOT_PARTY_MEMBER')
    const check = await call('demo-staff', 'quarterCheck', {})
    expect(check.ok).toBe(true)
    expect(check.data.below).toBeGreaterThan(0)
    expect(check.data.items.length).toBeLessThanOrEqual(20)
    const remind = await runTimer('quarterReminder')
    expect(remind.reminded).toBeGreaterThan(0)
  })
})

describe('certificates and exports', () => {
  let serial: string
  it('issues a 志愿服务记录证明 with a serial for verified hours only, as a PDF its holder can save', async () => {
    expect((await call('rush-50', 'issueCertificate', {})).error.code).toBe('NO_HOURS')
    const issued = await call('qr-0', 'issueCertificate', {}, 'req-cert-qr-0')
    expect(issued.data).toMatchObject({ serial: expect.stringMatching(/^CH-\d{4}-\d{6}$/), totalHours: 1.5 })
    serial = issued.data.serial
    const pdf = await call('qr-0', 'downloadCertificate', { serial })
    expect(pdf.ok).toBe(true)
    const bytes = Buffer.from(pdf.data.pdfBase64, 'base64')
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-')
    expect(bytes.length).toBeLessThan(200_000)
    expect((await call('demo-resident', 'downloadCertificate', { serial })).error.code).toBe('FORBIDDEN')
  })

  it('verifies a serial for anyone, with the name masked', async () => {
    expect(await call('o-anyone', 'verifyCertificate', { serial })).toEqual({
      ok: true,
      data: {
        valid: true,
        serial,
        name: '志****0',
        totalHours: 1.5,
        issuer: '春晖社区居民委员会',
        issuedAt: expect.any(String)
      }
    })
    expect((await call('o-anyone', 'verifyCertificate', { serial: 'CH-2000-000001' })).data).toEqual({
      valid: false,
      serial: 'CH-2000-000001'
    })
  })

  it("exports a member's and an employer's service records as CSV for staff", async () => {
    const member = await call('demo-staff', 'exportMember', { volunteerId: 'vol-qr-0' })
    expect(member.data.rows).toBe(1)
    expect(member.data.csv).toContain('小区环境整治')
    const employer = await call('demo-staff', 'exportEmployer', { employerOrg: '测试单位党支部' })
    expect(employer.data.members).toBeGreaterThanOrEqual(1)
    expect(employer.data.csv.startsWith('\uFEFF姓名,')).toBe(true)
  })
})

describe('bad input and wrong roles change nothing', () => {
  const written = [
    'audit',
    'volunteers',
    'vol_teams',
    'vol_tasks',
    'vol_series',
    'vol_claims',
    'vol_ledgers',
    'vol_marks',
    'vol_attendance',
    'vol_posts',
    'vol_post_claims',
    'vol_certificates',
    'inbox',
    'reminders'
  ]
  const snapshot = async (): Promise<string> =>
    JSON.stringify(await Promise.all(written.map(async c => await count(c))))

  const future = new Date(Date.now() + 48 * HOUR).toISOString()
  const later = new Date(Date.now() + 50 * HOUR).toISOString()
  const task = {
    title: '活动',
    teamId: null,
    place: '广场',
    detail: '',
    startAt: future,
    endAt: later,
    roles: [{ key: 'a', name: '岗', slots: 1, skills: [] }]
  }
  it.each([
    [
      'register without a phone',
      'demo-elder',
      'register',
      { name: '张桂芳', skills: [], availability: [], teamIds: [], party: null },
      'INVALID_INPUT'
    ],
    [
      'register with a bad phone',
      'demo-elder',
      'register',
      { name: '张桂芳', phone: '123', skills: [], availability: [], teamIds: [], party: null },
      'INVALID_INPUT'
    ],
    [
      'register with an unknown party type',
      'demo-elder',
      'register',
      {
        name: '张',
        phone: '14000000001',
        skills: [],
        availability: [],
        teamIds: [],
        party: { type: '名誉', employerOrg: null }
      },
      'INVALID_INPUT'
    ],
    [
      'publish ending before it starts',
      'demo-staff',
      'publishTask',
      { ...task, endAt: future, startAt: later },
      'INVALID_INPUT'
    ],
    [
      'publish with 0 slots',
      'demo-staff',
      'publishTask',
      { ...task, roles: [{ key: 'a', name: '岗', slots: 0, skills: [] }] },
      'INVALID_INPUT'
    ],
    [
      'publish with duplicate role keys',
      'demo-staff',
      'publishTask',
      { ...task, roles: [task.roles[0], task.roles[0]] },
      'INVALID_INPUT'
    ],
    [
      'claim with an injected operator',
      'demo-volunteer',
      'claim',
      { taskId: { $gt: '' }, roleKey: 'a' },
      'INVALID_INPUT'
    ],
    ['check in with a short code', 'demo-volunteer', 'checkIn', { taskId: 't', code: '12' }, 'INVALID_INPUT'],
    ['verify a serial of the wrong shape', 'o-anyone', 'verifyCertificate', { serial: 'XX' }, 'INVALID_INPUT'],
    ['extra fields', 'demo-volunteer', 'me', { admin: true }, 'INVALID_INPUT'],
    ['a resident publishing a task', 'demo-resident-x', 'publishTask', task, 'FORBIDDEN'],
    ['a plain resident claiming', 'demo-elder', 'claim', { taskId: 'x', roleKey: 'a' }, 'FORBIDDEN'],
    [
      'a volunteer reviewing applications',
      'demo-volunteer',
      'review',
      { volunteerId: 'vol-x', decision: 'approve' },
      'FORBIDDEN'
    ],
    [
      'a volunteer creating a team',
      'demo-volunteer',
      'createTeam',
      { name: '队', intro: '', leaderUserId: null },
      'FORBIDDEN'
    ],
    ['a volunteer publishing without leading the team', 'demo-volunteer', 'publishTask', task, 'FORBIDDEN'],
    ['a grid worker exporting', 'demo-grid-worker', 'exportEmployer', { employerOrg: '测试单位党支部' }, 'FORBIDDEN'],
    ['a volunteer reading the quarterly list', 'demo-volunteer', 'quarterCheck', {}, 'FORBIDDEN'],
    [
      'an unregistered caller registering',
      'o-stranger',
      'register',
      { name: '某', phone: '14000000002', skills: [], availability: [], teamIds: [], party: null },
      'FORBIDDEN'
    ],
    [
      'publishing a scam ad as a task',
      'demo-staff',
      'publishTask',
      { ...task, detail: '网赌稳赚，加微信详聊' },
      'CONTENT_REJECTED'
    ]
  ])('%s → %s', async (_name, who, actionName, payload, code) => {
    const before = await snapshot()
    const res = await call(who, actionName, payload)
    expect(res).toMatchObject({ ok: false, error: { code } })
    expect(await snapshot()).toBe(before)
  })
})

// Last: every notice these flows sent opens a page its reader may see (issue 18).
test('every notice sent above opens, for its recipient, a page that loads what it is about', async () => {
  await expectEveryLinkOpens(cloud)
})
