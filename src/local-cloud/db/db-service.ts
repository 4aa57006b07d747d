/**
 * Answers the database actions @cloudbase/database@1.4.3 sends (research/cloudbase.md §1.2),
 * with CloudBase's reply shapes and error codes. `watch` is not served.
 *
 * Concurrency: better-sqlite3 is synchronous and nothing below awaits between reading documents
 * and writing them, so every request is atomic with respect to every other request; a conditional
 * update (`where({ _id, seats: _.gt(0) }).update({ seats: _.inc(-1) })`) can never act on a stale
 * read. The only await is a plain write waiting for a transaction's lock, after which the whole
 * request is evaluated again from scratch.
 */
import { randomBytes } from 'node:crypto'
import type { DbService } from '../contracts'
import { DbError, collectionNotExist, conflict, duplicateId, fromEngineError, invalidParam } from './errors'
import { isPlainObject, parseEjson, parseObject, parseStored, stringifyDoc, type Doc } from './ejson'
import { isDocId, isIndexValue, planQuery, valuesAt, type DocId, type IndexValue, type Plan } from './indexes'
import { aggregate, applyUpdate, compileQuery, page, project } from './query'
import type { CollectionInfo, Row, SqliteStore } from './sqlite-store'
import { TxManager, docKey, type Tx } from './transactions'

/** CloudBase's server-side page: 100 when unset, never more than 1000 (the SDK clamps too). */
export const DEFAULT_LIMIT = 100
export const MAX_LIMIT = 1000
/** Documents one insert may carry (CloudBase batches are far smaller; this only bounds work). */
const MAX_INSERT = 1000
/** CloudBase collection names: letters, digits, `_` and `-`. */
const COLLECTION_NAME = /^[A-Za-z0-9_-]{1,64}$/

export interface ServiceOptions {
  /** An idle transaction is aborted after this long. */
  txTimeoutMs: number
  /** How long a plain write waits for a transaction's lock before failing with a conflict. */
  lockWaitMs: number
}

/** CloudBase-like ids: 8 hex digits of seconds, then 24 random hex digits (32 in all). */
export function newDocId(): string {
  const seconds = Math.floor(Date.now() / 1000)
    .toString(16)
    .padStart(8, '0')
  return seconds + randomBytes(12).toString('hex')
}

type Params = Record<string, unknown>
type Reply = Record<string, unknown>

/** Thrown when a plain write meets a document locked by a transaction. */
class Locked {
  constructor(readonly tx: Tx) {}
}

interface Match {
  row: Row
  doc: Doc
}

export class DbServiceImpl implements DbService {
  private readonly txs: TxManager

  constructor(
    private readonly store: SqliteStore,
    private readonly opts: ServiceOptions
  ) {
    this.txs = new TxManager(opts.txTimeoutMs)
  }

  /** Documents read from storage so far (tests prove indexed lookups do not scan with it). */
  get docsExamined(): number {
    return this.store.docsExamined
  }

  /** SQLite's plans for `_id` and indexed-field lookups. */
  explainLookups(): string[] {
    return this.store.lookupPlans()
  }

  close(): void {
    this.txs.close()
    this.store.close()
  }

  async handle(body: unknown, requestId: string): Promise<Reply> {
    try {
      if (!isPlainObject(body)) throw invalidParam('request body must be a JSON object')
      const reply = await this.dispatch(body, Date.now())
      return { ...reply, requestId }
    } catch (err) {
      const e = fromEngineError(err)
      return { code: e.code, message: e.message, requestId }
    }
  }

  private async dispatch(p: Params, now: number): Promise<Reply> {
    const action = p.action
    switch (action) {
      case 'database.getDocument':
        return this.getDocument(p, now)
      case 'database.calculateDocument':
        return this.countDocuments(p, now)
      case 'database.insertDocument':
        return await this.write(p, () => this.insertDocument(p, now))
      case 'database.modifyDocument':
        return await this.write(p, () => this.modifyDocument(p, now, false))
      case 'database.modifyAndReturnDoc':
        return await this.write(p, () => this.modifyDocument(p, now, true))
      case 'database.removeDocument':
        return await this.write(p, () => this.removeDocument(p, now))
      case 'database.aggregateDocuments':
        return this.aggregateDocuments(p, now)
      case 'database.addCollection':
        return this.addCollection(p)
      case 'database.startTransaction':
        return { transactionId: this.txs.start().id }
      case 'database.commitTransaction':
        return this.commit(this.txs.get(p.transactionId))
      case 'database.abortTransaction':
        return this.abort(p.transactionId)
      default:
        throw new DbError(
          'INVALID_ACTION',
          `unknown action ${typeof action === 'string' ? action.slice(0, 64) : String(action)}`
        )
    }
  }

