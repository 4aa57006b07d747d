/**
 * The street's open SOS calls across its communities (StreetSos, issue 20). Across communities on purpose: a street
 * role reads every community's calls, through the street-wide database, and writes nothing but the audit of reading.
 */
import type { StreetSos, StreetSosRow } from '../../core/elder-care/elder-care.ports'
import type { SosCall } from '../../core/elder-care/elder-care.model'
import type { Clock } from '../../core/shared/clock'
import { auditWriter } from '../audit'
import type { Db } from '../db/client'
import { scopeDb, unscoped } from '../db/community-scope'
import { keysetFilter, keysetPage, PAGE_SIZE } from '../db/page'
import { streetCommunities } from '../community/street.repository'

/** A call still waiting for an end: nobody answered yet, or answered and not resolved. */
const OPEN: ReadonlyArray<SosCall['state']> = ['open', 'acknowledged']

type Row = StreetSosRow['call'] & { communityId: string; grid?: Array<{ name?: string }> }

export function streetSosStore(db: Db, clock: Clock): StreetSos {
  const street = unscoped(db)
  const _ = street.command
  return {
    async openPage(cursor) {
      // The communities' names first (a street has 5–15), then the page in one aggregate: `communityId: in […]` keeps
      // the calls' indexes (they lead with communityId, then state: collections.ts) usable, where a condition on
      // state alone would scan every call the street ever had. 3 requests with the router's.
      const communities = await streetCommunities(street)
      const names = new Map(communities.map(c => [c.communityId, c.name]))
      const where = { communityId: _.in([...names.keys()]), state: _.in([...OPEN]) }
      const res = (await street
        .collection('sos_calls')
        .aggregate()
        .match(keysetFilter(street, where, 'pressedAt', 'desc', cursor ?? undefined))
        .sort({ pressedAt: -1, _id: -1 })
        .limit(PAGE_SIZE + 1)
        // The grid's name by its `_id` (unique across the street): the equality form of `lookup`,
        // docs.cloudbase.net/api-reference/server/node-sdk/database/aggregate/stages/lookup.
        .lookup({ from: 'grids', localField: 'gridId', foreignField: '_id', as: 'grid' })
        .project({
          communityId: 1,
          elderName: 1,
          gridId: 1,
          state: 1,
          pressedAt: 1,
          proxy: 1,
          level: 1,
          'steps.label': 1,
          ackBy: 1,
          'grid.name': 1
        })
        .end()) as { data?: Row[] }
      const page = keysetPage(res.data ?? [], 'pressedAt')
      return {
        cursor: page.cursor,
        items: page.items.map(({ communityId, grid, ...call }) => ({
          call: { ...call, steps: call.steps ?? [] },
          communityId,
          communityName: names.get(communityId) ?? communityId,
          gridName: grid?.[0]?.name ?? null
        }))
      }
    },
    async audit(communityId, entry) {
      // The community's read-only view: its audit is the one thing a street role writes there.
      await auditWriter(scopeDb(street, { communityId, readOnly: true }), clock).record(entry)
    }
  }
}
