// The `elder-care` function: elder profiles, care requests and dispatch, visits, SOS, meals; its
// jobs run the SOS ladder, assignment timeouts, overdue-visit alerts and finish care-request moves.
// Built to index.js by `npm run build:functions`; the one shape of every entry is define-function.ts.
import { elderCareActions, elderCareDeps } from '../../src/server/elder-care/elder-care.actions'
import { elderCareJobs } from '../../src/server/elder-care/elder-care.jobs'
import { defineFunction } from '../../src/server/define-function'

export const main = defineFunction({
  name: 'elder-care',
  actions: elderCareActions,
  jobs: elderCareJobs,
  deps: elderCareDeps
})