  // ---- parameters ---------------------------------------------------------------------------

  private collection(p: Params): CollectionInfo {
    const name = p.collectionName
    if (typeof name !== 'string' || !COLLECTION_NAME.test(name)) {
      throw invalidParam('collectionName must be 1-64 letters, digits, "_" or "-"')
    }
    const info = this.store.collection(name)
    if (!info) throw collectionNotExist(name)
    return info
  }

  private query(p: Params, now: number): Doc {
    if (p.query === undefined || p.query === '' || p.query === null) return {}
    return parseObject(p.query, 'query', { now, regexToJs: true })
  }

  private tx(p: Params): Tx | undefined {
    if (p.transactionId === undefined || p.transactionId === null || p.transactionId === '') return undefined
    return this.txs.get(p.transactionId)
  }

  private flag(p: Params, name: string, fallback: boolean): boolean {
    const v = p[name]
    if (v === undefined || v === null) return fallback
    if (typeof v !== 'boolean') throw invalidParam(`${name} must be a boolean`)
    return v
  }

  private int(p: Params, name: string, fallback: number): number {
    const v = p[name]
    if (v === undefined || v === null) return fallback
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0)
      throw invalidParam(`${name} must be a non-negative integer`)
    return v
  }

  // ---- reads ----------------------------------------------------------------------------------

  /** Matching documents in natural (insertion) order, read through an index when one applies. */
  private matches(info: CollectionInfo, query: Doc): Match[] {
    const plan = planQuery(query, info.fieldSet)
    const rows = plan ? this.candidates(info, plan) : this.store.scan(info.name)
    const test = compileQuery(query)
    const out: Match[] = []
    for (const row of rows) {
      const doc = parseStored(row.body)
      if (test(doc)) out.push({ row, doc })
    }
    return out
  }

  /** The rows a plan points at (a superset of the matches: the query still filters them). */
  private candidates(info: CollectionInfo, plan: Exclude<Plan, null>): Row[] {
    if (plan.kind === 'ids') {
      const ids = plan.ids.filter(isDocId)
      return ids.length === 1
        ? [this.store.getById(info.name, ids[0])].filter((r): r is Row => !!r)
        : this.store.getByIds(info.name, ids)
    }
    if (plan.kind === 'field') return this.store.getByField(info.name, plan.field, plan.values)
    // A document several branches point at is read once, in storage order like a scan.
    const byRid = new Map<number, Row>()
    for (const sub of plan.plans) for (const row of this.candidates(info, sub)) byRid.set(row.rid, row)
    return [...byRid.values()].sort((a, b) => a.rid - b.rid)
  }

  private getDocument(p: Params, now: number): Reply {
    const info = this.collection(p)
    const query = this.query(p, now)
    const limitParam = this.int(p, 'limit', 0)
    const limit = limitParam === 0 ? DEFAULT_LIMIT : Math.min(limitParam, MAX_LIMIT)
    const offset = this.int(p, 'offset', 0)
    const order = p.order === undefined || p.order === '' ? undefined : parseObject(p.order, 'order', { now })
    const projection =
      p.projection === undefined || p.projection === '' ? undefined : parseObject(p.projection, 'projection', { now })
    if (order) {
      for (const v of Object.values(order))
        if (v !== 1 && v !== -1) throw invalidParam('order directions must be 1 or -1')
    }

    const tx = this.tx(p)
    if (tx) {
      const doc = this.txView(tx, info, this.singleId(query))
      const list = doc && compileQuery(query)(doc) ? [projection ? project(doc, projection) : doc] : []
      return { data: { list: list.map(stringifyDoc) } }
    }

    const found = this.matches(info, query)
    if (!order && !projection) {
      // Stored bodies are already canonical EJSON: reply them as they are.
      return { data: { list: found.slice(offset, offset + limit).map(m => m.row.body) } }
    }
    const list = page(
      found.map(m => m.doc),
      { order, offset, limit, projection }
    )
    return { data: { list: list.map(stringifyDoc) } }
  }

  private countDocuments(p: Params, now: number): Reply {
    const info = this.collection(p)
    const query = this.query(p, now)
    const total = Object.keys(query).length === 0 ? this.store.count(info.name) : this.matches(info, query).length
    return { data: { total } }
  }

  private aggregateDocuments(p: Params, now: number): Reply {
    const info = this.collection(p)
    if (!Array.isArray(p.stages)) throw invalidParam('stages must be an array')
    const pipeline = p.stages.map((s: unknown) => {
      if (!isPlainObject(s) || typeof s.stageKey !== 'string')
        throw invalidParam('each stage needs a stageKey and a stageValue')
      return { [s.stageKey]: parseEjson(s.stageValue, `stage ${s.stageKey}`, { now, regexToJs: true }) }
    })
    // A leading $match can use an index; the stage itself still runs over the candidates.
    const first = pipeline[0]?.$match
    const docs = isPlainObject(first)
      ? this.matches(info, first).map(m => m.doc)
      : this.store.scan(info.name).map(r => parseStored(r.body))
    // A $lookup whose sub-pipeline starts with a $match gets only the documents that match its plain
    // conditions (an `$expr` on `let` variables aside: withoutExpr), found by index as MongoDB would,
    // instead of a parse of the whole joined collection on every call (the enrolment rush joins a
    // child to its term, in the caller's own community: an `$expr` beside the `_id`). The whole
    // $match still runs first inside the sub-pipeline, so the answer is unchanged.
    const joined = new Map<string, Doc[]>()
    const stages = pipeline.map((stage, i) => {
      const l = stage.$lookup
      if (!isPlainObject(l) || typeof l.from !== 'string' || !Array.isArray(l.pipeline)) return stage
      const match = (l.pipeline[0] as Doc | undefined)?.$match
      const other = this.store.collection(l.from)
      const pre = isPlainObject(match) ? withoutExpr(match) : null
      if (!other || !pre) return stage
      const key = `\u0000lookup:${i}`
      joined.set(
        key,
        this.matches(other, pre).map(m => m.doc)
      )
      return { $lookup: { ...l, from: key } }
    })
    const resolve = (name: string): Doc[] => {
      const pre = joined.get(name)
      if (pre) return pre
      const other = typeof name === 'string' ? this.store.collection(name) : undefined
      return other ? this.store.scan(other.name).map(r => parseStored(r.body)) : []
    }
    // A $lookup by localField/foreignField on an indexed foreign field (or _id) reads, by index,
    // only the foreign documents equal to a value the documents reaching it hold, as MongoDB
    // serves that equality from the index; the stages before it run first to know those values.
    // community.home joins six collections this way: a parse of every user and member per call
    // before. The lookup itself still runs over what was read, so the answer is unchanged.
    let rows = docs
    let segment: Doc[] = []
    for (const [i, stage] of stages.entries()) {
      const l = stage.$lookup
      const other = isPlainObject(l) && typeof l.from === 'string' ? this.store.collection(l.from) : undefined
      if (
        other &&
        isPlainObject(l) &&
        l.pipeline === undefined &&
        typeof l.localField === 'string' &&
        typeof l.foreignField === 'string' &&
        (l.foreignField === '_id' || other.fieldSet.has(l.foreignField))
      ) {
        if (segment.length > 0) rows = aggregate(rows, segment, resolve)
        segment = []
        const values = joinValues(rows, l.localField, l.foreignField === '_id')
        if (values) {
          const key = `\u0000join:${i}`
          joined.set(
            key,
            values.length === 0 ? [] : this.matches(other, { [l.foreignField]: { $in: values } }).map(m => m.doc)
          )
          segment.push({ $lookup: { ...l, from: key } })
          continue
        }
      }
      segment.push(stage)
    }
    if (segment.length > 0) rows = aggregate(rows, segment, resolve)
    return { data: { list: rows.map(stringifyDoc) } }
  }

  private addCollection(p: Params): Reply {
    const name = p.collectionName
    if (typeof name !== 'string' || !COLLECTION_NAME.test(name)) {
      throw invalidParam('collectionName must be 1-64 letters, digits, "_" or "-"')
    }
    if (!this.store.createCollection(name)) {
      throw new DbError('DATABASE_COLLECTION_ALREADY_EXIST', `collection ${name} already exists`)
    }
    return {}
  }

  // ---- plain writes ---------------------------------------------------------------------------

  /**
   * Runs a write. Inside a transaction it goes to the transaction; otherwise, if a document it
   * would touch is locked by a transaction, it waits for that transaction to end (like MongoDB)
   * and runs again, giving up with a conflict after `lockWaitMs`.
   */
  private async write(p: Params, run: () => Reply): Promise<Reply> {
    const deadline = Date.now() + this.opts.lockWaitMs
    for (;;) {
      try {
        return run()
      } catch (err) {
        if (!(err instanceof Locked)) throw err
        const left = deadline - Date.now()
        if (left <= 0) throw conflict('the document is locked by a transaction')
        let timer: NodeJS.Timeout | undefined
        await Promise.race([
          err.tx.done,
          new Promise(resolve => {
            timer = setTimeout(resolve, left)
          })
        ])
        clearTimeout(timer)
      }
    }
  }

  private checkUnlocked(coll: string, ids: DocId[]): void {
    for (const id of ids) {
      const owner = this.txs.lockedBy(docKey(coll, id))
      if (owner) throw new Locked(owner)
    }
  }

  private parseDocs(p: Params, now: number): Doc[] {
    const raw = typeof p.data === 'string' ? [p.data] : p.data
    if (!Array.isArray(raw) || raw.length === 0) throw invalidParam('data must be a non-empty array of EJSON documents')
    if (raw.length > MAX_INSERT) throw invalidParam(`at most ${MAX_INSERT} documents per insert`)
    return raw.map((text, i) => {
      const doc = parseObject(text, `data[${i}]`, { now })
      if (doc._id === undefined) return { _id: newDocId(), ...doc }
      if (!isDocId(doc._id)) throw invalidParam('_id must be a non-empty string or a number')
      return doc
    })
  }

  private insertDocument(p: Params, now: number): Reply {
    const info = this.collection(p)
    const docs = this.parseDocs(p, now)
    const tx = this.tx(p)
    if (tx) {
      for (const doc of docs) {
        const id = doc._id as DocId
        if (this.txView(tx, info, id)) throw duplicateId(info.name, id)
        this.txWrite(tx, info, id, doc)
      }
      return { data: { insertedIds: docs.map(d => d._id) } }
    }
    this.checkUnlocked(
      info.name,
      docs.map(d => d._id as DocId)
    )
    this.store.atomically(() => {
      for (const doc of docs) this.store.insert(info, doc, stringifyDoc(doc))
    })
    return { data: { insertedIds: docs.map(d => d._id) } }
  }

  /** The update document: operators as sent; bare fields (never sent by the SDK) mean $set. */
  private updateSpec(p: Params, now: number, merge: boolean): Doc {
    const data = parseObject(p.data, 'data', { now })
    const bare = Object.keys(data).filter(k => !k.startsWith('$'))
    if (!merge) {
      if (bare.length !== Object.keys(data).length)
        throw invalidParam('a replacement document cannot contain update operators')
      return data
    }
    if (bare.length === 0) return data
    const spec: Doc = {}
    for (const [k, v] of Object.entries(data)) {
      if (k.startsWith('$')) spec[k] = v
      else spec.$set = { ...(spec.$set as Doc | undefined), [k]: v }
    }
    return spec
  }

  /** The next body of a document (`current` null = absent) under a replace or an update. */
  private nextDoc(current: Doc | null, id: DocId, spec: Doc, merge: boolean): Doc {
    if (!merge) return { ...spec, _id: id }
    const next = current ?? { _id: id }
    applyUpdate(next, spec)
    return next
  }

  private modifyDocument(p: Params, now: number, returnDoc: boolean): Reply {
    const info = this.collection(p)
    const query = this.query(p, now)
    const merge = returnDoc ? true : this.flag(p, 'merge', true)
    const upsert = returnDoc ? false : this.flag(p, 'upsert', false)
    const multi = returnDoc ? false : this.flag(p, 'multi', true) && merge
    const spec = this.updateSpec(p, now, merge)
    const tx = this.tx(p)
    if (tx) return this.txModify(tx, info, query, spec, merge, upsert, returnDoc)

    const found = this.matches(info, query)
    const targets = multi ? found : found.slice(0, 1)
    if (targets.length === 0) {
      if (!upsert) return { data: returnDoc ? { updated: 0, doc: null } : { updated: 0 } }
      const id = isDocId(query._id) ? query._id : newDocId()
      this.checkUnlocked(info.name, [id])
      const doc = this.nextDoc(null, id, spec, merge)
      this.store.atomically(() => this.store.insert(info, doc, stringifyDoc(doc)))
      return { data: { updated: 0, upsert_id: id } }
    }
    this.checkUnlocked(
      info.name,
      targets.map(t => t.doc._id as DocId)
    )
    let updated = 0
    let last: string | null = null
    this.store.atomically(() => {
      for (const { row, doc } of targets) {
        // Parse again: `doc` is the old state the index maintenance compares against.
        const next = this.nextDoc(parseStored(row.body), doc._id as DocId, spec, merge)
        const body = stringifyDoc(next)
        last = body
        if (body === row.body) continue // MongoDB counts modified documents only
        this.store.replace(info, doc, next, body)
        updated++
      }
    })
    return { data: returnDoc ? { updated, doc: last } : { updated } }
  }

  private removeDocument(p: Params, now: number): Reply {
    const info = this.collection(p)
    const query = this.query(p, now)
    const multi = this.flag(p, 'multi', true)
    const tx = this.tx(p)
    if (tx) {
      const id = this.singleId(query)
      const current = this.txView(tx, info, id)
      if (!current || !compileQuery(query)(current)) return { data: { deleted: 0 } }
      this.txWrite(tx, info, id, null)
      return { data: { deleted: 1 } }
    }
    const found = this.matches(info, query)
    const targets = multi ? found : found.slice(0, 1)
    this.checkUnlocked(
      info.name,
      targets.map(t => t.doc._id as DocId)
    )
    this.store.atomically(() => {
      for (const t of targets) this.store.remove(info, t.doc._id as DocId)
    })
    return { data: { deleted: targets.length } }
  }

  // ---- transactions ---------------------------------------------------------------------------

  /** Transactions take single-document operations only: the query must be `{ _id }`. */
  private singleId(query: Doc): DocId {
    const keys = Object.keys(query)
    const id = isPlainObject(query._id) && Object.keys(query._id).length === 1 ? query._id.$eq : query._id
    if (keys.length !== 1 || !isDocId(id)) {
      throw invalidParam('transactions support single-document operations (doc(id)) only, not where()')
    }
    return id
  }

  /** What `tx` sees of a document: its own write, else the committed state at first access. */
  private txView(tx: Tx, info: CollectionInfo, id: DocId): Doc | null {
    const key = docKey(info.name, id)
    const own = tx.writes.get(key)
    if (own) return own.doc === null ? null : parseStored(stringifyDoc(own.doc))
    let base = tx.base.get(key)
    if (!base) {
      const row = this.store.getById(info.name, id)
      base = { coll: info.name, id, ver: row?.ver ?? 0, doc: row ? parseStored(row.body) : null }
      tx.base.set(key, base)
    }
    // A copy, so a caller that mutates it cannot change the snapshot.
    return base.doc === null ? null : parseStored(stringifyDoc(base.doc))
  }

  /** Records a write of `tx`: takes the lock; refuses if someone committed since tx read it. */
  private txWrite(tx: Tx, info: CollectionInfo, id: DocId, doc: Doc | null): void {
    const key = docKey(info.name, id)
    this.txView(tx, info, id) // make sure the base version is recorded
    this.txs.lock(tx, key)
    const base = tx.base.get(key)
    if (base && (this.store.getById(info.name, id)?.ver ?? 0) !== base.ver) {
      this.txs.end(tx)
      throw conflict('the document was changed after this transaction read it')
    }
    tx.writes.set(key, { coll: info.name, id, doc })
  }

  private txModify(
    tx: Tx,
    info: CollectionInfo,
    query: Doc,
    spec: Doc,
    merge: boolean,
    upsert: boolean,
    returnDoc: boolean
  ): Reply {
    const id = this.singleId(query)
    const current = this.txView(tx, info, id)
    const matched = current !== null && compileQuery(query)(current)
    if (!matched && !upsert) return { data: returnDoc ? { updated: 0, doc: null } : { updated: 0 } }
    const before = matched ? stringifyDoc(current) : null
    const next = this.nextDoc(matched ? current : null, id, spec, merge)
    const body = stringifyDoc(next)
    if (body !== before) this.txWrite(tx, info, id, next)
    const updated = matched && body !== before ? 1 : 0
    if (returnDoc) return { data: { updated, doc: body } }
    return { data: matched ? { updated } : { updated: 0, upsert_id: id } }
  }

  /** Aborting is idempotent: the SDK rolls back after a conflict that already ended the transaction. */
  private abort(id: unknown): Reply {
    if (typeof id !== 'string' || id === '') throw invalidParam('transactionId is required')
    try {
      this.txs.end(this.txs.get(id))
    } catch (err) {
      if (!(err instanceof DbError) || err.code !== 'DATABASE_TRANSACTION_FAIL') throw err
    }
    return {}
  }

  private commit(tx: Tx): Reply {
    try {
      this.store.atomically(() => {
        for (const w of tx.writes.values()) {
          const base = tx.base.get(docKey(w.coll, w.id))
          const row = this.store.getById(w.coll, w.id)
          if ((row?.ver ?? 0) !== (base?.ver ?? 0))
            throw conflict('a document changed before the transaction committed')
          const info = this.store.collection(w.coll)
          if (!info) throw collectionNotExist(w.coll)
          if (w.doc === null) {
            if (row) this.store.remove(info, w.id)
          } else if (row) {
            this.store.replace(info, parseStored(row.body), w.doc, stringifyDoc(w.doc))
          } else {
            this.store.insert(info, w.doc, stringifyDoc(w.doc))
          }
        }
      })
    } finally {
      this.txs.end(tx)
    }
    return {}
  }
}

