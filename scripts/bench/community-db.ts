/** The first community's view of the local cloud's database: a benchmark's fixtures, written as its functions write. */
import { DEFAULT_COMMUNITY_ID } from '../../src/core/community/community.model'
import { getDb, type Db } from '../../src/server/db/client'
import { scopeDb } from '../../src/server/db/community-scope'

export function firstCommunityDb(): Db {
  return scopeDb(getDb(), { communityId: DEFAULT_COMMUNITY_ID })
}
