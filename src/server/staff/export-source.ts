/**
 * The shape of one ledger (台账) the export engine (export.service.ts) can write: which collection it
 * reads a page at a time in `_id` order, and how a page becomes rows. Each context declares its own
 * ledgers beside its records (`src/server/<ctx>/<ctx>.ledgers.ts`); export-sources.ts lists them.
 */
import type { Db } from '../db/client'
import type { CellValue, Column } from './xlsx.writer'

export type LedgerDoc = Record<string, any>

export interface ExportSource {
  kind: string
  /** Ledger name: sheet name and file name. */
  title: string
  collection: string
  /** Field holding the grid, so a grid worker's export covers their grid only; null: the
   * records don't carry a grid, and only staff and admins (whole community) may export them. */
  gridField: string | null
  where?: Record<string, unknown>
  columns: Column[]
  /** `now`: the export's start, for ledgers of "this quarter". */
  rows: (docs: LedgerDoc[], db: Db, now: Date) => Promise<CellValue[][]>
}

/** A cell's text: '' for nothing. */
export const text = (v: unknown): string => (typeof v === 'string' ? v : v == null ? '' : String(v))
/** A date cell, empty when there is none. */
export const when = (v: unknown): Date | null => (v ? new Date(v as string) : null)
/** A state's Chinese label from the owning context's table; an unknown state as it is. */
export const labelOf = (labels: Readonly<Record<string, string>>, v: unknown): string => labels[String(v)] ?? text(v)
