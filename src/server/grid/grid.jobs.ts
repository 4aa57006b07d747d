/**
 * The `grid` function's jobs, run by its one `tick` (src/server/timers.ts), each on its own cron, in every community.
 * "Now" is the tick's instant on the server clock; tests freeze that clock.
 */
import type { GridDeps } from '../../core/grid/grid.ports'
import { closeForgottenPatrols } from '../../core/grid/patrol.usecase'
import { defineJobs } from '../define-function'

export const gridJobs = defineJobs<GridDeps>({
  // ---- reports (随手拍/报事)

  // ---- patrols (巡查)
  // Every 5 minutes: a patrol forgotten open is closed at most 5 minutes past its 4-hour cap (counted the cap).
  patrolCap: { cron: '20 */5 * * * * *', run: async (deps, tick) => await closeForgottenPatrols(deps, tick.at) }

  // ---- household visits (走访)

  // ---- inspections (巡检)
})
