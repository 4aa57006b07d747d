/**
 * SQLite storage of the local CloudBase database (better-sqlite3, synchronous).
 *
 * Durability: WAL with synchronous=NORMAL. A commit returns after its frames are written to the
 * WAL file (in the OS page cache), so a SIGKILL of this process loses nothing acknowledged; only
 * an OS crash / power cut may drop the last commits (never corrupting the file). That is the
 * failure the local cloud must survive; FULL would fsync every commit and cost ~0.25 ms of the
 * single event loop per write on this class of machine.
 *
 * Schema (one file, `db.sqlite`, under the data directory):
 *   collections(name, indexes JSON)     the collections that exist and their indexes
 *   docs(rid, coll, id, ver, body)      body = canonical EJSON; ver = global write sequence
 *   fidx(coll, field, val, id)          equality index of every indexed field (multikey)
 *   uidx(coll, idx, key, id)            one row per unique-index key; its PK rejects duplicates
 * `id` and `val` have no declared type, so 5 and "5" stay distinct like in MongoDB.
 */
import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import type { IndexSpec } from '../../server/db/collections'
import { DbError, duplicateId } from './errors'
import { parseStored, type Doc } from './ejson'
import { fieldEntries, uniqueKeys, type DocId, type IndexValue } from './indexes'

/** The `dir` of a database that lives in memory only and is gone when closed. */
export const MEMORY = ':memory:'

export interface Row {
  rid: number
  id: DocId
  ver: number
  body: string
}

export interface CollectionInfo {
  name: string
  indexes: IndexSpec[]
  /** Every field named by an index (any position), kept in `fidx`. */
  fields: string[]
  fieldSet: ReadonlySet<string>
  uniques: IndexSpec[]
}

const describe = (name: string, indexes: IndexSpec[]): CollectionInfo => {
  const fields = [...new Set(indexes.flatMap(i => Object.keys(i.keys)))].filter(f => f !== '_id')
  return { name, indexes, fields, fieldSet: new Set(fields), uniques: indexes.filter(i => i.unique) }
}

export class SqliteStore {
  private readonly db: Database.Database
  private readonly colls = new Map<string, CollectionInfo>()
  private seq: number
  /** Documents parsed from storage: tests use it to prove that an indexed lookup does not scan. */
  docsExamined = 0

  private readonly st: {
    insertColl: Database.Statement
    getById: Database.Statement
    getByIds: Database.Statement
    getByField: Database.Statement
    scan: Database.Statement
    count: Database.Statement
    insertDoc: Database.Statement
    updateDoc: Database.Statement
    deleteDoc: Database.Statement
    insertF: Database.Statement
    deleteF: Database.Statement
    insertU: Database.Statement
    deleteU: Database.Statement
    ownerU: Database.Statement
  }

