/**
 * Teams, tasks, weekly rosters, claiming, withdrawing and substitutes.
 *
 * Claiming under concurrency (the invariants and what holds each):
 * - never more claims than slots: ONE conditional decrement of the role's counter
 *   (`store.takeSlot`); a read-check-write would let two callers both see the last slot free.
 * - one person never claims the same task twice, nor two overlapping tasks: the person's ledger
 *   (`store.hold`) adds the time range only if no held range overlaps it and the claim id is not
 *   already there, by a conditional update on the ledger's version. Two simultaneous claims by one
 *   person read the same version; only one update matches it, the other re-reads and sees the
 *   first one's hold. The claim's `_id` is `${taskId}:${volunteerId}`, so its record is unique too.
 * - order: ledger first, then the slot; when the slot is gone the hold is released again, so a
 *   full task never leaves a hold behind. A function that dies between the hold and writing the
 *   claim leaves an orphan hold; the ledger drops a blocking hold whose claim is not active once
 *   it is older than a couple of minutes (see the repository's `hold`).
 */
import type { Caller } from '../community/caller'
import { DEFAULT_COMMUNITY_ID } from '../community/community.model'
import { isRetryOf, ok, type CallInfo, type Result } from '../shared/wire'
import { weeklyOccurrences } from './series.rule'
import { shanghaiDate, shanghaiDay } from '../shared/shanghai-time'
import { isOrganiser, isStaff } from './organiser.rule'
import { isLateWithdrawal } from './overlap.rule'
import { statusOf } from './register.usecase'
import type { VolunteersCode, VolunteersReply, VolunteersResult } from './volunteers.contract'
import { failWith } from './volunteers.errors'
import type { VolunteersDeps } from './volunteers.ports'
import type { CreateSeriesInput, PublishTaskInput } from './volunteers.schemas'
import { halfDoneBefore } from '../shared/half-done'
import type {
  AttendanceStatus,
  ClaimRecord,
  ClaimStatus,
  SeriesRecord,
  TaskRecord,
  TeamRecord,
  VolunteerRecord
} from './volunteers.model'

const ACTIVE: ClaimStatus[] = ['claimed', 'seeking_substitute']
/** A claim that holds (or is about to hold) its slot and time. */
const isLive = (c: ClaimRecord): boolean => c.status === 'pending' || ACTIVE.includes(c.status)
const DAY_MS = 24 * 3_600_000

type TaskView = VolunteersReply<'task'>

/**
 * A task's page, in the task's community (issue 20): a volunteer told about another community's task opens it there,
 * whichever community their app is on (the page sends it with every call, pages/volunteers/task.tsx).
 */
export const taskLink = (deps: Pick<VolunteersDeps, 'communityId'>, taskId: string): string =>
  `/pages/volunteers/task?id=${encodeURIComponent(taskId)}&community=${encodeURIComponent(deps.communityId)}`

export function taskView(
  t: TaskRecord,
  teams: TeamRecord[],
  mine: ClaimRecord | null,
  caller: Caller,
  attendance: AttendanceStatus | null = null
): TaskView {
  return {
    id: t._id,
    title: t.title,
    team: t.teamId ? (teams.find(x => x._id === t.teamId)?.name ?? null) : null,
    place: t.place,
    detail: t.detail,
    startAt: new Date(t.startAt).toISOString(),
    endAt: new Date(t.endAt).toISOString(),
    roles: t.roles.map(r => ({
      key: r.key,
      name: r.name,
      slots: r.slots,
      left: t.slotsLeft[r.key] ?? 0,
      skills: r.skills
    })),
    withdrawCutoffHours: t.withdrawCutoffHours,
    recurring: t.seriesId !== null,
    status: t.status,
    cancelReason: t.status === 'cancelled' ? (t.cancelReason ?? '') : null,
    mine: mine && ACTIVE.includes(mine.status) ? { roleKey: mine.roleKey, status: mine.status, attendance } : null,
    organiser: isOrganiser(t, caller)
  }
}

async function mayPublishFor(
  deps: VolunteersDeps,
  teamId: string | null,
  caller: Caller
): Promise<Result<TeamRecord | null, 'TEAM_UNKNOWN' | 'FORBIDDEN'>> {
  const team = teamId ? await deps.store.team(teamId) : null
  if (teamId && !team) return failWith('TEAM_UNKNOWN')
  if (isStaff(caller)) return ok(team)
  // Team leaders publish for their own team only.
  if (team && team.leaderUserId === caller.openId) return ok(team)
  return failWith('FORBIDDEN')
}

