// The `staff` function: roles and invites, audit log, residents' own data, ledger exports,
// dashboard, satisfaction survey; its daily timer removes week-old export files and day-old
// idempotency records (every function's stored answers); every 5 minutes it finishes confirmed
// erasures a fault stopped half-way. Built to index.js by `npm run build:functions`.
import { serverClock } from '../../src/server/clock'
import { auditWriter } from '../../src/server/audit'
import { getDb } from '../../src/server/db/client'
import { idempotencyRepository } from '../../src/server/idempotency.repository'
import { createHandler } from '../../src/server/router'
import { removeOldExports } from '../../src/server/staff/export.service'
import { resumeErasures } from '../../src/server/staff/my-data.service'
import { staffActions, staffDeps } from '../../src/server/staff/staff.actions'
import { withTimers } from '../../src/server/timers'

export const main = withTimers(createHandler('staff', staffActions, { deps: staffDeps }), {
  exportCleanup: {
    cron: '0 30 3 * * * *',
    run: async () => ({
      ...await removeOldExports({ db: getDb(), clock: serverClock, audit: auditWriter(getDb(), serverClock) }),
      // Stored answers hold personal data and are only needed while a client retries (idempotency.ts).
      idempotencySwept: await idempotencyRepository(getDb()).sweep(serverClock.now())
    })
  },
  erasures: {
    cron: '0 */5 * * * * *',
    run: async () => await resumeErasures({ db: getDb(), clock: serverClock, audit: auditWriter(getDb(), serverClock) })
  }
}, { fn: 'staff' })
