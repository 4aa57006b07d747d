/** Certificate serial numbers and the CSV exports for 双报到 feedback. */

/** `CH-2026-000042`: community prefix, year of issue, a per-year sequence. */
export function certificateSerial(year: number, seq: number): string {
  return `CH-${year}-${String(seq).padStart(6, '0')}`
}

export const serialPattern = /^CH-\d{4}-\d{6}$/

/** One CSV field: quoted when needed; a leading = + - @ is neutralised so spreadsheets don't run it. */
export function csvField(v: unknown): string {
  let s = v === null || v === undefined ? '' : String(v)
  if (/^[=+\-@]/.test(s)) s = `'${s}`
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/** Rows to CSV with a BOM, so Excel on a community PC opens the Chinese correctly. */
export function toCsv(header: string[], rows: unknown[][]): string {
  return '\uFEFF' + [header, ...rows].map(r => r.map(csvField).join(',')).join('\r\n') + '\r\n'
}
