/**
 * The elder-care timer jobs (config.json triggers): the SOS ladder every minute, assignment
 * timeouts every minute, overdue 关爱巡访 every hour.
 *
 * "Now" is the later of the clock and the tick's `Time`. On CloudBase the tick time is at most
 * the present, so this is just the clock; a test drives the ladder by handing the job a later
 * `Time` — and only a caller-less timer event reaches these jobs (see cloudfunctions/elder-care).
 */
import type { ElderCareDeps } from '../../core/elder-care/elder-care.ports'
import { timeoutAssignments } from '../../core/elder-care/care-request.usecases'
import { alertOverduePatrols } from '../../core/elder-care/patrol.usecases'
import { runSosLadder } from '../../core/elder-care/sos.usecases'
import type { TimerEvent, TimerJob } from '../timers'

export function tickTime (event: TimerEvent, deps: Pick<ElderCareDeps, 'clock'>): Date {
  const now = deps.clock.now()
  const t = event.Time ? Date.parse(event.Time) : Number.NaN
  return Number.isFinite(t) && t > now.getTime() ? new Date(t) : now
}

export function elderCareJobs (deps: () => ElderCareDeps): Record<string, TimerJob> {
  return {
    'sos-ladder': async e => await runSosLadder(deps(), tickTime(e, deps())),
    'assign-timeout': async e => await timeoutAssignments(deps(), tickTime(e, deps())),
    'patrol-overdue': async e => await alertOverduePatrols(deps(), tickTime(e, deps()))
  }
}
