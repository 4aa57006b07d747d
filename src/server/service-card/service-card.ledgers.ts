/** The service card's ledger (台账) for staff exports: the 上门/代办 requests. */
import type { RequestStatus } from '../../core/service-card/proxy-request.machine'
import type { ExportSource } from '../staff/export-source'
import { labelOf, text, when } from '../staff/export-source'

const requestStates: Record<RequestStatus, string> = {
  submitted: '已提交',
  accepted: '已受理',
  in_progress: '办理中',
  needs_materials: '待补材料',
  done: '已办结',
  rated: '已评价',
  cancelled: '已取消'
}

export const serviceRequestsLedger: ExportSource = {
  kind: 'service-requests',
  title: '便民服务诉求台账',
  collection: 'service_requests',
  gridField: null,
  columns: [
    { header: '事项', width: 20 },
    { header: '方式', width: 8 },
    { header: '居民' },
    { header: '状态', width: 10 },
    { header: '办理人' },
    { header: '期限', width: 18 },
    { header: '逾期', width: 6 },
    { header: '评分', width: 6 },
    { header: '提交时间', width: 18 },
    { header: '代办', width: 6 }
  ],
  async rows(docs) {
    return docs.map(r => [
      text(r.itemName),
      r.mode === 'home' ? '上门' : '代办',
      text(r.residentName),
      labelOf(requestStates, r.status),
      text(r.handlerName),
      when(r.dueAt),
      r.overdue ? '是' : '否',
      typeof r.rating?.stars === 'number' ? r.rating.stars : null,
      when(r.createdAt),
      r.submittedBy ? '是' : '否'
    ])
  }
}
