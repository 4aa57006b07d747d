/**
 * Elder profiles (老人档案), family proxies with the elder's recorded consent, and the service
 * catalog staff maintain.
 */
import type { Caller } from '../community/caller'
import { gridScope, hasAnyRole } from '../community/caller'
import { maskPhone } from '../community/mask-phone'
import type { Result } from '../shared/wire'
import { fail, ok } from '../shared/wire'
import { actingCaseOf, actingWith, maskDoor, ownElder } from './acting.rule'
import { policies } from '../community/roles'
import {
  careLevelLabels,
  type CareLevel,
  type ElderProfile,
  type ElderTag,
  type FamilyContact,
  type ProxyLink,
  type ServiceType
} from './elder-care.model'
import type { ElderCareDeps, ElderCase } from './elder-care.ports'
import type { ElderView, HelperOption, MyElders, ProxyLinkView } from './elder-care.views'
import type { Page } from '../shared/page'

export async function myElders(
  deps: ElderCareDeps,
  _input: Record<string, never>,
  caller: Caller
): Promise<Result<MyElders, never>> {
  // Her own profile and her proxy links with their elders, in one read (actingCase, as acting.rule decides over it).
  const found = await actingCaseOf(deps, caller)
  const own = found.own?.elder
  const elders: MyElders['elders'] = own ? [{ id: own._id, name: own.name, self: true, relation: null }] : []
  for (const { link, elder } of found.links.filter(x => x.link.active)) {
    if (elder) elders.push({ id: elder.elder._id, name: elder.elder.name, self: false, relation: link.relation })
  }
  return ok({ elders })
}

async function viewOf(deps: ElderCareDeps, e: ElderProfile, full: boolean, now: Date): Promise<ElderView> {
  const [household, member, proxies] = await Promise.all([
    deps.people.household(e.householdId),
    deps.people.member(e.memberId),
    deps.elders.proxiesOfElder(e._id)
  ])
  const home = { door: household?.door ?? '', room: household?.room ?? '', phone: member?.phone ?? null, gender: null }
  return viewIn({ elder: e, home, proxies }, full, now)
}

/** The profile as her case was read with her home and proxies (`along`); blank where those are gone. */
function viewIn({ elder: e, home, proxies = [] }: ElderCase, full: boolean, now: Date): ElderView {
  const door = home?.door ?? ''
  return {
    id: e._id,
    name: e.name,
    age: now.getUTCFullYear() - e.birthYear,
    gridId: e.gridId,
    livesAlone: e.livesAlone,
    careLevel: e.careLevel ?? null,
    careLevelLabel: e.careLevel ? careLevelLabels[e.careLevel] : '未评估',
    tags: e.tags ?? [],
    careNotes: e.careNotes ?? '',
    address: full ? door : maskDoor(door, home?.room ?? ''),
    phone: full ? (home?.phone ?? '') : maskPhone(home?.phone),
    familyContacts: e.familyContacts.map(c => ({
      name: c.name,
      relation: c.relation,
      phone: full ? c.phone : maskPhone(c.phone)
    })),
    proxies: proxies.filter(p => p.active).map(p => ({ userId: p.userId, name: p.name, relation: p.relation }))
  }
}

/** One profile: the elder and their proxies see it all; staff see it all and the read is audited. */
export async function getElder(
  deps: ElderCareDeps,
  input: { elderId?: string },
  caller: Caller
): Promise<Result<ElderView, 'NOT_FOUND' | 'FORBIDDEN'>> {
  // Who acts, her door, phone and proxies, in one read.
  const actingRes = await actingWith(deps, caller, input.elderId, { home: true, proxies: true })
  if (!actingRes.ok) return actingRes
  const acting = actingRes.value
  if (acting.actor === 'staff') {
    await deps.audit.record({
      actor: caller.openId,
      action: 'elder-care.read-elder',
      target: `elders/${acting.elder._id}`,
      reason: '查看老人档案（含地址电话）'
    })
  }
  return ok(viewIn(acting.case, true, deps.clock.now()))
}

/** Staff and grid workers: the elders of a grid (masked; open one for details). */
export async function listElders(
  deps: ElderCareDeps,
  input: { cursor: string | null },
  caller: Caller
): Promise<Result<Page<ElderView>, never>> {
  const gridId = gridScope(caller) ?? undefined
  // Each elder with her door, phone (masked by viewIn) and proxies, in one read.
  const page = await deps.elders.elders({ gridId }, input.cursor)
  const now = deps.clock.now()
  return ok({ items: page.items.map(e => viewIn(e, false, now)), cursor: page.cursor })
}

