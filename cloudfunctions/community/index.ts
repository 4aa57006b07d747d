// The `community` function: grids, households, members, roles.
// Built to index.js by `npm run build:functions`; the one shape of every entry is define-function.ts.
import { communityActions, communityDeps } from '../../src/server/community/community.actions'
import { defineFunction } from '../../src/server/define-function'

export const main = defineFunction({ name: 'community', actions: communityActions, deps: communityDeps })
