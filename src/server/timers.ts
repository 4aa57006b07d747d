/**
 * Timer triggers call a function's `main` with `{ Type: 'Timer', TriggerName, Time }` and no
 * caller, on CloudBase and in the local cloud alike. `withTimers` sends those to the job named
 * after the trigger (in config.json) and everything else to the action router.
 * A user's call always carries their OPENID (the platform injects it), so an event shaped like a
 * timer event that comes WITH one is a user trying to run a job: it goes to the router, which
 * refuses it as an unknown action.
 */
import type { PlatformContext, PlatformEvent } from './caller'
import { openIdOf } from './caller'
import type { Handler } from './router'

export interface TimerEvent {
  Type: 'Timer'
  TriggerName: string
  Time?: string
}

export type TimerJob = (event: TimerEvent) => Promise<unknown>

export function isTimerEvent (event: unknown): event is TimerEvent {
  return typeof event === 'object' && event !== null && (event as { Type?: unknown }).Type === 'Timer' &&
    typeof (event as { TriggerName?: unknown }).TriggerName === 'string'
}

export function withTimers (handler: Handler, jobs: Record<string, TimerJob>): (event: unknown, context?: unknown) => Promise<unknown> {
  return async (event, context) => {
    if (!isTimerEvent(event) || openIdOf(event as unknown as PlatformEvent, context as PlatformContext | undefined) !== null) {
      return await handler(event, context)
    }
    const job = Object.prototype.hasOwnProperty.call(jobs, event.TriggerName) ? jobs[event.TriggerName] : undefined
    const started = Date.now()
    try {
      if (!job) throw new Error(`no job for timer ${event.TriggerName}`)
      const result = await job(event)
      console.log(JSON.stringify({ timer: event.TriggerName, outcome: 'OK', result, ms: Date.now() - started }))
      return result
    } catch (err) {
      // A failed run is logged and retried by the next tick; it never throws into the platform.
      console.log(JSON.stringify({ timer: event.TriggerName, outcome: 'ERROR', error: err instanceof Error ? err.stack : String(err), ms: Date.now() - started }))
      return { ok: false }
    }
  }
}
