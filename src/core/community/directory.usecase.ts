/**
 * The community directory's actions: binding a resident to a household (one-time code, rotated
 * on use, or by staff), the staff directory (paged, grid-scoped for grid workers, phones masked;
 * an audited reveal shows one number), building and unit heads, the duty roster (值班表) and the
 * hall's special days. Every change writes an audit entry.
 */
import type { Result } from '../shared/wire'
import { fail, ok } from '../shared/wire'
import type { Caller } from './caller'
import { hasAnyRole } from './caller'
import type { DutyRecord, HallSettings } from './community.model'
import type { CommunityAdminDeps, DirectoryRow } from './directory.ports'
import type {
  BindHouseholdInput,
  CallContactInput,
  DirectoryInput,
  EditMemberInput,
  IssueBindCodeInput,
  RemoveDutyInput,
  RevealMemberPhoneInput,
  RosterInput,
  SaveDutyInput,
  SetHallDayInput,
  SetHallWeekInput,
  SetHeadInput,
  SetHotlinesInput,
  StaffBindInput
} from './directory.schemas'
import type { HallSettingsInput } from './community.schemas'
import { addDays } from '../shared/shanghai-time'
import { shanghaiParts } from './hall-hours.rule'
import { maskPhone } from './mask-phone'
import { policies } from './roles'

const PAGE = 20

const messages = {
  BIND_CODE_INVALID: '绑定码不正确或已使用，请向社区工作人员索取新的绑定码',
  NAME_REQUIRED: '第一次绑定请填写您的姓名',
  NOT_FOUND: '没有找到这条记录',
  OUT_OF_GRID: '只能查看本网格的信息',
  NO_CONTACT: '暂时没有这位联系人的电话'
} as const

export interface BindResult {
  householdId: string
  address: string
}

export async function bindHousehold(
  deps: CommunityAdminDeps,
  input: BindHouseholdInput,
  caller: Caller
): Promise<Result<BindResult, 'BIND_CODE_INVALID' | 'NAME_REQUIRED'>> {
  if (!caller.registered && !input.name) return fail('NAME_REQUIRED', messages.NAME_REQUIRED)
  const household = await deps.registry.householdByCode(input.code)
  if (!household) return fail('BIND_CODE_INVALID', messages.BIND_CODE_INVALID)
  // One-time: the code is replaced by one conditional update, so of two people typing the same
  // code at once exactly one binds; the other is told the code is used.
  if (!(await deps.registry.rotateCode(household._id, input.code, deps.newCode())))
    return fail('BIND_CODE_INVALID', messages.BIND_CODE_INVALID)
  const now = deps.clock.now()
  await deps.registry.bindUser(caller.openId, household, input.name ?? caller.name ?? '', now, true)
  await deps.audit.record({
    actor: caller.openId,
    action: 'community.bind-household',
    target: `households/${household._id}`,
    reason: '居民凭绑定码绑定',
    data: { codeRotated: true }
  })
  return ok({ householdId: household._id, address: maskDoor(household.door) })
}

export async function staffBind(
  deps: CommunityAdminDeps,
  input: StaffBindInput,
  caller: Caller
): Promise<Result<BindResult, 'NOT_FOUND'>> {
  const [user, household] = await Promise.all([
    deps.directory.user(input.userId),
    deps.directory.household(input.householdId)
  ])
  if (!user || !household) return fail('NOT_FOUND', messages.NOT_FOUND)
  await deps.registry.bindUser(user._id, household, user.name, deps.clock.now())
  await deps.audit.record({
    actor: caller.openId,
    action: 'community.staff-bind',
    target: `users/${user._id}`,
    reason: input.reason,
    data: { householdId: household._id }
  })
  return ok({ householdId: household._id, address: maskDoor(household.door) })
}

/**
 * Staff issue a household's bind code to hand to a resident. A fresh code every time: a code
 * handed out earlier (or overheard at the window) stops working. Audited, with the reason.
 */
export async function issueBindCode(
  deps: CommunityAdminDeps,
  input: IssueBindCodeInput,
  caller: Caller
): Promise<Result<{ householdId: string; door: string; code: string }, 'NOT_FOUND' | 'FORBIDDEN'>> {
  const household = await deps.directory.household(input.householdId)
  if (!household) return fail('NOT_FOUND', messages.NOT_FOUND)
  if (!hasAnyRole(caller, policies.staff) && household.gridId !== caller.gridId)
    return fail('FORBIDDEN', messages.OUT_OF_GRID)
  const code = deps.newCode()
  if (!(await deps.registry.setCode(household._id, code))) return fail('NOT_FOUND', messages.NOT_FOUND)
  await deps.audit.record({
    actor: caller.openId,
    action: 'community.issue-bind-code',
    target: `households/${household._id}`,
    reason: input.reason
  })
  return ok({ householdId: household._id, door: household.door, code })
}