export async function createTeam(
  deps: VolunteersDeps,
  input: { name: string; intro: string; leaderUserId: string | null },
  caller: Caller
): Promise<VolunteersResult<'createTeam'>> {
  const id = deps.newId('team')
  const order = (await deps.store.teams()).length + 1
  await deps.store.insertTeam({
    _id: id,
    name: input.name,
    intro: input.intro,
    leaderUserId: input.leaderUserId,
    order
  })
  await deps.audit.record({
    actor: caller.openId,
    action: 'volunteers.create-team',
    target: `vol_teams/${id}`,
    data: { name: input.name }
  })
  return ok({ id })
}

export async function publishTask(
  deps: VolunteersDeps,
  input: PublishTaskInput,
  caller: Caller
): Promise<VolunteersResult<'publishTask'>> {
  const allowed = await mayPublishFor(deps, input.teamId, caller)
  if (!allowed.ok) return allowed
  const now = deps.clock.now()
  if (input.startAt.getTime() <= now.getTime()) return failWith('TASK_CLOSED')
  if (!(await deps.contentCheck.check(`${input.title}\n${input.place}\n${input.detail}`, caller.openId)).pass)
    return failWith('CONTENT_REJECTED')
  const id = deps.newId('task')
  const task: TaskRecord = {
    _id: id,
    title: input.title,
    teamId: input.teamId,
    place: input.place,
    detail: input.detail,
    startAt: input.startAt,
    endAt: input.endAt,
    roles: input.roles,
    slotsLeft: Object.fromEntries(input.roles.map(r => [r.key, r.slots])),
    withdrawCutoffHours: input.withdrawCutoffHours,
    organiserUserId: caller.openId,
    status: 'open',
    seriesId: null,
    createdAt: now
  }
  await deps.store.insertTask(task)
  await deps.audit.record({
    actor: caller.openId,
    action: 'volunteers.publish-task',
    target: `vol_tasks/${id}`,
    data: { title: input.title, slots: input.roles.reduce((n, r) => n + r.slots, 0) }
  })
  return ok({ id })
}

/** A weekly roster (每周固定排班): stores the series and generates its next weeks of tasks. */
export async function createSeries(
  deps: VolunteersDeps,
  input: CreateSeriesInput,
  caller: Caller
): Promise<VolunteersResult<'createSeries'>> {
  const allowed = await mayPublishFor(deps, input.teamId, caller)
  if (!allowed.ok) return allowed
  if (!(await deps.contentCheck.check(`${input.title}\n${input.place}\n${input.detail}`, caller.openId)).pass)
    return failWith('CONTENT_REJECTED')
  const now = deps.clock.now()
  const series: SeriesRecord = {
    _id: deps.newId('series'),
    ...input,
    organiserUserId: caller.openId,
    active: true,
    createdAt: now
  }
  await deps.store.insertSeries(series)
  const tasks = await generateSeriesTasks(deps, series, now)
  await deps.audit.record({
    actor: caller.openId,
    action: 'volunteers.create-series',
    target: `vol_series/${series._id}`,
    data: { weekday: input.weekday, tasks: tasks.length }
  })
  return ok({ id: series._id, tasks })
}

/** Task ids are `${seriesId}-${date}`: generating again (the daily timer) never duplicates one. */
async function generateSeriesTasks(deps: VolunteersDeps, s: SeriesRecord, now: Date): Promise<string[]> {
  const ids: string[] = []
  for (const occ of weeklyOccurrences(now, s.weekday, s.startTime, s.endTime, s.weeksAhead)) {
    if (occ.startAt.getTime() <= now.getTime()) continue
    const id = `${s._id}-${occ.date}`
    await deps.store.insertTask({
      _id: id,
      title: s.title,
      teamId: s.teamId,
      place: s.place,
      detail: s.detail,
      startAt: occ.startAt,
      endAt: occ.endAt,
      roles: s.roles,
      slotsLeft: Object.fromEntries(s.roles.map(r => [r.key, r.slots])),
      withdrawCutoffHours: s.withdrawCutoffHours,
      organiserUserId: s.organiserUserId,
      status: 'open',
      seriesId: s._id,
      createdAt: now
    })
    ids.push(id)
  }
  return ids
}

/** Timer `rosters`: keeps every active weekly roster generated `weeksAhead` weeks ahead. */
export async function extendRosters(deps: VolunteersDeps): Promise<{ series: number }> {
  const all = await deps.store.activeSeries()
  for (const s of all) await generateSeriesTasks(deps, s, deps.clock.now())
  return { series: all.length }
}

export async function listTasks(
  deps: VolunteersDeps,
  input: { cursor?: string; teamId?: string },
  caller: Caller
): Promise<VolunteersResult<'tasks'>> {
  // The page, the teams and the caller's own claims in one query (issue 19: a read ≤ 2).
  const { page, teams, mine } = await deps.store.taskBoard(
    caller.openId,
    deps.clock.now(),
    input.cursor ?? null,
    20,
    input.teamId
  )
  return ok({
    items: page.items.map(t => taskView(t, teams, mine.find(c => c.taskId === t._id) ?? null, caller)),
    cursor: page.cursor
  })
}

