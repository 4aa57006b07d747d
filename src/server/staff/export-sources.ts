/**
 * The ledgers (台账) staff can export: one source per ledger, each a collection read in `_id`
 * order a page at a time plus a row builder. The generic part (pages, progress, the .xlsx) is in
 * export.service.ts; a context's ledger is one entry here. A source whose collection doesn't
 * exist in this environment is simply not offered.
 */
import { maskPhone } from '../../core/community/mask-phone'
import type { Db } from '../db/client'
import type { CellValue, Column } from './xlsx.writer'

type Doc = Record<string, any>

export interface ExportSource {
  kind: string
  /** Ledger name: sheet name and file name. */
  title: string
  collection: string
  /** Field holding the grid, so a grid worker's export covers their grid only. */
  gridField: string
  where?: Record<string, unknown>
  columns: Column[]
  rows: (docs: Doc[], db: Db) => Promise<CellValue[][]>
}

/** `_id → value` for the related documents of one page (one query per 100 ids). */
async function lookup (db: Db, collection: string, ids: Array<string | null | undefined>): Promise<Map<string, Doc>> {
  const wanted = [...new Set(ids.filter((x): x is string => typeof x === 'string' && x.length > 0))]
  const out = new Map<string, Doc>()
  const _ = db.command
  for (let i = 0; i < wanted.length; i += 100) {
    const res = await db.collection(collection).where({ _id: _.in(wanted.slice(i, i + 100)) }).limit(100).get()
    for (const d of res.data as Doc[]) out.set(d._id, d)
  }
  return out
}

const gridNames = async (db: Db, docs: Doc[]): Promise<Map<string, Doc>> => await lookup(db, 'grids', docs.map(d => d.gridId))
const text = (v: unknown): string => (typeof v === 'string' ? v : v == null ? '' : String(v))
const genders: Record<string, string> = { F: '女', M: '男' }

export const exportSources: ExportSource[] = [
  {
    kind: 'residents',
    title: '居民花名册',
    collection: 'members',
    gridField: 'gridId',
    columns: [{ header: '网格' }, { header: '住户', width: 18 }, { header: '姓名' }, { header: '性别', width: 6 }, { header: '出生年份', width: 10 }, { header: '与户主关系', width: 12 }, { header: '电话（已隐藏）', width: 16 }, { header: '党员', width: 6 }],
    async rows (docs, db) {
      const [grids, households] = await Promise.all([gridNames(db, docs), lookup(db, 'households', docs.map(d => d.householdId))])
      return docs.map(m => [
        text(grids.get(m.gridId)?.name), text(households.get(m.householdId)?.door), text(m.name), genders[m.gender] ?? '',
        typeof m.birthYear === 'number' ? m.birthYear : null, text(m.relation), m.phone ? maskPhone(m.phone) : '', m.partyMember ? '是' : '否'
      ])
    }
  },
  {
    kind: 'party-members',
    title: '党员名册',
    collection: 'members',
    gridField: 'gridId',
    where: { partyMember: true },
    columns: [{ header: '网格' }, { header: '姓名' }, { header: '性别', width: 6 }, { header: '出生年份', width: 10 }, { header: '住户', width: 18 }, { header: '登记志愿者', width: 10 }],
    async rows (docs, db) {
      const [grids, households, volunteers] = await Promise.all([
        gridNames(db, docs), lookup(db, 'households', docs.map(d => d.householdId)), lookup(db, 'volunteers', docs.map(d => `vol-${d._id as string}`))
      ])
      return docs.map(m => [
        text(grids.get(m.gridId)?.name), text(m.name), genders[m.gender] ?? '', typeof m.birthYear === 'number' ? m.birthYear : null,
        text(households.get(m.householdId)?.door), volunteers.has(`vol-${m._id as string}`) ? '是' : '否'
      ])
    }
  },
  {
    kind: 'volunteers',
    title: '志愿者名册',
    collection: 'volunteers',
    gridField: 'gridId',
    columns: [{ header: '网格' }, { header: '姓名' }, { header: '党员', width: 6 }, { header: '登记时间', width: 18 }],
    async rows (docs, db) {
      const grids = await gridNames(db, docs)
      return docs.map(v => [text(grids.get(v.gridId)?.name), text(v.name), v.partyMember ? '是' : '否', v.since ? new Date(v.since) : null])
    }
  },
  {
    kind: 'elders',
    title: '老人台账',
    collection: 'elders',
    gridField: 'gridId',
    columns: [{ header: '网格' }, { header: '姓名' }, { header: '出生年份', width: 10 }, { header: '住户', width: 18 }],
    async rows (docs, db) {
      const [grids, members, households] = await Promise.all([
        gridNames(db, docs), lookup(db, 'members', docs.map(d => d.memberId)), lookup(db, 'households', docs.map(d => d.householdId))
      ])
      return docs.map(e => {
        const m = members.get(e.memberId)
        return [text(grids.get(e.gridId)?.name), text(e.name ?? m?.name), typeof (e.birthYear ?? m?.birthYear) === 'number' ? (e.birthYear ?? m?.birthYear) : null, text(households.get(e.householdId ?? m?.householdId)?.door)]
      })
    }
  }
]

export function exportSource (kind: string): ExportSource | undefined {
  return exportSources.find(s => s.kind === kind)
}
