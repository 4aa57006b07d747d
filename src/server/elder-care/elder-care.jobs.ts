/**
 * The `elder-care` function's jobs, run by its one `tick` (src/server/timers.ts), each on its own
 * cron: the SOS ladder every minute, assignment timeouts every minute (at :30, so the tick after),
 * overdue 关爱巡访 every hour, care-request moves not followed through (audit, notices) every
 * 5 minutes. "Now" is the tick's instant on the server clock; tests freeze that clock.
 */
import type { ElderCareDeps } from '../../core/elder-care/elder-care.ports'
import { finishUntoldRequests, timeoutAssignments } from '../../core/elder-care/care-request.usecase'
import { alertOverduePatrols } from '../../core/elder-care/patrol.usecase'
import { runSosLadder } from '../../core/elder-care/sos.usecase'
import { defineJobs } from '../define-function'

export const elderCareJobs = defineJobs<ElderCareDeps>({
  sosLadder: { cron: '0 * * * * * *', run: async (deps, tick) => await runSosLadder(deps, tick.at) },
  assignTimeout: { cron: '30 * * * * * *', run: async (deps, tick) => await timeoutAssignments(deps, tick.at) },
  followThrough: { cron: '15 */5 * * * * *', run: async (deps, tick) => await finishUntoldRequests(deps, tick.at) },
  patrolOverdue: { cron: '0 5 * * * * *', run: async (deps, tick) => await alertOverduePatrols(deps, tick.at) }
})