/**
 * The street's communities (issue 20): a volunteer may serve in any of them, so the task board offers the others
 * (其他社区的任务); each is opened by naming it in the call (the envelope's communityId).
 */
export async function listStreetCommunities(
  deps: VolunteersDeps,
  _input: unknown,
  caller: Caller
): Promise<VolunteersResult<'streetCommunities'>> {
  const list = await deps.store.streetCommunities()
  return ok(list.map(c => ({ ...c, current: c.id === caller.communityId })))
}

export async function taskDetail(
  deps: VolunteersDeps,
  input: { taskId: string },
  caller: Caller
): Promise<VolunteersResult<'task'>> {
  const found = await deps.store.taskOfUser(input.taskId, caller.openId)
  if (!found) return failWith('NOT_FOUND')
  const view = taskView(found.task, found.teams, found.mine, caller, found.attendance?.status ?? null)
  // Away from home, the page says which community the task is in (the place alone could be anywhere in the street).
  const away = caller.homeCommunityId !== null && caller.homeCommunityId !== caller.communityId
  return ok(away ? { ...view, community: found.community } : view)
}

async function approvedVolunteer(
  deps: VolunteersDeps,
  caller: Caller
): Promise<Result<VolunteerRecord, 'NOT_APPROVED'>> {
  const v = await deps.store.volunteerOfUser(caller.openId)
  if (!v || statusOf(v) !== 'approved') return failWith('NOT_APPROVED')
  return ok(v)
}

function openForClaims(task: TaskRecord | null, now: Date): Result<TaskRecord, 'NOT_FOUND' | 'TASK_CLOSED'> {
  if (!task) return failWith('NOT_FOUND')
  if (task.status !== 'open' || new Date(task.startAt).getTime() <= now.getTime()) return failWith('TASK_CLOSED')
  return ok(task)
}

function roleFor(
  task: TaskRecord,
  roleKey: string,
  v: VolunteerRecord
): Result<TaskRecord['roles'][number], 'ROLE_UNKNOWN' | 'SKILL_MISSING'> {
  const role = task.roles.find(r => r.key === roleKey)
  if (!role) return failWith('ROLE_UNKNOWN')
  const missing = role.skills.filter(s => !(v.skills ?? []).includes(s))
  if (missing.length > 0) return failWith('SKILL_MISSING', { missing })
  return ok(role)
}

export async function claim(
  deps: VolunteersDeps,
  input: { taskId: string; roleKey: string },
  caller: Caller,
  call: CallInfo
): Promise<VolunteersResult<'claim'>> {
  const { store, clock } = deps
  const now = clock.now()
  const vol = await approvedVolunteer(deps, caller)
  if (!vol.ok) return vol
  const v = vol.value
  const open = openForClaims(await store.task(input.taskId), now)
  if (!open.ok) return open
  const task = open.value
  const role = roleFor(task, input.roleKey, v)
  if (!role.ok) return role

  const claimId = `${task._id}:${v._id}`
  const pending: ClaimRecord = {
    _id: claimId,
    taskId: task._id,
    volunteerId: v._id,
    userId: caller.openId,
    roleKey: role.value.key,
    status: 'pending',
    claimedAt: now,
    withdrawnAt: null,
    substituteVolunteerId: null,
    slotHolder: claimId,
    startAt: task.startAt,
    endAt: task.endAt,
    title: task.title,
    requestId: call.requestId
  }
  // The claim is recorded first (pending), so whatever stops after this is found again: by the
  // next claim of the same task (a retry), or by the no-show timer once it is older than
  // HALF_DONE_AFTER_MS. One record per person and task: two claims at once settle the same one
  // (every step is idempotent for it), so the person holds one slot and is told once.
  if (!(await store.startClaim(pending))) {
    const existing = await store.claim(claimId)
    // This very request made it and lost its answer (cut off, or its response not stored): answer
    // the claim it made; another tap is ALREADY_CLAIMED.
    if (existing && ACTIVE.includes(existing.status) && isRetryOf(call, caller.openId, existing, existing.userId)) {
      return ok({ claimId, taskId: task._id, roleKey: existing.roleKey })
    }
    const itsRole = existing?.status === 'pending' ? task.roles.find(r => r.key === existing.roleKey) : undefined
    if (!existing || !itsRole) return failWith('ALREADY_CLAIMED')
    return await settleClaim(deps, existing, task, itsRole, caller.openId)
  }
  return await settleClaim(deps, pending, task, role.value, caller.openId)
}

