// The `grid` function (网格): residents' problem reports routed to their grid worker, patrols, household visits and
// scheduled inspections; its jobs escalate overdue reports, close unconfirmed ones and finish report moves.
// Built to index.js by `npm run build:functions`; the one shape of every entry is define-function.ts.
import { gridActions, gridDeps } from '../../src/server/grid/grid.actions'
import { gridJobs } from '../../src/server/grid/grid.jobs'
import { defineFunction } from '../../src/server/define-function'

export const main = defineFunction({
  name: 'grid',
  actions: gridActions,
  jobs: gridJobs,
  deps: gridDeps
})
