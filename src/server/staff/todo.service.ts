/**
 * The workbench's 待办: everything waiting for this person, as counts that open the page where it is
 * done. A grid worker's queue is her grid's (the care requests, 上门/代办 requests, eligibility asks
 * and phone follow-ups of the households she looks after: `gridScope`, the one definition of "in
 * my grid"); staff and admins see the community's. Each row is read from its own
 * context's collection with one count; a collection that doesn't exist in this environment (a
 * context not deployed yet) counts as nothing rather than failing the workbench.
 */
import type { Caller } from '../../core/community/caller'
import { gridScope, hasAnyRole } from '../../core/community/caller'
import { policies, type Role } from '../../core/community/roles'
import { ELIGIBILITY_QUEUE_PAGE } from '../../core/service-card/eligibility.usecase'
import type { Result } from '../../core/shared/wire'
import { ok } from '../../core/shared/wire'
import type { Db } from '../db/client'
import { countWhere } from '../db/client'

export interface TodoRow {
  key: string
  label: string
  count: number
  /** What to do there, in a few words. */
  hint: string
  page: string
}

export interface TodoView {
  rows: TodoRow[]
  /** The grid the queue is limited to (a grid worker's), else null. */
  gridId: string | null
}

interface TodoRule {
  key: string
  label: string
  hint: string
  page: string
  /** Who sees the row. */
  roles: readonly Role[]
  collection: string
  /** The count's condition for this caller; `gridId` is set for a grid worker. */
  where: (db: Db, caller: Caller, gridId: string | null) => Record<string, unknown>
}

const everyone = policies.workbench
const office = policies.staff
/** Only the grid's records for a grid worker (`gridId` set), everything for staff. */
const inGrid = (gridId: string | null): Record<string, unknown> => gridId ? { gridId } : {}

const rules: TodoRule[] = [
  {
    key: 'care-dispatch', label: '居家养老申请待派单', hint: '受理并派给服务人员', page: '/pages/elder-care/staff', roles: everyone, collection: 'care_requests',
    where: (db, _c, gridId) => ({ state: db.command.in(['submitted', 'triaged']), ...inGrid(gridId) })
  },
  {
    key: 'care-mine', label: '派给我的上门服务', hint: '确认接单、签到、签退', page: '/pages/elder-care/helper', roles: everyone, collection: 'care_requests',
    where: (db, c) => ({ 'assignee.userId': c.openId, state: db.command.in(['assigned', 'accepted', 'in_service']) })
  },
  {
    key: 'service-unassigned', label: '上门/代办待受理', hint: '首问负责，受理后办到底', page: '/pages/service-card/requests?staff=1', roles: everyone, collection: 'service_requests',
    where: (_db, _c, gridId) => ({ status: 'submitted', ...inGrid(gridId) })
  },
  {
    key: 'service-eligibility', label: '上门/代办资格申请', hint: '联系居民核实，通过或说明原因', page: ELIGIBILITY_QUEUE_PAGE,
    roles: everyone, collection: 'eligibility_requests',
    where: (_db, _c, gridId) => ({ status: 'pending', ...inGrid(gridId) })
  },
  {
    key: 'service-mine', label: '我负责的上门/代办', hint: '办理中，注意限时', page: '/pages/service-card/requests?staff=1', roles: everyone, collection: 'service_requests',
    where: (db, c) => ({ handlerId: c.openId, status: db.command.in(['accepted', 'in_progress', 'needs_materials']) })
  },
  {
    key: 'follow-ups', label: '需要电话联系的居民', hint: '消息没送到，请打电话', page: '/pages/notifications/follow-ups', roles: everyone, collection: 'follow_ups',
    where: (_db, _c, gridId) => ({ status: 'open', ...inGrid(gridId) })
  },
  {
    key: 'volunteer-applications', label: '志愿者登记待审核', hint: '通过或退回', page: '/pages/volunteers/staff', roles: office, collection: 'volunteers',
    where: () => ({ status: 'pending' })
  },
  {
    key: 'erasures', label: '个人信息删除申请', hint: '核对后办理', page: '/pages/staff/erasures', roles: office, collection: 'staff_erasures',
    where: () => ({ status: 'pending' })
  }
]

async function countOrZero (db: Db, collection: string, where: Record<string, unknown>): Promise<number> {
  try {
    return await countWhere(db, collection, where)
  } catch (e) {
    // CloudBase answers DATABASE_COLLECTION_NOT_EXIST for a collection never created (see dashboard.parts.ts).
    if (/COLLECTION_NOT_EXIST|not exist/i.test(String((e as { code?: string, message?: string }).code ?? (e as Error).message))) return 0
    throw e
  }
}

export async function todo (deps: { db: Db }, _input: unknown, caller: Caller): Promise<Result<TodoView, never>> {
  const gridId = gridScope(caller)
  const mine = rules.filter(r => hasAnyRole(caller, r.roles))
  const counts = await Promise.all(mine.map(async r => await countOrZero(deps.db, r.collection, r.where(deps.db, caller, gridId))))
  return ok({
    rows: mine.map((r, i) => ({ key: r.key, label: r.label, count: counts[i], hint: r.hint, page: r.page })),
    gridId
  })
}
