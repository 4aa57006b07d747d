// The `elder-care` function: elder profiles, care requests and dispatch, visits, SOS, meals; its
// timers run the SOS ladder, assignment timeouts, overdue-visit alerts and finish care-request moves
// not followed through. Built to index.js by
// `npm run build:functions`.
import { elderCareActions, elderCareDeps } from '../../src/server/elder-care/elder-care.actions'
import { elderCareJobs } from '../../src/server/elder-care/elder-care.timers'
import { createHandler } from '../../src/server/router'
import { withTimers } from '../../src/server/timers'

let deps: ReturnType<typeof elderCareDeps> | null = null
const depsOnce = (): ReturnType<typeof elderCareDeps> => (deps ??= elderCareDeps())

// A timer-shaped event that names a caller goes to the router (see withTimers).
export const main = withTimers(createHandler('elder-care', elderCareActions, { deps: depsOnce }), elderCareJobs(depsOnce), { fn: 'elder-care' })
