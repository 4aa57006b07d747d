/**
 * The service catalog (服务清单): anyone reads it; staff create, edit, retire, restore, reorder and
 * re-verify items. Every change is a new version (snapshot in `service_item_versions`) and an
 * audit entry; a stale edit (someone saved in between) answers CONFLICT rather than overwrite.
 */
import type { Caller } from '../community/caller'
import { hasAnyRole } from '../community/caller'
import { policies } from '../community/roles'
import type { Page } from '../shared/page'
import type { Result } from '../shared/wire'
import { fail, ok } from '../shared/wire'
import { isStale, STALE_AFTER_MS } from './hall.rule'
import type { ServiceItemRecord } from './service-card.model'
import type { ServiceCardDeps } from './service-card.ports'
import type { ServiceCardContract as C } from './service-card.contract'
import type { CodeOf } from '../shared/contract'
import type {
  CreateItemInput,
  EditItemInput,
  GetItemInput,
  ItemVersionInput,
  ListItemsInput,
  ReorderItemInput
} from './service-card.schemas'
import { serviceCardMessages as m } from './service-card.errors'
import type { CategoryView, ItemVersionView, ItemView } from './service-card.views'
import { toItemView } from './service-card.views'

export const PAGE_SIZE = 20

const isCatalogStaff = (caller: Caller): boolean => hasAnyRole(caller, policies.staff)

export async function listCategories(deps: ServiceCardDeps): Promise<Result<CategoryView[], never>> {
  const cats = await deps.catalog.categories()
  return ok(cats.sort((a, b) => a.order - b.order).map(c => ({ id: c._id, name: c.name, kind: c.kind })))
}

export async function listItems(
  deps: ServiceCardDeps,
  input: ListItemsInput,
  caller: Caller
): Promise<Result<Page<ItemView>, never>> {
  const now = deps.clock.now()
  const page = await deps.catalog.listItems({
    categoryId: input.categoryId,
    words: input.q?.trim().toLowerCase() || undefined,
    includeRetired: input.includeRetired === true && isCatalogStaff(caller),
    help: input.help,
    cursor: input.cursor,
    limit: PAGE_SIZE
  })
  return ok({ items: page.items.map(i => toItemView(i, now)), cursor: page.cursor })
}

export async function getItem(
  deps: ServiceCardDeps,
  input: GetItemInput,
  caller: Caller
): Promise<Result<ItemView, 'NOT_FOUND'>> {
  const item = await deps.catalog.item(input.itemId)
  if (!item || (item.status === 'retired' && !isCatalogStaff(caller))) return fail('NOT_FOUND', m.NOT_FOUND)
  return ok(toItemView(item, deps.clock.now()))
}

// The failures each answers, as its contract lists them.
type RefFailure = CodeOf<C['createItem']>
type ChangeFailure = CodeOf<C['retireItem']>
type EditFailure = CodeOf<C['editItem']>

export async function createItem(
  deps: ServiceCardDeps,
  input: CreateItemInput,
  caller: Caller
): Promise<Result<ItemView, RefFailure>> {
  const checked = await checkRefs(deps, input)
  if (!checked.ok) return checked
  const now = deps.clock.now()
  const categoryItems = await deps.catalog.listItems({
    categoryId: input.categoryId,
    includeRetired: true,
    limit: 1000
  })
  const item: ServiceItemRecord = {
    _id: deps.newId('item'),
    ...input,
    ownerName: checked.value,
    verifiedAt: now,
    order: categoryItems.items.reduce((max, i) => Math.max(max, i.order + 1), 0),
    status: 'active',
    version: 1,
    updatedAt: now,
    updatedBy: caller.openId,
    searchText: searchTextOf(input.name, input.summary)
  }
  const { _id, ...snapshot } = item
  await deps.catalog.insertItem(item, {
    _id: `${_id}:v1`,
    itemId: _id,
    version: 1,
    change: 'created',
    by: caller.openId,
    at: now,
    snapshot
  })
  await deps.audit.record({
    actor: caller.openId,
    action: 'service-card.create-item',
    target: `service_items/${_id}`,
    data: { name: item.name }
  })
  return ok(toItemView(item, now))
}

export async function editItem(
  deps: ServiceCardDeps,
  input: EditItemInput,
  caller: Caller
): Promise<Result<ItemView, EditFailure>> {
  const current = await deps.catalog.item(input.itemId)
  if (!current) return fail('NOT_FOUND', m.NOT_FOUND)
  const merged = { ...pickFields(current), ...input.changes }
  const checked = await checkRefs(deps, merged)
  if (!checked.ok) return checked
  return await saveChange(deps, caller, current, input.version, 'edited', {
    ...input.changes,
    ownerName: checked.value,
    searchText: searchTextOf(merged.name, merged.summary)
  })
}

export async function retireItem(
  deps: ServiceCardDeps,
  input: ItemVersionInput,
  caller: Caller
): Promise<Result<ItemView, ChangeFailure>> {
  return await simpleChange(deps, caller, input, 'retired', { status: 'retired' })
}

export async function restoreItem(
  deps: ServiceCardDeps,
  input: ItemVersionInput,
  caller: Caller
): Promise<Result<ItemView, ChangeFailure>> {
  return await simpleChange(deps, caller, input, 'restored', { status: 'active' })
}