/** A directory row as staff see it: phones masked, door numbers full (they need them). */
export type DirectoryView = Omit<DirectoryRow, 'phone' | 'bindCode'> & { phoneMasked?: string }

export async function directory(
  deps: CommunityAdminDeps,
  input: DirectoryInput,
  caller: Caller
): Promise<Result<{ items: DirectoryView[]; cursor: string | null }, never>> {
  // A grid worker sees their own grid only; staff see everything.
  const gridId = hasAnyRole(caller, policies.staff) ? undefined : (caller.gridId ?? 'none')
  const page = await deps.registry.list({
    level: input.level,
    parentId: input.parentId,
    gridId,
    cursor: input.cursor,
    limit: PAGE
  })
  return ok({ items: page.items.map(viewOf), cursor: page.cursor })
}

function viewOf(row: DirectoryRow): DirectoryView {
  const { phone, bindCode, ...rest } = row as DirectoryRow & { phone?: string | null; bindCode?: string }
  void bindCode // never leaves the server in a list
  return phone === undefined ? rest : { ...rest, phoneMasked: maskPhone(phone) }
}

export async function editMember(
  deps: CommunityAdminDeps,
  input: EditMemberInput,
  caller: Caller
): Promise<Result<DirectoryView, 'NOT_FOUND'>> {
  if (!(await deps.registry.updateMember(input.memberId, input.changes))) return fail('NOT_FOUND', messages.NOT_FOUND)
  const member = await deps.directory.member(input.memberId)
  if (!member) return fail('NOT_FOUND', messages.NOT_FOUND)
  await deps.audit.record({
    actor: caller.openId,
    action: 'community.edit-member',
    target: `members/${member._id}`,
    reason: input.reason,
    data: { fields: Object.keys(input.changes) }
  })
  return ok(viewOf(member))
}

export async function setHead(
  deps: CommunityAdminDeps,
  input: SetHeadInput,
  caller: Caller
): Promise<Result<{ id: string; memberId: string | null }, 'NOT_FOUND'>> {
  if (input.memberId && !(await deps.directory.member(input.memberId))) return fail('NOT_FOUND', messages.NOT_FOUND)
  if (!(await deps.registry.setHead(input.level, input.id, input.memberId)))
    return fail('NOT_FOUND', messages.NOT_FOUND)
  await deps.audit.record({
    actor: caller.openId,
    action: 'community.set-head',
    target: `${input.level}/${input.id}`,
    data: { memberId: input.memberId }
  })
  return ok({ id: input.id, memberId: input.memberId })
}

/**
 * Tap to call: the full number of one of my contacts (grid worker, building head, unit head).
 * Numbers leave the server masked everywhere else; this reveal is logged.
 */
export async function callContact(
  deps: CommunityAdminDeps,
  input: CallContactInput,
  caller: Caller
): Promise<Result<{ name: string; phone: string }, 'NOT_FOUND'>> {
  // The person on the caller's home card, from the same one-query read the card comes from (with
  // the router's and the audit's, 3 requests; 5 when the household, its grid, building or unit and
  // the person were read one after another).
  const own = caller.householdId
    ? await deps.directory.callerHome({
        userId: caller.openId,
        householdId: caller.householdId,
        counted: [],
        scope: {}
      })
    : null
  const residence = own?.residence
  if (!residence) return fail('NOT_FOUND', messages.NO_CONTACT)
  const person =
    input.title === '网格员' ? residence.worker : input.title === '楼长' ? residence.buildingHead : residence.unitHead
  if (!person?.phone) return fail('NOT_FOUND', messages.NO_CONTACT)
  await deps.audit.record({
    actor: caller.openId,
    action: 'community.reveal-phone',
    target: `${input.title === '网格员' ? 'users' : 'members'}/${person.id}`,
    reason: `居民拨打${input.title}电话`
  })
  return ok({ name: person.name, phone: person.phone })
}

/** Staff reveal one member's number (with a reason); grid workers only within their grid. */
export async function revealMemberPhone(
  deps: CommunityAdminDeps,
  input: RevealMemberPhoneInput,
  caller: Caller
): Promise<Result<{ name: string; phone: string }, 'NOT_FOUND' | 'FORBIDDEN'>> {
  const member = await deps.directory.member(input.memberId)
  if (!member?.phone) return fail('NOT_FOUND', messages.NOT_FOUND)
  if (!hasAnyRole(caller, policies.staff) && member.gridId !== caller.gridId)
    return fail('FORBIDDEN', messages.OUT_OF_GRID)
  await deps.audit.record({
    actor: caller.openId,
    action: 'community.reveal-phone',
    target: `members/${member._id}`,
    reason: input.reason
  })
  return ok({ name: member.name, phone: member.phone })
}