/**
 * Holds the claim's time and slot, tells the volunteer, marks it claimed; each step idempotent for
 * this claim (its ledger hold and its slot are listed under its id), so the claim and the no-show
 * timer both run it. When it can't be held, what it took is given back and the record removed.
 */
async function settleClaim(
  deps: VolunteersDeps,
  c: ClaimRecord,
  task: TaskRecord,
  role: TaskRecord['roles'][number],
  actor: string
): Promise<VolunteersResult<'claim'>> {
  const { store, clock } = deps
  const now = clock.now()
  const undo = async (): Promise<void> => {
    await store.returnSlot(task._id, role.key, c._id)
    await store.release(c.volunteerId, c._id)
    await store.dropPendingClaim(c._id)
  }
  const held = await store.hold(
    c.volunteerId,
    { claimId: c._id, taskId: task._id, startAt: task.startAt, endAt: task.endAt, at: now },
    now
  )
  if (!held.ok) {
    await undo()
    return failWith(
      held.reason,
      held.reason === 'TIME_CONFLICT' && 'with' in held && held.with ? { taskId: held.with.taskId } : undefined
    )
  }
  if (!(await store.takeSlot(task._id, role.key, c._id))) {
    await undo()
    return failWith('TASK_FULL')
  }
  await deps.audit.record({
    actor,
    action: 'volunteers.claim',
    target: `vol_claims/${c._id}`,
    data: { role: role.key }
  })
  // Told before the claim leaves `pending` (keyed by the claim's time: once, whoever finishes it).
  await tellClaimed(deps, c.userId, task, role.name, c._id, new Date(c.claimedAt), now)
  await store.transitionClaim(c._id, ['pending'], { status: 'claimed' })
  return ok({ claimId: c._id, taskId: task._id, roleKey: role.key })
}

/**
 * Timer `noShows` (hourly): claims a fault left half-done. Pending claims older than
 * HALF_DONE_AFTER_MS are finished (or undone when their time or slot is gone), and slots still
 * listed under a claim that no longer holds one (withdrawn, removed) are given back.
 */
export async function repairClaims(deps: VolunteersDeps): Promise<{ finished: number; slotsReturned: number }> {
  const { store, clock } = deps
  const now = clock.now()
  let finished = 0
  for (const c of await store.pendingClaims(halfDoneBefore(now))) {
    const task = await store.task(c.taskId)
    const role = task?.roles.find(r => r.key === c.roleKey)
    if (!task || !role) {
      await store.dropPendingClaim(c._id)
      continue
    }
    await settleClaim(deps, c, task, role, 'system:volunteers-no-shows')
    finished++
  }
  let slotsReturned = 0
  for (const task of await store.heldTasks(now, 200)) {
    const holders = Object.entries(task.slotHolders ?? {}).flatMap(([roleKey, ids]) => ids.map(id => ({ roleKey, id })))
    if (holders.length === 0) continue
    const claims = await store.claimsOfTask(task._id)
    // A slot is held while a claim listed under it is live (a substitute keeps the slot of the claim it took over).
    // So is the original's while a takeover of it is half-done (finishTakeOvers).
    const live = new Set(claims.filter(c => isLive(c) || c.handingOver === true).map(c => c.slotHolder ?? c._id))
    for (const h of holders) {
      if (!live.has(h.id) && (await store.returnSlot(task._id, h.roleKey, h.id))) slotsReturned++
    }
  }
  return { finished, slotsReturned }
}

async function tellClaimed(
  deps: VolunteersDeps,
  to: string,
  task: TaskRecord,
  roleName: string,
  claimId: string,
  claimedAt: Date,
  now: Date
): Promise<void> {
  await deps.notify.notify({
    to,
    kind: 'volunteers.claim',
    key: `volunteers.claim:${claimId}:${claimedAt.getTime()}`,
    // The volunteer's own claim, answered at once (quiet hours hold back only unasked messages).
    reply: true,
    title: '志愿活动报名成功',
    body: `您已报名「${task.title}」（${roleName}），请按时到达${task.place}。`,
    // The task's page: where they check in on the day, withdraw or find a substitute.
    link: taskLink(deps, task._id),
    template: 'booking',
    when: new Date(task.startAt),
    place: task.place,
    status: '报名成功'
  })
  const remindAt = new Date(new Date(task.startAt).getTime() - DAY_MS)
  if (remindAt.getTime() > now.getTime()) {
    await deps.notify.schedule(
      {
        to,
        kind: 'volunteers.reminder',
        key: `volunteers.reminder:${claimId}`,
        title: '明天有志愿活动',
        body: `「${task.title}」明天开始，地点：${task.place}。`,
        link: taskLink(deps, task._id),
        template: 'reminder',
        when: new Date(task.startAt),
        place: task.place
      },
      remindAt
    )
  }
}