export async function updateElder(
  deps: ElderCareDeps,
  input: {
    elderId: string
    careLevel?: CareLevel
    tags?: ElderTag[]
    careNotes?: string
    familyContacts?: FamilyContact[]
  },
  caller: Caller
): Promise<Result<ElderView, 'NOT_FOUND'>> {
  const elder = await deps.elders.elder(input.elderId)
  if (!elder) return fail('NOT_FOUND', '没有找到这位老人的档案')
  const now = deps.clock.now()
  const patch: Partial<ElderProfile> = { updatedAt: now }
  if (input.careLevel !== undefined) patch.careLevel = input.careLevel
  if (input.tags !== undefined) patch.tags = [...new Set(input.tags)]
  if (input.careNotes !== undefined) patch.careNotes = input.careNotes
  if (input.familyContacts !== undefined)
    patch.familyContacts = input.familyContacts.map(c => ({ ...c, userId: c.userId ?? null }))
  await deps.elders.updateElder(elder._id, patch)
  await deps.audit.record({
    actor: caller.openId,
    action: 'elder-care.update-elder',
    target: `elders/${elder._id}`,
    data: { fields: Object.keys(patch).filter(k => k !== 'updatedAt') }
  })
  return ok(await viewOf(deps, { ...elder, ...patch }, true, now))
}

/**
 * Links a family member as proxy. The elder's consent is recorded with it: staff record what the
 * elder said (in person), or the elder grants it in the app themself.
 */
export async function linkProxy(
  deps: ElderCareDeps,
  input: { elderId: string; userId?: string; phone?: string; relation: string; statement: string },
  caller: Caller
): Promise<Result<ProxyLinkView, 'NOT_FOUND' | 'FORBIDDEN' | 'INVALID_INPUT'>> {
  const elder = await deps.elders.elder(input.elderId)
  if (!elder) return fail('NOT_FOUND', '没有找到这位老人的档案')
  const own = await ownElder(deps, caller)
  const byElder = own?._id === elder._id
  if (!byElder && !hasAnyRole(caller, policies.staff)) return fail('FORBIDDEN', '只有老人本人或社工可以授权家属代办')
  const user =
    input.userId !== undefined ? await deps.people.user(input.userId) : await deps.people.userByPhone(input.phone ?? '')
  if (!user) return fail('NOT_FOUND', '这位家属还没有登录过小程序，请先让他/她打开一次')
  if (user._id === own?._id) return fail('INVALID_INPUT', '不能授权给自己')
  const now = deps.clock.now()
  const link: ProxyLink = {
    _id: `${elder._id}:${user._id}`,
    elderId: elder._id,
    userId: user._id,
    name: user.name,
    relation: input.relation,
    consent: {
      method: byElder ? 'in_app' : 'in_person',
      statement: input.statement,
      recordedBy: caller.openId,
      at: now
    },
    active: true
  }
  await deps.elders.saveProxyLink(link)
  await deps.audit.record({
    actor: caller.openId,
    action: 'elder-care.link-proxy',
    target: `elder_proxies/${link._id}`,
    reason: input.statement,
    data: { method: link.consent.method }
  })
  return ok({
    elderId: elder._id,
    userId: user._id,
    name: user.name,
    relation: input.relation,
    consentMethod: link.consent.method
  })
}

export async function serviceTypes(
  deps: ElderCareDeps,
  _input: Record<string, never>,
  caller: Caller
): Promise<Result<ServiceType[], never>> {
  const all = await deps.elders.serviceTypes()
  return ok(hasAnyRole(caller, policies.staff) ? all : all.filter(t => t.active))
}

export async function saveServiceType(
  deps: ElderCareDeps,
  input: {
    id: string
    name: string
    description: string
    minutes: number
    paid: boolean
    active: boolean
    order: number
  },
  caller: Caller
): Promise<Result<ServiceType, never>> {
  const t: ServiceType = {
    _id: input.id,
    name: input.name,
    description: input.description,
    minutes: input.minutes,
    paid: input.paid,
    active: input.active,
    order: input.order
  }
  await deps.elders.saveServiceType(t)
  await deps.audit.record({
    actor: caller.openId,
    action: 'elder-care.save-service-type',
    target: `care_service_types/${t._id}`,
    data: { name: t.name, active: t.active }
  })
  return ok(t)
}