  /** `dir` ':memory:' keeps the database in memory (use-case specs: test/support/in-memory-db.ts). */
  constructor(dir: string) {
    if (dir === MEMORY) {
      this.db = new Database(':memory:')
    } else {
      mkdirSync(dir, { recursive: true })
      this.db = new Database(path.join(dir, 'db.sqlite'))
      this.db.pragma('journal_mode = WAL')
      this.db.pragma('synchronous = NORMAL')
    }
    this.db.pragma('foreign_keys = OFF')
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS collections (name TEXT PRIMARY KEY, indexes TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS docs (
        rid INTEGER PRIMARY KEY, coll TEXT NOT NULL, id NOT NULL, ver INTEGER NOT NULL, body TEXT NOT NULL,
        UNIQUE (coll, id));
      CREATE INDEX IF NOT EXISTS docs_by_coll ON docs (coll, rid);
      CREATE TABLE IF NOT EXISTS fidx (coll TEXT NOT NULL, field TEXT NOT NULL, val, id NOT NULL,
        PRIMARY KEY (coll, field, val, id)) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS fidx_by_doc ON fidx (coll, id);
      CREATE TABLE IF NOT EXISTS uidx (coll TEXT NOT NULL, idx TEXT NOT NULL, key TEXT NOT NULL, id NOT NULL,
        PRIMARY KEY (coll, idx, key)) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS uidx_by_doc ON uidx (coll, id);
    `)
    const db = this.db
    this.st = {
      insertColl: db.prepare('INSERT OR REPLACE INTO collections (name, indexes) VALUES (?, ?)'),
      getById: db.prepare('SELECT rid, id, ver, body FROM docs WHERE coll = ? AND id = ?'),
      // No ORDER BY in the two lookups below: it tempts SQLite into walking docs_by_coll (the
      // whole collection) to skip a sort. Callers sort the few rows by rid instead.
      getByIds: db.prepare(
        'SELECT rid, id, ver, body FROM docs WHERE coll = ? AND id IN (SELECT value FROM json_each(?))'
      ),
      getByField:
        db.prepare(`SELECT d.rid, d.id, d.ver, d.body FROM fidx f JOIN docs d ON d.coll = f.coll AND d.id = f.id
        WHERE f.coll = ? AND f.field = ? AND f.val IN (SELECT value FROM json_each(?))`),
      scan: db.prepare('SELECT rid, id, ver, body FROM docs WHERE coll = ? ORDER BY rid'),
      count: db.prepare('SELECT count(*) AS n FROM docs WHERE coll = ?'),
      insertDoc: db.prepare('INSERT INTO docs (coll, id, ver, body) VALUES (?, ?, ?, ?)'),
      updateDoc: db.prepare('UPDATE docs SET ver = ?, body = ? WHERE coll = ? AND id = ?'),
      deleteDoc: db.prepare('DELETE FROM docs WHERE coll = ? AND id = ?'),
      insertF: db.prepare('INSERT OR IGNORE INTO fidx (coll, field, val, id) VALUES (?, ?, ?, ?)'),
      deleteF: db.prepare('DELETE FROM fidx WHERE coll = ? AND id = ?'),
      insertU: db.prepare('INSERT INTO uidx (coll, idx, key, id) VALUES (?, ?, ?, ?)'),
      deleteU: db.prepare('DELETE FROM uidx WHERE coll = ? AND id = ?'),
      ownerU: db.prepare('SELECT id FROM uidx WHERE coll = ? AND idx = ? AND key = ?')
    }
    this.seq = (db.prepare('SELECT max(ver) AS v FROM docs').get() as { v: number | null }).v ?? 0
    for (const row of db.prepare('SELECT name, indexes FROM collections').all() as Array<{
      name: string
      indexes: string
    }>) {
      this.colls.set(row.name, describe(row.name, JSON.parse(row.indexes) as IndexSpec[]))
    }
  }

  close(): void {
    if (this.db.open) this.db.close()
  }

  /** Runs `fn` in one SQLite transaction: every write of a request commits or none does. */
  atomically<T>(fn: () => T): T {
    return this.db.transaction(fn)()
  }

  collection(name: string): CollectionInfo | undefined {
    return this.colls.get(name)
  }

  /** Creates a collection; false when it already exists. */
  createCollection(name: string): boolean {
    if (this.colls.has(name)) return false
    this.st.insertColl.run(name, '[]')
    this.colls.set(name, describe(name, []))
    return true
  }

  /**
   * Creates a declared collection or brings its indexes up to date. A changed index set rebuilds
   * the side tables from the documents; a unique index that existing data violates fails the open.
   */
  declareCollection(name: string, indexes: IndexSpec[]): void {
    const current = this.colls.get(name)
    const json = JSON.stringify(indexes)
    if (current && JSON.stringify(current.indexes) === json) return
    const info = describe(name, indexes)
    this.atomically(() => {
      this.st.insertColl.run(name, json)
      if (!current) return
      this.db.prepare('DELETE FROM fidx WHERE coll = ?').run(name)
      this.db.prepare('DELETE FROM uidx WHERE coll = ?').run(name)
      for (const row of this.st.scan.all(name) as Row[]) {
        this.writeIndexEntries(info, row.id, parseStored(row.body), true)
      }
    })
    this.colls.set(name, info)
  }

  private rows(stmt: Database.Statement, ...args: unknown[]): Row[] {
    const rows = stmt.all(...args) as Row[]
    this.docsExamined += rows.length
    return rows
  }

  /** Rows in natural (insertion) order, each once (a multikey lookup can meet a doc twice). */
  private ordered(rows: Row[]): Row[] {
    const seen = new Set<number>()
    return rows.filter(r => !seen.has(r.rid) && seen.add(r.rid)).sort((a, b) => a.rid - b.rid)
  }

  /** SQLite's plans for the indexed lookups (tests check that they never scan `docs`). */
  lookupPlans(): string[] {
    const explain = (stmt: Database.Statement, ...args: unknown[]): string =>
      (this.db.prepare(`EXPLAIN QUERY PLAN ${stmt.source}`).all(...args) as Array<{ detail: string }>)
        .map(r => r.detail)
        .join('; ')
    return [
      explain(this.st.getById, 'c', 'x'),
      explain(this.st.getByIds, 'c', '["x"]'),
      explain(this.st.getByField, 'c', 'f', '["x"]')
    ]
  }

  getById(coll: string, id: DocId): Row | undefined {
    const row = this.st.getById.get(coll, id) as Row | undefined
    if (row) this.docsExamined++
    return row
  }

  getByIds(coll: string, ids: DocId[]): Row[] {
    return this.ordered(this.rows(this.st.getByIds, coll, JSON.stringify(ids)))
  }

  getByField(coll: string, field: string, values: IndexValue[]): Row[] {
    return this.ordered(this.rows(this.st.getByField, coll, field, JSON.stringify(values)))
  }

  scan(coll: string): Row[] {
    return this.rows(this.st.scan, coll)
  }

  count(coll: string): number {
    return (this.st.count.get(coll) as { n: number }).n
  }

  /** Inserts a document; its `_id` must be new. Returns the new version. */
  insert(info: CollectionInfo, doc: Doc, body: string): number {
    const id = doc._id as DocId
    const ver = ++this.seq
    try {
      this.st.insertDoc.run(info.name, id, ver, body)
    } catch (err) {
      if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
        throw duplicateId(info.name, id)
      }
      throw err
    }
    this.writeIndexEntries(info, id, doc, false)
    return ver
  }

  /** Replaces a stored document's body (same `_id`). Returns the new version. */
  replace(info: CollectionInfo, oldDoc: Doc, doc: Doc, body: string): number {
    const id = doc._id as DocId
    const ver = ++this.seq
    this.st.updateDoc.run(ver, body, info.name, id)
    if (info.indexes.length > 0 && indexKeysChanged(info, oldDoc, doc)) {
      this.clearIndexEntries(info, id)
      this.writeIndexEntries(info, id, doc, false)
    }
    return ver
  }

  remove(info: CollectionInfo, id: DocId): void {
    this.st.deleteDoc.run(info.name, id)
    if (info.indexes.length > 0) this.clearIndexEntries(info, id)
  }

  private clearIndexEntries(info: CollectionInfo, id: DocId): void {
    this.st.deleteF.run(info.name, id)
    if (info.uniques.length > 0) this.st.deleteU.run(info.name, id)
  }

  private writeIndexEntries(info: CollectionInfo, id: DocId, doc: Doc, building: boolean): void {
    for (const [field, val] of fieldEntries(doc, info.fields)) this.st.insertF.run(info.name, field, val, id)
    for (const index of info.uniques) {
      for (const key of uniqueKeys(doc, index)) {
        try {
          this.st.insertU.run(info.name, index.name, key, id)
        } catch (err) {
          if ((err as { code?: string }).code !== 'SQLITE_CONSTRAINT_PRIMARYKEY') throw err
          const owner = (this.st.ownerU.get(info.name, index.name, key) as { id: DocId } | undefined)?.id
          const message =
            `duplicate key on unique index ${info.name}.${index.name}: ${key}` +
            (owner !== undefined ? ` (already used by _id ${JSON.stringify(owner)})` : '')
          if (building) throw new Error(`cannot build ${message}`)
          throw new DbError('DATABASE_DUPLICATE_WRITE', message)
        }
      }
    }
  }
}

function indexKeysChanged(info: CollectionInfo, a: Doc, b: Doc): boolean {
  if (JSON.stringify(fieldEntries(a, info.fields)) !== JSON.stringify(fieldEntries(b, info.fields))) return true
  return info.uniques.some(i => uniqueKeys(a, i).join('\n') !== uniqueKeys(b, i).join('\n'))
}
