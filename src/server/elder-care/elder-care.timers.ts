/**
 * The elder-care timer jobs, run by the function's one `tick` (src/server/timers.ts), each on its
 * own cron: the SOS ladder every minute, assignment timeouts every minute (at :30, so the tick
 * after), overdue 关爱巡访 every hour, care-request moves not followed through (audit, notices) every
 * 5 minutes.
 *
 * "Now" is the later of the clock and the tick's `Time` (tickTime). On CloudBase the tick time is
 * at most the present, so this is just the clock; a test drives the ladder by handing the job a
 * later `Time` — and only a caller-less timer event reaches these jobs (see cloudfunctions/elder-care).
 */
import type { ElderCareDeps } from '../../core/elder-care/elder-care.ports'
import { finishUntoldRequests, timeoutAssignments } from '../../core/elder-care/care-request.usecase'
import { alertOverduePatrols } from '../../core/elder-care/patrol.usecase'
import { runSosLadder } from '../../core/elder-care/sos.usecase'
import type { ScheduledJob } from '../timers'
import { tickTime } from '../timers'

export function elderCareJobs (deps: () => ElderCareDeps): Record<string, ScheduledJob> {
  return {
    'sos-ladder': { cron: '0 * * * * * *', run: async e => await runSosLadder(deps(), tickTime(e, deps().clock)) },
    'assign-timeout': { cron: '30 * * * * * *', run: async e => await timeoutAssignments(deps(), tickTime(e, deps().clock)) },
    'follow-through': {
      cron: '15 */5 * * * * *', run: async e => await finishUntoldRequests(deps(), tickTime(e, deps().clock))
    },
    'patrol-overdue': { cron: '0 5 * * * * *', run: async e => await alertOverduePatrols(deps(), tickTime(e, deps().clock)) }
  }
}
