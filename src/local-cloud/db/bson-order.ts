/**
 * Where mingo answers differently from MongoDB (CloudBase's engine), the local cloud answers like
 * MongoDB. Three places, all in aggregation:
 *
 * 1. Comparison expressions ($eq $ne $gt $gte $lt $lte $cmp in `_.expr`, $project, $group...).
 *    MongoDB: they "compare both value and type, using the specified BSON comparison order for
 *    values of different types" (MongoDB manual, aggregation $lt / $cmp and "Comparison/Sort
 *    Order"): one total order, so `null < 5` is true and `'a' > 5` is true. mingo evaluates them
 *    with its query predicates instead: values of different types never compare (`null < 5` is
 *    false), an array equals any of its elements, and a missing field equals null. We register
 *    our own operators (mingo takes a per-request Context, looked up before its global registry)
 *    rather than refusing such comparisons: Linli compares possibly-missing fields on purpose.
 * 2. `$count` over no documents: MongoDB answers no document ($count is documented as a $group
 *    with `_id: null` and a $project, and $group over nothing gives nothing); mingo a row of 0.
 * 3. `$lookup` by localField/foreignField where localField is an array: MongoDB joins the documents
 *    whose foreignField matches an element ("If your localField is an array, you may want to add an
 *    $unwind stage", MongoDB manual, $lookup: the documents that match, nothing for an element that
 *    matches none); mingo puts an undefined (a null on the wire) in `as` for each element that matches nothing.
 */
import type { Options } from 'mingo/types/core'
import type { Iterator } from 'mingo/types/lazy'

// mingo's subpath modules resolve through its package exports (Node, jest, tsx, esbuild); their
// typings sit under mingo/types, which this tsconfig's "node" resolution reaches only by path.
const { computeValue } = require('mingo/core') as typeof import('mingo/types/core')
const { Lazy } = require('mingo/lazy') as typeof import('mingo/types/lazy')
const { $count: mingoCount, $lookup: mingoLookup } =
  require('mingo/operators/pipeline') as typeof import('mingo/types/operators/pipeline')
const { assert } = require('mingo/util') as typeof import('mingo/types/util')

/**
 * MongoDB's canonical type ranks (canonicalizeBSONType): missing and undefined 0, null 5, numbers
 * 10, strings 15, objects 20, arrays 25, binary 30, ObjectId 35, booleans 40, dates 45,
 * timestamps 47, regular expressions 50. A missing field is below null in expressions:
 * `{$eq: ['$absent', null]}` is false in MongoDB.
 */
function rank(v: unknown): number {
  if (v === undefined) return 0
  if (v === null) return 5
  switch (typeof v) {
    case 'number':
    case 'bigint':
      return 10
    case 'string':
      return 15
    case 'boolean':
      return 40
  }
  if (Array.isArray(v)) return 25
  if (v instanceof Date) return 45
  if (v instanceof RegExp) return 50
  switch ((v as { _bsontype?: string })._bsontype) {
    case 'Int32':
    case 'Double':
    case 'Long':
    case 'Decimal128':
      return 10
    case 'Binary':
      return 30
    case 'ObjectId':
      return 35
    case 'Timestamp':
      return 47
    case 'BSONRegExp':
      return 50
  }
  return 20
}

const sign = (a: number | string | bigint, b: number | string | bigint): number => (a < b ? -1 : a > b ? 1 : 0)

/** A number's value (bson number wrappers included); NaN sorts below every other number. */
function numberOf(v: unknown): number {
  if (typeof v === 'number') return v
  if (typeof v === 'bigint') return Number(v)
  return Number((v as { valueOf(): unknown }).valueOf())
}

