// The `service-card` function: the service catalog, hall appointments and home/proxy requests;
// its jobs nag stale items, record no-shows, flag overdue requests and finish half-done steps.
// Built to index.js by `npm run build:functions`; the one shape of every entry is define-function.ts.
import { serviceCardActions, serviceCardDeps } from '../../src/server/service-card/service-card.actions'
import { serviceCardJobs } from '../../src/server/service-card/service-card.jobs'
import { defineFunction } from '../../src/server/define-function'

export const main = defineFunction({
  name: 'service-card',
  actions: serviceCardActions,
  jobs: serviceCardJobs,
  deps: serviceCardDeps
})
