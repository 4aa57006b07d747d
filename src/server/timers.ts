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
 * Every job reads time from the server clock only (the tick's `at`, read once per tick), never from
 * the event's `Time`: a test that needs a later instant freezes the clock (`POST /dev/clock`,
 * src/server/clock.ts). Which events reach the jobs at all is decided in define-function.ts.
 */
import { parseCloudbaseCron, type CloudbaseSchedule } from './cron'
import type { Db } from './db/client'
import { dataOf } from './db/client'

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

/** One run of the jobs: `at` is the server clock when the tick began, the same for every job in it. */
export interface Tick {
  at: Date
}

/** A job and when it is due: CloudBase's 7-field cron (sec min hour day month week year, Beijing time). */
export interface Job<D> {
  cron: string
  /** Gets the function's deps (built once per process, shared with its actions) and the tick. */
  run: (deps: D, tick: Tick) => Promise<unknown>
}

export type JobTable<D> = Record<string, Job<D>>

/** When each job last ran to the end, by `<function>.<job>`. */
export interface TimerLedger {
  lastRuns: (ids: string[]) => Promise<Map<string, Date>>
  record: (id: string, at: Date) => Promise<void>
}

export function timerLedger(db: Db): TimerLedger {
  return {
    async lastRuns(ids) {
      const _ = db.command
      // Bounded by the number of jobs of one function (≤ 5); the limit is explicit, not the platform's default.
      const res = await db
        .collection('timer_runs')
        .where({ _id: _.in(ids) })
        .limit(ids.length)
        .get()
      return new Map(dataOf<{ _id: string; lastRunAt: Date }>(res).map(d => [d._id, new Date(d.lastRunAt)]))
    },
    async record(id, at) {
      // set() creates or replaces the one document of this job (documented upsert of doc().set).
      await db.collection('timer_runs').doc(id).set({ lastRunAt: at })
    }
  }
}

export function isTimerEvent(event: unknown): event is TimerEvent {
  return (
    typeof event === 'object' &&
    event !== null &&
    (event as { Type?: unknown }).Type === 'Timer' &&
    typeof (event as { TriggerName?: unknown }).TriggerName === 'string'
  )
}

export type JobOutcome = { outcome: 'OK'; result: unknown } | { outcome: 'ERROR'; error: string }

/** Runs one job; its error is logged and answered, never thrown into the platform. */
export async function runJob(fn: string, name: string, run: () => Promise<unknown>): Promise<JobOutcome> {
  const started = Date.now()
  try {
    const result = await run()
    console.log(JSON.stringify({ fn, timer: name, outcome: 'OK', result, ms: Date.now() - started }))
    return { outcome: 'OK', result }
  } catch (err) {
    // The next tick runs the job again.
    const error = err instanceof Error ? (err.stack ?? err.message) : String(err)
    console.log(JSON.stringify({ fn, timer: name, outcome: 'ERROR', error, ms: Date.now() - started }))
    return { outcome: 'ERROR', error: err instanceof Error ? err.message : String(err) }
  }
}

/**
 * Run every job due at `tick.at`: its cron has a fire time after its last recorded run and not
 * after `tick.at`. A job that ends without error is recorded as run at `tick.at`.
 */
export async function runDueJobs<D>(
  fn: string,
  jobs: JobTable<D>,
  deps: () => D,
  tick: Tick,
  ledger: TimerLedger,
  /** Whose jobs these are in the ledger: `@<communityId>`, or '' for the street's first community. */
  suffix = ''
): Promise<{ ran: Record<string, JobOutcome>; notDue: string[] }> {
  const now = tick.at
  const names = Object.keys(jobs)
  if (names.length === 0) return { ran: {}, notDue: [] }
  const idOf = (name: string): string => `${fn}.${name}${suffix}`
  const last = await ledger.lastRuns(names.map(idOf))
  const due: Array<{ name: string; since: Date }> = []
  const notDue: string[] = []
  for (const name of names) {
    const since = last.get(idOf(name)) ?? new Date(now.getTime() - FIRST_SIGHT_MS)
    const next = schedules(jobs)[name].next(since)
    if (next !== null && next.getTime() <= now.getTime()) due.push({ name, since })
    else notDue.push(name)
  }
  const outcomes = await Promise.all(
    due.map(async ({ name, since }) => {
      const id = idOf(name)
      const outcome = await runJob(fn, name, async () => await jobs[name].run(deps(), tick))
      if (outcome.outcome === 'OK') await ledger.record(id, now)
      // A first run that failed leaves its starting point behind, so the next tick still finds it due.
      else if (!last.has(id)) await ledger.record(id, since)
      return [name, outcome] as const
    })
  )
  return { ran: Object.fromEntries(outcomes), notDue }
}

const parsed = new WeakMap<JobTable<any>, Record<string, CloudbaseSchedule>>()
/** Each job's cron, parsed once per job table on the first tick (define-function.test.ts parses every table's). */
export function schedules<D>(jobs: JobTable<D>): Record<string, CloudbaseSchedule> {
  let out = parsed.get(jobs)
  if (!out) {
    out = Object.fromEntries(Object.entries(jobs).map(([name, j]) => [name, parseCloudbaseCron(j.cron)]))
    parsed.set(jobs, out)
  }
  return out
}
