import { shanghaiDay, shanghaiTime } from '@/core/shared/shanghai-time'

/**
 * The app's one way to show a time: every date carries its weekday (「11月24日 周二 09:30」), on the
 * community's clock (Asia/Shanghai, UTC+8, no daylight saving) whatever the device's zone. The
 * wording is core/shared/shanghai-time.ts's, so a notice and the page it opens say the same thing.
 */

/** HH:mm on the community's clock. */
export function shanghaiHHmm(epochMs: number): string {
  return shanghaiTime(new Date(epochMs)).slice(-5)
}

/** "11月24日 周二 09:30", for anything that happens at a time. */
export function shanghaiDateTime(at: string | number | Date): string {
  return shanghaiTime(new Date(at))
}

/** "11月24日 周二", for a day (an instant, or a `YYYY-MM-DD` calendar date of the community). */
export function shanghaiDate(at: string | number | Date): string {
  if (typeof at === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(at)) return shanghaiDay(new Date(`${at}T00:00:00+08:00`))
  return shanghaiDay(new Date(at))
}
