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

export function getApp (): CloudBaseApp {
  if (!app) {
    const tcb = sdk()
    app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV })
  }
  return app
}

/** `app.database()` builds a new Db each call; keep one (research/cloudbase.md §1.1). */
export function getDb (): Db {
  if (!db) db = getApp().database()
  return db
}

/** node-sdk's `doc.get()` answers `{ data: [doc] }`; this unwraps it (research/cloudbase.md §1.5). */
export async function getById<T> (database: Db, collection: string, id: string): Promise<T | null> {
  const res = await database.collection(collection).doc(id).get()
  const list = (res as { data?: unknown }).data
  const found = Array.isArray(list) ? list[0] : list
  return (found as T | undefined) ?? null
}

/** `count()` with an optional equality filter. */
export async function countWhere (database: Db, collection: string, where?: Record<string, unknown>): Promise<number> {
  const coll = database.collection(collection)
  const res = where ? await coll.where(where).count() : await coll.count()
  return Number((res as { total?: number }).total ?? 0)
}
