/**
 * The street (街道) of communities (issue 20): the communities anyone may pick, and a street admin adding one.
 */
import type { Caller } from './caller'
import type { BuildingRecord, CommunityRecord, GridRecord, UnitRecord } from './community.model'
import type { Page } from '../shared/page'
import type { CallInfo, Result } from '../shared/wire'
import { fail, ok } from '../shared/wire'
import { CODE_LENGTH, codeFrom } from '../staff/invite.rule'
import type { InviteRecord } from '../staff/staff.model'
import type { StreetDeps } from './street.ports'
import type { AddCommunityInput, AddedCommunityView, CommunitiesInput } from './street.schemas'
import type { CommunityChoice } from './street.rule'
import { buildingIdIn, communityIdFor, gridIdIn, unitIdIn, unitName } from './street.rule'

const DAY_MS = 24 * 60 * 60 * 1000

/** The first admin's invite lasts a month: a new community's admin may not be named on the day it is added. */
export const FIRST_ADMIN_INVITE_DAYS = 30

export const choiceOf = (c: Pick<CommunityRecord, '_id' | 'name'>): CommunityChoice => ({ id: c._id, name: c.name })

/** The street's communities, for the picker a visitor sees before binding (选择您的社区). */
export async function communities(
  deps: Pick<StreetDeps, 'street'>,
  input: CommunitiesInput
): Promise<Result<Page<CommunityChoice>, never>> {
  const page = await deps.street.page(input.cursor)
  return ok({ items: page.items.map(choiceOf), cursor: page.cursor })
}

/**
 * A street admin adds a community: its profile, hall, grids, buildings and units, and an invite code for its first
 * admin (管理员), who joins with it (staff.redeemInvite) acting in the new community. Never a new environment.
 *
 * A failure between two writes must be survivable, so every write is one a retry repeats harmlessly, in an order
 * that leaves nothing half-visible:
 * 1. `communities/<id>` as unfinished (`ready: false`): the id comes from the caller and the requestId
 *    (communityIdFor), so a retry lands on the same community, and the record keeps the invite code drawn once;
 * 2. the hall's settings (a set), grids, buildings and units (deterministic ids, only the missing ones added),
 *    the invite (insert-if-absent by its code), each through the new community's view of the database;
 * 3. the community marked finished by one conditional update; the call that did it writes the audit entry.
 * Until 3 the community is in no picker; a retry with the same requestId (the app keeps it until an answer comes)
 * finishes it. The router claims the requestId first (idempotent), so two taps never run this side by side.
 */
export async function addCommunity(
  deps: StreetDeps,
  input: AddCommunityInput,
  caller: Caller,
  call: CallInfo
): Promise<Result<AddedCommunityView, 'CONFLICT'>> {
  if (!call.requestId) return fail('CONFLICT', '请求缺少编号，请更新小程序后重试')
  const id = communityIdFor(caller.openId, call.requestId)
  const now = deps.clock.now()
  let record = await deps.street.get(id)
  if (!record) {
    const fresh: CommunityRecord = {
      _id: id,
      name: input.name,
      hotline: input.hotline,
      order: (await deps.street.count()) + 1,
      createdAt: now,
      ready: false,
      requestId: call.requestId,
      createdBy: caller.openId,
      inviteCode: codeFrom(deps.randomInts(CODE_LENGTH))
    }
    // Two calls at once (a takeover after a timeout): one records it; the other goes on with what it recorded.
    record = (await deps.street.begin(fresh)) ? fresh : await deps.street.get(id)
  }
  if (!record || record.requestId !== call.requestId || record.createdBy !== caller.openId || !record.inviteCode) {
    return fail('CONFLICT', '这个社区已由另一次提交建立，请刷新后再看')
  }

  const setup = deps.setupOf(id)
  await setup.setHall({ weekly: input.weekly, exceptions: [], hotlines: input.hotlines })
  const plan = structureOf(id, input)
  await setup.addMissing('grids', plan.grids)
  await setup.addMissing('buildings', plan.buildings)
  await setup.addMissing('units', plan.units)
  const createdAt = new Date(record.createdAt)
  const invite: InviteRecord = {
    _id: record.inviteCode,
    role: 'admin',
    gridId: null,
    name: input.admin.name,
    createdBy: caller.openId,
    createdAt,
    expiresAt: new Date(createdAt.getTime() + FIRST_ADMIN_INVITE_DAYS * DAY_MS),
    usedBy: null,
    usedAt: null
  }
  // false on a retry (the invite is there); the code is the record's, so it is this community's invite.
  await setup.invite(invite)
  if (await deps.street.finish(id)) {
    await setup.audit.record({
      actor: caller.openId,
      action: 'community.add',
      target: `communities/${id}`,
      reason: `街道新增社区：${record.name}`,
      data: {
        grids: plan.grids.length,
        buildings: plan.buildings.length,
        units: plan.units.length,
        firstAdmin: input.admin.name
      },
      key: `community.add:${id}`
    })
  }
  return ok({
    id,
    name: record.name,
    grids: plan.grids.length,
    buildings: plan.buildings.length,
    units: plan.units.length,
    adminName: invite.name,
    inviteCode: invite._id,
    inviteExpiresAt: invite.expiresAt.toISOString()
  })
}

/** The new community's grids, buildings and units, with ids that are the same on every retry. */
function structureOf(
  communityId: string,
  input: AddCommunityInput
): { grids: GridRecord[]; buildings: BuildingRecord[]; units: UnitRecord[] } {
  const grids: GridRecord[] = []
  const buildings: BuildingRecord[] = []
  const units: UnitRecord[] = []
  input.grids.forEach((g, gi) => {
    const gridId = gridIdIn(communityId, gi)
    grids.push({ _id: gridId, name: g.name, workerUserId: null, order: gi + 1 })
    g.buildings.forEach((b, bi) => {
      const buildingId = buildingIdIn(gridId, bi)
      buildings.push({ _id: buildingId, gridId, name: b.name, headMemberId: null, order: bi + 1 })
      for (let u = 0; u < b.units; u++) {
        units.push({
          _id: unitIdIn(buildingId, u),
          gridId,
          buildingId,
          name: unitName(u),
          headMemberId: null,
          order: u + 1
        })
      }
    })
  })
  return { grids, buildings, units }
}
