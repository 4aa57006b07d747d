/**
 * Check-in and check-out (by the rotating QR code at the place, or by the organiser), hours with
 * the configured rounding, and the organiser's verification. A record counts only once verified;
 * `vol_attendance/<claimId>` is the one record per person and task that every total reads.
 */
import { finishTakeOvers, repairClaims } from './tasks.usecase'
import type { Caller } from '../community/caller'
import { maskPhone } from '../community/mask-phone'
import { ok, type Result } from '../shared/wire'
import { minutesBetween, roundHours } from './hours.rule'
import { isOrganiser } from './organiser.rule'
import type { VolunteersReply, VolunteersResult } from './volunteers.contract'
import { failWith } from './volunteers.errors'
import type { VolunteersDeps } from './volunteers.ports'
import type { AttendanceRecord, AttendanceStatus, ClaimRecord, MarkRecord, TaskRecord } from './volunteers.model'

const HOUR_MS = 3_600_000
const ACTIVE = ['claimed', 'seeking_substitute'] as const
const isActive = (c: ClaimRecord | null): c is ClaimRecord => !!c && (ACTIVE as readonly string[]).includes(c.status)

async function organisedTask(
  deps: VolunteersDeps,
  taskId: string,
  caller: Caller
): Promise<Result<TaskRecord, 'NOT_FOUND' | 'FORBIDDEN'>> {
  return organised(await deps.store.task(taskId), caller)
}

/** The task, when there is one and the caller organises it. */
function organised(task: TaskRecord | null, caller: Caller): Result<TaskRecord, 'NOT_FOUND' | 'FORBIDDEN'> {
  if (!task) return failWith('NOT_FOUND')
  if (!isOrganiser(task, caller)) return failWith('FORBIDDEN')
  return ok(task)
}

/** The organiser's screen: the current code (it changes every window). */
export async function checkinCode(
  deps: VolunteersDeps,
  input: { taskId: string },
  caller: Caller
): Promise<VolunteersResult<'checkinCode'>> {
  const task = await organisedTask(deps, input.taskId, caller)
  if (!task.ok) return task
  const c = await deps.codes.current(task.value._id, deps.clock.now())
  return ok({ ...c, validUntil: c.validUntil.toISOString() })
}

/** Check-in opens an hour before the start and closes at the end. */
function inCheckInWindow(task: TaskRecord, now: Date): boolean {
  return now.getTime() >= new Date(task.startAt).getTime() - HOUR_MS && now.getTime() <= new Date(task.endAt).getTime()
}

async function start(
  deps: VolunteersDeps,
  task: TaskRecord,
  c: ClaimRecord,
  partyMember: boolean,
  at: Date,
  by: 'qr' | 'organiser'
): Promise<Result<VolunteersReply<'checkIn'>, 'ALREADY_CHECKED'>> {
  const rec: AttendanceRecord = {
    _id: c._id,
    taskId: task._id,
    volunteerId: c.volunteerId,
    userId: c.userId,
    teamId: task.teamId,
    partyMember,
    title: task.title,
    place: task.place,
    startAt: task.startAt,
    checkInAt: at,
    checkOutAt: null,
    checkInBy: by,
    checkOutBy: null,
    minutes: 0,
    hours: 0,
    status: 'checked_in',
    verifiedBy: null,
    verifiedAt: null
  }
  // One record per claim (_id = claimId): a second scan finds it and changes nothing.
  if (!(await deps.store.insertAttendance(rec))) return failWith('ALREADY_CHECKED')
  return ok({ status: 'checked_in', at: at.toISOString() })
}

async function finish(
  deps: VolunteersDeps,
  rec: AttendanceRecord | null,
  at: Date,
  by: 'qr' | 'organiser'
): Promise<Result<VolunteersReply<'checkOut'>, 'NOT_CHECKED_IN' | 'ALREADY_CHECKED'>> {
  if (!rec) return failWith('NOT_CHECKED_IN')
  const minutes = minutesBetween(new Date(rec.checkInAt), at)
  const hours = roundHours(minutes, deps.rounding)
  if (
    !(await deps.store.updateAttendance(rec._id, 'checked_in', {
      status: 'checked_out',
      checkOutAt: at,
      checkOutBy: by,
      minutes,
      hours
    }))
  )
    return failWith('ALREADY_CHECKED')
  return ok({ status: 'checked_out', at: at.toISOString(), minutes, hours })
}

async function volunteerClaim(
  deps: VolunteersDeps,
  taskId: string,
  caller: Caller
): Promise<Result<{ task: TaskRecord; claim: ClaimRecord; partyMember: boolean }, 'NOT_CLAIMED'>> {
  const v = await deps.store.volunteerOfUser(caller.openId)
  const task = await deps.store.task(taskId)
  if (!v || !task) return failWith('NOT_CLAIMED')
  const c = await deps.store.claim(`${task._id}:${v._id}`)
  if (!isActive(c)) return failWith('NOT_CLAIMED')
  return ok({ task, claim: c, partyMember: v.partyMember })
}