export async function withdraw(
  deps: VolunteersDeps,
  input: { taskId: string },
  caller: Caller
): Promise<VolunteersResult<'withdraw'>> {
  const { store, clock } = deps
  const now = clock.now()
  const v = await store.volunteerOfUser(caller.openId)
  if (!v) return failWith('NOT_CLAIMED')
  const task = await store.task(input.taskId)
  const c = await store.claim(`${input.taskId}:${v._id}`)
  if (!task || !c) return failWith('NOT_CLAIMED')
  // Someone who has checked in is there: withdrawing now would erase a shift they are doing.
  if (await store.attendance(c._id)) return failWith('ALREADY_ATTENDED')
  // Conditional on the claim still being active: a double tap frees the slot once.
  if (!(await store.transitionClaim(c._id, ACTIVE, { status: 'withdrawn', withdrawnAt: now })))
    return failWith('NOT_CLAIMED')
  // Each idempotent; a stop before them is repaired by the no-show timer (repairClaims).
  await store.returnSlot(task._id, c.roleKey, c.slotHolder ?? c._id)
  await store.release(v._id, c._id)
  await deps.notify.cancel(`volunteers.reminder:${c._id}`)
  const late = isLateWithdrawal(task.startAt, task.withdrawCutoffHours, now)
  if (late) {
    await store.insertMark({
      _id: `late:${c._id}:${now.getTime()}`,
      volunteerId: v._id,
      name: v.name,
      kind: 'late_withdrawal',
      taskId: task._id,
      title: task.title,
      at: now
    })
  }
  await deps.audit.record({
    actor: caller.openId,
    action: 'volunteers.withdraw',
    target: `vol_claims/${c._id}`,
    data: { late }
  })
  return ok({ late })
}

/**
 * The organiser (or staff) calls an activity off: rain, a venue lost. Nobody can claim or check in
 * any more; every active claim is released (the volunteer's time is free for another task, and no
 * late-withdrawal mark is made: it was not their choice) and each volunteer is told at once,
 * to be reached before the start. Repeating it releases and tells nobody twice.
 */
export async function cancelTask(
  deps: VolunteersDeps,
  input: { taskId: string; reason: string },
  caller: Caller
): Promise<VolunteersResult<'cancelTask'>> {
  const { store, clock } = deps
  const now = clock.now()
  const task = await store.task(input.taskId)
  if (!task) return failWith('NOT_FOUND')
  if (!isOrganiser(task, caller)) return failWith('FORBIDDEN')
  if (task.status === 'open' && new Date(task.endAt).getTime() <= now.getTime()) return failWith('TASK_ENDED')
  if (!(await deps.contentCheck.check(input.reason, caller.openId)).pass) return failWith('CONTENT_REJECTED')
  if (await store.cancelTask(task._id, input.reason, now)) {
    await deps.audit.record({
      actor: caller.openId,
      action: 'volunteers.cancel-task',
      target: `vol_tasks/${task._id}`,
      reason: input.reason
    })
  }
  const reason = task.status === 'cancelled' ? (task.cancelReason ?? input.reason) : input.reason
  let notified = 0
  for (const c of await store.claimsOfTask(task._id)) {
    // Conditional on still active: a volunteer withdrawing at this moment is released once.
    if (!(await store.transitionClaim(c._id, ACTIVE, { status: 'withdrawn', withdrawnAt: now }))) continue
    await store.release(c.volunteerId, c._id)
    await deps.notify.cancel(`volunteers.reminder:${c._id}`)
    await tellTaskCancelled(deps, task, c, reason, now)
    notified++
  }
  return ok({ notified })
}

/** Tells a volunteer their task was called off, once per task and person, to reach them before it starts. */
async function tellTaskCancelled(
  deps: VolunteersDeps,
  task: TaskRecord,
  c: ClaimRecord,
  reason: string,
  now: Date
): Promise<void> {
  const startAt = new Date(task.startAt)
  await deps.notify.notify({
    to: c.userId,
    kind: 'volunteers.task-cancelled',
    key: `volunteers.task-cancelled:${task._id}:${c.volunteerId}`,
    title: `活动取消：${task.title}`,
    body: `${shanghaiDay(startAt)} 在${task.place}的「${task.title}」取消了：${reason}。不用前往，谢谢您报名。`,
    // The task's page says it is cancelled and why.
    link: taskLink(deps, task._id),
    template: 'status',
    status: '已取消',
    when: startAt,
    place: task.place,
    urgent: startAt.getTime() - now.getTime() < 24 * 3600_000,
    ...(startAt.getTime() > now.getTime() ? { mustReachBy: startAt } : {})
  })
}

