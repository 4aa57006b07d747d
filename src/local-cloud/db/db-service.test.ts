import { EJSON } from 'bson'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { CollectionSpec } from '../../server/db/collections'
import type { DbService } from '../contracts'
import type { DbServiceImpl } from './db-service'
import { openDb } from './index'

const enc = (v: unknown): string => EJSON.stringify(v as object, { relaxed: false })
const dec = (s: string): Record<string, unknown> => EJSON.parse(s) as Record<string, unknown>

const specs: CollectionSpec[] = [
  { name: 'users', indexes: [{ name: 'phone', keys: { phone: 1 } }] },
  { name: 'households', indexes: [{ name: 'bindCode', keys: { bindCode: 1 }, unique: true }] },
  { name: 'plain', indexes: [] }
]

let dir: string
let db: DbService
const open = (extra: Partial<{ txTimeoutMs: number; lockWaitMs: number }> = {}, collections = specs): DbService =>
  openDb({ dir, collections, ...extra })
const call = async (action: string, p: Record<string, unknown> = {}): Promise<Record<string, any>> =>
  await db.handle({ action: `database.${action}`, ...p }, 'req-1')
const insert = async (
  coll: string,
  docs: unknown[],
  extra: Record<string, unknown> = {}
): Promise<Record<string, any>> => await call('insertDocument', { collectionName: coll, data: docs.map(enc), ...extra })
const find = async (
  coll: string,
  query: unknown = {},
  extra: Record<string, unknown> = {}
): Promise<Array<Record<string, unknown>>> => {
  const r = await call('getDocument', { collectionName: coll, queryType: 'WHERE', query: enc(query), ...extra })
  if (r.code) throw new Error(`${r.code as string}: ${r.message as string}`)
  return (r.data.list as string[]).map(dec)
}
const examined = (): number => (db as DbServiceImpl).docsExamined

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'linli-db-'))
  db = open()
})
afterEach(() => {
  db.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('indexed lookups', () => {
  beforeEach(async () => {
    await insert(
      'users',
      Array.from({ length: 1000 }, (_, i) => ({ _id: `u${i}`, phone: `138${i}`, name: `n${i % 10}` }))
    )
  })

  it('joins a $lookup whose sub-pipeline starts with a plain $match from that match alone', async () => {
    const aggregate = async (lookup: Record<string, unknown>): Promise<unknown[]> => {
      const stages = [{ $match: { _id: 'u1' } }, { $lookup: lookup }, { $project: { other: 1 } }]
      const encoded = stages.map(st => ({
        stageKey: Object.keys(st)[0],
        stageValue: JSON.stringify(Object.values(st)[0])
      }))
      const r = await call('aggregateDocuments', { collectionName: 'users', stages: encoded })
      return (r.data.list as string[]).map(dec)
    }
    let before = examined()
    const plain = await aggregate({ from: 'users', let: {}, pipeline: [{ $match: { _id: 'u42' } }], as: 'other' })
    expect(plain).toEqual([{ _id: 'u1', other: [{ _id: 'u42', phone: '13842', name: 'n2' }] }])
    expect(examined() - before).toBe(2) // u1 and u42, not the 1,000
    // With $expr the match depends on the joining document: the whole collection, still right.
    before = examined()
    const byId = [{ $match: { $expr: { $eq: ['$_id', '$$id'] } } }]
    const expr = await aggregate({ from: 'users', let: { id: '$_id' }, pipeline: byId, as: 'other' })
    expect(expr).toEqual([{ _id: 'u1', other: [{ _id: 'u1', phone: '1381', name: 'n1' }] }])
    expect(examined() - before).toBeGreaterThan(1000)
    // An $expr beside plain conditions (a join in the caller's own community): read by the plain ones, then
    // the whole match decides. u42's name is n2, so the $expr against the joining u1's n1 leaves none.
    before = examined()
    const beside = (name: string): unknown[] => [
      { $match: { $and: [{ _id: 'u42' }, { $expr: { $eq: ['$name', name] } }] } }
    ]
    const same = await aggregate({ from: 'users', let: { n: '$name' }, pipeline: beside('$$n'), as: 'other' })
    expect(same).toEqual([{ _id: 'u1', other: [] }])
    const other = await aggregate({ from: 'users', let: {}, pipeline: beside('n2'), as: 'other' })
    expect(other).toEqual([{ _id: 'u1', other: [{ _id: 'u42', phone: '13842', name: 'n2' }] }])
    expect(examined() - before).toBe(4) // u1 and u42, twice
  })

  it('joins a $lookup by localField/foreignField on _id or an indexed field from the values that reach it', async () => {
    await insert('plain', [
      { _id: 'p1', userId: 'u7', phone: '13842' },
      { _id: 'p2', userId: ['u3', 'u9'], phone: '1385' },
      { _id: 'p3', owner: { ids: ['u5'] } },
      { _id: 'p4', userId: null },
      { _id: 'p5' }
    ])
    const aggregate = async (match: unknown, lookup: Record<string, unknown>): Promise<unknown[]> => {
      const stages = [{ $match: match }, { $lookup: { from: 'users', as: 'found', ...lookup } }]
      const encoded = stages.map(st => ({
        stageKey: Object.keys(st)[0],
        stageValue: JSON.stringify(Object.values(st)[0])
      }))
      const r = await call('aggregateDocuments', { collectionName: 'plain', stages: encoded })
      return (r.data.list as string[]).map(dec).map(d => [d._id, (d.found as Array<{ _id: string }>).map(f => f._id)])
    }
    const byId = { localField: 'userId', foreignField: '_id' }
    let before = examined()
    // A scalar, an array (each element), and a path through an object: only those users are read.
    expect(await aggregate({ _id: { $in: ['p1', 'p2'] } }, byId)).toEqual([
      ['p1', ['u7']],
      ['p2', ['u3', 'u9']]
    ])
    expect(examined() - before).toBe(2 + 3)
    before = examined()
    expect(await aggregate({ _id: 'p3' }, { localField: 'owner.ids', foreignField: '_id' })).toEqual([['p3', ['u5']]])
    expect(examined() - before).toBe(1 + 1)
    before = examined()
    expect(await aggregate({ _id: 'p1' }, { localField: 'phone', foreignField: 'phone' })).toEqual([['p1', ['u42']]])
    expect(examined() - before).toBe(1 + 1)
    // Every document has an _id: a null or missing localField joins none by _id, and reads none.
    before = examined()
    expect(await aggregate({ _id: { $in: ['p4', 'p5'] } }, byId)).toEqual([
      ['p4', []],
      ['p5', []]
    ])
    expect(examined() - before).toBe(2)
    // On another field it joins the users without that field (MongoDB's rule), which no index
    // lists: it reads them all, and answers as before.
    before = examined()
    expect(await aggregate({ _id: 'p5' }, { localField: 'phone', foreignField: 'phone' })).toEqual([['p5', []]])
    expect(examined() - before).toBeGreaterThan(1000)
    // A field without an index: read in full, the same answer.
    expect(await aggregate({ _id: 'p1' }, { localField: 'phone', foreignField: 'name' })).toEqual([['p1', []]])
  })

  it('reads only the matching documents for an equality on an indexed field', async () => {
    const before = examined()
    expect(await find('users', { phone: '13842' })).toEqual([{ _id: 'u42', phone: '13842', name: 'n2' }])
    expect(examined() - before).toBe(1)
  })

  it('reads an $or of indexed branches through the indexes, each document once, in storage order', async () => {
    const before = examined()
    const found = await find('users', { $or: [{ phone: '1387' }, { _id: { $in: ['u3', 'u7'] } }, { phone: '13842' }] })
    expect(found.map(d => d._id)).toEqual(['u3', 'u7', 'u42'])
    expect(examined() - before).toBe(4) // u7 through two branches; nothing else of the 1,000
    // One branch without an index: every document may match, so it scans (and is still right).
    expect(await find('users', { $or: [{ phone: '1387' }, { name: 'n3' }] }, { limit: 1000 })).toHaveLength(101)
  })

  it('reads only the listed documents for _id and _id $in', async () => {
    let before = examined()
    expect(await find('users', { _id: 'u7' })).toHaveLength(1)
    expect(examined() - before).toBe(1)
    before = examined()
    expect((await find('users', { _id: { $in: ['u1', 'u2', 'nope'] } })).map(d => d._id)).toEqual(['u1', 'u2'])
    expect(examined() - before).toBe(2)
  })

  it('keeps the index right across updates and removes', async () => {
    await call('modifyDocument', {
      collectionName: 'users',
      queryType: 'DOC',
      query: enc({ _id: 'u5' }),
      data: enc({ $set: { phone: 'new' } }),
      multi: false,
      merge: true,
      upsert: false
    })
    expect(await find('users', { phone: '1385' })).toEqual([])
    expect((await find('users', { phone: 'new' })).map(d => d._id)).toEqual(['u5'])
    await call('removeDocument', { collectionName: 'users', queryType: 'DOC', query: enc({ _id: 'u5' }), multi: false })
    expect(await find('users', { phone: 'new' })).toEqual([])
  })

  it('lets SQLite answer _id and indexed lookups from its indexes, never by walking docs', () => {
    for (const plan of (db as DbServiceImpl).explainLookups()) {
      expect(plan).toMatch(/SEARCH (docs|d) USING INDEX sqlite_autoindex_docs_1 \(coll=\? AND id=\?\)/)
      expect(plan).not.toMatch(/SCAN (docs|d)\b|docs_by_coll/)
    }
  })

  it('scans (correctly) when no index applies', async () => {
    const before = examined()
    expect(await find('users', { name: 'n3' }, { limit: 1000 })).toHaveLength(100)
    expect(examined() - before).toBe(1000)
  })

  it('builds the side tables of an index declared later, at open', async () => {
    db.close()
    db = open({}, [
      {
        name: 'users',
        indexes: [
          { name: 'phone', keys: { phone: 1 } },
          { name: 'name', keys: { name: 1 } }
        ]
      }
    ])
    const before = examined()
    expect(await find('users', { name: 'n3' }, { limit: 1000 })).toHaveLength(100)
    expect(examined() - before).toBe(100)
  })
})

describe('unique indexes', () => {
  it('rejects a duplicate and leaves the collection unchanged, even in a batch', async () => {
    expect((await insert('households', [{ _id: 'h1', bindCode: 'A' }])).data.insertedIds).toEqual(['h1'])
    const dup = await insert('households', [
      { _id: 'h2', bindCode: 'B' },
      { _id: 'h3', bindCode: 'A' }
    ])
    expect(dup.code).toBe('DATABASE_DUPLICATE_WRITE')
    expect(dup.requestId).toBe('req-1')
    expect((await find('households')).map(d => d._id)).toEqual(['h1'])
  })

  it('rejects an update that would duplicate a key, and a multi-update all-or-nothing', async () => {
    await insert('households', [
      { _id: 'h1', bindCode: 'A', g: 1 },
      { _id: 'h2', bindCode: 'B', g: 1 }
    ])
    const r = await call('modifyDocument', {
      collectionName: 'households',
      queryType: 'WHERE',
      query: enc({ g: 1 }),
      data: enc({ $set: { bindCode: 'Z' } }),
      multi: true,
      merge: true,
      upsert: false
    })
    expect(r.code).toBe('DATABASE_DUPLICATE_WRITE')
    expect((await find('households')).map(d => d.bindCode)).toEqual(['A', 'B'])
  })

  it('treats a missing unique field as null, like MongoDB/CloudBase', async () => {
    expect((await insert('households', [{ _id: 'h1' }])).code).toBeUndefined()
    expect((await insert('households', [{ _id: 'h2' }])).code).toBe('DATABASE_DUPLICATE_WRITE')
  })

  it('rejects a duplicate _id', async () => {
    await insert('plain', [{ _id: 'a' }])
    expect((await insert('plain', [{ _id: 'a' }])).code).toBe('DATABASE_DUPLICATE_WRITE')
    expect((await insert('plain', [{ _id: 5 }, { _id: '5' }])).data.insertedIds).toEqual([5, '5'])
  })
})

describe('persistence', () => {
  it('finds every document after close and reopen', async () => {
    await insert(
      'plain',
      Array.from({ length: 50 }, (_, i) => ({ i, at: new Date(i) }))
    )
    db.close()
    db = open()
    const docs = await find('plain', {}, { limit: 1000 })
    expect(docs).toHaveLength(50)
    expect(docs[49].at).toEqual(new Date(49))
  })
})

describe('transactions', () => {
  const txCall = (action: string, tx: string, p: Record<string, unknown>): Promise<Record<string, any>> =>
    call(action, { collectionName: 'plain', transactionId: tx, ...p })
  const start = async (): Promise<string> => (await call('startTransaction')).transactionId as string
  const setSeats = (tx: string | undefined, id: string, seats: number): Promise<Record<string, any>> =>
    call('modifyDocument', {
      collectionName: 'plain',
      queryType: 'DOC',
      query: enc({ _id: id }),
      data: enc({ $set: { seats } }),
      multi: false,
      merge: true,
      upsert: false,
      ...(tx ? { transactionId: tx } : {})
    })

  beforeEach(async () => {
    await insert('plain', [{ _id: 's', seats: 5 }])
  })

  it('keeps its writes invisible to others until commit', async () => {
    const tx = await start()
    expect((await setSeats(tx, 's', 4)).data.updated).toBe(1)
    const own = await txCall('getDocument', tx, { queryType: 'DOC', query: enc({ _id: 's' }) })
    expect(dec(own.data.list[0]).seats).toBe(4)
    expect((await find('plain', { _id: 's' }))[0].seats).toBe(5)
    expect((await call('commitTransaction', { transactionId: tx })).code).toBeUndefined()
    expect((await find('plain', { _id: 's' }))[0].seats).toBe(4)
  })

  it('discards everything on abort, inserts included', async () => {
    const tx = await start()
    await setSeats(tx, 's', 0)
    await txCall('insertDocument', tx, { data: [enc({ _id: 'new' })] })
    await call('abortTransaction', { transactionId: tx })
    expect((await find('plain')).map(d => [d._id, d.seats])).toEqual([['s', 5]])
    expect((await call('commitTransaction', { transactionId: tx })).code).toBe('DATABASE_TRANSACTION_FAIL')
  })

  it('refuses a second transaction writing the same document', async () => {
    const a = await start()
    const b = await start()
    await setSeats(a, 's', 1)
    expect((await setSeats(b, 's', 2)).code).toBe('DATABASE_TRANSACTION_CONFLICT')
    await call('commitTransaction', { transactionId: a })
    expect((await find('plain', { _id: 's' }))[0].seats).toBe(1)
  })

  it('refuses to write a document someone else changed after the transaction read it', async () => {
    const tx = await start()
    await txCall('getDocument', tx, { queryType: 'DOC', query: enc({ _id: 's' }) })
    await setSeats(undefined, 's', 3)
    expect((await setSeats(tx, 's', 4)).code).toBe('DATABASE_TRANSACTION_CONFLICT')
    expect((await find('plain', { _id: 's' }))[0].seats).toBe(3)
  })

  it('makes a plain write wait for the lock, then apply after commit', async () => {
    const tx = await start()
    await setSeats(tx, 's', 1)
    const plain = call('modifyDocument', {
      collectionName: 'plain',
      queryType: 'WHERE',
      query: enc({ _id: 's' }),
      data: enc({ $inc: { seats: 10 } }),
      multi: true,
      merge: true,
      upsert: false
    })
    await new Promise(resolve => setTimeout(resolve, 30))
    await call('commitTransaction', { transactionId: tx })
    expect((await plain).data.updated).toBe(1)
    expect((await find('plain', { _id: 's' }))[0].seats).toBe(11)
  })

  it('gives up waiting with a conflict, and expires abandoned transactions', async () => {
    db.close()
    db = open({ txTimeoutMs: 300, lockWaitMs: 50 })
    const tx = await start()
    await setSeats(tx, 's', 1)
    expect((await setSeats(undefined, 's', 2)).code).toBe('DATABASE_TRANSACTION_CONFLICT')
    await new Promise(resolve => setTimeout(resolve, 1400))
    expect((await setSeats(undefined, 's', 2)).data.updated).toBe(1)
    expect((await call('commitTransaction', { transactionId: tx })).code).toBe('DATABASE_TRANSACTION_FAIL')
    expect((await find('plain', { _id: 's' }))[0].seats).toBe(2)
  })

  it('accepts single-document operations only', async () => {
    const tx = await start()
    const r = await txCall('getDocument', tx, { queryType: 'WHERE', query: enc({ seats: 5 }) })
    expect(r.code).toBe('INVALID_PARAM')
  })
})

describe('concurrency', () => {
  it('lets exactly 50 of 200 concurrent conditional decrements through', async () => {
    await insert('plain', [{ _id: 'c', seats: 50 }])
    const results = await Promise.all(
      Array.from({ length: 200 }, () =>
        call('modifyDocument', {
          collectionName: 'plain',
          queryType: 'WHERE',
          query: enc({ _id: 'c', seats: { $gt: 0 } }),
          data: enc({ $inc: { seats: -1 } }),
          multi: true,
          merge: true,
          upsert: false
        })
      )
    )
    expect(results.filter(r => r.data?.updated === 1)).toHaveLength(50)
    expect(results.filter(r => r.data?.updated === 0)).toHaveLength(150)
    expect((await find('plain', { _id: 'c' }))[0].seats).toBe(0)
  })
})

describe('bad input', () => {
  it.each([
    ['not an object', 'nope', 'INVALID_PARAM'],
    ['unknown action', { action: 'database.dropEverything' }, 'INVALID_ACTION'],
    ['no action', {}, 'INVALID_ACTION'],
    ['negative limit', { action: 'database.getDocument', collectionName: 'plain', limit: -5 }, 'INVALID_PARAM'],
    ['fractional offset', { action: 'database.getDocument', collectionName: 'plain', offset: 1.5 }, 'INVALID_PARAM'],
    ['non-string collection', { action: 'database.getDocument', collectionName: { $gt: '' } }, 'INVALID_PARAM'],
    ['odd collection name', { action: 'database.getDocument', collectionName: '../etc; drop' }, 'INVALID_PARAM'],
    ['unknown collection', { action: 'database.getDocument', collectionName: 'nope' }, 'DATABASE_COLLECTION_NOT_EXIST'],
    [
      'invalid EJSON',
      { action: 'database.getDocument', collectionName: 'plain', query: '{"a":{"$date":' },
      'INVALID_PARAM'
    ],
    [
      'query not a string',
      { action: 'database.getDocument', collectionName: 'plain', query: { a: 1 } },
      'INVALID_PARAM'
    ],
    [
      'unknown query operator',
      { action: 'database.getDocument', collectionName: 'plain', query: '{"a":{"$foo":1}}' },
      'DATABASE_INVALID_OPERRATOR'
    ],
    [
      '$where',
      { action: 'database.getDocument', collectionName: 'plain', query: '{"$where":"1"}' },
      'DATABASE_INVALID_OPERRATOR'
    ],
    [
      'geo',
      { action: 'database.getDocument', collectionName: 'plain', query: '{"p":{"$geoWithin":{}}}' },
      'DATABASE_INVALID_OPERRATOR'
    ],
    [
      'unknown update operator',
      { action: 'database.modifyDocument', collectionName: 'plain', query: '{}', data: '{"$foo":{"a":1}}' },
      'DATABASE_INVALID_OPERRATOR'
    ],
    [
      'unknown stage',
      {
        action: 'database.aggregateDocuments',
        collectionName: 'plain',
        stages: [{ stageKey: '$out', stageValue: '"x"' }]
      },
      'DATABASE_INVALID_OPERRATOR'
    ],
    [
      'stages not an array',
      { action: 'database.aggregateDocuments', collectionName: 'plain', stages: 'x' },
      'INVALID_PARAM'
    ],
    ['empty insert', { action: 'database.insertDocument', collectionName: 'plain', data: [] }, 'INVALID_PARAM'],
    [
      'bad _id',
      { action: 'database.insertDocument', collectionName: 'plain', data: ['{"_id":{"a":1}}'] },
      'INVALID_PARAM'
    ],
    [
      'multi not boolean',
      { action: 'database.removeDocument', collectionName: 'plain', query: '{}', multi: 'yes' },
      'INVALID_PARAM'
    ],
    [
      'update of _id',
      { action: 'database.modifyDocument', collectionName: 'plain', query: '{}', data: '{"$set":{"_id":"x"}}' },
      'INVALID_PARAM'
    ],
    [
      'prototype pollution',
      { action: 'database.modifyDocument', collectionName: 'plain', query: '{}', data: '{"$set":{"__proto__.x":1}}' },
      'INVALID_PARAM'
    ],
    [
      'unknown transaction',
      { action: 'database.commitTransaction', transactionId: 'nope' },
      'DATABASE_TRANSACTION_FAIL'
    ]
  ])('%s → %s, then a good request works', async (_name, body, code) => {
    await insert('plain', [{ _id: 'ok', a: 1 }])
    const r = await db.handle(body, 'rid')
    expect(r).toEqual({ code, message: expect.any(String), requestId: 'rid' })
    expect(await find('plain')).toEqual([{ _id: 'ok', a: 1 }])
    expect(({} as Record<string, unknown>).x).toBeUndefined()
  })

  it('type errors inside an update fail the request and change nothing', async () => {
    await insert('plain', [
      { _id: 'a', n: 1 },
      { _id: 'b', n: 'text' }
    ])
    const r = await call('modifyDocument', {
      collectionName: 'plain',
      queryType: 'WHERE',
      query: '{}',
      data: enc({ $inc: { n: 1 } }),
      multi: true,
      merge: true,
      upsert: false
    })
    expect(r.code).toBe('DATABASE_REQUEST_FAILED')
    expect((await find('plain')).map(d => d.n)).toEqual([1, 'text'])
  })
})
