/**
 * A table → .xlsx file. The writer library is required here, on the export path only, so the
 * function's cold start (every other action) doesn't load it.
 */
export type CellValue = string | number | Date | boolean | null

export interface Column {
  header: string
  /** Width in characters (Chinese characters count about two). */
  width?: number
}

export interface Table {
  sheet: string
  columns: Column[]
  rows: CellValue[][]
}

const SHANGHAI_MS = 8 * 60 * 60 * 1000

type WriteXlsx = (data: unknown, options?: unknown) => { toBuffer: () => Promise<Buffer> }

let writer: WriteXlsx | null = null
function load(): WriteXlsx {
  if (!writer) {
    const mod = require('write-excel-file/node') as { default?: WriteXlsx } & WriteXlsx
    writer = mod.default ?? mod
  }
  return writer
}

export async function tableToXlsx(table: Table): Promise<Buffer> {
  const header = table.columns.map(c => ({ value: c.header, fontWeight: 'bold' as const }))
  const body = table.rows.map(row =>
    row.map(v => {
      if (v === null || v === undefined || v === '') return null
      // Excel dates have no time zone: write the Shanghai wall-clock time people expect to read.
      if (v instanceof Date)
        return { value: new Date(v.getTime() + SHANGHAI_MS), type: Date, format: 'yyyy-mm-dd hh:mm' }
      return { value: v }
    })
  )
  // Sheet names: 31 characters, none of : \ / ? * [ ]
  const sheet = table.sheet.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31) || 'Sheet1'
  return await load()([header, ...body], {
    sheet,
    columns: table.columns.map(c => ({ width: c.width ?? 14 })),
    stickyRowsCount: 1
  }).toBuffer()
}
