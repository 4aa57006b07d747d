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
 * The deps are built once per process and community (issue 20), on first use, over that community's view of the
 * database (db/community-scope.ts), and shared by the actions and the jobs. A tick runs each community's due jobs in
 * turn, each over its own community's deps.
 */
import type { Clock } from '../core/shared/clock'
import type { PlatformContext, PlatformEvent } from './caller'
import { openIdOf } from './caller'
import { serverClock } from './clock'
import { getDb } from './db/client'
import type { CommunityScope } from './db/community-scope'
import { DEFAULT_COMMUNITY_ID } from '../core/community/community.model'
import { communityIds } from './community/street.repository'
import { serverInfra, type Infra } from './infra'
import type { ActionTable, ContextName, RouterInfra } from './router'
import { createHandler } from './router'
import type { JobTable, TimerLedger } from './timers'
import { isTimerEvent, runDueJobs, runJob, TICK, timerLedger } from './timers'

export interface FunctionDef<D> {
  name: ContextName
  actions: ActionTable<D>
  /** Run by the function's one timer trigger (config.json); none for a function without timers. */
  jobs?: JobTable<D>
  /**
   * Builds what the use cases need from the platform's infra over one community's database; called once per process
   * and community, on the first call or tick that needs it.
   */
  deps: (infra: Infra) => D
  /** Tests replace the router's and the timers' outside parts; production never passes these. */
  infra?: Partial<RouterInfra> & {
    ledger?: () => TimerLedger
    clock?: Clock
    /** The street's communities, whose jobs a tick runs (street.repository.ts communityIds). */
    communities?: () => Promise<string[]>
  }
}

export type Main = (event: unknown, context?: unknown) => Promise<unknown>

/** Declares a context's jobs with their deps type checked (like `action()` for actions). */
export function defineJobs<D>(jobs: JobTable<D>): JobTable<D> {
  return jobs
}

export function defineFunction<D>(def: FunctionDef<D>): Main {
  const { name, actions, jobs = {}, infra = {} } = def
  const built = new Map<string, D>()
  const depsFor = (scope: CommunityScope): D => {
    const key = `${scope.communityId}${scope.readOnly ? ':read' : ''}`
    let deps = built.get(key)
    if (!deps) {
      deps = def.deps(serverInfra(scope))
      built.set(key, deps)
    }
    return deps
  }
  const { ledger: ledgerOf, communities: communitiesOf, ...routerInfra } = infra
  const router = createHandler(name, actions, { deps: depsFor, infra: routerInfra })
  const clock = infra.clock ?? serverClock
  const ledger = ledgerOf ?? (() => timerLedger(getDb()))
  const communities = communitiesOf ?? (async () => await communityIds(getDb()))

  return async function main(event, context) {
    if (
      !isTimerEvent(event) ||
      openIdOf(event as unknown as PlatformEvent, context as PlatformContext | undefined) !== null
    ) {
      return await router(event, context)
    }
    const tick = { at: clock.now() }
    if (event.TriggerName === TICK) {
      if (Object.keys(jobs).length === 0) return { ran: {}, notDue: [] }
      // One community after another: a street's 5–15 communities' jobs at once would share one function's time.
      const byCommunity: Record<string, unknown> = {}
      for (const communityId of await communities()) {
        const deps = (): D => depsFor({ communityId })
        const suffix = communityId === DEFAULT_COMMUNITY_ID ? '' : `@${communityId}`
        byCommunity[communityId] = await runDueJobs(name, jobs, deps, tick, ledger(), suffix)
      }
      const ids = Object.keys(byCommunity)
      return ids.length === 1 ? byCommunity[ids[0]] : byCommunity
    }
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
    // A job named by the event (the console's test run, the tests) runs for every community.
    const results: unknown[] = []
    for (const communityId of await communities()) {
      const outcome = await runJob(name, event.TriggerName, async () => await job.run(depsFor({ communityId }), tick))
      if (outcome.outcome !== 'OK') return { ok: false }
      results.push(outcome.result)
    }
    return results.length === 1 ? results[0] : totalOf(results)
  }
}

/**
 * A job run by name in a street of several communities answers as one: each count summed over the communities (the
 * console's test run reads `escalated: 1` as before), anything else as the first community's run said.
 */
function totalOf(results: unknown[]): unknown {
  const plain = (r: unknown): r is Record<string, unknown> => typeof r === 'object' && r !== null && !Array.isArray(r)
  if (!results.every(plain)) return results
  const out: Record<string, unknown> = {}
  for (const r of results) {
    for (const [k, v] of Object.entries(r)) {
      if (typeof v === 'number') out[k] = typeof out[k] === 'number' ? (out[k] as number) + v : v
      else if (!(k in out)) out[k] = v
    }
  }
  return out
}