/**
 * The values `path` holds across `docs` (indexes.ts `valuesAt`: through arrays, an array giving its
 * elements), or null when a document holds one no index lists (an object), or none or null there:
 * MongoDB joins a missing or null localField to the documents where foreignField is null or
 * missing, which only a scan finds. Every document has an _id (the local cloud takes no other), so
 * `onId` skips those.
 */
function joinValues(docs: Doc[], path: string, onId: boolean): IndexValue[] | null {
  const out = new Set<IndexValue>()
  for (const doc of docs) {
    for (const v of valuesAt(doc, path.split('.'))) {
      // undefined: missing; a symbol: an empty array (valuesAt's marker).
      if (isIndexValue(v)) out.add(v)
      else if (!onId || !(v === null || v === undefined || typeof v === 'symbol')) return null
    }
  }
  return [...out]
}

/**
 * A lookup's first `$match` without its `$expr` parts: a condition every document the whole match keeps also meets,
 * to read by index before the sub-pipeline runs (aggregateDocuments). null when nothing but `$expr` is left.
 */
function withoutExpr(match: Doc): Doc | null {
  const hasExpr = (v: unknown): boolean => JSON.stringify(v).includes('"$expr"')
  if (!hasExpr(match)) return match
  const out: Doc = {}
  for (const [k, v] of Object.entries(match)) {
    if (k === '$expr') continue
    if (k === '$and' && Array.isArray(v)) {
      const plain = v.filter(part => isPlainObject(part) && !hasExpr(part))
      if (plain.length > 0) out.$and = plain
      continue
    }
    if (hasExpr(v)) return null // an $expr deeper (inside $or): keep the whole scan
    out[k] = v
  }
  return Object.keys(out).length > 0 ? out : null
}
