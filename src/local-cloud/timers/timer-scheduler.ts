/**
 * Timer triggers of the local cloud (design.md, "The local cloud" §3): each `type: 'timer'`
 * trigger of each loaded function runs on its CloudBase cron, with the platform's timer event
 * and no caller.
 */
import { randomBytes } from 'node:crypto'
import type { FunctionHost, TimerScheduler, TimerTrigger } from '../contracts'
import { LOCAL_APP_ID } from '../env'
import { parseCloudbaseCron, type CloudbaseSchedule } from '../../server/cron'

export interface TimerOptions {
  log?: (line: Record<string, unknown>) => void
  /** The clock the schedule is computed against (tests). */
  now?: () => Date
}

/** The event SCF passes to a timer-triggered function (SCF "触发器事件消息结构汇总"). */
export interface TimerEvent {
  Type: 'Timer'
  TriggerName: string
  /** The scheduled time, UTC, to the second: `2019-02-21T11:49:00Z`. */
  Time: string
  /** The trigger's custom message; config.json has no field for it, so always ''. */
  Message: string
}

/** setTimeout overflows above 2^31-1 ms (~24.8 days); longer waits are made of shorter ones. */
const MAX_DELAY_MS = 2 ** 31 - 1

const isoSeconds = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z')

export function timerEvent(trigger: TimerTrigger, at: Date): TimerEvent {
  return { Type: 'Timer', TriggerName: trigger.name, Time: isoSeconds(at), Message: '' }
}

export function startTimers(host: FunctionHost, opts: TimerOptions = {}): TimerScheduler {
  const log = opts.log ?? (() => undefined)
  const now = opts.now ?? (() => new Date())
  const pending = new Set<NodeJS.Timeout>()
  let stopped = false

  const later = (fn: () => void, ms: number): void => {
    const handle = setTimeout(() => {
      pending.delete(handle)
      fn()
    }, ms)
    pending.add(handle)
  }

  const schedule = (functionName: string, trigger: TimerTrigger, cron: CloudbaseSchedule): void => {
    const ids = { kind: 'timer', name: functionName, trigger: trigger.name }
    let running = false

    const fire = (at: Date): void => {
      // One run of a trigger at a time: a slow run must not make ticks pile up behind it.
      if (running) {
        log({ ...ids, event: 'skipped', time: isoSeconds(at), message: 'previous run still going' })
        return
      }
      running = true
      const requestId = randomBytes(12).toString('hex')
      host
        .invoke(functionName, timerEvent(trigger, at), {
          appId: LOCAL_APP_ID,
          requestId,
          source: 'timer',
          triggerName: trigger.name
        })
        .catch((err: unknown) =>
          log({
            ...ids,
            kind: 'error',
            where: 'timers',
            event: 'invoke-failed',
            requestId,
            message: String((err as Error)?.stack ?? err)
          })
        )
        .finally(() => {
          running = false
        })
    }

    const waitFor = (at: Date): void => {
      if (stopped) return
      const delay = at.getTime() - now().getTime()
      if (delay > MAX_DELAY_MS) {
        later(() => waitFor(at), MAX_DELAY_MS)
        return
      }
      later(
        () => {
          if (stopped) return
          fire(at)
          // From `at` if the timer woke a little early (never the same tick twice); from now if
          // the process was suspended (missed ticks are not replayed, as on the platform).
          const t = now()
          armAfter(t > at ? t : at)
        },
        Math.max(0, delay)
      )
    }

    const armAfter = (from: Date): void => {
      const next = cron.next(from)
      if (next) waitFor(next)
      else log({ ...ids, event: 'finished', message: 'cron has no future run' })
    }

    const first = cron.next(now())
    log({ ...ids, event: 'scheduled', cron: trigger.config, next: first ? isoSeconds(first) : null })
    if (first) waitFor(first)
  }

  for (const fn of host.functions()) {
    for (const trigger of fn.triggers) {
      let cron: CloudbaseSchedule
      try {
        cron = parseCloudbaseCron(trigger.config)
      } catch (err) {
        // kind 'error': shown even when the local cloud logs only errors (LINLI_LOG=quiet).
        log({
          kind: 'error',
          where: 'timers',
          event: 'invalid',
          name: fn.name,
          trigger: trigger.name,
          message: (err as Error).message
        })
        continue
      }
      schedule(fn.name, trigger, cron)
    }
  }

  return {
    stop: () => {
      stopped = true
      for (const handle of pending) clearTimeout(handle)
      pending.clear()
    }
  }
}
