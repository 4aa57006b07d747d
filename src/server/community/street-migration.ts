/**
 * An installation from before the street (issue 20) becomes a street of one community, DEFAULT_COMMUNITY_ID, on
 * start: `npm start` (src/local-cloud/main.ts, before the seed) and `npm run deploy` (after the collections exist).
 *
 * Before the street, no document carried `communityId`, `users` named no community and the community's name and
 * hotline were the `settings/community` document. After:
 * - `communities/community` holds that profile (first in the street's order);
 * - every document of every per-community collection (collections.ts) and every `users` record without a
 *   `communityId` gets DEFAULT_COMMUNITY_ID, by conditional updates `where({ communityId: _.exists(false) })`
 *   (Command.exists: developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/command/
 *   Command.exists.html). A where-update changes every document it matches, on CloudBase as locally; each is
 *   repeated until it changes none, in case a platform caps one update's reach;
 * - a marker (`timer_runs/street-migration`, street-wide) says it is done, so later starts cost one read.
 * Once and idempotent: each step changes only what is not migrated yet, so a run interrupted half way (a crash, a
 * failed request) is finished by the next one, and the marker is written last. Documents first: the first
 * community keeps the bare fixed ids (keyIn), so `settings/hall` and the timers' ledger stay as they were.
 */
import { DEFAULT_COMMUNITY_ID, type CommunityRecord } from '../../core/community/community.model'
import type { Clock } from '../../core/shared/clock'
import { systemClock } from '../../core/shared/clock'
import type { Db } from '../db/client'
import { getById, insertIfAbsent, updatedOf } from '../db/client'
import { collections } from '../db/collections'
import { COMMUNITY_KEY, peopleCollections, unscoped } from '../db/community-scope'
import { isMissingCollection } from '../db/read-all'

/** The marker's `_id` in `timer_runs`. */
export const STREET_MIGRATION_ID = 'street-migration'

/** Rounds of one collection's update before giving up (each round changes every match, on CloudBase as locally). */
const MAX_ROUNDS = 1000

export interface StreetMigrationReport {
  /** false: already done (the marker), nothing read but it. */
  ran: boolean
  /** `communities/community` written from `settings/community`. */
  profile: boolean
  /** Documents given the community, by collection (those with none left out). */
  stamped: Record<string, number>
}

export async function migrateToStreet(
  db: Db,
  { clock = systemClock, log = () => undefined }: { clock?: Clock; log?: (line: string) => void } = {}
): Promise<StreetMigrationReport> {
  const street = unscoped(db)
  const _ = street.command
  if (await getById(street, 'timer_runs', STREET_MIGRATION_ID)) return { ran: false, profile: false, stamped: {} }
  const now = clock.now()

  let profile = false
  if (!(await getById(street, 'communities', DEFAULT_COMMUNITY_ID))) {
    const old = await getById<{ name?: unknown; hotline?: unknown }>(street, 'settings', 'community')
    if (old && typeof old.name === 'string') {
      const record: CommunityRecord = {
        _id: DEFAULT_COMMUNITY_ID,
        name: old.name,
        hotline: typeof old.hotline === 'string' ? old.hotline : '',
        order: 1,
        createdAt: now
      }
      profile = await insertIfAbsent(street, 'communities', record as unknown as { _id: string })
    }
  }

  const stamped: Record<string, number> = {}
  // The street's people (users, a volunteer's one record) name their home community too (community-scope.ts).
  const targets = [...collections.filter(c => !c.street).map(c => c.name), ...peopleCollections]
  for (const name of targets) {
    let n = 0
    try {
      for (let round = 0; round < MAX_ROUNDS; round++) {
        const res = await street
          .collection(name)
          .where({ [COMMUNITY_KEY]: _.exists(false) })
          .update({ [COMMUNITY_KEY]: DEFAULT_COMMUNITY_ID })
        const changed = updatedOf(res)
        n += changed
        if (changed === 0) break
      }
    } catch (err) {
      // A collection this environment never had holds nothing to migrate.
      if (!isMissingCollection(err)) throw err
    }
    if (n > 0) {
      stamped[name] = n
      log(`street migration: ${name} ${n} documents → ${DEFAULT_COMMUNITY_ID}`)
    }
  }
  await street.collection('timer_runs').doc(STREET_MIGRATION_ID).set({ doneAt: now, profile, stamped })
  return { ran: true, profile, stamped }
}
