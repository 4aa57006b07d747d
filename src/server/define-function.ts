/**
 * Every cloud function's entry, one shape: `export const main = defineFunction({ name, actions, jobs, deps })`
 * in cloudfunctions/<ctx>/index.ts, with the actions and jobs declared in src/server/<ctx>/.
 *
 * An event goes to one of two places:
 * - the router (router.ts), for every call from a client, and for anything that is not a timer event;
 * - the jobs (timers.ts), for a timer event the platform sent: `{ Type: 'Timer', TriggerName, Time }`
 *   with no caller. Its one trigger `tick` runs each job whose own cron fell due; a timer event that
 *   names a job runs that job at once (the console's test run, the tests; no trigger has that name).
 * A client can put the same fields in its data, but the platform injects the caller's OPENID into
 * every client call and never into a timer's, so an event counts as a timer only when it has no
 * OPENID; a client's forged timer event goes to the router, which refuses it (it names no action).
 *
 * The deps are built once per process, on first use, and shared by the actions and the jobs.
 */
import type { Clock } from '../core/shared/clock'
import type { PlatformContext, PlatformEvent } from './caller'
import { openIdOf } from './caller'
import { serverClock } from './clock'
import { getDb } from './db/client'
import type { ActionTable, ContextName, RouterInfra } from './router'
import { createHandler } from './router'
import type { JobTable, TimerLedger } from './timers'
import { isTimerEvent, runDueJobs, runJob, TICK, timerLedger } from './timers'

export interface FunctionDef<D> {
  name: ContextName
  actions: ActionTable<D>
  /** Run by the function's one timer trigger (config.json); none for a function without timers. */
  jobs?: JobTable<D>
  /** Builds what the use cases need; called once per process, on the first call or tick that needs it. */
  deps: () => D
  /** Tests replace the router's and the timers' outside parts; production never passes these. */
  infra?: Partial<RouterInfra> & { ledger?: () => TimerLedger; clock?: Clock }
}

export type Main = (event: unknown, context?: unknown) => Promise<unknown>

/** Declares a context's jobs with their deps type checked (like `action()` for actions). */
export function defineJobs<D>(jobs: JobTable<D>): JobTable<D> {
  return jobs
}

export function defineFunction<D>(def: FunctionDef<D>): Main {
  const { name, actions, jobs = {}, infra = {} } = def
  let deps: D | null = null
  const depsOnce = (): D => (deps ??= def.deps())
  const { ledger: ledgerOf, ...routerInfra } = infra
  const router = createHandler(name, actions, { deps: depsOnce, infra: routerInfra })
  const clock = infra.clock ?? serverClock
  const ledger = ledgerOf ?? (() => timerLedger(getDb()))

  return async function main(event, context) {
    if (
      !isTimerEvent(event) ||
      openIdOf(event as unknown as PlatformEvent, context as PlatformContext | undefined) !== null
    ) {
      return await router(event, context)
    }
    const tick = { at: clock.now() }
    if (event.TriggerName === TICK) return await runDueJobs(name, jobs, depsOnce, tick, ledger())
    const job = Object.prototype.hasOwnProperty.call(jobs, event.TriggerName) ? jobs[event.TriggerName] : undefined
    if (!job) {
      console.log(
        JSON.stringify({
          fn: name,
          timer: event.TriggerName,
          outcome: 'ERROR',
          error: `no job for timer ${event.TriggerName}`
        })
      )
      return { ok: false }
    }
    const outcome = await runJob(name, event.TriggerName, async () => await job.run(depsOnce(), tick))
    return outcome.outcome === 'OK' ? outcome.result : { ok: false }
  }
}
