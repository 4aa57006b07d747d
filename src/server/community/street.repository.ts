/**
 * `communities` (street-wide, `_id` = communityId): the communities of the street (街道) this deployment serves
 * (issue 20). The timers run each community's jobs in turn; an installation with none recorded yet is a street of
 * one, DEFAULT_COMMUNITY_ID (what migrating an installation from before the street names it).
 */
import { DEFAULT_COMMUNITY_ID } from '../../core/community/community.model'
import type { Db } from '../db/client'
import { dataOf } from '../db/client'

/** A street has 5–15 communities (issue 20); a district's many streets are many deployments. */
export const MAX_COMMUNITIES = 100

/** Every community of the street, in the street's order; the one default when none is recorded. */
export async function communityIds(db: Db): Promise<string[]> {
  const res = await db
    .collection('communities')
    .orderBy('order', 'asc')
    .limit(MAX_COMMUNITIES)
    .field({ _id: true })
    .get()
  const ids = dataOf<{ _id: string }>(res).map(d => d._id)
  return ids.length > 0 ? ids : [DEFAULT_COMMUNITY_ID]
}

/** A community of the street as its lists name it. */
export interface StreetCommunity {
  communityId: string
  name: string
}

/** What a community without a recorded name is called: the one of an installation from before the street. */
const UNNAMED = '本社区'

/**
 * Every community of the street with its name, in the street's order (one request); the one default when none is
 * recorded. For the street roles' views across communities (issue 20).
 */
export async function streetCommunities(db: Db): Promise<StreetCommunity[]> {
  const res = await db
    .collection('communities')
    .orderBy('order', 'asc')
    .limit(MAX_COMMUNITIES)
    .field({ _id: true, name: true })
    .get()
  const rows = dataOf<{ _id: string; name?: string }>(res)
  if (rows.length === 0) return [{ communityId: DEFAULT_COMMUNITY_ID, name: UNNAMED }]
  return rows.map(r => ({ communityId: r._id, name: typeof r.name === 'string' && r.name ? r.name : UNNAMED }))
}