/** One tap: asks the other members of the task's team to take this shift over. */
export async function seekSubstitute(
  deps: VolunteersDeps,
  input: { taskId: string },
  caller: Caller
): Promise<VolunteersResult<'seekSubstitute'>> {
  const { store, clock } = deps
  const now = clock.now()
  const v = await store.volunteerOfUser(caller.openId)
  const task = await store.task(input.taskId)
  if (!v || !task) return failWith('NOT_CLAIMED')
  if (new Date(task.startAt).getTime() <= now.getTime()) return failWith('TASK_CLOSED')
  const claimId = `${task._id}:${v._id}`
  if (await store.attendance(claimId)) return failWith('ALREADY_ATTENDED')
  if (!(await store.transitionClaim(claimId, ['claimed'], { status: 'seeking_substitute' })))
    return failWith('NOT_CLAIMED')
  const members = task.teamId ? await store.teamMembers(task.teamId, 200) : []
  const others = members.filter(m => m._id !== v._id && m.userId && statusOf(m) === 'approved')
  for (const m of others) {
    await deps.notify.notify({
      to: m.userId as string,
      kind: 'volunteers.substitute',
      key: `volunteers.substitute:${claimId}:${m._id}`,
      title: '队友需要替班',
      body: `「${task.title}」需要一位替班志愿者，点开可一键接替。`,
      // The offer to take over is on the task's page (SubstituteOffers), not the volunteers home.
      link: taskLink(deps, task._id),
      template: 'status',
      when: new Date(task.startAt),
      place: task.place
    })
  }
  await deps.audit.record({
    actor: caller.openId,
    action: 'volunteers.seek-substitute',
    target: `vol_claims/${claimId}`,
    data: { asked: others.length }
  })
  return ok({ asked: others.length })
}

/** Shifts on offer for substitution that the caller could take. */
export async function substituteOffers(
  deps: VolunteersDeps,
  input: { taskId: string },
  caller: Caller
): Promise<VolunteersResult<'substituteOffers'>> {
  const claims = await deps.store.claimsOfTask(input.taskId)
  const me = await deps.store.volunteerOfUser(caller.openId)
  return ok(
    claims
      .filter(c => c.status === 'seeking_substitute' && c.volunteerId !== me?._id)
      .map(c => ({ volunteerId: c.volunteerId, roleKey: c.roleKey }))
  )
}

/**
 * Takes over a shift on offer. The slot moves from one person to the other, so the counter is not
 * touched; the original claim changes 'seeking_substitute' → 'handed_over' by one conditional
 * update, so of two volunteers tapping at once only one becomes the substitute.
 *
 * After that update the takeover is half-done (`handingOver` on the original claim) until the
 * substitute's claim is written and both are told: a stop in between (a failed request, cut off at
 * the timeout) is finished by the same tap retried, or by the no-show timer once it is older than
 * HALF_DONE_AFTER_MS (finishTakeOvers). Meanwhile the original's slot and time stay held for it.
 */
export async function takeOver(
  deps: VolunteersDeps,
  input: { taskId: string; volunteerId: string },
  caller: Caller
): Promise<VolunteersResult<'takeOver'>> {
  const { store, clock } = deps
  const now = clock.now()
  const vol = await approvedVolunteer(deps, caller)
  if (!vol.ok) return vol
  const sub = vol.value
  const open = openForClaims(await store.task(input.taskId), now)
  if (!open.ok) return open
  const task = open.value
  const orig = await store.claim(`${task._id}:${input.volunteerId}`)
  // The same tap again after a stop half-way: finish what it started.
  if (orig?.status === 'handed_over' && orig.handingOver === true && orig.substituteVolunteerId === sub._id) {
    return await finishTakeOver(deps, orig, task, sub, caller.openId)
  }
  const claimId = `${task._id}:${sub._id}`
  const mine = await store.claim(claimId)
  // Finished already (by the timer, or a first call whose answer was lost): the same answer.
  const tookIt = orig?.status === 'handed_over' && orig.substituteVolunteerId === sub._id
  if (tookIt && mine && isLive(mine) && mine.slotHolder === (orig.slotHolder ?? orig._id)) return ok({ claimId })
  if (!orig || orig.status !== 'seeking_substitute' || orig.volunteerId === sub._id)
    return failWith('NO_SUBSTITUTE_NEEDED')
  const role = roleFor(task, orig.roleKey, sub)
  if (!role.ok) return role
  // Someone on this task already (their own claim shares the id the substitute's would have).
  if (mine && isLive(mine)) return failWith('ALREADY_CLAIMED')
  const held = await store.hold(
    sub._id,
    { claimId, taskId: task._id, startAt: task.startAt, endAt: task.endAt, at: now },
    now
  )
  if (!held.ok) return failWith(held.reason)
  const handedOver = {
    status: 'handed_over' as const,
    substituteVolunteerId: sub._id,
    withdrawnAt: now,
    handingOver: true
  }
  if (!(await store.transitionClaim(orig._id, ['seeking_substitute'], handedOver))) {
    await store.release(sub._id, claimId)
    return failWith('NO_SUBSTITUTE_NEEDED')
  }
  return await finishTakeOver(deps, { ...orig, ...handedOver }, task, sub, caller.openId)
}

