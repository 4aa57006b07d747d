/**
 * What CloudBase documents for aggregation, checked before mingo runs anything: mingo knows far
 * more of MongoDB than CloudBase offers, and a stage or operator that passed here would fail in
 * production. Checked everywhere it can appear: top-level stages, the stages of `$lookup`
 * sub-pipelines (at any depth), `let` and every stage's expressions, and `$expr` in a `$match` or
 * a where(). Refused with DATABASE_INVALID_OPERRATOR, CloudBase's code for "不支持的操作、非法的数据库
 * 操作符" (docs.cloudbase.net/error-code/basic), as the top-level stage check always answered.
 */
import { invalidOperator } from './errors'
import type { Doc } from './ejson'

/**
 * The stages of the Aggregate API: developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/
 * database/aggregate/Aggregate.html (addFields bucket bucketAuto count geoNear group limit lookup match
 * project replaceRoot sample skip sort sortByCount unwind; docs.cloudbase.net/api-reference/server/
 * node-sdk/database/aggregate/stages/<name> the same), which are also exactly the methods of
 * @cloudbase/database 1.4.3's Aggregation class (src/aggregate.ts). $geoNear is left out: mingo has
 * no geo, so the local cloud refuses it (a known difference, like geo query operators).
 */
export const STAGES = new Set([
  '$addFields',
  '$bucket',
  '$bucketAuto',
  '$count',
  '$group',
  '$limit',
  '$lookup',
  '$match',
  '$project',
  '$replaceRoot',
  '$sample',
  '$skip',
  '$sort',
  '$sortByCount',
  '$unwind'
])

/**
 * The aggregation operators (db.command.aggregate): developers.weixin.qq.com/miniprogram/dev/wxcloud/
 * reference-sdk-api/database/command/aggregate/AggregateCommand.html (one page each,
 * docs.cloudbase.net/api-reference/server/node-sdk/database/aggregate/operators/<name>), the same list
 * as @cloudbase/database 1.4.3 src/command.ts `aggregate` (`neq` is sent as `$ne`). Absent, as in
 * both: $toString $toDate $convert $type $trim $ltrim $rtrim $regexMatch $dateToParts $round and the
 * rest of what came after MongoDB 3.6 (the SDK notes "'toDate', 4.0才有"). `$meta` (text search) is
 * in the SDK but not the docs, and mingo has no text search: refused, like geo.
 */
export const EXPRESSION_OPERATORS = new Set(
  [
    // arithmetic
    'abs add ceil divide exp floor ln log log10 mod multiply pow sqrt subtract trunc',
    // array
    'arrayElemAt arrayToObject concatArrays filter in indexOfArray isArray map range reduce reverseArray size slice zip',
    // boolean, comparison, conditional
    'and not or cmp eq gt gte lt lte ne cond ifNull switch',
    // date
    'dateFromParts dateFromString dateToString dayOfMonth dayOfWeek dayOfYear isoDayOfWeek isoWeek isoWeekYear',
    'millisecond minute month second hour week year',
    // literal, object, set
    'literal mergeObjects objectToArray allElementsTrue anyElementTrue setDifference setEquals setIntersection',
    'setIsSubset setUnion',
    // string
    'concat indexOfBytes indexOfCP split strLenBytes strLenCP strcasecmp substr substrBytes substrCP toLower toUpper',
    // group accumulators, and variables
    'addToSet avg first last max min push stdDevPop stdDevSamp sum let'
  ]
    .join(' ')
    .split(' ')
    .map(name => `$${name}`)
)

const isObject = (v: unknown): v is Doc => typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * In an expression every `$` key must be a CloudBase operator; field paths and `$$variables` are
 * values, not keys, and `$literal`'s argument is data, not looked into. In a query the operators are
 * mingo's to check (as for where()), but what `$expr` holds, at any depth ($and/$or/$elemMatch...),
 * is an expression.
 */
function check(value: unknown, expression: boolean): void {
  if (Array.isArray(value)) {
    for (const v of value) check(v, expression)
    return
  }
  if (!isObject(value) || value instanceof Date || value instanceof RegExp) return
  for (const [key, v] of Object.entries(value)) {
    if (!expression) check(v, key === '$expr')
    else if (!key.startsWith('$')) check(v, true)
    else if (!EXPRESSION_OPERATORS.has(key)) throw invalidOperator(`unsupported aggregation operator ${key}`)
    else if (key !== '$literal') check(v, true)
  }
}

export const checkExpression = (value: unknown): void => check(value, true)
export const checkQuery = (query: unknown): void => check(query, false)

/** Each stage one CloudBase stage; `$lookup`'s `let` are expressions and its `pipeline` stages. */
export function checkPipeline(pipeline: unknown, where = ''): void {
  if (!Array.isArray(pipeline)) return // mingo refuses a sub-pipeline that is not an array
  for (const stage of pipeline as unknown[]) {
    const key = isObject(stage) ? Object.keys(stage)[0] : undefined
    if (!key || !STAGES.has(key)) throw invalidOperator(`unsupported aggregation stage ${String(key)}${where}`)
    const spec = (stage as Doc)[key]
    if (key === '$match') checkQuery(spec)
    else if (key === '$lookup' && isObject(spec)) {
      checkExpression(spec.let)
      checkPipeline(spec.pipeline, ' in a $lookup pipeline')
    } else checkExpression(spec)
  }
}
