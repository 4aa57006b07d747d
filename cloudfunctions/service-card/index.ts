// The `service-card` function: the service catalog, hall appointments and home/proxy requests;
// its timers nag owners of stale items, record no-shows, flag overdue requests and finish
// half-done eligibility asks and decisions and request transitions. Built to
// index.js by `npm run build:functions`.
import { nagStaleItems } from '../../src/core/service-card/catalog.usecase'
import { finishHalfDoneEligibility } from '../../src/core/service-card/eligibility.usecase'
import { recordNoShows } from '../../src/core/service-card/hall.usecase'
import { finishUntoldRequests, flagOverdue } from '../../src/core/service-card/proxy-request.usecase'
import { createHandler } from '../../src/server/router'
import { serviceCardActions, serviceCardDeps } from '../../src/server/service-card/service-card.actions'
import { tickTime, withTimers } from '../../src/server/timers'

const router = createHandler('service-card', serviceCardActions, { deps: serviceCardDeps })
const withJobs = withTimers(router, {
  staleItems: { cron: '0 0 9 * * * *', run: async () => await nagStaleItems(serviceCardDeps()) },
  noShows: { cron: '0 */15 * * * * *', run: async () => await recordNoShows(serviceCardDeps()) },
  overdue: { cron: '0 5 * * * * *', run: async () => await flagOverdue(serviceCardDeps()) },
  eligibility: { cron: '0 */15 * * * * *', run: async () => await finishHalfDoneEligibility(serviceCardDeps()) },
  followThrough: {
    cron: '30 */5 * * * * *',
    run: async e => { const deps = serviceCardDeps(); return await finishUntoldRequests(deps, tickTime(e, deps.clock)) }
  }
}, { fn: 'service-card' })

/** A timer event never carries a caller; one that does was sent by a client and goes to the router. */
export const main = async (event: unknown, context?: unknown): Promise<unknown> => {
  const fromClient = typeof event === 'object' && event !== null && typeof (event as { userInfo?: { openId?: unknown } }).userInfo?.openId === 'string'
  return fromClient ? await router(event, context) : await withJobs(event, context)
}