export interface DutyView {
  id: string
  date: string
  start: string
  end: string
  personName: string
  place: string
}

export async function roster(deps: CommunityAdminDeps, input: RosterInput): Promise<Result<DutyView[], never>> {
  const from = input.from ?? shanghaiParts(deps.clock.now()).date
  const to = addDays(from, 6)
  const shifts = await deps.registry.duty(from, to)
  return ok(
    shifts
      .filter(s => typeof s.start === 'string' && typeof s.end === 'string') // day-only entries are not shifts
      .sort((a, b) => a.date.localeCompare(b.date) || a.start.localeCompare(b.start))
      .map(s => ({ id: s._id, date: s.date, start: s.start, end: s.end, personName: s.personName, place: s.place }))
  )
}

export async function saveDuty(
  deps: CommunityAdminDeps,
  input: SaveDutyInput,
  caller: Caller
): Promise<Result<DutyView, never>> {
  const d: DutyRecord = {
    _id: input.id ?? deps.newId('duty'),
    date: input.date,
    start: input.start,
    end: input.end,
    personName: input.personName,
    userId: input.userId,
    place: input.place,
    updatedBy: caller.openId,
    updatedAt: deps.clock.now()
  }
  await deps.registry.saveDuty(d)
  await deps.audit.record({
    actor: caller.openId,
    action: 'community.save-duty',
    target: `duty_roster/${d._id}`,
    data: { date: d.date, start: d.start, end: d.end }
  })
  return ok({ id: d._id, date: d.date, start: d.start, end: d.end, personName: d.personName, place: d.place })
}

export async function removeDuty(
  deps: CommunityAdminDeps,
  input: RemoveDutyInput,
  caller: Caller
): Promise<Result<{ id: string }, 'NOT_FOUND'>> {
  if (!(await deps.registry.removeDuty(input.id))) return fail('NOT_FOUND', messages.NOT_FOUND)
  await deps.audit.record({ actor: caller.openId, action: 'community.remove-duty', target: `duty_roster/${input.id}` })
  return ok({ id: input.id })
}

export async function setHallDay(
  deps: CommunityAdminDeps,
  input: SetHallDayInput,
  caller: Caller
): Promise<Result<{ date: string }, never>> {
  const day: HallSettings['exceptions'][number] | null = input.ranges
    ? { date: input.date, ranges: input.ranges, note: input.note }
    : null
  await deps.registry.setHallDay(input.date, day)
  await deps.audit.record({
    actor: caller.openId,
    action: 'community.set-hall-day',
    target: 'settings/hall',
    data: { date: input.date, closed: day?.ranges.length === 0 }
  })
  return ok({ date: input.date })
}

/** The hall's weekly hours, special days and hotlines, for the staff editor. */
export async function hallSettings(
  deps: CommunityAdminDeps,
  _input: HallSettingsInput
): Promise<Result<Pick<HallSettings, 'weekly' | 'exceptions' | 'hotlines'>, never>> {
  const hall = await deps.directory.hall()
  return ok({
    weekly: hall?.weekly ?? [[], [], [], [], [], [], []],
    exceptions: hall?.exceptions ?? [],
    hotlines: hall?.hotlines ?? []
  })
}

export async function setHallWeek(
  deps: CommunityAdminDeps,
  input: SetHallWeekInput,
  caller: Caller
): Promise<Result<{ weekly: SetHallWeekInput['weekly'] }, never>> {
  await deps.registry.setHallFields({ weekly: input.weekly })
  await deps.audit.record({
    actor: caller.openId,
    action: 'community.set-hall-week',
    target: 'settings/hall',
    data: { openDays: input.weekly.filter(d => d.length > 0).length }
  })
  return ok({ weekly: input.weekly })
}

export async function setHotlines(
  deps: CommunityAdminDeps,
  input: SetHotlinesInput,
  caller: Caller
): Promise<Result<{ count: number }, never>> {
  await deps.registry.setHallFields({ hotlines: input.hotlines })
  await deps.audit.record({
    actor: caller.openId,
    action: 'community.set-hotlines',
    target: 'settings/hall',
    data: { count: input.hotlines.length }
  })
  return ok({ count: input.hotlines.length })
}

/** 3栋2单元501 → 3栋2单元 (design.md, PIPL). */
export function maskDoor(door: string): string {
  const m = /^(.*单元)/.exec(door)
  return m ? m[1] : door.replace(/\d+$/, '')
}
