/**
 * The `staff` function's jobs, run by its one `tick` (src/server/timers.ts): daily, remove
 * week-old export files and day-old idempotency records (every function's stored answers); every
 * 5 minutes, finish confirmed erasures a fault stopped half-way.
 */
import { defineJobs } from '../define-function'
import { idempotencyRepository } from '../idempotency.repository'
import { removeOldExports, removeOldStreetExports } from './export.service'
import { resumeErasures } from './my-data.service'
import type { StaffServerDeps } from './staff.actions'

export const staffJobs = defineJobs<StaffServerDeps>({
  exportCleanup: {
    cron: '0 30 3 * * * *',
    run: async deps => ({
      // The street office's own exports too, on the street's first community's run (removeOldStreetExports).
      removed: (await removeOldExports(deps)).removed + ((await removeOldStreetExports(deps))?.removed ?? 0),
      // Stored answers hold personal data and are only needed while a client retries (idempotency.ts).
      idempotencySwept: await idempotencyRepository(deps.db).sweep(deps.clock.now())
    })
  },
  erasures: { cron: '0 */5 * * * * *', run: resumeErasures }
})
