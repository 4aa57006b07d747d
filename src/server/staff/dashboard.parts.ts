/** Types and helpers shared by the dashboard and its per-context sections. */
import type { Period } from '../../core/staff/period.rule'
import type { Db } from '../db/client'

export interface Metric {
  label: string
  /** null: nothing to compute from (shown as 暂无数据, never as 0). */
  value: number | null
  unit: string
}

export interface Bar {
  label: string
  value: number
}

export interface DashboardSection {
  key: string
  title: string
  /** false: the context's records don't exist here yet. */
  available: boolean
  metrics: Metric[]
  /** A small chart: per grid or per outcome. */
  bars: Bar[]
  barsTitle: string
}

export interface DashboardView {
  period: { kind: Period['kind'], label: string }
  gridId: string | null
  gridName: string | null
  sections: DashboardSection[]
}

export type Doc = Record<string, any>

export interface SectionContext {
  db: Db
  period: Period
  gridId: string | null
  now: Date
  /** Home grids of users (OPENID → gridId), for records that only name the resident (e.g. service requests). */
  gridsOfUsers: (openIds: string[]) => Promise<Map<string, string | null>>
  grids: Array<{ _id: string, name: string }>
}

/** All documents matching `where`, or null when the collection doesn't exist. */
export async function readOrNull (db: Db, collection: string, where: Record<string, unknown>, max = 20_000): Promise<Doc[] | null> {
  const _ = db.command
  const out: Doc[] = []
  let last: string | null = null
  try {
    while (out.length < max) {
      const filter: Record<string, unknown> = last ? { ...where, _id: _.gt(last) } : where
      const page = (await db.collection(collection).where(filter).orderBy('_id', 'asc').limit(1000).get()).data as Doc[]
      out.push(...page)
      if (page.length < 1000) break
      last = String(page[page.length - 1]._id)
    }
  } catch (err) {
    if (/COLLECTION_NOT_EXIST|not exist/i.test(String((err as { code?: string }).code ?? (err as Error).message))) return null
    throw err
  }
  return out
}

export const metric = (label: string, value: number | null, unit = ''): Metric => ({ label, value, unit })
export const unavailable = (key: string, title: string): DashboardSection => ({ key, title, available: false, metrics: [], bars: [], barsTitle: '' })

/** Counts per grid name, for the "by grid" chart when the whole community is shown. */
export function perGrid (ctx: SectionContext, docs: Doc[], gridOf: (d: Doc) => string | null): Bar[] {
  if (ctx.gridId) return []
  return ctx.grids.map(g => ({ label: g.name, value: docs.filter(d => gridOf(d) === g._id).length }))
}

export { inPeriod, median, minutesBetween, satisfaction } from '../../core/staff/period.rule'
