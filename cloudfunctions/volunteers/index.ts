// The `volunteers` function: registration, teams, tasks and claims, service posts, check-in and
// hours, certificates; its jobs keep rosters, record no-shows, remind party members, forget old marks.
// Built to index.js by `npm run build:functions`; the one shape of every entry is define-function.ts.
import { volunteersActions, volunteersDeps } from '../../src/server/volunteers/volunteers.actions'
import { volunteersJobs } from '../../src/server/volunteers/volunteers.jobs'
import { defineFunction } from '../../src/server/define-function'

export const main = defineFunction({
  name: 'volunteers',
  actions: volunteersActions,
  jobs: volunteersJobs,
  deps: volunteersDeps
})
