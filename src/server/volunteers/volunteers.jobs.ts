/**
 * The `volunteers` function's jobs, run by its one `tick` (src/server/timers.ts), each on its own
 * cron: keep weekly rosters generated, record no-shows, remind party members below the quarterly
 * rule, forget old no-show records.
 */
import { forgetOldMarks, sweepNoShows } from '../../core/volunteers/attendance.usecase'
import { remindQuarter } from '../../core/volunteers/posts.usecase'
import { extendRosters } from '../../core/volunteers/tasks.usecase'
import type { VolunteersDeps } from '../../core/volunteers/volunteers.ports'
import { defineJobs } from '../define-function'

export const volunteersJobs = defineJobs<VolunteersDeps>({
  rosters: { cron: '0 10 2 * * * *', run: extendRosters },
  noShows: { cron: '0 20 * * * * *', run: sweepNoShows },
  quarterReminder: { cron: '0 0 10 1,15 3,6,9,12 * *', run: remindQuarter },
  forgetMarks: { cron: '0 30 3 * * * *', run: forgetOldMarks }
})
