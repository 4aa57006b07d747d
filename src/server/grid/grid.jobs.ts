/**
 * The `grid` function's jobs, run by its one `tick` (src/server/timers.ts; WeChat takes one timer trigger per
 * function), each on its own cron: overdue reports escalate every 5 minutes (a safety hazard's hour to accept is the
 * shortest deadline), resolved reports the reporter never answered close hourly, and report moves not followed
 * through (audit, notices) are finished every 5 minutes. "Now" is the tick's instant; tests freeze that clock.
 * Other slices (patrols, visits, inspections) add their jobs in their sections.
 */
import type { GridDeps } from '../../core/grid/grid.ports'
import { closeForgottenPatrols } from '../../core/grid/patrol.usecase'
import { closeUnconfirmedReports, escalateOverdueReports, finishUntoldReports } from '../../core/grid/report.usecase'
import { finishHalfDoneInspections, remindDueInspections } from '../../core/grid/inspection.usecase'
import { defineJobs } from '../define-function'

export const gridJobs = defineJobs<GridDeps>({
  // ---- reports (随手拍/报事)
  reportOverdue: { cron: '0 */5 * * * * *', run: async (deps, tick) => await escalateOverdueReports(deps, tick.at) },
  reportUnconfirmed: {
    cron: '0 10 * * * * *',
    run: async (deps, tick) => await closeUnconfirmedReports(deps, tick.at)
  },
  reportFollowThrough: {
    cron: '20 */5 * * * * *',
    run: async (deps, tick) => await finishUntoldReports(deps, tick.at)
  },

  // ---- patrols (巡查)
  // Every 5 minutes: a patrol forgotten open is closed at most 5 minutes past its 4-hour cap (counted the cap).
  patrolCap: { cron: '40 */5 * * * * *', run: async (deps, tick) => await closeForgottenPatrols(deps, tick.at) },

  // ---- household visits (走访)
  // ---- inspections (巡检)
  // Each morning at 9:00 (Beijing): a checklist not done this period whose end is near (REMIND_DAYS) is reminded to
  // its grid's worker, once per checklist and period (the notice's key).
  inspectionReminders: { cron: '0 0 9 * * * *', run: remindDueInspections },
  // An inspection left half-done (its failed items' reports not all opened) is finished.
  inspectionFollowThrough: { cron: '40 */5 * * * * *', run: finishHalfDoneInspections }
})
