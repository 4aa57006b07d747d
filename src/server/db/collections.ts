/**
 * Every collection Linli uses and its indexes: the one place they are declared.
 * The local cloud creates them on start; `npm run deploy:db` creates them in a real
 * CloudBase environment. Keys follow MongoDB index notation.
 */
export interface IndexSpec {
  /** Stable index name, also used as the CloudBase console name. */
  name: string
  keys: Record<string, 1 | -1>
  unique?: boolean
}

export interface CollectionSpec {
  name: string
  indexes: IndexSpec[]
}

export const collections: CollectionSpec[] = [
  // community
  { name: 'users', indexes: [{ name: 'phone', keys: { phone: 1 } }, { name: 'householdId', keys: { householdId: 1 } }] },
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
  { name: 'members', indexes: [{ name: 'householdId', keys: { householdId: 1 } }] },
  { name: 'duty_roster', indexes: [{ name: 'date', keys: { date: 1 } }] },
  // cross-cutting
  { name: 'audit', indexes: [{ name: 'at', keys: { at: -1 } }, { name: 'actor', keys: { actor: 1, at: -1 } }] },
  // requestId -> first result, so a retried create returns what the first call returned
  { name: 'idempotency', indexes: [] }
]
