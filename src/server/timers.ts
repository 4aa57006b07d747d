/**
 * One timer trigger per function, many jobs behind it.
 *
 * WeChat takes exactly one trigger per function ("目前仅支持一个触发器，即数组只能填写一个，不可添加多个",
 * https://developers.weixin.qq.com/miniprogram/dev/wxcloud/guide/functions/triggers.html), so each
 * function with jobs declares one trigger, `tick`, every minute (config.json and cloudbaserc.json),
 * and every job keeps its own 7-field cron here in code, beside the job. A tick runs each job whose
 * cron fell due since that job last ran to the end (the `timer_runs` ledger), so:
 * - a missed tick (a failed run, a deploy, the platform skipping one) is caught up by the next;
 * - a job that failed is not recorded, and runs again at the next tick;
 * - two ticks at once (a platform retry) may both run a job: every job is idempotent (each says how).
 * The due jobs of one tick run side by side, so the tick takes as long as the slowest, which must
 * fit the function's timeout (cloudbaserc.json).
 *
 * Timer events are `{ Type: 'Timer', TriggerName, Time }` with no caller, on CloudBase and in the
 * local cloud alike. A timer event naming a job itself (not `tick`) runs that job at once, for the
 * console's test run and the tests; no trigger has that name. A user's call always carries their
 * OPENID (the platform injects it), so an event shaped like a timer event that comes WITH one is a
 * user trying to run a job: it goes to the router, which refuses it as an unknown action.
 */
import type { Clock } from '../core/shared/clock'
import { serverClock } from './clock'
import type { PlatformContext, PlatformEvent } from './caller'
import { openIdOf } from './caller'
import { parseCloudbaseCron, type CloudbaseSchedule } from './cron'
import type { Db } from './db/client'
import { dataOf, getDb } from './db/client'
import type { Handler } from './router'

/** The one trigger of every function with jobs. */
export const TICK = 'tick'
/** Its cron: every minute, the finest cadence any job has (the SOS ladder, due work). */
export const TICK_CRON = '0 * * * * * *'
/** A job never seen before counts as having run one tick ago (a first deploy runs nothing overdue). */
const FIRST_SIGHT_MS = 60_000

export interface TimerEvent {
  Type: 'Timer'
  TriggerName: string
  Time?: string
}

export type TimerJob = (event: TimerEvent) => Promise<unknown>

/** A job and when it is due: CloudBase's 7-field cron (sec min hour day month week year, Beijing time). */
export interface ScheduledJob {
  cron: string
  run: TimerJob
}

/** When each job last ran to the end, by `<function>.<job>`. */
export interface TimerLedger {
  lastRuns: (ids: string[]) => Promise<Map<string, Date>>
  record: (id: string, at: Date) => Promise<void>
}

export function timerLedger (db: Db): TimerLedger {
  return {
    async lastRuns (ids) {
      const _ = db.command
      // Bounded by the number of jobs of one function (≤ 4); the limit is explicit, not the platform's default.
      const res = await db.collection('timer_runs').where({ _id: _.in(ids) }).limit(ids.length).get()
      return new Map(dataOf<{ _id: string; lastRunAt: Date }>(res).map((d) => [d._id, new Date(d.lastRunAt)]))
    },
    async record (id, at) {
      // set() creates or replaces the one document of this job (documented upsert of doc().set).
      await db.collection('timer_runs').doc(id).set({ lastRunAt: at })
    }
  }
}

export function isTimerEvent (event: unknown): event is TimerEvent {
  return typeof event === 'object' && event !== null && (event as { Type?: unknown }).Type === 'Timer' &&
    typeof (event as { TriggerName?: unknown }).TriggerName === 'string'
}

/** The tick's instant: the later of the clock and the event's `Time` (on CloudBase, the clock). */
export function tickTime (event: TimerEvent, clock: Clock): Date {
  const now = clock.now()
  const t = event.Time ? Date.parse(event.Time) : Number.NaN
  return Number.isFinite(t) && t > now.getTime() ? new Date(t) : now
}

export interface TimerOptions {
  /** The function's name: the ledger's key prefix and the log's. */
  fn: string
  ledger?: () => TimerLedger
  clock?: Clock
  /** A job named directly answers `{ ok, data | error }` like an action (the classes function's shape). */
  routerShape?: boolean
}

