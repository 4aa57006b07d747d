/**
 * MongoDB semantics through mingo: matching, sort/skip/limit/projection, update operators and
 * aggregation. We never interpret operators ourselves; unknown ones surface as mingo errors that
 * errors.ts maps to DATABASE_INVALID_OPERRATOR.
 */
import 'mingo/init/system' // registers every pipeline/expression/accumulator operator
import { Aggregator, Context, Query, createUpdater } from 'mingo'
import { $count, $lookup, BSON_COMPARISONS } from './bson-order'
import { invalidOperator, invalidParam } from './errors'
import type { Doc } from './ejson'
import { checkPipeline, checkQuery } from './operators'

type QueryOptions = NonNullable<ConstructorParameters<typeof Query>[1]>

/** No `$where`/`$function`/`$accumulator`: requests must not run code in the server. */
const baseOptions: QueryOptions = { scriptEnabled: false, idKey: '_id' }

/**
 * `new Query()` copies every operator into a fresh context (~18 µs, most of a conditional
 * update's cost). Its base class takes ready options instead; operators then come from the
 * global registry that 'mingo/init/system' filled. Same engine, same semantics.
 */
const QueryBase = Object.getPrototypeOf(Query) as typeof Query
const readyOptions = Object.freeze({
  idKey: '_id',
  scriptEnabled: false,
  useStrictMode: true,
  useGlobalContext: true,
  processingMode: 0, // CLONE_OFF: inputs are parsed per request and never shared
  context: Context.init({ expression: BSON_COMPARISONS }) // `_.expr` in a where() compares as MongoDB
}) as unknown as QueryOptions
const newQuery = (criteria: Doc): Query => new QueryBase(criteria, readyOptions)

export type Matcher = (doc: Doc) => boolean

export function compileQuery(query: Doc): Matcher {
  if (Object.keys(query).length === 0) return () => true
  checkQuery(query)
  const q = newQuery(query)
  return doc => q.test(doc)
}

export interface PageOptions {
  order?: Doc
  offset: number
  limit: number
  projection?: Doc
}

/** Sorts, pages and projects already-matched documents. */
export function page(docs: Doc[], opts: PageOptions): Doc[] {
  let cursor = newQuery({}).find<Doc>(docs, opts.projection)
  if (opts.order && Object.keys(opts.order).length > 0) cursor = cursor.sort(opts.order as Record<string, 1 | -1>)
  if (opts.offset > 0) cursor = cursor.skip(opts.offset)
  return cursor.limit(opts.limit).all()
}

/** Projection of a single document (doc.get with field()). */
export function project(doc: Doc, projection: Doc): Doc {
  return newQuery({}).find<Doc>([doc], projection).all()[0]
}

/**
 * The update operators the SDK can emit (research §1.3); `$currentDate` is MongoDB's but
 * harmless. The updater takes one operator at a time, so they are applied in turn.
 */
const UPDATE_OPERATORS = new Set([
  '$set',
  '$inc',
  '$mul',
  '$unset',
  '$push',
  '$pop',
  '$pull',
  '$pullAll',
  '$addToSet',
  '$rename',
  '$bit',
  '$max',
  '$min',
  '$currentDate'
])

/** Values are copied into the document, so it never shares arrays/objects with the request. */
const updater = createUpdater({ cloneMode: 'deep', queryOptions: baseOptions })

/** Applies an update document to `doc` in place, one operator after another. */
export function applyUpdate(doc: Doc, update: Doc): void {
  for (const [op, fields] of Object.entries(update)) {
    if (!UPDATE_OPERATORS.has(op)) throw invalidOperator(`unsupported update operator ${op}`)
    if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) {
      throw invalidParam(`${op} needs an object of fields`)
    }
    for (const path of Object.keys(fields)) {
      if (path === '_id' || path.startsWith('_id.')) throw invalidParam('_id cannot be updated')
      if (op === '$rename' && (fields as Doc)[path] === '_id') throw invalidParam('_id cannot be updated')
    }
    updater(doc, { [op]: fields } as unknown as Parameters<typeof updater>[1])
  }
}

/**
 * Where mingo and MongoDB answer differently, MongoDB's answer (bson-order.ts). Our operators are
 * found before mingo's: an operator is looked up in the request's context first, then globally.
 */
const mongoOps = { expression: BSON_COMPARISONS, pipeline: { $count, $lookup } }

/** Runs a pipeline after checking every stage and operator against CloudBase's lists (operators.ts). */
export function aggregate(docs: Doc[], pipeline: Doc[], resolve: (name: string) => Doc[]): Doc[] {
  checkPipeline(pipeline)
  const agg = new Aggregator(pipeline, { ...baseOptions, collectionResolver: resolve, context: Context.init(mongoOps) })
  return agg.run(docs) as Doc[]
}