/** -1, 0 or 1 by MongoDB's order. Strings compare by UTF-16 unit, the same as UTF-8 bytes outside astral pairs. */
export function compareBson(a: unknown, b: unknown): number {
  const ra = rank(a)
  const rb = rank(b)
  if (ra !== rb) return sign(ra, rb)
  switch (ra) {
    case 0:
    case 5:
      return 0
    case 10: {
      const x = numberOf(a)
      const y = numberOf(b)
      if (Number.isNaN(x) || Number.isNaN(y)) return sign(Number.isNaN(x) ? 0 : 1, Number.isNaN(y) ? 0 : 1)
      return sign(x, y)
    }
    case 15:
      return sign(a as string, b as string)
    case 40:
      return sign(Number(a), Number(b))
    case 45:
      return sign((a as Date).getTime(), (b as Date).getTime())
    case 25:
      return compareArrays(a as unknown[], b as unknown[])
    case 20:
      return compareObjects(a as Record<string, unknown>, b as Record<string, unknown>)
  }
  // ObjectId, binary, timestamps, regular expressions: rare here; their text orders them.
  return sign(String(a), String(b))
}

function compareArrays(a: unknown[], b: unknown[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = compareBson(a[i], b[i])
    if (c !== 0) return c
  }
  return sign(a.length, b.length)
}

/** Field by field, in stored order: first by the value's type, then by name, then by value. */
function compareObjects(a: Record<string, unknown>, b: Record<string, unknown>): number {
  const ka = Object.keys(a).filter(k => a[k] !== undefined)
  const kb = Object.keys(b).filter(k => b[k] !== undefined)
  for (let i = 0; i < Math.min(ka.length, kb.length); i++) {
    const c = sign(rank(a[ka[i]]), rank(b[kb[i]])) || sign(ka[i], kb[i]) || compareBson(a[ka[i]], b[kb[i]])
    if (c !== 0) return c
  }
  return sign(ka.length, kb.length)
}

type Expression = (obj: Record<string, unknown>, expr: unknown, options: Options) => unknown

/** MongoDB's words; a MingoError, so the request fails with DATABASE_REQUEST_FAILED (errors.ts). */
function pair(name: string, args: unknown): [unknown, unknown] {
  assert(Array.isArray(args) && args.length === 2, `Expression ${name} takes exactly 2 arguments`)
  return args as [unknown, unknown]
}

const comparison =
  (name: string, test: (c: number) => boolean): Expression =>
  (obj, expr, options) =>
    test(compareBson(...pair(name, computeValue(obj, expr, null, options))))

/** The comparison expression operators, by MongoDB's order. */
export const BSON_COMPARISONS: Record<string, Expression> = {
  $eq: comparison('$eq', c => c === 0),
  $ne: comparison('$ne', c => c !== 0),
  $gt: comparison('$gt', c => c > 0),
  $gte: comparison('$gte', c => c >= 0),
  $lt: comparison('$lt', c => c < 0),
  $lte: comparison('$lte', c => c <= 0),
  $cmp: (obj, expr, options) => compareBson(...pair('$cmp', computeValue(obj, expr, null, options)))
}

/** `$count` as MongoDB: no document when nothing reached it. mingo checks the field name. */
export const $count = (collection: Iterator, expr: unknown, options: Options): Iterator => {
  const rows = mingoCount(collection, expr, options).value<Record<string, number>>()
  return Lazy(rows.filter((row: Record<string, number>) => Object.values(row)[0] > 0))
}

/** `$lookup` as MongoDB: only documents in `as`, never a null for an array element that matched nothing. */
export const $lookup = (collection: Iterator, expr: unknown, options: Options): Iterator => {
  const joined = mingoLookup(collection, expr, options)
  const spec = expr as { as?: unknown; localField?: unknown }
  if (typeof spec.as !== 'string' || spec.localField === undefined) return joined
  const as = spec.as
  return joined.map((doc: unknown) => {
    const row = doc as Record<string, unknown>
    const found = row[as]
    return Array.isArray(found) ? { ...row, [as]: found.filter(d => d !== null && d !== undefined) } : row
  })
}
