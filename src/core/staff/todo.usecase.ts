/**
 * The workbench's 待办: everything waiting for this person, as counts that open the page where it is
 * done. A grid worker's queue is her grid's (the care requests, 上门/代办 requests, eligibility asks
 * and phone follow-ups of the households she looks after: `gridScope`, the one definition of "in
 * my grid"); staff and admins see the community's. Each count is read from the context that owns
 * the records (WorkQueues, through that context's repository).
 */
import type { Caller } from '../community/caller'
import { gridScope, hasAnyRole } from '../community/caller'
import type { Role } from '../community/roles'
import { policies } from '../community/roles'
import { ELIGIBILITY_QUEUE_PAGE } from '../service-card/eligibility.usecase'
import type { Result } from '../shared/wire'
import { ok } from '../shared/wire'
import type { WorkQueue, WorkQueues } from './staff.ports'
import type { TodoView } from './staff.views'

interface TodoRule {
  key: string
  label: string
  hint: string
  page: string
  /** Who sees the row. */
  roles: readonly Role[]
  /** What it counts: of the caller's grid for a grid worker, of the caller for "mine". */
  queue: WorkQueue
}

const rules: TodoRule[] = [
  {
    key: 'care-dispatch',
    label: '居家养老申请待派单',
    hint: '受理并派给服务人员',
    page: '/pages/elder-care/staff',
    roles: policies.workbench,
    queue: 'careToDispatch'
  },
  {
    key: 'care-mine',
    label: '派给我的上门服务',
    hint: '确认接单、签到、签退',
    page: '/pages/elder-care/helper',
    roles: policies.workbench,
    queue: 'careAssignedTo'
  },
  {
    key: 'service-unassigned',
    label: '上门/代办待受理',
    hint: '首问负责，受理后办到底',
    page: '/pages/service-card/requests?staff=1',
    roles: policies.workbench,
    queue: 'serviceUnassigned'
  },
  {
    key: 'service-eligibility',
    label: '上门/代办资格申请',
    hint: '联系居民核实，通过或说明原因',
    page: ELIGIBILITY_QUEUE_PAGE,
    roles: policies.workbench,
    queue: 'serviceEligibilityPending'
  },
  {
    key: 'service-mine',
    label: '我负责的上门/代办',
    hint: '办理中，注意限时',
    page: '/pages/service-card/requests?staff=1',
    roles: policies.workbench,
    queue: 'serviceHandledBy'
  },
  {
    key: 'follow-ups',
    label: '需要电话联系的居民',
    hint: '消息没送到，请打电话',
    page: '/pages/notifications/follow-ups',
    roles: policies.workbench,
    queue: 'followUpsOpen'
  },
  {
    key: 'volunteer-applications',
    label: '志愿者登记待审核',
    hint: '通过或退回',
    page: '/pages/volunteers/staff',
    roles: policies.staff,
    queue: 'volunteerApplications'
  },
  {
    key: 'erasures',
    label: '个人信息删除申请',
    hint: '核对后办理',
    page: '/pages/staff/erasures',
    roles: policies.staff,
    queue: 'erasuresPending'
  },
  {
    key: 'reports-new',
    label: '居民报事待受理',
    hint: '随手拍：首问负责，受理后办到底',
    page: '/pages/grid/report-queue',
    roles: policies.workbench,
    queue: 'reportsNew'
  },
  {
    key: 'reports-mine',
    label: '我负责的报事',
    hint: '办好后点办结，请居民确认',
    page: '/pages/grid/report-queue?view=mine',
    roles: policies.workbench,
    queue: 'reportsOwned'
  },
  {
    key: 'visit-follow-ups',
    label: '走访跟进事项',
    hint: '走访时答应的事，办好后点完成',
    page: '/pages/grid/visits?tab=tasks',
    roles: policies.workbench,
    queue: 'visitFollowUpsOpen'
  }
]

export async function todo(
  deps: { queues: WorkQueues },
  _input: unknown,
  caller: Caller
): Promise<Result<TodoView, never>> {
  const gridId = gridScope(caller)
  const mine = rules.filter(r => hasAnyRole(caller, r.roles))
  const counts = await deps.queues.counts(
    mine.map(r => r.queue),
    { openId: caller.openId, gridId }
  )
  return ok({
    rows: mine.map(r => ({ key: r.key, label: r.label, count: counts[r.queue], hint: r.hint, page: r.page })),
    gridId
  })
}