type JobOutcome = { outcome: 'OK'; result: unknown } | { outcome: 'ERROR'; error: string }

async function runJob (fn: string, name: string, job: TimerJob, event: TimerEvent): Promise<JobOutcome> {
  const started = Date.now()
  try {
    const result = await job(event)
    console.log(JSON.stringify({ fn, timer: name, outcome: 'OK', result, ms: Date.now() - started }))
    return { outcome: 'OK', result }
  } catch (err) {
    // Logged; never thrown into the platform. The next tick runs the job again.
    const error = err instanceof Error ? err.stack ?? err.message : String(err)
    console.log(JSON.stringify({ fn, timer: name, outcome: 'ERROR', error, ms: Date.now() - started }))
    return { outcome: 'ERROR', error: err instanceof Error ? err.message : String(err) }
  }
}

/**
 * Run every job due at `now`: its cron has a fire time after its last recorded run and not after
 * `now`. A job that ends without error is recorded as run at `now`.
 */
export async function runDueJobs (
  fn: string, jobs: Record<string, ScheduledJob>, event: TimerEvent, now: Date, ledger: TimerLedger
): Promise<{ ran: Record<string, JobOutcome>; notDue: string[] }> {
  const names = Object.keys(jobs)
  const last = await ledger.lastRuns(names.map((n) => `${fn}.${n}`))
  const due: Array<{ name: string; since: Date }> = []
  const notDue: string[] = []
  for (const name of names) {
    const since = last.get(`${fn}.${name}`) ?? new Date(now.getTime() - FIRST_SIGHT_MS)
    const next = schedules(jobs)[name].next(since)
    if (next !== null && next.getTime() <= now.getTime()) due.push({ name, since })
    else notDue.push(name)
  }
  const outcomes = await Promise.all(due.map(async ({ name, since }) => {
    const id = `${fn}.${name}`
    const outcome = await runJob(fn, name, jobs[name].run, event)
    if (outcome.outcome === 'OK') await ledger.record(id, now)
    // A first run that failed leaves its starting point behind, so the next tick still finds it due.
    else if (!last.has(id)) await ledger.record(id, since)
    return [name, outcome] as const
  }))
  return { ran: Object.fromEntries(outcomes), notDue }
}

const parsed = new WeakMap<Record<string, ScheduledJob>, Record<string, CloudbaseSchedule>>()
/** Each job's cron, parsed once per job table (a bad cron fails the function's first tick loudly). */
function schedules (jobs: Record<string, ScheduledJob>): Record<string, CloudbaseSchedule> {
  let out = parsed.get(jobs)
  if (!out) {
    out = Object.fromEntries(Object.entries(jobs).map(([name, j]) => [name, parseCloudbaseCron(j.cron)]))
    parsed.set(jobs, out)
  }
  return out
}

export function withTimers (
  handler: Handler, jobs: Record<string, ScheduledJob>, opts: TimerOptions
): (event: unknown, context?: unknown) => Promise<unknown> {
  const clock = opts.clock ?? serverClock
  const ledger = opts.ledger ?? (() => timerLedger(getDb()))
  schedules(jobs) // a bad cron is a load error, not a silent job that never runs
  return async (event, context) => {
    if (!isTimerEvent(event) || openIdOf(event as unknown as PlatformEvent, context as PlatformContext | undefined) !== null) {
      return await handler(event, context)
    }
    if (event.TriggerName === TICK) {
      return await runDueJobs(opts.fn, jobs, event, tickTime(event, clock), ledger())
    }
    // A job named directly (console test run, tests): run it now, outside the schedule.
    const job = Object.prototype.hasOwnProperty.call(jobs, event.TriggerName) ? jobs[event.TriggerName] : undefined
    const failed = opts.routerShape === true ? { ok: false, error: { code: 'INTERNAL', message: 'timer failed' } } : { ok: false }
    if (!job) {
      console.log(JSON.stringify({ fn: opts.fn, timer: event.TriggerName, outcome: 'ERROR', error: `no job for timer ${event.TriggerName}` }))
      return failed
    }
    const outcome = await runJob(opts.fn, event.TriggerName, job.run, event)
    if (outcome.outcome !== 'OK') return failed
    return opts.routerShape === true ? { ok: true, data: outcome.result } : outcome.result
  }
}
