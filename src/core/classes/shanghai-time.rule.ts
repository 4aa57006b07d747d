/**
 * The community's clock: Asia/Shanghai is UTC+8 all year (no daylight saving since 1991), so a
 * fixed offset is exact and needs no time-zone data.
 */
const OFFSET_MS = 8 * 3600_000
const DAY_MS = 24 * 3600_000

/** YYYY-MM-DD in Shanghai of an instant. */
export function shanghaiDate (at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10)
}

/** HH:mm in Shanghai of an instant. */
export function shanghaiTime (at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(11, 16)
}

/** The instant of `HH:mm` on Shanghai date `date`. */
export function atShanghai (date: string, hhmm: string): Date {
  return new Date(Date.parse(`${date}T${hhmm}:00.000Z`) - OFFSET_MS)
}

/** 1 = Monday … 7 = Sunday for a calendar date. */
export function weekdayOf (date: string): number {
  const d = new Date(`${date}T00:00:00.000Z`).getUTCDay()
  return d === 0 ? 7 : d
}

export function addDays (date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) + days * DAY_MS).toISOString().slice(0, 10)
}
