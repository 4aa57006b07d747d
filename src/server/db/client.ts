/**
 * The one CloudBase app of this process. `SYMBOL_CURRENT_ENV` makes the SDK take the environment
 * (and, offline, the local cloud's URL from `TCB_CONTEXT_CNFG`) from the runtime, so the same code
 * runs on CloudBase and against the local cloud.
 */
import type * as Tcb from '@cloudbase/node-sdk'
import { sdk } from './sdk'

export type CloudBaseApp = ReturnType<typeof Tcb.init>
export type Db = ReturnType<CloudBaseApp['database']>

let app: CloudBaseApp | null = null
let db: Db | null = null

export function getApp(): CloudBaseApp {
  if (!app) {
    const tcb = sdk()
    app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV })
  }
  return app
}

/** `app.database()` builds a new Db each call; keep one (research/cloudbase.md §1.1). */
export function getDb(): Db {
  if (!db) db = getApp().database()
  return db
}

/** node-sdk's `doc.get()` answers `{ data: [doc] }`; this unwraps it (research/cloudbase.md §1.5). */
export async function getById<T>(database: Db, collection: string, id: string): Promise<T | null> {
  const res = await database.collection(collection).doc(id).get()
  const list = (res as { data?: unknown }).data
  const found = Array.isArray(list) ? list[0] : list
  return (found as T | undefined) ?? null
}

/** `count()` with an optional equality filter. */
export async function countWhere(database: Db, collection: string, where?: Record<string, unknown>): Promise<number> {
  const coll = database.collection(collection)
  const res = where ? await coll.where(where).count() : await coll.count()
  return Number((res as { total?: number }).total ?? 0)
}

/** Inserts tried before a failure that leaves nothing behind is taken as real. */
const INSERT_ATTEMPTS = 3

/**
 * Inserts `doc` under its `_id` unless a document with that `_id` exists: the way to make
 * "once per key" hold under concurrency (one insert wins, the rest see the winner's document).
 * true when this call created it.
 */
export async function insertIfAbsent(
  database: Db,
  collection: string,
  doc: { _id: string } & Record<string, unknown>
): Promise<boolean> {
  const exists = async (): Promise<boolean> => (await getById(database, collection, doc._id)) !== null
  let failure: unknown = null
  for (let attempt = 0; attempt < INSERT_ATTEMPTS; attempt++) {
    try {
      // add() with an explicit _id is an insert (doc.create in the SDK, untyped there).
      const res = (await database.collection(collection).add(doc)) as { code?: string }
      if (!res?.code) return true
      failure = new Error(`insert into ${collection} failed for ${doc._id}: ${res.code}`)
    } catch (err) {
      failure = err
    }
    // The duplicate-key code CloudBase returns is not documented; decide by looking instead.
    if (await exists()) return false
    // Failed, yet nothing is there: either a real failure, or the winner removed its document
    // between our insert and our look (a booking that lost another lock gives back the ones it
    // took). Try again: the key is free now, so the next insert usually wins.
  }
  throw failure instanceof Error ? failure : new Error(`insert into ${collection} failed for ${doc._id}`)
}

/**
 * How many documents a conditional `update()` changed: 1 means this call won the race.
 * CloudBase does not document whether `updated` counts matched or modified documents (the local
 * cloud counts modified; test/conformance names the difference), so every update whose `updated`
 * decides something must change what its condition matched: the condition excludes the state
 * the update writes (status 'a' → 'b', "not yet in the array" → added, cursor n → n + 1).
 */
export const updatedOf = (res: unknown): number => Number((res as { updated?: number }).updated ?? 0)

/**
 * Adds 1 to the number `field` of one document in a single atomic operation and returns the new
 * value: two callers at once never get the same number. `updateAndReturn` does it atomically, but
 * CloudBase does not document whether the document it returns is the one before or after the
 * update. So the same update writes a token of this call: if the returned document carries it, it
 * is the one after (the value is new); if not, the one before (new = value + 1). Right either way.
 */
export async function incrementAndRead(
  database: Db,
  collection: string,
  id: string,
  field: string,
  also: Record<string, unknown> = {}
): Promise<number> {
  const value = (await incrementAndReturnIf(database, collection, id, {}, field, also))?.value ?? null
  if (value === null) throw new Error(`${collection}/${id}.${field} was not returned`)
  return value
}

/**
 * incrementAndRead only while the document also matches `condition` (null when it does not), with
 * the document as the same operation saw it (before or after the update, see incrementAndRead):
 * its fields that the update does not touch are as they were at that instant.
 */
export async function incrementAndReturnIf(
  database: Db,
  collection: string,
  id: string,
  condition: Record<string, unknown>,
  field: string,
  also: Record<string, unknown> = {}
): Promise<{ value: number; doc: Record<string, unknown> } | null> {
  const token = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`
  const _ = database.command
  const res = (await database
    .collection(collection)
    .where({ ...condition, _id: id })
    .updateAndReturn({ [field]: _.inc(1), [`${field}Token`]: token, ...also })) as {
    doc?: Record<string, unknown> | null
  }
  const doc = res.doc
  if (!doc) return null
  const value = doc[field]
  if (typeof value !== 'number') throw new Error(`${collection}/${id}.${field} was not returned`)
  return { value: doc[`${field}Token`] === token ? value : value + 1, doc }
}

/** How many documents a `remove()` took away. */
export const deletedOf = (res: unknown): number => Number((res as { deleted?: number }).deleted ?? 0)

/** The documents of a `get()` answer. */
export const dataOf = <T>(res: unknown): T[] => (res as { data?: T[] }).data ?? []
