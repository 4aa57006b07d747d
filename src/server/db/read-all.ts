/**
 * Reading every matching document, for the few reads that need a whole set (the ledgers' related
 * records): 1000 a query (the SDK's cap), in `_id` order, up to `max`. The staff dashboard and survey
 * results join theirs in one aggregate instead (server/db/join.ts).
 */
import type { Db } from './client'

export async function readAll<T extends { _id: string }>(
  db: Db,
  collection: string,
  where: Record<string, unknown> = {},
  max = 20_000
): Promise<T[]> {
  const _ = db.command
  const out: T[] = []
  let last: string | null = null
  while (out.length < max) {
    // _.and keeps a `where` that has its own `_id` condition intact.
    const filter = last ? _.and([where, { _id: _.gt(last) }]) : where
    const page = (await db.collection(collection).where(filter).orderBy('_id', 'asc').limit(1000).get()).data as T[]
    out.push(...page)
    if (page.length < 1000) break
    last = page[page.length - 1]._id
  }
  return out
}

/**
 * A collection never created in this environment (a context not deployed yet): CloudBase answers
 * DATABASE_COLLECTION_NOT_EXIST (research/cloudbase.md; the local cloud answers the same code,
 * src/local-cloud/db/errors.ts). Readers across contexts treat it as "no data here", not a failure.
 */
export function isMissingCollection(err: unknown): boolean {
  const e = err as { code?: string; message?: string }
  return /COLLECTION_NOT_EXIST|not exist/i.test(String(e?.code ?? e?.message ?? ''))
}

/** Every matching document, as readAll; none when the collection doesn't exist in this environment. */
export async function readAllIfPresent<T extends { _id: string } = { _id: string } & Record<string, any>>(
  db: Db,
  collection: string,
  where: Record<string, unknown>
): Promise<T[]> {
  try {
    return await readAll<T>(db, collection, where, Infinity)
  } catch (err) {
    if (isMissingCollection(err)) return []
    throw err
  }
}

/** `_id → document` for the related documents of one page of a ledger (one query per 100 ids). */
export async function lookup<T extends { _id: string } = { _id: string } & Record<string, any>>(
  db: Db,
  collection: string,
  ids: ReadonlyArray<string | null | undefined>
): Promise<Map<string, T>> {
  const wanted = [...new Set(ids.filter((x): x is string => typeof x === 'string' && x.length > 0))]
  const out = new Map<string, T>()
  const _ = db.command
  for (let i = 0; i < wanted.length; i += 100) {
    const res = await db
      .collection(collection)
      .where({ _id: _.in(wanted.slice(i, i + 100)) })
      .limit(100)
      .get()
    for (const d of res.data as T[]) out.set(d._id, d)
  }
  return out
}
