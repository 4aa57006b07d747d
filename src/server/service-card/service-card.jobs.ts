/**
 * The `service-card` function's jobs, run by its one `tick` (src/server/timers.ts), each on its
 * own cron: nag owners of stale catalog items, record hall no-shows, flag overdue requests, finish
 * half-done eligibility asks and decisions and request moves not followed through.
 */
import { nagStaleItems } from '../../core/service-card/catalog.usecase'
import { finishHalfDoneEligibility } from '../../core/service-card/eligibility.usecase'
import { recordNoShows } from '../../core/service-card/hall.usecase'
import { finishUntoldRequests, flagOverdue } from '../../core/service-card/proxy-request.usecase'
import type { ServiceCardDeps } from '../../core/service-card/service-card.ports'
import { defineJobs } from '../define-function'

export const serviceCardJobs = defineJobs<ServiceCardDeps>({
  staleItems: { cron: '0 0 9 * * * *', run: nagStaleItems },
  noShows: { cron: '0 */15 * * * * *', run: recordNoShows },
  overdue: { cron: '0 5 * * * * *', run: flagOverdue },
  eligibility: { cron: '0 */15 * * * * *', run: finishHalfDoneEligibility },
  followThrough: { cron: '30 */5 * * * * *', run: async (deps, tick) => await finishUntoldRequests(deps, tick.at) }
})
