// The `notifications` function: inbox, grant ledger, outbox, follow-up list, community notices;
// its minute timer sends reminders and queued subscribe messages. Built to index.js by
// `npm run build:functions`.
import { serverClock } from '../../src/server/clock'
import { getDb } from '../../src/server/db/client'
import { runDueWork } from '../../src/server/notifications/due-work'
import { notificationsActions, notificationsDeps } from '../../src/server/notifications/notifications.actions'
import { senderFor } from '../../src/server/notifications/sender'
import { templatesFromEnv } from '../../src/server/notifications/templates.config'
import { createHandler } from '../../src/server/router'
import { withTimers } from '../../src/server/timers'

export const main = withTimers(createHandler('notifications', notificationsActions, { deps: notificationsDeps }), {
  dueWork: {
    cron: '0 * * * * * *',
    run: async () => await runDueWork({ db: getDb(), clock: serverClock, sender: senderFor(getDb(), serverClock), templates: templatesFromEnv() })
  }
}, { fn: 'notifications' })
