/**
 * A context's piece of another context's one-request read: the `$lookup` stage that joins its own
 * collection, built by its repository so that the reader never names that collection (issue 19:
 * a read ≤ 2 requests). The reader starts an aggregate from a document it has (its caller's
 * `users` record, as community's callerHome) and adds each context's join. CloudBase's aggregate
 * `lookup`, the sub-pipeline form (`let` + `pipeline`), and `count`, which gives no row for none:
 * docs.cloudbase.net/api-reference/server/node-sdk/database/aggregate/stages/lookup, …/stages/count.
 * A joined collection that doesn't exist joins nothing (MongoDB's `$lookup`; the local cloud does
 * the same), where a plain query would fail with DATABASE_COLLECTION_NOT_EXIST.
 */
import type { Db } from './client'

/** An aggregate being built: a collection's, or a `lookup` sub-pipeline's (one builder class in the SDK). */
export type Aggregation = ReturnType<ReturnType<Db['collection']>['aggregate']>

/** One `$lookup` stage, as the aggregate builder's `.lookup()` takes it. */
export interface Join {
  from: string
  let: Record<string, unknown>
  pipeline: object
  as: string
}

/** How many documents of `from` match `where`, joined as `[{ n }]` (read it with `joinedCount`). */
export function countJoin(db: Db, from: string, where: object, as: string): Join {
  return { from, let: {}, pipeline: db.command.aggregate.pipeline().match(where).count('n').done(), as }
}

/** The figure a `countJoin` joined: no row means none matched. */
export const joinedCount = (rows: Array<{ n?: number }> | undefined): number => Number(rows?.[0]?.n ?? 0)

/**
 * Every document of `from` matching `where` (at most `max`, in `_id` order as readAll reads them),
 * only `fields` of each, followed by `then` (another context's join of each row). Only what the
 * reader uses leaves the database: the joined rows make one result document, and MongoDB's 16 MB
 * document limit holds for it (docs.mongodb.com/manual/reference/limits/#BSON-Document-Size).
 */
export function rowsJoin(
  db: Db,
  from: string,
  where: object,
  fields: readonly string[],
  as: string,
  then: object[] = [],
  max = 20_000
): Join {
  const $ = db.command.aggregate
  const projection = Object.fromEntries(fields.map(f => [f, 1]))
  const pipeline = $.pipeline().match(where).sort({ _id: 1 }).limit(max).project(projection).done() as object[]
  return { from, let: {}, pipeline: [...pipeline, ...then], as }
}
