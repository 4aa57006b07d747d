export { startTimers, timerEvent, type TimerEvent, type TimerOptions } from './timer-scheduler'
export { parseCloudbaseCron, CronError, CLOUDBASE_TIMEZONE } from '../../server/cron'
