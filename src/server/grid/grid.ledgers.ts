/**
 * The grid's ledgers (台账) for staff exports (export-sources.ts lists them). Grid names and doors come from the
 * community's repository; a grid worker's export covers their grid (gridField).
 */
import { visitPurposeLabels } from '../../core/grid/grid.model'
import { gridNamesForLedgers, householdDoorsForLedgers } from '../community/community.repository'
import type { ExportSource } from '../staff/export-source'
import { labelOf, text, when } from '../staff/export-source'

// ---- reports (随手拍/报事)

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
