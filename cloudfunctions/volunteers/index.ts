// The `volunteers` function: registration, teams, tasks and claims, service posts, check-in and
// hours, certificates. Its timers keep weekly rosters generated, record no-shows, remind party
// members below the quarterly rule and forget old no-show records. Built to index.js by
// `npm run build:functions`.
import { forgetOldMarks, sweepNoShows } from '../../src/core/volunteers/attendance.usecase'
import { remindQuarter } from '../../src/core/volunteers/posts.usecase'
import { extendRosters } from '../../src/core/volunteers/tasks.usecase'
import { createHandler } from '../../src/server/router'
import { withTimers } from '../../src/server/timers'
import { volunteersActions, volunteersDeps } from '../../src/server/volunteers/volunteers.actions'

const router = createHandler('volunteers', volunteersActions, { deps: volunteersDeps })
const withJobs = withTimers(router, {
  rosters: { cron: '0 10 2 * * * *', run: async () => await extendRosters(volunteersDeps()) },
  noShows: { cron: '0 20 * * * * *', run: async () => await sweepNoShows(volunteersDeps()) },
  quarterReminder: { cron: '0 0 10 1,15 3,6,9,12 * *', run: async () => await remindQuarter(volunteersDeps()) },
  forgetMarks: { cron: '0 30 3 * * * *', run: async () => await forgetOldMarks(volunteersDeps()) }
}, { fn: 'volunteers' })

/** A timer event never carries a caller; one that does was sent by a client and goes to the router. */
export const main = async (event: unknown, context?: unknown): Promise<unknown> => {
  const fromClient = typeof event === 'object' && event !== null && typeof (event as { userInfo?: { openId?: unknown } }).userInfo?.openId === 'string'
  return fromClient ? await router(event, context) : await withJobs(event, context)
}
