/**
 * The shape of a collection's declaration (src/server/db/collections.ts and each context's
 * `<ctx>.collections.ts`), apart from the list itself so a context's file doesn't import the list
 * that imports it. Keys follow MongoDB index notation.
 */
export interface IndexSpec {
  /** Stable index name, also used as the CloudBase console name. */
  name: string
  keys: Record<string, 1 | -1>
  unique?: boolean
  /**
   * On a per-community collection: an index for one person's own records across the street (a volunteer's hours and
   * shifts in every community they served, issue 20), read through `unscoped(db)`; not led by `communityId`.
   */
  street?: true
}

export interface CollectionSpec {
  name: string
  indexes: IndexSpec[]
  /**
   * Street-wide (issue 20): one collection for every community of the street, read and written as it is (a
   * person's `users` record, the `communities` themselves). Every other collection is per community: its documents
   * carry `communityId`, every read and write is scoped to it (db/community-scope.ts) and its indexes lead with it.
   */
  street?: true
}