/**
 * The rest of a takeover whose original claim is `handed_over` with `handingOver` set: the
 * substitute's slot (still listed under the original's `slotHolder`), time and claim, then the
 * original released and both told. Each step is idempotent for this takeover (the substitute's
 * claim is recognised by the original's slot and the handover time, `withdrawnAt`; notices are
 * keyed by it), so the retried tap and the timer may both run it. When the substitute can no
 * longer take the shift (their time is taken meanwhile, they claimed the task themselves, the
 * slot is gone), the takeover is undone instead.
 */
async function finishTakeOver(
  deps: VolunteersDeps,
  orig: ClaimRecord,
  task: TaskRecord,
  sub: Pick<VolunteerRecord, '_id' | 'name' | 'userId'>,
  actor: string
): Promise<VolunteersResult<'takeOver'>> {
  const { store, clock } = deps
  const now = clock.now()
  const at = new Date(orig.withdrawnAt ?? now)
  const claimId = `${task._id}:${sub._id}`
  const slotHolder = orig.slotHolder ?? orig._id
  const role = task.roles.find(r => r.key === orig.roleKey)
  const ours = (c: ClaimRecord | null): c is ClaimRecord =>
    c !== null && c.slotHolder === slotHolder && new Date(c.claimedAt).getTime() === at.getTime()
  let mine = await store.claim(claimId)
  if (task.status !== 'open') {
    // Called off meanwhile (cancelTask passed the original by, handed over, and found no
    // substitute's claim): nobody goes; the original is told as the others were.
    const reason = task.cancelReason ?? '组织者取消了活动'
    if (ours(mine) && (await store.transitionClaim(claimId, ACTIVE, { status: 'withdrawn', withdrawnAt: now }))) {
      await deps.notify.cancel(`volunteers.reminder:${claimId}`)
      await tellTaskCancelled(deps, task, mine, reason, now)
    }
    if (!(mine && isLive(mine) && !ours(mine))) await store.release(sub._id, claimId)
    await store.release(orig.volunteerId, orig._id)
    await deps.notify.cancel(`volunteers.reminder:${orig._id}`)
    if (await store.endHandOver(orig._id, 'finished')) await tellTaskCancelled(deps, task, orig, reason, now)
    return failWith('TASK_CLOSED')
  }
  if (!ours(mine)) {
    if (mine && isLive(mine)) return await undoTakeOver(deps, orig, task, sub._id, 'ALREADY_CLAIMED', false, actor)
    if (!role || !sub.userId) return await undoTakeOver(deps, orig, task, sub._id, 'NO_SUBSTITUTE_NEEDED', true, actor)
    // The slot was listed under the original all along; taking it for that holder is a no-op
    // then, and takes it back if something gave it back meanwhile.
    if (!(await store.takeSlot(task._id, role.key, slotHolder)))
      return await undoTakeOver(deps, orig, task, sub._id, 'TASK_FULL', true, actor)
    const held = await store.hold(
      sub._id,
      { claimId, taskId: task._id, startAt: task.startAt, endAt: task.endAt, at: now },
      now
    )
    if (!held.ok) return await undoTakeOver(deps, orig, task, sub._id, held.reason, true, actor)
    const record: ClaimRecord = {
      _id: claimId,
      taskId: task._id,
      volunteerId: sub._id,
      userId: sub.userId,
      roleKey: orig.roleKey,
      status: 'claimed',
      claimedAt: at,
      withdrawnAt: null,
      substituteVolunteerId: null,
      slotHolder,
      startAt: task.startAt,
      endAt: task.endAt,
      title: task.title
    }
    // Inserted, or replacing an ended claim of theirs; false when another run of this takeover
    // (or their own claim) got there first.
    if (await store.startClaim(record)) mine = record
    else {
      mine = await store.claim(claimId)
      if (!ours(mine)) return await undoTakeOver(deps, orig, task, sub._id, 'ALREADY_CLAIMED', false, actor)
    }
  }
  await store.release(orig.volunteerId, orig._id)
  await deps.notify.cancel(`volunteers.reminder:${orig._id}`)
  await deps.notify.notify({
    to: orig.userId,
    kind: 'volunteers.substituted',
    key: `volunteers.substituted:${orig._id}:${at.getTime()}`,
    title: '已有队友替班',
    body: `${sub.name}接替了您在「${task.title}」的班次。`,
    link: '/pages/volunteers/index',
    template: 'status',
    status: '已替班'
  })
  // Not when they withdrew already (the claim written by an earlier run of this takeover).
  if (role && isLive(mine)) await tellClaimed(deps, mine.userId, task, role.name, claimId, at, now)
  // Audited once, by whoever finished it (the substitute's tap, or the timer).
  if (await store.endHandOver(orig._id, 'finished')) {
    await deps.audit.record({
      actor,
      action: 'volunteers.take-over',
      target: `vol_claims/${orig._id}`,
      data: { substitute: sub._id }
    })
  }
  return ok({ claimId })
}

