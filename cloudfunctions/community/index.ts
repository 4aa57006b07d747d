// The `community` cloud function: grids, households, members, roles. Built to index.js by
// `npm run build:functions`.
import { communityActions, communityDeps } from '../../src/server/community/community.actions'
import { createHandler } from '../../src/server/router'

export const main = createHandler('community', communityActions, { deps: communityDeps })
