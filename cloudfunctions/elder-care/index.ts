// The `elder-care` function: elder profiles, care requests and dispatch, visits, SOS, meals; its
// timers run the SOS ladder, assignment timeouts and overdue-visit alerts. Built to index.js by
// `npm run build:functions`.
import { elderCareActions, elderCareDeps } from '../../src/server/elder-care/elder-care.actions'
import { elderCareJobs } from '../../src/server/elder-care/elder-care.timers'
import { openIdOf, type PlatformContext, type PlatformEvent } from '../../src/server/caller'
import { createHandler } from '../../src/server/router'
import { isTimerEvent, withTimers } from '../../src/server/timers'

let deps: ReturnType<typeof elderCareDeps> | null = null
const depsOnce = (): ReturnType<typeof elderCareDeps> => (deps ??= elderCareDeps())

const handler = createHandler('elder-care', elderCareActions, { deps: depsOnce })
const withJobs = withTimers(handler, elderCareJobs(depsOnce))

export async function main (event: unknown, context?: unknown): Promise<unknown> {
  // The platform's timer events carry no caller. One that names a caller came from a client
  // dressed up as a timer: it goes to the router like any call (and fails there).
  if (isTimerEvent(event) && openIdOf(event as unknown as PlatformEvent, context as PlatformContext | undefined) !== null) {
    return await handler(event, context)
  }
  return await withJobs(event, context)
}
