/**
 * The grid's ledgers (台账) for staff exports (export-sources.ts lists them). Grid names and doors come from the
 * community's repository; a grid worker's export covers their grid (gridField).
 */
import { overdueAt } from '../../core/grid/figures.rule'
import type { ReportRecord } from '../../core/grid/grid.model'
import { categoryRules, reportStateLabels, visitPurposeLabels } from '../../core/grid/grid.model'
import { gridNamesForLedgers, householdDoorsForLedgers } from '../community/community.repository'
import type { ExportSource } from '../staff/export-source'
import { labelOf, text, when } from '../staff/export-source'

// ---- reports (随手拍/报事)

/** How a closed report closed: the reporter's word, or the wait running out (never counted as solved). */
function closedHow(r: ReportRecord): string {
  if (r.state !== 'closed') return ''
  if (r.closedUnconfirmed) return '超时未确认，自动办结'
  return r.confirmation === 'partly' ? '居民确认部分解决' : '居民确认已解决'
}

const sourceOf = (r: ReportRecord): string => (r.inspectionId ? '巡检' : r.patrolId ? '巡查' : '居民')

const passedTo = (r: ReportRecord): string =>
  r.passedTo?.kind === 'department' ? text(r.passedTo.name) : r.passedTo?.kind === 'juwei' ? '居委' : ''

/**
 * Every report with what the figures count (figures.rule.ts): on time or not, how it closed, reopens, stars. The
 * reporter is not named: the ledger is about the work, and a hidden report's words stay out of it.
 */
export const reportsLedger: ExportSource = {
  kind: 'grid-reports',
  title: '网格报事台账',
  collection: 'grid_reports',
  gridField: 'gridId',
  columns: [
    { header: '提交时间', width: 18 },
    { header: '类别', width: 10 },
    { header: '地点', width: 18 },
    { header: '网格' },
    { header: '来源', width: 6 },
    { header: '内容', width: 30 },
    { header: '状态', width: 8 },
    { header: '受理时间', width: 18 },
    { header: '按时受理', width: 8 },
    { header: '转办', width: 12 },
    { header: '处理完成', width: 18 },
    { header: '按时处理', width: 8 },
    { header: '办结方式', width: 18 },
    { header: '重办次数', width: 8 },
    { header: '评分', width: 6 },
    { header: '现已超时', width: 8 }
  ],
  async rows(docs, db, now) {
    const grids = await gridNamesForLedgers(
      db,
      docs.map(d => d.gridId)
    )
    return (docs as ReportRecord[]).map(r => {
      const accepted = r.acceptedAt ? new Date(r.acceptedAt) : null
      const resolved = r.resolvedAt ? new Date(r.resolvedAt) : null
      return [
        when(r.createdAt),
        categoryRules[r.category]?.label ?? text(r.category),
        text(r.place?.label),
        r.gridId ? text(grids.get(r.gridId)) : '未分网格',
        sourceOf(r),
        r.hidden ? '（居民选择不公开）' : text(r.description),
        labelOf(reportStateLabels, r.state),
        when(r.acceptedAt),
        accepted ? (accepted <= new Date(r.acceptBy) ? '是' : '否') : '',
        passedTo(r),
        when(r.resolvedAt),
        resolved ? (resolved <= new Date(r.solveBy) ? '是' : '否') : '',
        closedHow(r),
        r.reopenCount ?? 0,
        typeof r.rating?.stars === 'number' ? r.rating.stars : null,
        overdueAt(r, now) ? '是' : ''
      ]
    })
  }
}

// ---- patrols (巡查)

const patrolEnds: Record<string, string> = { worker: '网格员结束', cap: '超时自动结束' }

export const patrolsLedger: ExportSource = {
  kind: 'grid-patrols',
  title: '网格巡查台账',
  collection: 'grid_patrols',
  gridField: 'gridId',
  columns: [
    { header: '网格' },
    { header: '网格员' },
    { header: '开始时间', width: 18 },
    { header: '结束时间', width: 18 },
    { header: '时长（分钟）', width: 10 },
    { header: '结束方式', width: 12 },
    { header: '巡查情况', width: 30 }
  ],
  async rows(docs, db) {
    const grids = await gridNamesForLedgers(
      db,
      docs.map(d => d.gridId)
    )
    return docs.map(p => [
      text(grids.get(p.gridId)),
      text(p.workerName),
      when(p.startedAt),
      when(p.endedAt),
      p.endedAt ? Number(p.minutes ?? 0) : null,
      p.closedBy ? labelOf(patrolEnds, p.closedBy) : '巡查中',
      text(p.note)
    ])
  }
}

// ---- household visits (走访)

export const visitsLedger: ExportSource = {
  kind: 'grid-visits',
  title: '入户走访台账',
  collection: 'grid_visits',
  gridField: 'gridId',
  columns: [
    { header: '网格' },
    { header: '住户', width: 18 },
    { header: '走访时间', width: 18 },
    { header: '走访人' },
    { header: '走访目的', width: 12 },
    { header: '走访情况', width: 30 },
    { header: '跟进事项', width: 24 },
    { header: '跟进截止', width: 12 },
    { header: '跟进状态', width: 10 }
  ],
  async rows(docs, db) {
    const [grids, doors] = await Promise.all([
      gridNamesForLedgers(
        db,
        docs.map(d => d.gridId)
      ),
      householdDoorsForLedgers(
        db,
        docs.map(d => d.householdId)
      )
    ])
    return docs.map(v => [
      text(grids.get(v.gridId)),
      text(doors.get(v.householdId)),
      when(v.at),
      text(v.workerName),
      v.purpose === 'other' ? text(v.purposeText) : labelOf(visitPurposeLabels, v.purpose),
      text(v.notes),
      text(v.followUp?.note),
      text(v.followUp?.dueDate),
      v.followUp ? (v.followUp.doneAt ? '已完成' : '未完成') : ''
    ])
  }
}

// ---- inspections (巡检)
