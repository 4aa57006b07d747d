/**
 * The SDK sends queries, updates, documents, orders and projections as canonical EJSON strings
 * and reads documents back the same way. This module is the only place that (de)serializes them.
 */
import { BSONRegExp, EJSON } from 'bson'
import { invalidParam } from './errors'

export type Doc = Record<string, unknown>

/** Deeper than any real document; stops stack exhaustion on hostile input. */
const MAX_DEPTH = 64
/** Keys that would let `$set: { '__proto__.x': 1 }` reach Object.prototype through the updater. */
const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'constructor', 'prototype'])
/** JS RegExp flags that mean the same as MongoDB's options ('x' has no JS equivalent). */
const REGEX_FLAGS = new Set(['i', 'm', 's', 'u'])

export interface ParseOptions {
  /** Turn `$regularExpression` into RegExp (queries need it; stored data keeps BSONRegExp). */
  regexToJs?: boolean
  /** Time used for `$tcb_server_date` (one value per request, like the server's clock). */
  now: number
}

const isPlainObject = (v: unknown): v is Doc =>
  typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype

/**
 * Parses one EJSON string. `relaxed: true` matters: otherwise numbers arrive as Int32/Double
 * wrappers that mingo does not compare as numbers.
 */
export function parseEjson(text: unknown, what: string, opts: ParseOptions): unknown {
  if (typeof text !== 'string') throw invalidParam(`${what} must be an EJSON string`)
  let value: unknown
  try {
    value = EJSON.parse(text, { relaxed: true })
  } catch (err) {
    throw invalidParam(`${what} is not valid EJSON: ${(err as Error).message}`)
  }
  return normalize(value, what, opts, 0)
}

/** Walks parsed EJSON: server dates become Dates, regexes become RegExp, bad keys are refused. */
function normalize(value: unknown, what: string, opts: ParseOptions, depth: number): unknown {
  if (depth > MAX_DEPTH) throw invalidParam(`${what} is nested too deeply`)
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw invalidParam(`${what} contains an invalid date`)
    return value
  }
  if (value instanceof BSONRegExp) return opts.regexToJs ? toJsRegExp(value, what) : value
  if (Array.isArray(value)) return value.map(v => normalize(v, what, opts, depth + 1))
  if (!isPlainObject(value)) return value
  const keys = Object.keys(value)
  if (keys.length === 1 && keys[0] === '$tcb_server_date') {
    const offset = (value.$tcb_server_date as Doc | null)?.offset ?? 0
    if (typeof offset !== 'number' || !Number.isFinite(offset)) throw invalidParam(`${what}: bad serverDate offset`)
    return new Date(opts.now + offset)
  }
  const out: Doc = {}
  for (const key of keys) {
    for (const segment of key.split('.')) {
      if (FORBIDDEN_SEGMENTS.has(segment)) throw invalidParam(`${what}: field name "${key}" is not allowed`)
    }
    out[key] = normalize(value[key], what, opts, depth + 1)
  }
  return out
}

function toJsRegExp(re: BSONRegExp, what: string): RegExp {
  const flags = [...new Set(re.options.split(''))].filter(f => REGEX_FLAGS.has(f)).join('')
  try {
    return new RegExp(re.pattern, flags)
  } catch (err) {
    throw invalidParam(`${what}: invalid regular expression: ${(err as Error).message}`)
  }
}

/** Parses an EJSON string that must hold an object (a document, query, order, projection…). */
export function parseObject(text: unknown, what: string, opts: ParseOptions): Doc {
  const value = parseEjson(text, what, opts)
  if (!isPlainObject(value)) throw invalidParam(`${what} must be an object`)
  return value
}

/** Canonical EJSON, the form the SDK writes and reads (it parses replies with EJSON.parse). */
export const stringifyDoc = (doc: unknown): string => EJSON.stringify(doc as Doc, { relaxed: false })

/** Stored bodies are canonical EJSON too, so a stored document can be replied without re-encoding. */
export const parseStored = (body: string): Doc => EJSON.parse(body, { relaxed: true }) as Doc

export { isPlainObject }
