/**
 * Reading every matching document, for the few reads that need a whole set (the staff dashboard's
 * period figures, a survey's answers): 1000 a query (the SDK's cap), in `_id` order, up to `max`.
 */
import type { Db } from './client'

export async function readAll<T extends { _id: string }> (
  db: Db, collection: string, where: Record<string, unknown> = {}, max = 20_000
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
export function isMissingCollection (err: unknown): boolean {
  const e = err as { code?: string, message?: string }
  return /COLLECTION_NOT_EXIST|not exist/i.test(String(e?.code ?? e?.message ?? ''))
}
