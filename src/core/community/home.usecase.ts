/**
 * The home page, persona-aware: where I live and who to call (residents), what needs attention
 * (staff), and which tiles to show (everyone). Phones leave masked.
 */
import type { Result } from '../shared/wire'
import { ok } from '../shared/wire'
import type { Caller } from './caller'
import { hasAnyRole } from './caller'
import type { CommunityDeps, CommunityDirectory, ContactPerson } from './community.ports'
import type { HomeInput } from './community.schemas'
import type { Contact, Home } from './home.schemas'
import { onDutyNow, shanghaiParts, todayHours } from './hall-hours.rule'
import { tilesFor } from './home-tiles.rule'
import { policies } from './roles'
import { maskPhone } from './mask-phone'
import { whoamiOf } from './whoami.usecase'

/** Shown when the community profile has not been set up yet. */
const fallbackProfile = { name: '邻里社区', hotline: '' }

export async function home(deps: CommunityDeps, _input: HomeInput, caller: Caller): Promise<Result<Home, never>> {
  const { directory } = deps
  const now = deps.clock.now()
  // Every read is billed and counts against the plan's concurrency (issue 19: home ≤ 4 requests,
  // router included): the two `settings` documents come in one query, and all reads that do not
  // depend on each other run side by side.
  const [{ profile, hall }, residence, workload, shifts] = await Promise.all([
    directory.homeSettings(),
    caller.householdId ? residenceOf(directory, caller.householdId) : null,
    workloadOf(directory, caller),
    directory.dutyOn(shanghaiParts(now).date)
  ])
  return ok({
    me: whoamiOf(caller),
    community: profile ? { name: profile.name, hotline: profile.hotline } : fallbackProfile,
    address: residence?.address ?? null,
    contacts: residence?.contacts ?? [],
    tiles: tilesFor(caller.roles),
    workload,
    hall: hall ? todayHours(hall, now) : null,
    onDuty: onDutyNow(shifts, now).map(s => ({ personName: s.personName, place: s.place, until: s.end })),
    hotlines: hall?.hotlines ?? []
  })
}

async function residenceOf(
  directory: CommunityDirectory,
  householdId: string
): Promise<{ address: Home['address']; contacts: Contact[] } | null> {
  const residence = await directory.residence(householdId)
  if (!residence) return null
  const contacts: Contact[] = []
  const add = (person: ContactPerson | null, title: Contact['title']): void => {
    if (person) contacts.push({ name: person.name, title, phoneMasked: maskPhone(person.phone) })
  }
  add(residence.worker, '网格员')
  add(residence.buildingHead, '楼长')
  add(residence.unitHead, '单元长')
  return { address: { grid: residence.grid, building: residence.building, unit: residence.unit }, contacts }
}

async function workloadOf(directory: CommunityDirectory, caller: Caller): Promise<Home['workload']> {
  if (hasAnyRole(caller, policies.staff)) {
    const {
      households,
      members: residents,
      elders,
      children
    } = await directory.counts(['households', 'members', 'elders', 'children'], {}, caller.openId)
    return [
      { label: '社区户数', count: households },
      { label: '居民人数', count: residents },
      { label: '登记老人', count: elders },
      { label: '登记儿童', count: children }
    ]
  }
  if (hasAnyRole(caller, policies.gridWorkers) && caller.gridId) {
    const {
      households,
      members: residents,
      elders
    } = await directory.counts(['households', 'members', 'elders'], { gridId: caller.gridId }, caller.openId)
    return [
      { label: '本网格户数', count: households },
      { label: '本网格居民', count: residents },
      { label: '本网格老人', count: elders }
    ]
  }
  return []
}