export async function reorderItem(
  deps: ServiceCardDeps,
  input: ReorderItemInput,
  caller: Caller
): Promise<Result<ItemView, ChangeFailure>> {
  return await simpleChange(deps, caller, input, 'reordered', { order: input.order })
}

/** The owner (or any catalog staff) confirms the details are still right: the 90 days restart. */
export async function verifyItem(
  deps: ServiceCardDeps,
  input: ItemVersionInput,
  caller: Caller
): Promise<Result<ItemView, ChangeFailure>> {
  return await simpleChange(deps, caller, input, 'verified', { verifiedAt: deps.clock.now() })
}

export async function itemHistory(
  deps: ServiceCardDeps,
  input: GetItemInput
): Promise<Result<ItemVersionView[], 'NOT_FOUND'>> {
  const versions = await deps.catalog.versions(input.itemId)
  if (versions.length === 0) return fail('NOT_FOUND', m.NOT_FOUND)
  return ok(
    versions
      .sort((a, b) => b.version - a.version)
      .map(v => ({
        version: v.version,
        change: v.change,
        by: v.by,
        at: new Date(v.at).toISOString(),
        name: v.snapshot.name
      }))
  )
}

/**
 * Timer: nag the owner of every item not confirmed for 90 days. The notice key carries the ISO
 * week, so an owner is reminded once a week until they verify, never twice for the same week.
 */
export async function nagStaleItems(deps: ServiceCardDeps): Promise<{ nagged: number }> {
  const now = deps.clock.now()
  const stale = await deps.catalog.staleItems(new Date(now.getTime() - STALE_AFTER_MS), 1000)
  const week = Math.floor(now.getTime() / (7 * 24 * 60 * 60_000))
  for (const item of stale) {
    if (!isStale(new Date(item.verifiedAt), now)) continue
    await deps.notify.notify({
      to: item.ownerUserId,
      kind: 'service-card.item-stale',
      key: `service-card.item-stale:${item._id}:w${week}`,
      title: '服务事项待核实',
      body: `“${item.name}”已超过90天没有核实，请确认材料、地点和时间是否仍然正确。`,
      link: `/pages/service-card/item?id=${item._id}`,
      template: 'status',
      status: '待核实'
    })
  }
  if (stale.length > 0) {
    await deps.audit.record({
      actor: 'system:stale-items',
      action: 'service-card.nag-stale',
      target: 'service_items',
      data: { count: stale.length }
    })
  }
  return { nagged: stale.length }
}

async function simpleChange(
  deps: ServiceCardDeps,
  caller: Caller,
  input: { itemId: string; version: number },
  change: string,
  patch: Partial<ServiceItemRecord>
): Promise<Result<ItemView, ChangeFailure>> {
  const current = await deps.catalog.item(input.itemId)
  if (!current) return fail('NOT_FOUND', m.NOT_FOUND)
  return await saveChange(deps, caller, current, input.version, change, patch)
}

async function saveChange(
  deps: ServiceCardDeps,
  caller: Caller,
  current: ServiceItemRecord,
  seenVersion: number,
  change: string,
  patch: Partial<ServiceItemRecord>
): Promise<Result<ItemView, 'CONFLICT'>> {
  if (seenVersion !== current.version) return fail('CONFLICT', m.CONFLICT)
  const now = deps.clock.now()
  const next: ServiceItemRecord = {
    ...current,
    ...patch,
    version: current.version + 1,
    updatedAt: now,
    updatedBy: caller.openId
  }
  const { _id, ...snapshot } = next
  const saved = await deps.catalog.saveVersion(current.version, next, {
    _id: `${_id}:v${next.version}`,
    itemId: _id,
    version: next.version,
    change,
    by: caller.openId,
    at: now,
    snapshot
  })
  if (!saved) return fail('CONFLICT', m.CONFLICT)
  await deps.audit.record({
    actor: caller.openId,
    action: `service-card.item-${change}`,
    target: `service_items/${_id}`,
    data: { version: next.version, fields: Object.keys(patch) }
  })
  return ok(toItemView(next, now))
}

/** The category must exist and the owner must be staff; answers the owner's name. */
async function checkRefs(
  deps: ServiceCardDeps,
  fields: { categoryId: string; ownerUserId: string }
): Promise<Result<string, RefFailure>> {
  const [cats, owner] = await Promise.all([deps.catalog.categories(), deps.people.person(fields.ownerUserId)])
  if (!cats.some(c => c._id === fields.categoryId)) return fail('CATEGORY_NOT_FOUND', m.CATEGORY_NOT_FOUND)
  if (!owner || !hasAnyRole(owner, policies.workbench)) return fail('OWNER_NOT_STAFF', m.OWNER_NOT_STAFF)
  return ok(owner.name)
}

function pickFields(r: ServiceItemRecord): CreateItemInput {
  return {
    categoryId: r.categoryId,
    name: r.name,
    summary: r.summary,
    eligibility: r.eligibility,
    materials: r.materials,
    place: r.place,
    hours: r.hours,
    modes: r.modes,
    timeLimitDays: r.timeLimitDays,
    ownerUserId: r.ownerUserId
  }
}

export function searchTextOf(name: string, summary: string): string {
  return `${name} ${summary}`.toLowerCase()
}
