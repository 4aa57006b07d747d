// The `notifications` function: inbox, grant ledger, outbox, follow-up list, community notices;
// its job sends reminders and queued subscribe messages.
// Built to index.js by `npm run build:functions`; the one shape of every entry is define-function.ts.
import { notificationsActions, notificationsDeps } from '../../src/server/notifications/notifications.actions'
import { notificationsJobs } from '../../src/server/notifications/notifications.jobs'
import { defineFunction } from '../../src/server/define-function'

export const main = defineFunction({
  name: 'notifications',
  actions: notificationsActions,
  jobs: notificationsJobs,
  deps: notificationsDeps
})
