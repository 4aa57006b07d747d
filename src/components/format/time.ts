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