export async function checkIn(
  deps: VolunteersDeps,
  input: { taskId: string; code: string },
  caller: Caller
): Promise<VolunteersResult<'checkIn'>> {
  const now = deps.clock.now()
  const found = await volunteerClaim(deps, input.taskId, caller)
  if (!found.ok) return found
  if (!inCheckInWindow(found.value.task, now)) return failWith('TOO_EARLY')
  if (!(await deps.codes.accepts(input.taskId, input.code, now))) return failWith('CODE_INVALID')
  const res = await start(deps, found.value.task, found.value.claim, found.value.partyMember, now, 'qr')
  if (res.ok)
    await deps.audit.record({
      actor: caller.openId,
      action: 'volunteers.check-in',
      target: `vol_attendance/${found.value.claim._id}`,
      data: { by: 'qr' }
    })
  return res
}

export async function checkOut(
  deps: VolunteersDeps,
  input: { taskId: string; code: string },
  caller: Caller
): Promise<VolunteersResult<'checkOut'>> {
  const now = deps.clock.now()
  const found = await volunteerClaim(deps, input.taskId, caller)
  if (!found.ok) return found
  if (!(await deps.codes.accepts(input.taskId, input.code, now))) return failWith('CODE_INVALID')
  const res = await finish(deps, await deps.store.attendance(found.value.claim._id), now, 'qr')
  if (res.ok)
    await deps.audit.record({
      actor: caller.openId,
      action: 'volunteers.check-out',
      target: `vol_attendance/${found.value.claim._id}`,
      data: { by: 'qr', minutes: res.value.minutes }
    })
  return res
}

/** The organiser checks someone in or out (no phone, code trouble), optionally at a given time. */
export async function organiserCheck(
  deps: VolunteersDeps,
  input: { taskId: string; volunteerId: string; kind: 'in' | 'out'; at?: Date },
  caller: Caller
): Promise<VolunteersResult<'organiserCheck'>> {
  const task = await organisedTask(deps, input.taskId, caller)
  if (!task.ok) return task
  const claimId = `${task.value._id}:${input.volunteerId}`
  const c = await deps.store.claim(claimId)
  if (!isActive(c)) return failWith('NOT_CLAIMED')
  const at = input.at ?? deps.clock.now()
  const v = await deps.store.volunteer(input.volunteerId)
  const res =
    input.kind === 'in'
      ? await start(deps, task.value, c, v?.partyMember ?? false, at, 'organiser')
      : await finish(deps, await deps.store.attendance(claimId), at, 'organiser')
  if (res.ok)
    await deps.audit.record({
      actor: caller.openId,
      action: `volunteers.organiser-check-${input.kind}`,
      target: `vol_attendance/${claimId}`
    })
  return res.ok ? ok({ status: res.value.status, at: res.value.at }) : res
}

export async function roster(
  deps: VolunteersDeps,
  input: { taskId: string },
  caller: Caller
): Promise<VolunteersResult<'roster'>> {
  const found = await deps.store.taskRoster(input.taskId)
  const task = organised(found?.task ?? null, caller)
  if (!task.ok) return task
  const { claims = [], volunteers = [], attendance: records = [] } = found ?? {}
  const rows: VolunteersReply<'roster'>['rows'] = []
  for (const c of claims.filter(isActive)) {
    const v = volunteers.find(x => x._id === c.volunteerId)
    const a = records.find(r => r._id === c._id) ?? null
    rows.push({
      volunteerId: c.volunteerId,
      name: v?.name ?? '',
      phoneMasked: v?.phone ? maskPhone(v.phone) : null,
      roleKey: c.roleKey,
      claimStatus: c.status,
      attendance: a?.status ?? null,
      checkInAt: a ? new Date(a.checkInAt).toISOString() : null,
      checkOutAt: a?.checkOutAt ? new Date(a.checkOutAt).toISOString() : null,
      minutes: a?.minutes ?? 0,
      hours: a?.hours ?? 0
    })
  }
  return ok({ title: task.value.title, rows })
}

/**
 * The organiser confirms (or rejects) a finished record. One conditional update from
 * 'checked_out': verifying twice, or by two organisers at once, credits the hours once.
 */
