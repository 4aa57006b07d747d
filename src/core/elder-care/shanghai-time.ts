/**
 * The community's calendar: Asia/Shanghai is UTC+8 all year (no daylight saving), so a fixed
 * offset is exact and needs no time-zone data.
 */
import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'

dayjs.extend(utc)

const OFFSET_H = 8

const local = (d: Date): dayjs.Dayjs => dayjs(d).utc().add(OFFSET_H, 'hour')

/** `YYYY-MM-DD` of the Shanghai day containing `d`. */
export function shanghaiDate (d: Date): string {
  return local(d).format('YYYY-MM-DD')
}

/** `11月24日 09:00`, for notices. */
export function shanghaiTime (d: Date): string {
  return local(d).format('M月D日 HH:mm')
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a Shanghai date. */
export function isoWeekday (date: string): number {
  const day = dayjs.utc(date).day()
  return day === 0 ? 7 : day
}

/** The UTC instant of Shanghai wall time `HH:mm` on `date`. */
export function shanghaiInstant (date: string, hhmm: string): Date {
  const [h, m] = hhmm.split(':').map(Number)
  return dayjs.utc(date).hour(h).minute(m).subtract(OFFSET_H, 'hour').toDate()
}

export function addDays (date: string, days: number): string {
  return dayjs.utc(date).add(days, 'day').format('YYYY-MM-DD')
}

/** `HH:mm` Shanghai wall time of `d`. */
export function shanghaiHHmm (d: Date): string {
  return local(d).format('HH:mm')
}
