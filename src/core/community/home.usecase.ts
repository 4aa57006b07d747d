/**
 * The home page, persona-aware: where I live and who to call (residents), what needs attention
 * (staff), and which tiles to show (everyone). Phones leave masked.
 */
import type { Result } from '../shared/wire'
import { ok } from '../shared/wire'
import type { Caller } from './caller'
import { hasAnyRole } from './caller'
import type { CountedCollection } from './community.model'
import type { CommunityDeps, ContactPerson, Residence } from './community.ports'
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
  const workload = workloadOf(caller)
  // Every read is billed and counts against the plan's concurrency (issue 19: home ≤ 4 requests,
  // router included): the two `settings` documents come in one query, the caller's household card
  // and workload counts in another (a grid worker (网格员) may have both), and all reads that do not
  // depend on each other run side by side.
  const [{ profile, hall, streetSize }, own, shifts] = await Promise.all([
    directory.homeSettings(),
    caller.householdId || workload
      ? directory.callerHome({
          userId: caller.openId,
          householdId: caller.householdId,
          counted: workload?.rows.map(r => r.collection) ?? [],
          scope: workload?.scope ?? {}
        })
      : null,
    directory.dutyOn(shanghaiParts(now).date)
  ])
  const residence = own?.residence ? residenceCard(own.residence) : null
  return ok({
    me: whoamiOf(caller),
    community: profile ? { name: profile.name, hotline: profile.hotline } : fallbackProfile,
    address: residence?.address ?? null,
    contacts: residence?.contacts ?? [],
    tiles: tilesFor(caller.roles),
    workload: workload?.rows.map(r => ({ label: r.label, count: own?.counts[r.collection] ?? 0 })) ?? [],
    hall: hall ? todayHours(hall, now) : null,
    onDuty: onDutyNow(shifts, now).map(s => ({ personName: s.personName, place: s.place, until: s.end })),
    hotlines: hall?.hotlines ?? [],
    streetSize: streetSize ?? 1
  })
}

/** Where I live and whom to call about it: the phones leave masked. */
function residenceCard(residence: Residence): { address: NonNullable<Home['address']>; contacts: Contact[] } {
  const contacts: Contact[] = []
  const add = (person: ContactPerson | null, title: Contact['title']): void => {
    if (person) contacts.push({ name: person.name, title, phoneMasked: maskPhone(person.phone) })
  }
  add(residence.worker, '网格员')
  add(residence.buildingHead, '楼长')
  add(residence.unitHead, '单元长')
  return { address: { grid: residence.grid, building: residence.building, unit: residence.unit }, contacts }
}

/** What the workload card counts, in its order: the community for staff, their own grid for a grid worker. */
function workloadOf(
  caller: Caller
): { scope: { gridId?: string }; rows: Array<{ collection: CountedCollection; label: string }> } | null {
  if (hasAnyRole(caller, policies.staff))
    return {
      scope: {},
      rows: [
        { collection: 'households', label: '社区户数' },
        { collection: 'members', label: '居民人数' },
        { collection: 'elders', label: '登记老人' },
        { collection: 'children', label: '登记儿童' }
      ]
    }
  if (hasAnyRole(caller, policies.gridWorkers) && caller.gridId)
    return {
      scope: { gridId: caller.gridId },
      rows: [
        { collection: 'households', label: '本网格户数' },
        { collection: 'members', label: '本网格居民' },
        { collection: 'elders', label: '本网格老人' }
      ]
    }
  return null
}