export async function verify(
  deps: VolunteersDeps,
  input: { taskId: string; volunteerId: string; approve: boolean; minutes?: number },
  caller: Caller
): Promise<VolunteersResult<'verify'>> {
  const task = await organisedTask(deps, input.taskId, caller)
  if (!task.ok) return task
  const id = `${task.value._id}:${input.volunteerId}`
  const rec = await deps.store.attendance(id)
  if (!rec) return failWith('NOT_CHECKED_IN')
  if (rec.status === 'checked_in') return failWith('NOT_ENDED')
  if (rec.status !== 'checked_out') return failWith('ALREADY_VERIFIED')
  const minutes = input.minutes ?? rec.minutes
  const hours = input.approve ? roundHours(minutes, deps.rounding) : 0
  const status: AttendanceStatus = input.approve ? 'verified' : 'rejected'
  const now = deps.clock.now()
  if (
    !(await deps.store.updateAttendance(id, 'checked_out', {
      status,
      minutes,
      hours,
      verifiedBy: caller.openId,
      verifiedAt: now
    }))
  )
    return failWith('ALREADY_VERIFIED')
  await deps.audit.record({
    actor: caller.openId,
    action: input.approve ? 'volunteers.verify' : 'volunteers.reject-hours',
    target: `vol_attendance/${id}`,
    data: { minutes, hours }
  })
  await deps.notify.notify({
    to: rec.userId,
    kind: 'volunteers.hours',
    key: `volunteers.hours:${id}`,
    title: input.approve ? '服务时长已核实' : '服务记录未通过核实',
    body: input.approve
      ? `「${rec.title}」记入${hours}小时志愿服务时长。`
      : `「${rec.title}」的服务记录未通过核实，如有疑问请联系组织者。`,
    link: '/pages/volunteers/index',
    template: 'status',
    status: input.approve ? '已核实' : '未通过'
  })
  return ok({ status, hours })
}

function noShowMark(c: ClaimRecord, name: string, at: Date): MarkRecord {
  // Deterministic: the organiser and the timer marking the same claim make one record.
  return {
    _id: `noshow:${c._id}`,
    volunteerId: c.volunteerId,
    name,
    kind: 'no_show',
    taskId: c.taskId,
    title: c.title,
    at
  }
}

export async function markNoShow(
  deps: VolunteersDeps,
  input: { taskId: string; volunteerId: string },
  caller: Caller
): Promise<VolunteersResult<'markNoShow'>> {
  const task = await organisedTask(deps, input.taskId, caller)
  if (!task.ok) return task
  const c = await deps.store.claim(`${task.value._id}:${input.volunteerId}`)
  if (!isActive(c)) return failWith('NOT_CLAIMED')
  if (await deps.store.attendance(c._id)) return failWith('ALREADY_CHECKED')
  const v = await deps.store.volunteer(c.volunteerId)
  const marked = await deps.store.insertMark(noShowMark(c, v?.name ?? '', deps.clock.now()))
  if (marked)
    await deps.audit.record({ actor: caller.openId, action: 'volunteers.no-show', target: `vol_claims/${c._id}` })
  return ok({ marked })
}

/**
 * Timer `noShows`: claims of tasks that ended in the last two days with no check-in; then the
 * claims and takeovers a fault left half-done (finishTakeOvers, repairClaims).
 */
export async function sweepNoShows(deps: VolunteersDeps): Promise<{
  marked: number
  finished: number
  slotsReturned: number
  takeOversFinished: number
  takeOversUndone: number
}> {
  const now = deps.clock.now()
  const claims = await deps.store.claimsEndedBetween(new Date(now.getTime() - 48 * HOUR_MS), now)
  let marked = 0
  for (const c of claims.filter(isActive)) {
    if (await deps.store.attendance(c._id)) continue
    const v = await deps.store.volunteer(c.volunteerId)
    if (await deps.store.insertMark(noShowMark(c, v?.name ?? '', now))) marked++
  }
  if (marked > 0)
    await deps.audit.record({
      actor: 'system:volunteers-no-shows',
      action: 'volunteers.no-show',
      target: 'vol_marks',
      data: { marked }
    })
  // Takeovers first: their slots must not look unheld to repairClaims.
  const takeOvers = await finishTakeOvers(deps)
  return { marked, ...(await repairClaims(deps)), ...takeOvers }
}

/** Late withdrawals and no-shows: staff only. */
export async function listMarks(
  deps: VolunteersDeps,
  input: { cursor?: string },
  caller: Caller
): Promise<VolunteersResult<'marks'>> {
  const page = await deps.store.marks(input.cursor ?? null, 20)
  await deps.audit.record({
    actor: caller.openId,
    action: 'volunteers.read-marks',
    target: 'vol_marks',
    data: { count: page.items.length }
  })
  return ok({
    items: page.items.map(m => ({ name: m.name, kind: m.kind, title: m.title, at: new Date(m.at).toISOString() })),
    cursor: page.cursor
  })
}

/** Timer `forgetMarks`: late withdrawals and no-shows are forgotten after 6 months. */
export async function forgetOldMarks(deps: VolunteersDeps): Promise<{ removed: number }> {
  const now = deps.clock.now()
  const before = new Date(now)
  before.setUTCMonth(before.getUTCMonth() - 6)
  const removed = await deps.store.purgeMarksBefore(before)
  if (removed > 0)
    await deps.audit.record({
      actor: 'system:volunteers-forget-marks',
      action: 'volunteers.forget-marks',
      target: 'vol_marks',
      reason: '迟退、缺席记录保存6个月后删除',
      data: { removed }
    })
  return { removed }
}