/**
 * A takeover that can't be finished: the original claim is theirs again ('seeking_substitute',
 * with its slot and time), the substitute's hold is given back (unless it is their own claim's),
 * and the original volunteer is told the shift is still theirs. The sub's tap answers `code`.
 */
async function undoTakeOver(
  deps: VolunteersDeps,
  orig: ClaimRecord,
  task: TaskRecord,
  subId: string,
  code: VolunteersCode<'takeOver'>,
  releaseSub: boolean,
  actor: string
): Promise<VolunteersResult<'takeOver'>> {
  const { store, clock } = deps
  const now = clock.now()
  const at = new Date(orig.withdrawnAt ?? now)
  if (releaseSub) await store.release(subId, `${task._id}:${subId}`)
  // Their time, in case the ledger dropped it as an orphan meanwhile (a no-op when still held;
  // refused when they took an overlapping task since, which they then see as two).
  await store.hold(
    orig.volunteerId,
    { claimId: orig._id, taskId: task._id, startAt: task.startAt, endAt: task.endAt, at: now },
    now
  )
  if (await store.endHandOver(orig._id, 'undone')) {
    await deps.audit.record({
      actor,
      action: 'volunteers.take-over-undone',
      target: `vol_claims/${orig._id}`,
      data: { substitute: subId, code }
    })
    await deps.notify.notify({
      to: orig.userId,
      kind: 'volunteers.substitute-failed',
      key: `volunteers.substitute-failed:${orig._id}:${at.getTime()}`,
      title: '替班没有成功',
      body: `「${task.title}」的班次仍由您负责，系统会继续为您找人替班；如不能到场，请在活动页取消报名。`,
      link: taskLink(deps, task._id),
      template: 'status',
      status: '替班未成功',
      when: new Date(task.startAt),
      place: task.place
    })
  }
  return failWith(code)
}

/**
 * Timer `noShows` (hourly): takeovers a fault left half-done, older than HALF_DONE_AFTER_MS, are
 * finished (the substitute's claim written, both told) or undone (the original's shift again).
 */
export async function finishTakeOvers(
  deps: VolunteersDeps
): Promise<{ takeOversFinished: number; takeOversUndone: number }> {
  const { store, clock } = deps
  let takeOversFinished = 0
  let takeOversUndone = 0
  for (const orig of await store.halfDoneTakeOvers(halfDoneBefore(clock.now()))) {
    const task = await store.task(orig.taskId)
    if (!task) {
      await store.endHandOver(orig._id, 'finished')
      continue
    }
    const actor = 'system:volunteers-no-shows'
    const subId = orig.substituteVolunteerId ?? ''
    const sub = await store.volunteer(subId)
    const done = sub
      ? await finishTakeOver(deps, orig, task, sub, actor)
      : await undoTakeOver(deps, orig, task, subId, 'NO_SUBSTITUTE_NEEDED', true, actor)
    if (done.ok) takeOversFinished++
    else takeOversUndone++
  }
  return { takeOversFinished, takeOversUndone }
}

export async function myClaims(
  deps: VolunteersDeps,
  _input: unknown,
  caller: Caller
): Promise<VolunteersResult<'myClaims'>> {
  // Yesterday onwards: a shift that just ended still needs its check-out. One query from the
  // caller's volunteer record to its claims in every community of the street, with the communities' names (issue 19:
  // a read ≤ 2); none when not registered. Each shift says its community: the app acts on it there.
  const since = new Date(deps.clock.now().getTime() - DAY_MS)
  const { claims, names } = await deps.store.shiftsOfUser(caller.openId, since)
  return ok(
    claims
      .filter(c => ACTIVE.includes(c.status))
      .map(c => ({
        communityId: c.communityId ?? DEFAULT_COMMUNITY_ID,
        community: names.get(c.communityId ?? DEFAULT_COMMUNITY_ID) ?? '社区',
        taskId: c.taskId,
        title: c.title,
        startAt: new Date(c.startAt).toISOString(),
        endAt: new Date(c.endAt).toISOString(),
        date: shanghaiDate(c.startAt),
        roleKey: c.roleKey,
        status: c.status
      }))
  )
}
