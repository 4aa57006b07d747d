/**
 * The `notifications` function's job, run by its one `tick` (src/server/timers.ts) every minute:
 * reminders, queued subscribe messages and their retries, the phone follow-up list (due-work.ts).
 */
import { defineJobs } from '../define-function'
import { runDueWork } from './due-work'
import type { NotificationsDeps } from './notifications.actions'
import { senderFor } from './sender'

export const notificationsJobs = defineJobs<NotificationsDeps>({
  dueWork: {
    cron: '0 * * * * * *',
    run: async deps => await runDueWork({ ...deps, sender: senderFor(deps.db, deps.clock) })
  }
})
