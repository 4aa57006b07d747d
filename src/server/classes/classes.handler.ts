/**
 * The `classes` function's entry: timer events go to its jobs (one `tick` runs each job whose own
 * cron fell due, src/server/timers.ts), everything else to the router.
 *
 * A timer call is `{ Type: 'Timer', TriggerName, Time }` with no caller. A client can put the same
 * fields in its data, so an event counts as a timer only when the platform gave it no OPENID
 * (every client call has one); a client's forged timer event goes to the router, which refuses it.
 */
import type { ActionTable } from '../router'
import { createHandler } from '../router'
import type { ScheduledJob } from '../timers'
import { withTimers } from '../timers'

type Job<D> = { cron: string; run: (deps: D) => Promise<unknown> }

export function classesMain<D> (actions: ActionTable<D>, timers: Record<string, Job<D>>, makeDeps: () => D): (event: unknown, context?: unknown) => Promise<unknown> {
  let deps: D | null = null
  const depsOf = (): D => (deps ??= makeDeps())
  const router = createHandler('classes', actions, { deps: depsOf })
  const jobs: Record<string, ScheduledJob> = Object.fromEntries(Object.entries(timers).map(([name, job]) =>
    [name, { cron: job.cron, run: async () => await job.run(depsOf()) }]))
  return withTimers(router, jobs, { fn: 'classes', routerShape: true })
}