/**
 * Staff: who a request can be dispatched to — volunteers, staff and provider organisations — for
 * the picker, each with their current load, least busy first within each kind.
 */
export async function helpers(
  deps: ElderCareDeps,
  _input: Record<string, never>,
  caller: Caller
): Promise<Result<HelperOption[], never>> {
  // Volunteers, staff, providers with their contacts, and each one's open assignments, in one read. The caller has a
  // `users` record (the router found her roles there); none reads as an empty pool.
  const pool = await deps.elders.helperPool(caller.openId)
  if (!pool) return ok([])
  const options = [
    ...pool.volunteers.map(u => ({ userId: u._id, name: u.name, kind: 'volunteer' as const, orgName: null })),
    ...pool.staff.map(u => ({ userId: u._id, name: u.name, kind: 'staff' as const, orgName: null })),
    ...pool.providers.flatMap(({ provider, contact }) =>
      contact ? [{ userId: contact._id, name: contact.name, kind: 'provider' as const, orgName: provider.orgName }] : []
    )
  ]
  const load = pool.load
  const order = { volunteer: 0, staff: 1, provider: 2 }
  return ok(
    options
      .map(o => ({ ...o, load: load.get(o.userId) ?? 0 }))
      .sort((a, b) => order[a.kind] - order[b.kind] || a.load - b.load)
  )
}

/**
 * Registers an elder profile for a community member: staff for anyone, an elder for themself
 * (no memberId). The `_id` is derived from the member, so two registrations at once make one.
 */
export async function createElderProfile(
  deps: ElderCareDeps,
  input: { memberId?: string; livesAlone?: boolean },
  caller: Caller
): Promise<Result<ElderView, 'NOT_FOUND' | 'FORBIDDEN'>> {
  const isStaff = hasAnyRole(caller, policies.staff)
  let memberId = input.memberId
  if (!isStaff || memberId === undefined) {
    if (memberId !== undefined && !isStaff) return fail('FORBIDDEN', '只能为自己登记，或请社工代为登记')
    if (!caller.roles.includes('elder')) return fail('FORBIDDEN', '请由社工为老人登记档案')
    const me = await deps.people.user(caller.openId)
    if (!me?.memberId) return fail('NOT_FOUND', '请先绑定您的住户信息')
    memberId = me.memberId
  }
  const existing = await deps.elders.elderByMember(memberId)
  if (existing) return ok(await viewOf(deps, existing, true, deps.clock.now()))
  const member = await deps.people.member(memberId)
  if (!member) return fail('NOT_FOUND', '没有找到这位居民')
  const now = deps.clock.now()
  const elder: ElderProfile = {
    _id: `elder-${member._id}`,
    memberId: member._id,
    householdId: member.householdId,
    gridId: member.gridId,
    name: member.name,
    birthYear: member.birthYear,
    livesAlone: input.livesAlone ?? false,
    familyContacts: [],
    tags: [],
    careNotes: '',
    updatedAt: now
  }
  if (!(await deps.elders.createElder(elder))) {
    const winner = await deps.elders.elderByMember(memberId)
    if (winner) return ok(await viewOf(deps, winner, true, now))
  }
  await deps.audit.record({
    actor: caller.openId,
    action: 'elder-care.create-elder',
    target: `elders/${elder._id}`,
    reason: isStaff ? '社工登记' : '老人本人登记'
  })
  return ok(await viewOf(deps, elder, true, now))
}

/** Ends a proxy: the elder changes their mind, or staff on their word. Kept (inactive) with its consent record. */
export async function unlinkProxy(
  deps: ElderCareDeps,
  input: { elderId: string; userId: string },
  caller: Caller
): Promise<Result<{ elderId: string; userId: string; active: false }, 'NOT_FOUND' | 'FORBIDDEN'>> {
  const link = await deps.elders.proxyLink(input.elderId, input.userId)
  if (!link) return fail('NOT_FOUND', '没有这条代办授权')
  const own = await ownElder(deps, caller)
  if (own?._id !== link.elderId && !hasAnyRole(caller, policies.staff))
    return fail('FORBIDDEN', '只有老人本人或社工可以取消授权')
  await deps.elders.saveProxyLink({ ...link, active: false })
  await deps.audit.record({
    actor: caller.openId,
    action: 'elder-care.unlink-proxy',
    target: `elder_proxies/${link._id}`
  })
  return ok({ elderId: link.elderId, userId: link.userId, active: false })
}
