/**
 * Every collection Linli uses and its indexes: the one place they are declared.
 * The local cloud creates them on start; `npm run deploy` creates them, with their security rules, in a real
 * CloudBase environment. Keys follow MongoDB index notation.
 */
export type { CollectionSpec, IndexSpec } from './collection-spec'
import type { CollectionSpec } from './collection-spec'
import { elderCareCollections } from '../elder-care/elder-care.collections'
import { notificationsCollections } from '../notifications/notifications.collections'
import { classesCollections } from '../classes/classes.collections'
import { serviceCardCollections } from '../service-card/service-card.collections'
import { staffCollections } from '../staff/staff.collections'
import { volunteersCollections } from '../volunteers/volunteers.collections'
import { gridCollections } from '../grid/grid.collections'

const declared: CollectionSpec[] = [
  // the street's communities (街道 → 社区), `_id` = communityId: name, hotline, hall hours (issue 20)
  { name: 'communities', street: true, indexes: [{ name: 'order', keys: { order: 1 } }] },
  // community
  {
    name: 'users',
    street: true,
    indexes: [
      { name: 'phone', keys: { phone: 1 } },
      { name: 'householdId', keys: { householdId: 1 } },
      { name: 'community', keys: { communityId: 1 } }
    ]
  },
  { name: 'grids', indexes: [] },
  { name: 'buildings', indexes: [{ name: 'gridId', keys: { gridId: 1 } }] },
  { name: 'units', indexes: [{ name: 'buildingId', keys: { buildingId: 1 } }] },
  {
    name: 'households',
    indexes: [
      { name: 'unitId', keys: { unitId: 1 } },
      { name: 'gridId', keys: { gridId: 1 } },
      { name: 'bindCode', keys: { bindCode: 1 }, unique: true }
    ]
  },
  {
    name: 'members',
    indexes: [
      { name: 'householdId', keys: { householdId: 1 } },
      { name: 'gridId', keys: { gridId: 1 } }
    ]
  },
  { name: 'duty_roster', indexes: [{ name: 'date', keys: { date: 1 } }] },
  // one document, _id 'community': the community's name and hotline
  { name: 'settings', indexes: [] },
  // people the other contexts build on (minimum data; see scripts/seed/demo-community.ts)
  {
    name: 'children',
    indexes: [
      { name: 'householdId', keys: { householdId: 1 } },
      { name: 'gridId', keys: { gridId: 1 } },
      { name: 'guardianUserId', keys: { guardianUserId: 1 } },
      { name: 'coGuardianUserIds', keys: { coGuardianUserIds: 1 } }
    ]
  },
  // a guardian's consent to keep a child's record (PIPL): the registering guardian's, and each co-guardian's
  { name: 'consents', indexes: [{ name: 'subjectId', keys: { subjectId: 1 } }] },
  {
    name: 'elders',
    indexes: [
      { name: 'memberId', keys: { memberId: 1 }, unique: true },
      { name: 'gridId', keys: { gridId: 1 } }
    ]
  },
  // A volunteer's one record for the whole street (issue 20), `communityId` = their home community as data: the
  // split is explained in src/server/volunteers/volunteers.collections.ts. Staff reads name the home community.
  {
    name: 'volunteers',
    street: true,
    indexes: [
      { name: 'memberId', keys: { memberId: 1 }, unique: true },
      { name: 'userId', keys: { userId: 1 } },
      { name: 'community', keys: { communityId: 1 } },
      { name: 'gridId', keys: { communityId: 1, gridId: 1 } },
      { name: 'status', keys: { communityId: 1, status: 1, appliedAt: 1 } },
      { name: 'party', keys: { communityId: 1, partyMember: 1 } },
      { name: 'teamIds', keys: { teamIds: 1 } }
    ]
  },
  // cross-cutting
  {
    name: 'audit',
    indexes: [
      { name: 'at', keys: { at: -1 } },
      { name: 'actor', keys: { actor: 1, at: -1 } }
    ]
  },
  // requestId -> first result, so a retried create returns what the first call returned; kept a
  // day (swept by startedAt) and erased with the person (by openId): src/server/idempotency.ts
  {
    name: 'idempotency',
    street: true,
    indexes: [
      { name: 'startedAt', keys: { startedAt: 1 } },
      { name: 'openId', keys: { openId: 1 } }
    ]
  },
  // `<function>.<job>` -> when that timer job last ran to the end (src/server/timers.ts)
  { name: 'timer_runs', street: true, indexes: [] },
  ...notificationsCollections,
  ...serviceCardCollections,
  ...staffCollections,
  ...volunteersCollections,
  ...elderCareCollections,
  ...classesCollections,
  ...gridCollections
]

/**
 * Every collection as created: a per-community collection's indexes lead with `communityId` (every read of it names
 * the community, db/community-scope.ts), and it has an index on `communityId` alone for reads by nothing else; a
 * unique key is unique within a community. An index marked `street` serves a person's own records across the street
 * and is kept as declared (IndexSpec.street).
 */
export const collections: CollectionSpec[] = declared.map(spec =>
  spec.street
    ? spec
    : {
        ...spec,
        indexes: [
          { name: 'community', keys: { communityId: 1 } },
          ...spec.indexes.map(({ street: acrossStreet, ...ix }) =>
            acrossStreet ? ix : { ...ix, keys: { communityId: 1 as const, ...ix.keys } }
          )
        ]
      }
)

const street = new Set(declared.filter(c => c.street).map(c => c.name))

/** Whether a collection is street-wide (CollectionSpec.street); any other is per community. */
export const isStreetCollection = (name: string): boolean => street.has(name)
