/**
 * Elder care's ledgers (台账) for staff exports: the elders, the care requests and the SOS calls.
 * Grid names, members and doors come from the community's repository.
 */
import type { CareRequestState } from '../../core/elder-care/care-request.machine'
import type { SosState } from '../../core/elder-care/elder-care.model'
import { gridNamesForLedgers, householdDoorsForLedgers, membersForLedgers } from '../community/community.repository'
import type { ExportSource } from '../staff/export-source'
import { labelOf, text, when } from '../staff/export-source'

const careStates: Record<CareRequestState, string> = {
  submitted: '已提交',
  triaged: '已分诊',
  assigned: '已派单',
  accepted: '已受理',
  in_service: '服务中',
  completed: '已完成',
  rated: '已评价',
  cancelled: '已取消'
}
const sosStates: Record<SosState, string> = {
  open: '未响应',
  acknowledged: '已响应',
  resolved: '已处置',
  cancelled: '已取消'
}

export const eldersLedger: ExportSource = {
  kind: 'elders',
  title: '老人台账',
  collection: 'elders',
  gridField: 'gridId',
  columns: [{ header: '网格' }, { header: '姓名' }, { header: '出生年份', width: 10 }, { header: '住户', width: 18 }],
  async rows(docs, db) {
    const [grids, members, doors] = await Promise.all([
      gridNamesForLedgers(
        db,
        docs.map(d => d.gridId)
      ),
      membersForLedgers(
        db,
        docs.map(d => d.memberId)
      ),
      householdDoorsForLedgers(
        db,
        docs.map(d => d.householdId)
      )
    ])
    return docs.map(e => {
      const m = members.get(e.memberId)
      return [
        text(grids.get(e.gridId)),
        text(e.name ?? m?.name),
        typeof (e.birthYear ?? m?.birthYear) === 'number' ? (e.birthYear ?? m?.birthYear) : null,
        text(doors.get(e.householdId ?? m?.householdId))
      ]
    })
  }
}

export const careRequestsLedger: ExportSource = {
  kind: 'care-requests',
  title: '居家养老服务台账',
  collection: 'care_requests',
  gridField: 'gridId',
  columns: [
    { header: '网格' },
    { header: '老人' },
    { header: '服务', width: 16 },
    { header: '状态', width: 10 },
    { header: '服务人员' },
    { header: '提交时间', width: 18 },
    { header: '评分', width: 6 }
  ],
  async rows(docs, db) {
    const grids = await gridNamesForLedgers(
      db,
      docs.map(d => d.gridId)
    )
    return docs.map(r => [
      text(grids.get(r.gridId)),
      text(r.elderName),
      text(r.serviceName),
      labelOf(careStates, r.state),
      text(r.assignee?.name),
      when(r.createdAt),
      typeof r.rating === 'number' ? r.rating : null
    ])
  }
}

export const sosCallsLedger: ExportSource = {
  kind: 'sos-calls',
  title: '一键呼叫记录',
  collection: 'sos_calls',
  gridField: 'gridId',
  columns: [
    { header: '网格' },
    { header: '老人' },
    { header: '呼叫时间', width: 18 },
    { header: '状态', width: 10 },
    { header: '响应人' },
    { header: '响应用时（分钟）', width: 14 }
  ],
  async rows(docs, db) {
    const grids = await gridNamesForLedgers(
      db,
      docs.map(d => d.gridId)
    )
    return docs.map(c => [
      text(grids.get(c.gridId)),
      text(c.elderName),
      when(c.pressedAt),
      labelOf(sosStates, c.state),
      text(c.ackBy?.name),
      c.ackBy?.at ? Math.round((new Date(c.ackBy.at).getTime() - new Date(c.pressedAt).getTime()) / 60000) : null
    ])
  }
}
