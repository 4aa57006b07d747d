/** Every cloud function's jobs (src/server/<ctx>/<ctx>.jobs.ts), by function name; community has none. */
import type { JobTable } from '../../src/server/timers'
import { classesJobs } from '../../src/server/classes/classes.jobs'
import { elderCareJobs } from '../../src/server/elder-care/elder-care.jobs'
import { gridJobs } from '../../src/server/grid/grid.jobs'
import { notificationsJobs } from '../../src/server/notifications/notifications.jobs'
import { serviceCardJobs } from '../../src/server/service-card/service-card.jobs'
import { staffJobs } from '../../src/server/staff/staff.jobs'
import { volunteersJobs } from '../../src/server/volunteers/volunteers.jobs'

export const jobsOf: Record<string, JobTable<any>> = {
  community: {},
  classes: classesJobs,
  'elder-care': elderCareJobs,
  grid: gridJobs,
  notifications: notificationsJobs,
  'service-card': serviceCardJobs,
  staff: staffJobs,
  volunteers: volunteersJobs
}
