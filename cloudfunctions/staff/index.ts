// The `staff` function: roles and invites, audit log, residents' own data, ledger exports,
// dashboard, survey; its jobs remove old exports and stored answers and finish erasures.
// Built to index.js by `npm run build:functions`; the one shape of every entry is define-function.ts.
import { staffActions, staffDeps } from '../../src/server/staff/staff.actions'
import { staffJobs } from '../../src/server/staff/staff.jobs'
import { defineFunction } from '../../src/server/define-function'

export const main = defineFunction({ name: 'staff', actions: staffActions, jobs: staffJobs, deps: staffDeps })
