/**
 * Keyset pages for client-facing lists (design.md: 20 with a cursor). Ordered by one date field
 * then `_id`; the cursor is the last row's (date, _id), so a page never repeats or skips rows when
 * new ones arrive meanwhile (skip/offset paging would).
 */
import type { Page } from '../../core/shared/page'
import type { Db } from './client'

export type { Page } from '../../core/shared/page'

export const PAGE_SIZE = 20

/**
 * Where a cursor points: the last row's (date, _id); null for the first page or a cursor we never made.
 * For a page whose condition must be an expression (a correlated `$lookup` sub-pipeline).
 */
export function keyCursorAt(cursor: string | null | undefined): { t: Date; id: string } | null {
  if (!cursor) return null
  try {
    const { t, id } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { t: unknown; id: unknown }
    const at = new Date(String(t))
    return typeof id === 'string' && !Number.isNaN(at.getTime()) ? { t: at, id } : null
  } catch {
    return null
  }
}

const encode = (t: Date, id: string): string =>
  Buffer.from(JSON.stringify({ t: t.toISOString(), id })).toString('base64url')

/**
 * The filter of the rows after `cursor` (all of `where` without one), by `field` then `_id`:
 * 'desc' newest first, 'asc' soonest first. For a page read some other way (an aggregate's
 * sub-pipeline); its rows then go through `keysetPage`.
 */
export function keysetFilter(db: Db, where: object, field: string, order: 'asc' | 'desc', cursor?: string): object {
  const _ = db.command
  const after = keyCursorAt(cursor)
  const beyond = order === 'desc' ? _.lt : _.gt
  return after
    ? _.and([where, _.or([{ [field]: beyond(after.t) }, { [field]: after.t, _id: beyond(after.id) }])])
    : where
}

/** A page of the `size + 1` rows read in key order: the first `size`, and a cursor when there were more. */
export function keysetPage<T extends { _id: string }>(data: T[], field: keyof T & string, size = PAGE_SIZE): Page<T> {
  const items = data.slice(0, size)
  const last = items[items.length - 1]
  return {
    items,
    cursor: data.length > size && last ? encode(new Date(last[field] as unknown as Date), last._id) : null
  }
}

/**
 * One page of `collection` matching `where` (a plain filter or a command expression), by
 * `field` then `_id`: 'desc' newest first, 'asc' soonest first.
 */
export async function pageByKey<T extends { _id: string }>(
  db: Db,
  collection: string,
  where: object,
  field: keyof T & string,
  order: 'asc' | 'desc',
  cursor?: string,
  size = PAGE_SIZE
): Promise<Page<T>> {
  const res = await db
    .collection(collection)
    .where(keysetFilter(db, where, field, order, cursor))
    .orderBy(field, order)
    .orderBy('_id', order)
    .limit(size + 1)
    .get()
  return keysetPage(res.data as T[], field, size)
}

export async function pageNewestFirst<T extends { _id: string }>(
  db: Db,
  collection: string,
  where: object,
  field: keyof T & string,
  cursor?: string,
  size = PAGE_SIZE
): Promise<Page<T>> {
  return await pageByKey<T>(db, collection, where, field, 'desc', cursor, size)
}

/**
 * One page by `_id` alone (lists with no date order: the elder register, the tutor pool); the
 * cursor is the last row's `_id`. `where` is a plain filter.
 */
export async function pageById<T extends { _id: string }>(
  db: Db,
  collection: string,
  where: Record<string, unknown>,
  cursor?: string,
  size = PAGE_SIZE,
  fields?: Record<string, true>
): Promise<Page<T>> {
  const _ = db.command
  let q = db.collection(collection).where(cursor ? { ...where, _id: _.gt(cursor) } : where)
  if (fields) q = q.field(fields)
  const data = (
    await q
      .orderBy('_id', 'asc')
      .limit(size + 1)
      .get()
  ).data as T[]
  const items = data.slice(0, size)
  return { items, cursor: data.length > size ? items[items.length - 1]._id : null }
}
