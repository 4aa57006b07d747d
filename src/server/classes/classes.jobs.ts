/**
 * The `classes` function's jobs, run by its one `tick` (src/server/timers.ts), each on its own
 * cron (Beijing time). Each is idempotent: a second run finds nothing left to do.
 */
import { alertNotCollected } from '../../core/classes/attendance.usecase'
import type { ClassesDeps } from '../../core/classes/classes.ports'
import { finishPendingJoins } from '../../core/classes/co-guardian.usecase'
import { repairDropIns } from '../../core/classes/drop-in.usecase'
import { runWaitlist } from '../../core/classes/enrolment.usecase'
import { warnShortOfTutors } from '../../core/classes/tutors.usecase'
import { defineJobs } from '../define-function'

export const classesJobs = defineJobs<ClassesDeps>({
  // Offers past their deadline lapse; free seats go to the head of the line.
  waitlist: { cron: '0 */5 * * * * *', run: runWaitlist },
  // Single-session bookings and co-guardian joins a fault stopped half-way, once older than
  // HALF_DONE_AFTER_MS: finished or undone (drop-in.usecase.ts, co-guardian.usecase.ts).
  halfDone: {
    cron: '0 */5 * * * * *',
    run: async deps => ({ ...(await repairDropIns(deps)), ...(await finishPendingJoins(deps)) })
  },
  // Two days ahead: sessions short of tutors → staff.
  tutorShortage: { cron: '0 0 9 * * * *', run: warnShortOfTutors },
  // 30 min after the end: children not collected → guardians and staff.
  pickupOverdue: { cron: '0 */5 15-21 * * * *', run: alertNotCollected }
})
