/**
 * Index keys and query plans. Declared indexes are kept in two SQLite side tables (see
 * sqlite-store.ts): `fidx` maps (field, value) → document id for every indexed field, so an
 * equality lookup reads only the matching documents; `uidx` holds one row per unique-index key,
 * so SQLite's primary key rejects a duplicate inside the same SQLite transaction as the write.
 * Both follow MongoDB's multikey rule: an array contributes each of its elements.
 */
import { stringifyDoc, isPlainObject, type Doc } from './ejson'
import type { IndexSpec } from '../../server/db/collections'

/** Values an equality lookup can be narrowed by (other types fall back to a scan, still correct). */
export type IndexValue = string | number
export type DocId = string | number

export const isIndexValue = (v: unknown): v is IndexValue =>
  typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))

export const isDocId = (v: unknown): v is DocId =>
  (typeof v === 'string' && v.length > 0 && v.length <= 256) || (typeof v === 'number' && Number.isFinite(v))

/**
 * Every value found at `path`, descending into arrays like MongoDB does (`items.sku` reaches each
 * item's sku; a numeric segment also indexes into the array). Used for both tables; a superset is
 * harmless for `fidx` because mingo filters the candidates afterwards.
 */
export function valuesAt(doc: unknown, path: string[]): unknown[] {
  const out: unknown[] = []
  const walk = (node: unknown, i: number): void => {
    if (i === path.length) {
      if (Array.isArray(node)) {
        if (node.length === 0) out.push(EMPTY_ARRAY)
        for (const el of node) out.push(el)
      } else {
        out.push(node)
      }
      return
    }
    if (Array.isArray(node)) {
      const seg = path[i]
      if (/^\d+$/.test(seg) && Number(seg) < node.length) walk(node[Number(seg)], i + 1)
      for (const el of node) if (isPlainObject(el)) walk(el, i)
      return
    }
    if (isPlainObject(node) && Object.prototype.hasOwnProperty.call(node, path[i])) {
      walk(node[path[i]], i + 1)
    } else {
      out.push(undefined)
    }
  }
  walk(doc, 0)
  return out
}

const EMPTY_ARRAY = Symbol('empty array')

/** `fidx` entries for one document: distinct (field, value) pairs of the string/number values. */
export function fieldEntries(doc: Doc, fields: string[]): Array<[string, IndexValue]> {
  const out: Array<[string, IndexValue]> = []
  for (const field of fields) {
    const seen = new Set<IndexValue>()
    for (const v of valuesAt(doc, field.split('.'))) {
      if (isIndexValue(v) && !seen.has(v)) {
        seen.add(v)
        out.push([field, v])
      }
    }
  }
  return out
}

/** Upper bound on the keys one document may add to a unique index (cartesian product of arrays). */
const MAX_KEYS_PER_DOC = 1000

/**
 * Keys of one unique index for one document. Like MongoDB, a missing field counts as null, so
 * only one document may lack a unique field (CloudBase documents the same limit).
 */
export function uniqueKeys(doc: Doc, index: IndexSpec): string[] {
  let tuples: string[][] = [[]]
  for (const field of Object.keys(index.keys)) {
    const parts = [...new Set(valuesAt(doc, field.split('.')).map(keyPart))]
    const next: string[][] = []
    for (const t of tuples) for (const p of parts) next.push([...t, p])
    if (next.length > MAX_KEYS_PER_DOC) throw new Error('too many unique index keys for one document')
    tuples = next
  }
  return [...new Set(tuples.map(t => JSON.stringify(t)))]
}

function keyPart(v: unknown): string {
  if (v === undefined || v === null) return 'null'
  if (v === EMPTY_ARRAY) return '[]'
  // Canonical EJSON distinguishes 1 from "1" and keeps Dates exact; numbers compare by value.
  if (typeof v === 'number') return `n:${v}`
  return stringifyDoc({ v })
}

/** How to find the candidate documents of a query without reading the whole collection. */
export type Plan =
  | { kind: 'ids'; ids: DocId[] }
  | { kind: 'field'; field: string; values: IndexValue[] }
  /** `$or` whose every branch has a plan: the union of the branches' candidates. */
  | { kind: 'any'; plans: Array<Exclude<Plan, null>> }
  | null

/** Values `cond` is equal to when it is `v`, `{ $eq: v }` or `{ $in: [...] }` of indexable values. */
function equalityValues(cond: unknown): IndexValue[] | null {
  if (isIndexValue(cond)) return [cond]
  if (!isPlainObject(cond)) return null
  if ('$eq' in cond && isIndexValue(cond.$eq)) return [cond.$eq]
  if ('$in' in cond && Array.isArray(cond.$in) && cond.$in.every(isIndexValue)) return cond.$in as IndexValue[]
  return null
}

/**
 * A plan for `query`: `_id` equality first (the primary key), then any indexed field. Conditions
 * inside `$and` count too (the SDK writes `_.gt(0).and(_.lt(9))` as a top-level `$and`). An
 * `$or` is read through indexes only when every branch can be (MongoDB's index union); one
 * branch without an index means the whole collection could match, so it scans.
 */
export function planQuery(query: Doc, indexedFields: ReadonlySet<string>): Plan {
  const ids = equalityValues(query._id)
  if (ids) return { kind: 'ids', ids }
  for (const [key, cond] of Object.entries(query)) {
    if (!indexedFields.has(key)) continue
    const values = equalityValues(cond)
    if (values) return { kind: 'field', field: key, values }
  }
  if (Array.isArray(query.$and)) {
    for (const sub of query.$and) {
      if (!isPlainObject(sub)) continue
      const plan = planQuery(sub, indexedFields)
      if (plan) return plan
    }
  }
  if (Array.isArray(query.$or) && query.$or.length > 0) {
    const plans = query.$or.map(sub => (isPlainObject(sub) ? planQuery(sub, indexedFields) : null))
    if (plans.every((p): p is Exclude<Plan, null> => p !== null)) return { kind: 'any', plans }
  }
  return null
}
