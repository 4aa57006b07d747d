// The `staff` function: roles and invites, audit log, residents' own data, ledger exports,
// dashboard, satisfaction survey. Built to index.js by `npm run build:functions`.
import { createHandler } from '../../src/server/router'
import { staffActions, staffDeps } from '../../src/server/staff/staff.actions'

export const main = createHandler('staff', staffActions, { deps: staffDeps })
