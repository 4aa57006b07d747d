import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'

dayjs.extend(utc)

/**
 * HH:mm on the community's clock (Asia/Shanghai, UTC+8, no daylight saving), whatever the
 * device's zone. A fixed offset instead of dayjs/plugin/timezone: that needs full Intl time-zone
 * data, which the mini-program JS engines do not all carry.
 */
export function shanghaiHHmm (epochMs: number): string {
  return dayjs(epochMs).utc().add(8, 'hour').format('HH:mm')
}

/** "11月24日 09:30" on the community's clock, for lists of things that happened. */
export function shanghaiDateTime (at: string | number | Date): string {
  return dayjs(at).utc().add(8, 'hour').format('M月D日 HH:mm')
}
