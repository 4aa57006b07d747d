/**
 * The `classes` function's entry: timer events go to their job, everything else to the router.
 *
 * A timer call is `{ Type: 'Timer', TriggerName, Time }` with no caller. A client can put the same
 * fields in its data, so an event counts as a timer only when the platform gave it no OPENID
 * (every client call has one); a client's forged timer event goes to the router, which refuses it.
 */
import type { PlatformContext, PlatformEvent } from '../caller'
import { openIdOf } from '../caller'
import type { ActionTable } from '../router'
import { createHandler } from '../router'

type Job<D> = (deps: D) => Promise<unknown>

export function classesMain<D> (actions: ActionTable<D>, timers: Record<string, Job<D>>, makeDeps: () => D): (event: unknown, context?: unknown) => Promise<unknown> {
  let deps: D | null = null
  const depsOf = (): D => (deps ??= makeDeps())
  const router = createHandler('classes', actions, { deps: depsOf })
  return async (event, context) => {
    const trigger = timerName(event, context)
    if (trigger === null) return await router(event, context)
    const job = Object.prototype.hasOwnProperty.call(timers, trigger) ? timers[trigger] : undefined
    const started = Date.now()
    try {
      if (!job) throw new Error(`no job for timer ${trigger}`)
      const result = await job(depsOf())
      console.log(JSON.stringify({ fn: 'classes', timer: trigger, outcome: 'OK', result, ms: Date.now() - started }))
      return { ok: true, data: result }
    } catch (err) {
      // Logged; the next tick runs the job again (every job is safe to re-run).
      console.error(JSON.stringify({ fn: 'classes', timer: trigger, outcome: 'ERROR', error: err instanceof Error ? err.stack : String(err), ms: Date.now() - started }))
      return { ok: false, error: { code: 'INTERNAL', message: 'timer failed' } }
    }
  }
}

function timerName (event: unknown, context: unknown): string | null {
  if (typeof event !== 'object' || event === null) return null
  const e = event as PlatformEvent & { Type?: unknown, TriggerName?: unknown }
  if (e.Type !== 'Timer' || typeof e.TriggerName !== 'string') return null
  const ctx = (typeof context === 'object' && context !== null ? context : {}) as PlatformContext
  return openIdOf(e, ctx) === null ? e.TriggerName : null
}

